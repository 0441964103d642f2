"""The sections of a network's report, as HTML, from the network's synthesis.

``notebooks/network-report.ipynb`` is thin: it loads a :class:`NetworkReport` and shows
one section per cell. The figures come from :func:`civicnb.analysis.network.synthesise`
over the store's aggregates (:mod:`civicnb.store.network`); the common themes from each
locality's harvest notes and actions, found as a locality's report finds them
(:func:`civicnb.workshop.themes.common_themes`) and counted once per locality. Every
chart is followed by its numbers in a table; withheld figures read "withheld"; a
locality is named only with its consent (docs/network.md).
"""

from __future__ import annotations

import os
import string
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from civicnb.analysis.network import (
    STEADY,
    BlockDistribution,
    Distribution,
    NetworkSynthesis,
    NetworkWithheld,
    PositionRow,
    synthesise,
)
from civicnb.analysis.privacy import DEFAULT_MIN_GROUP
from civicnb.errors import InputError
from civicnb.framework.model import Framework
from civicnb.html.boxplot import BoxRow, boxplot_svg
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import LANGUAGES, score, t
from civicnb.records import HarvestNote, Side
from civicnb.reports.sections import CSO_COLOUR, LA_COLOUR, Section
from civicnb.store import Store
from civicnb.store.network import NetworkText
from civicnb.workshop.themes import common_themes
from civicnb.workspace import Workspace, open_workspace

__all__ = ["NetworkReport", "network_themes", "parse_localities"]

MAX_THEMES = 15
LEVEL_COLOUR = "#047857"


def parse_localities(value: str | Sequence[str]) -> list[str] | None:
    """Localities as the notebook's parameter gives them: a list, or one string of
    slugs separated by commas or spaces; empty or ``"all"``: every locality (None)."""
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    if not items or items == ["all"]:
        return None
    return items


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def network_themes(
    texts: Sequence[NetworkText], languages: dict[str, str], kind: str, min_localities: int
) -> list[tuple[str, int]]:
    """The themes of one kind of text (``"harvest"`` or ``"action"``) shared by at least
    ``min_localities`` localities, as (theme, number of localities), most shared first.
    Each locality's themes are found as its own report finds them (tagged themes, then
    words of several notes... here of any of its notes), then counted once per locality."""
    by_locality: dict[str, list[HarvestNote]] = defaultdict(list)
    for x in texts:
        if x.kind == kind and x.text.strip() and x.locality_id in languages:
            themes = tuple(th for th in x.themes if th.strip())
            by_locality[x.locality_id].append(
                HarvestNote("network", "network", x.text[:5000], themes=themes[:50])
            )
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for lid, notes in by_locality.items():
        found = common_themes(notes, languages[lid], min_count=1, max_words=10_000)
        keys = set()
        for theme, _n in found:
            key = _fold(theme)
            keys.add(key)
            forms[key][theme] += 1
        counts.update(keys)
    shared = [k for k, n in counts.items() if n >= min_localities]
    shared.sort(key=lambda k: (-counts[k], k))
    return [(forms[k].most_common(1)[0][0], counts[k]) for k in shared[:MAX_THEMES]]


def _main_edition(editions: Sequence[str]) -> str:
    if not editions:
        raise InputError("the network has no locality: create or import localities first")
    counted = Counter(editions)
    return min(counted, key=lambda e: (-counted[e], e))


@dataclass
class NetworkReport:
    """Everything a network report shows."""

    synthesis: NetworkSynthesis
    framework: Framework
    lang: str
    harvest_themes: list[tuple[str, int]]
    action_themes: list[tuple[str, int]]
    codes: dict[str, str] = field(default_factory=dict)
    """Position sections' codes (A, B…) of the localities that did not consent."""

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise InputError(f"language must be one of {', '.join(LANGUAGES)} (got {self.lang!r})")
        letters = iter(string.ascii_uppercase)
        for p in self.synthesis.positions:
            if self.synthesis.label(p.locality_id)[0] != "name":
                self.codes[p.locality_id] = next(letters, p.locality_id[:8])

    # --- loading ------------------------------------------------------------------------

    @classmethod
    def from_store(
        cls,
        store: Store,
        ws: Workspace,
        localities: Sequence[str] | None = None,
        *,
        lang: str = "en",
        positions: Sequence[str] = (),
        min_group: int = DEFAULT_MIN_GROUP,
        min_localities: int = DEFAULT_MIN_GROUP,
    ) -> NetworkReport:
        members = store.network_members(localities)
        framework = ws.framework(_main_edition([m.edition for m in members]))
        ids = [m.id for m in members if m.edition == framework.id]
        every = localities is None and len(ids) == len(members)
        scope = None if every else ids
        by_slug = {m.slug: m.id for m in members} | {m.id: m.id for m in members}
        wanted = []
        for p in positions:
            if p not in by_slug:
                raise InputError(
                    f"locality {p!r} asked for its position but is not in the network report; "
                    "name it among the localities (or use --all)"
                )
            wanted.append(by_slug[p])
        synthesis = synthesise(
            framework,
            members,
            store.network_view_counts(scope),
            store.network_participation(scope),
            min_group=min_group,
            min_localities=min_localities,
            positions=wanted,
        )
        texts = store.network_texts(scope)
        languages = {m.id: m.language for m in synthesis.members}
        return cls(
            synthesis,
            framework,
            lang,
            network_themes(texts, languages, "harvest", min_localities),
            network_themes(texts, languages, "action", min_localities),
        )

    @classmethod
    def load(
        cls,
        localities: str | Sequence[str] = "",
        *,
        workspace: str | os.PathLike[str] | Workspace = "",
        lang: str = "en",
        positions: str | Sequence[str] = "",
        min_localities: int = DEFAULT_MIN_GROUP,
    ) -> NetworkReport:
        """Read the network from the workspace's store (``workspace`` empty:
        $CIVICNB_HOME); ``localities`` and ``positions`` as :func:`parse_localities`."""
        ws = workspace if isinstance(workspace, Workspace) else open_workspace(workspace or None)
        with ws.open_store() as store:
            return cls.from_store(
                store,
                ws,
                parse_localities(localities),
                lang=lang or "en",
                positions=parse_localities(positions) or [],
                min_localities=min_localities,
            )

    # --- helpers ------------------------------------------------------------------------

    def _t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def _num(self, value: float | None, *, signed: bool = False) -> str:
        return score(value, self._t("net_withheld"), self.lang, signed=signed)

    def _strand(self, strand_id: str) -> str:
        s = self.framework.strand(strand_id)
        return f"{self._t('strand_n', n=s.id)}: {s.title.get(self.lang)}"

    def _pair(self, pair_id: str) -> str:
        p = self.framework.pair(pair_id)
        la = self._t("rep_axis_LA", n=p.la.number)
        cso = self._t("rep_axis_CSO", n=p.cso.number)
        return f"{self._t('pair_n', n=p.number)} ({la} ↔ {cso})"

    def who(self, locality_id: str) -> str:
        """How the report names a locality: its name with its consent, else its country."""
        kind, value = self.synthesis.label(locality_id)
        if kind == "name":
            return value
        if kind == "country":
            return self._t("net_locality_in", country=value)
        return self._t("net_a_locality")

    def _dist_cells(self, d: Distribution | NetworkWithheld, *, signed: bool = False) -> list[str]:
        if isinstance(d, NetworkWithheld):
            return [self._t("net_withheld")] * 6
        return [str(d.n)] + [
            self._num(v, signed=signed) for v in (d.minimum, d.q1, d.median, d.q3, d.maximum)
        ]

    def _head(self, first: str) -> list[str]:
        return [first, self._t("net_view")] + [
            self._t(k) for k in ("net_n", "net_min", "net_q1", "net_median", "net_q3", "net_max")
        ]

    def _chart(self, rows: Sequence[BoxRow], title: str, chart_id: str) -> str:
        items = "; ".join(
            self._t("net_chart_item_withheld", label=r.label)
            if r.dist is None
            else self._t(
                "net_chart_item",
                label=r.label,
                median=self._num(r.dist.median),
                q1=self._num(r.dist.q1),
                q3=self._num(r.dist.q3),
                min=self._num(r.dist.minimum),
                max=self._num(r.dist.maximum),
            )
            for r in rows
        )
        return boxplot_svg(
            rows,
            title=title,
            description=self._t("net_chart_desc", items=items),
            chart_id=chart_id,
        )

    def _block_rows(
        self, blocks: Sequence[BlockDistribution], name: Any, views: Sequence[str]
    ) -> list[list[str]]:
        rows = []
        for b in blocks:
            for view in views:
                d = getattr(b, view)
                rows.append(
                    [
                        name(b.block_id),
                        self._t(f"net_{view}"),
                        *self._dist_cells(d, signed=view == "gap"),
                    ]
                )
        return rows

    @staticmethod
    def _box(label: str, d: Distribution | NetworkWithheld, colour: str) -> BoxRow:
        return BoxRow(label, d if isinstance(d, Distribution) else None, colour)

    def _withheld_note(self, *figures: object) -> str:
        """The note on withheld figures, when one of ``figures`` is withheld."""
        if not any(isinstance(f, NetworkWithheld) for f in figures):
            return ""
        note = self._t("net_withheld_note", m=self.synthesis.min_localities)
        return f'<p class="civicnb-hint">{_h(note)}</p>'

    # --- sections -----------------------------------------------------------------------

    def cover(self) -> Section:
        s = self.synthesis
        privacy = self._t("net_privacy", k=s.min_group, m=s.min_localities)
        left = f"<p>{_h(self._t('net_left_out', n=len(s.left_out)))}</p>" if s.left_out else ""
        return Section(
            "network-cover",
            f'<p class="civicnb-report-kicker">{_h(self._t("net_kicker"))}</p>'
            f"<h1>{_h(self._t('net_title', n=len(s.members)))}</h1>"
            f"<p>{_h(self._t('net_framework', edition=self.framework.title.get(self.lang)))}</p>"
            f"{left}<p>{_h(self._t('net_latest', n=s.latest))}</p>"
            f'<p class="civicnb-hint">{_h(privacy)}</p>',
        )

    def rounds(self) -> Section:
        rows = []
        for r in self.synthesis.rounds:
            if isinstance(r.people, NetworkWithheld):
                people = [self._t("net_withheld")] * 4
            else:
                counts = [r.people.get(side, 0) for side in Side]
                people = [str(sum(counts))] + [str(c) for c in counts]
            rows.append([self._t("net_round_n", n=r.round_no), str(r.localities), *people])
        head = [
            self._t("net_round"),
            self._t("net_localities"),
            self._t("net_people"),
            *(self._t("side_short_" + side.value) for side in Side),
        ]
        return Section(
            "network-rounds",
            f"<h2>{_h(self._t('net_rounds'))}</h2>"
            + html_table(head, rows, caption=self._t("net_rounds_caption"), row_headers=True)
            + self._withheld_note(*(r.people for r in self.synthesis.rounds)),
        )

    def strands(self) -> Section:
        blocks = self.synthesis.strands
        chart = self._chart(
            [self._box(self._t("strand_n", n=b.block_id), b.level, LEVEL_COLOUR) for b in blocks],
            self._t("net_strands_chart"),
            "network-strands",
        )
        table = html_table(
            self._head(self._t("net_strand")),
            self._block_rows(blocks, self._strand, ("own", "other", "gap", "level")),
            caption=self._t("net_strands_caption"),
            row_headers=True,
        )
        return Section(
            "network-strands",
            f"<h2>{_h(self._t('net_strands'))}</h2><p>{_h(self._t('net_strands_intro'))}</p>"
            + chart
            + table
            + self._withheld_note(
                *(getattr(b, v) for b in blocks for v in ("own", "other", "gap", "level"))
            ),
        )

    def pairs(self) -> Section:
        blocks = self.synthesis.pairs
        boxes = []
        for b in blocks:
            label = self._t("pair_n", n=self.framework.pair(b.block_id).number)
            boxes.append(self._box(f"{label}, {self._t('net_own')}", b.own, LA_COLOUR))
            boxes.append(self._box(f"{label}, {self._t('net_other')}", b.other, CSO_COLOUR))
        chart = self._chart(boxes, self._t("net_pairs_chart"), "network-pairs")
        table = html_table(
            self._head(self._t("net_pair")),
            self._block_rows(blocks, self._pair, ("own", "other", "gap")),
            caption=self._t("net_pairs_caption"),
            row_headers=True,
        )
        return Section(
            "network-pairs",
            f"<h2>{_h(self._t('net_pairs'))}</h2><p>{_h(self._t('net_pairs_intro'))}</p>"
            + chart
            + table
            + self._withheld_note(
                *(getattr(b, v) for b in blocks for v in ("own", "other", "gap"))
            ),
        )

    def ranking(self) -> Section:
        ranked = self.synthesis.ranking
        head = f"<h2>{_h(self._t('net_ranking'))}</h2>"
        if not ranked:
            return Section("network-ranking", head + f"<p>{_h(self._t('net_no_ranking'))}</p>")
        low, high = ranked[0], ranked[-1]
        summary = self._t(
            "net_weakest_strongest",
            weakest=self._strand(low.strand_id),
            low=self._num(low.level.median),
            strongest=self._strand(high.strand_id),
            high=self._num(high.level.median),
        )
        rows = [
            [
                str(r.rank),
                self._strand(r.strand_id),
                self._num(r.level.median),
                self._num(r.gap.median, signed=True)
                if isinstance(r.gap, Distribution)
                else self._t("net_withheld"),
            ]
            for r in ranked
        ]
        table = html_table(
            [
                self._t("net_rank"),
                self._t("net_strand"),
                self._t("net_median"),
                self._t("net_median_gap"),
            ],
            rows,
            caption=self._t("net_ranking_caption"),
        )
        return Section("network-ranking", head + f"<p>{_h(summary)}</p>" + table)

    def progress(self) -> Section:
        head = f"<h2>{_h(self._t('net_progress'))}</h2>"
        changes = self.synthesis.progress
        if not changes:
            return Section("network-progress", head + f"<p>{_h(self._t('net_no_progress'))}</p>")
        parts = [head, f"<p>{_h(self._t('net_progress_intro', steady=self._num(STEADY)))}</p>"]
        steps = sorted({(c.from_round, c.to_round) for c in changes})
        for a, b in steps:
            rows = []
            for c in changes:
                if (c.from_round, c.to_round) != (a, b):
                    continue
                if isinstance(c.change, NetworkWithheld):
                    rows.append([self._strand(c.strand_id)] + [self._t("net_withheld")] * 5)
                    continue
                rows.append(
                    [
                        self._strand(c.strand_id),
                        str(c.change.n),
                        self._num(c.change.median, signed=True),
                        str(c.improved),
                        str(c.steady),
                        str(c.declined),
                    ]
                )
            parts.append(
                html_table(
                    [
                        self._t("net_strand"),
                        self._t("net_n"),
                        self._t("net_median_change"),
                        self._t("net_improved"),
                        self._t("net_steady"),
                        self._t("net_declined"),
                    ],
                    rows,
                    caption=self._t("net_progress_caption", a=a, b=b),
                    row_headers=True,
                )
            )
        note = self._withheld_note(*(c.change for c in changes))
        return Section("network-progress", "".join(parts) + note)

    def themes(self) -> Section:
        parts = [
            f"<h2>{_h(self._t('net_themes'))}</h2>",
            f"<p>{_h(self._t('net_themes_intro', m=self.synthesis.min_localities))}</p>",
        ]
        for key, found in (
            ("net_themes_cafe", self.harvest_themes),
            ("net_themes_actions", self.action_themes),
        ):
            parts.append(f"<h3>{_h(self._t(key))}</h3>")
            if found:
                items = "".join(
                    f"<li>{_h(self._t('net_theme_item', theme=th, n=n))}</li>" for th, n in found
                )
                parts.append(f"<ul>{items}</ul>")
            else:
                parts.append(f"<p>{_h(self._t('net_no_themes'))}</p>")
        return Section("network-themes", "".join(parts))

    def matches(self) -> Section:
        head = f"<h2>{_h(self._t('net_matches'))}</h2><p>{_h(self._t('net_matches_intro'))}</p>"
        found = self.synthesis.matches
        if not found:
            return Section("network-matches", head + f"<p>{_h(self._t('net_no_matches'))}</p>")
        rows = [
            [self._pair(m.pair_id), "; ".join(self.who(x) for x in m.peers), str(len(m.weak))]
            for m in found
        ]
        table = html_table(
            [self._t("net_pair"), self._t("net_learn_from"), self._t("net_weak_count")],
            rows,
            caption=self._t("net_matches_caption"),
            row_headers=True,
        )
        return Section("network-matches", head + table)

    def position_name(self, locality_id: str) -> str:
        """A position section's name for its locality: the name with its consent, else
        its code ("locality A"), with its country when the report may say it."""
        if locality_id not in self.codes:
            return self.who(locality_id)
        code = self._t("net_code", code=self.codes[locality_id])
        kind, value = self.synthesis.label(locality_id)
        return f"{code} ({value})" if kind == "country" else code

    def _position_row(self, label: str, row: PositionRow) -> list[str]:
        f = row.figures
        net = row.network
        network = (
            self._t(
                "net_range",
                median=self._num(net.median),
                q1=self._num(net.q1),
                q3=self._num(net.q3),
            )
            if isinstance(net, Distribution)
            else self._t("net_withheld")
        )
        place = self._t(f"net_place_{row.place}") if row.place else "—"
        peers = "; ".join(self.who(x) for x in row.peers)
        return [
            label,
            self._num(f.own),
            self._num(f.other),
            self._num(f.gap, signed=True),
            self._num(f.level),
            network,
            place,
            peers,
        ]

    def positions(self) -> Section:
        head = f"<h2>{_h(self._t('net_positions'))}</h2>"
        found = self.synthesis.positions
        if not found:
            return Section("network-positions", head + f"<p>{_h(self._t('net_no_positions'))}</p>")
        parts = [head, f"<p>{_h(self._t('net_positions_intro'))}</p>"]
        columns = [
            "",
            self._t("net_own"),
            self._t("net_other"),
            self._t("net_gap"),
            self._t("net_its_level"),
            self._t("net_network_level"),
            self._t("net_place"),
            self._t("net_learn_from"),
        ]
        for p in found:
            who = self.position_name(p.locality_id)
            rows = [self._position_row(self._strand(r.block_id), r) for r in p.strands]
            rows += [self._position_row(self._pair(r.block_id), r) for r in p.pairs]
            parts.append(f"<h3>{_h(self._t('net_position_of', who=who))}</h3>")
            parts.append(
                html_table(
                    columns,
                    rows,
                    caption=self._t("net_position_caption", who=who),
                    row_headers=True,
                )
            )
        return Section("network-positions", "".join(parts))

    def sections(self) -> list[Section]:
        """Every section, in the notebook's order."""
        return [
            self.cover(),
            self.rounds(),
            self.ranking(),
            self.strands(),
            self.pairs(),
            self.progress(),
            self.themes(),
            self.matches(),
            self.positions(),
        ]

    # --- the data embedded in the notebook ------------------------------------------------

    def data(self) -> dict[str, Any]:
        """The figures the report shows, as JSON-ready data (embedded in the notebook's
        metadata): only what may be shown, localities by the report's names for them."""

        def dist(d: Distribution | NetworkWithheld) -> dict[str, Any] | None:
            if isinstance(d, NetworkWithheld):
                return None
            return {
                "n": d.n,
                "min": d.minimum,
                "q1": d.q1,
                "median": d.median,
                "q3": d.q3,
                "max": d.maximum,
            }

        def blocks(items: Sequence[BlockDistribution]) -> dict[str, Any]:
            return {
                b.block_id: {v: dist(getattr(b, v)) for v in ("own", "other", "gap", "level")}
                for b in items
            }

        s = self.synthesis
        return {
            "framework": s.framework_id,
            "localities": len(s.members),
            "min_group": s.min_group,
            "min_localities": s.min_localities,
            "rounds": [
                {
                    "round": r.round_no,
                    "localities": r.localities,
                    "people": None
                    if isinstance(r.people, NetworkWithheld)
                    else {side.value: n for side, n in r.people.items()},
                }
                for r in s.rounds
            ],
            "strands": blocks(s.strands),
            "pairs": blocks(s.pairs),
            "ranking": [r.strand_id for r in s.ranking],
            "progress": [
                {
                    "strand": c.strand_id,
                    "from": c.from_round,
                    "to": c.to_round,
                    "change": dist(c.change),
                    "improved": c.improved,
                    "steady": c.steady,
                    "declined": c.declined,
                }
                for c in s.progress
            ],
            "themes": {"harvest": self.harvest_themes, "actions": self.action_themes},
            "matches": [
                {
                    "pair": m.pair_id,
                    "learn_from": [self.who(x) for x in m.peers],
                    "weak": len(m.weak),
                }
                for m in s.matches
            ],
        }
