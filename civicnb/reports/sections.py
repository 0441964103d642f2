"""The sections of a locality's report, as HTML, from its records.

``notebooks/report.ipynb`` is thin: it loads a :class:`Report` and shows one section per
cell (so that a failing run names the failing section). Every section is built here from
:class:`~civicnb.records.LocalityRecords` with the analysis functions, so it is tested
without a kernel. Participant text is escaped; aggregates follow the small-number rule
(withheld figures read "withheld", never a number); every chart is an SVG with a title
and a description in words and is followed by the same numbers as a table.

No Jupyter import: a section object shows itself in a notebook through ``_repr_html_``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from civicnb.analysis import (
    RoundAnalysis,
    analyse_round,
    compare_rounds,
    coverage,
    screen_action,
)
from civicnb.analysis.organisations import analyse_organisations
from civicnb.analysis.privacy import check_disclosure
from civicnb.analysis.views import GroupView, PairView, QuestionView
from civicnb.errors import InputError
from civicnb.framework.model import Framework, Strand
from civicnb.html.charts import GapRow, RadarSeries, gap_chart_svg, radar_svg
from civicnb.html.checklist import checklist_table
from civicnb.html.organisations import organisations_strand_html
from civicnb.html.questions import pair_label, question_code, question_label
from civicnb.html.recorded import recorded_by_note
from civicnb.html.reveal import (
    actions_html,
    assets_html,
    attendance_html,
    celebrations_html,
    coverage_html,
    outcomes_html,
    screening_html,
)
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import LANGUAGES, score, shown, t
from civicnb.records import Action, LocalityRecords, Participant, Round, Side
from civicnb.workshop.facilitation import common_themes, frozen_records
from civicnb.workspace import Workspace, open_workspace

__all__ = ["Report", "Section"]

LA_COLOUR = "#1d4ed8"
CSO_COLOUR = "#b45309"
SUMMARY_PAIRS = 3
"""How many pairs the executive summary names with the widest gaps, and with the
closest agreement."""
SUMMARY_ACTIONS = 5
"""How many actions the executive summary lists (the rest: in the actions section)."""
_SHORT = {Side.LA: "rep_la_short", Side.CSO: "rep_cso_short"}
_ACTION_ORDER = {"agreed": 0, "in_progress": 1, "proposed": 2, "done": 3}

_STYLE = """<style>
#summary .civicnb-exec-cols, #cover .civicnb-exec-cols {
  display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; }
#summary .civicnb-exec ol, #summary .civicnb-exec ul { margin: 0.2rem 0; padding-left: 1.2rem; }
#summary .civicnb-exec h3 { margin: 0.8rem 0 0.2rem; }
#summary .civicnb-exec figure { margin: 0.5rem 0; max-width: none; }
#summary .civicnb-exec figcaption { color: #374151; font-size: 0.9em; }
#cover .civicnb-toc ol { columns: 2; column-gap: 2rem; padding-left: 1.4rem; }
#cover .civicnb-toc li { break-inside: avoid; }
#cover .civicnb-cover-note { color: #374151; }
@media screen and (max-width: 40rem) {
  #summary .civicnb-exec-cols, #cover .civicnb-exec-cols { grid-template-columns: 1fr; }
  #cover .civicnb-toc ol { columns: 1; }
}
@media print {
  #summary .civicnb-exec { font-size: 8.5pt; line-height: 1.3; }
  #summary .civicnb-exec h2 { font-size: 15pt; margin: 0 0 0.3rem; }
  #summary .civicnb-exec h3 { font-size: 10pt; margin: 0.45rem 0 0.1rem; break-after: avoid; }
  #summary .civicnb-exec p { margin: 0.15rem 0; }
  #summary .civicnb-exec li { margin: 0; }
  #summary .civicnb-exec-figures { break-before: page; }
  #summary .civicnb-exec figure.civicnb-overview { max-width: 90%; margin: 0.2rem 0 0; }
  #cover .civicnb-cover { font-size: 10pt; }
  #cover .civicnb-cover h1 { font-size: 30pt; margin-top: 1rem; }
  #cover .civicnb-cover h2 { font-size: 13pt; margin: 1rem 0 0.3rem; }
}
</style>"""


@dataclass(frozen=True)
class Section:
    """One part of the report: shown as HTML in a notebook (``_repr_html_``)."""

    id: str
    markup: str

    def _repr_html_(self) -> str:
        return f'<section class="civicnb-report-section" id="{_h(self.id)}">{self.markup}</section>'

    def __repr__(self) -> str:  # the text/plain copy in the notebook: short
        return f"<civicnb report section {self.id!r}>"


def _num(value: float | None, lang: str, *, signed: bool = False) -> str:
    if value is None:
        return t("rep_na", lang)
    return _score(float(shown(value)), lang, signed)  # few keys: figures to one decimal


@functools.lru_cache(maxsize=4096)
def _score(value: float, lang: str, signed: bool) -> str:
    """A figure in the language's notation (Babel's formatting is the slowest step of a
    report's sections; a report shows the same few figures many times)."""
    return score(value, "", lang, signed=signed)


def _group_mean(group: GroupView, lang: str) -> str:
    if group.withheld is not None:
        return t("rep_withheld", lang)
    return _num(group.mean, lang)


@dataclass
class Report:
    """Everything a report shows, for one round (and the round it is compared with)."""

    records: LocalityRecords
    framework: Framework
    round: Round
    compare_to: Round | None
    lang: str
    analysis: RoundAnalysis = field(init=False)
    base: RoundAnalysis | None = field(init=False)

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise InputError(f"language must be en or es (got {self.lang!r})")
        loc = self.records.locality
        people, ratings = self.records.participants, self.records.ratings
        self.analysis = analyse_round(
            self.framework, people, ratings, min_group=loc.min_group, round_id=self.round.id
        )
        self.base = (
            analyse_round(
                self.framework,
                people,
                ratings,
                min_group=loc.min_group,
                round_id=self.compare_to.id,
            )
            if self.compare_to is not None
            else None
        )

    # --- loading ------------------------------------------------------------------------

    @classmethod
    def from_records(
        cls,
        records: LocalityRecords,
        framework: Framework,
        *,
        round: str = "",
        compare_to: str = "",
        lang: str = "",
    ) -> Report:
        """``round``: a round label or id (empty: the latest); ``compare_to``: likewise
        (empty: the round before, if any; "none": no comparison)."""
        rounds = sorted(records.rounds, key=lambda r: r.position)
        if not rounds:
            raise InputError(f"{records.locality.name} has no round to report on")

        def find(label: str) -> Round:
            for r in rounds:
                if label in (r.label, r.id):
                    return r
            known = ", ".join(repr(r.label) for r in rounds)
            raise InputError(f"{records.locality.name} has no round {label!r} (rounds: {known})")

        rnd = find(round) if round else rounds[-1]
        before: Round | None
        if compare_to.lower() == "none":
            before = None
        elif compare_to:
            before = find(compare_to)
        else:
            i = rounds.index(rnd)
            before = rounds[i - 1] if i > 0 else None
        if before is not None and before.id == rnd.id:
            before = None
        return cls(records, framework, rnd, before, lang or records.locality.language)

    @classmethod
    def load(
        cls,
        locality: str,
        *,
        workspace: str | os.PathLike[str] | Workspace = "",
        round: str = "",
        compare_to: str = "",
        lang: str = "",
    ) -> Report:
        """Read the locality from the workspace (``workspace`` empty: $CIVICNB_HOME)."""
        ws = workspace if isinstance(workspace, Workspace) else open_workspace(workspace or None)
        with ws.open_store() as store:
            records = store.export_locality(locality)
            fw = ws.framework(records.locality.edition)
            # revealed strands as the room saw them (docs/privacy.md)
            records = frozen_records(store, fw, records)
        return cls.from_records(records, fw, round=round, compare_to=compare_to, lang=lang)

    # --- helpers ------------------------------------------------------------------------

    def _t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    @property
    def title(self) -> str:
        """The report's title: the locality's name (not its slug)."""
        return self.records.locality.name

    @property
    def full_title(self) -> str:
        """The title with the round, in the report's language ("Villaflor — round …")."""
        return self._t("rep_doc_title", name=self.title, label=self.round.label)

    def _h2(self, anchor: str, text: str) -> str:
        """A section's heading with its stable id (the contents link to it)."""
        return f'<h2 id="sec-{_h(anchor)}">{_h(text)}</h2>'

    def _strand_name(self, strand_id: str) -> str:
        s = self.framework.strand(strand_id)
        return f"{self._t('strand_n', n=s.id)}: {s.title.get(self.lang)}"

    # --- sections -----------------------------------------------------------------------

    def contents_entries(self) -> list[tuple[str, str]]:
        """The report's sections as (heading id, title), in the order they are shown."""
        entries = [("sec-summary", self._t("rep_exec_summary"))]
        entries += [(f"sec-strand-{s.id}", self._strand_name(s.id)) for s in self.framework.strands]
        entries.append(("sec-checklist", self._t("pp_checklist_title")))
        keys = (
            ("progress", "rep_progress"),
            ("organisations", "org_breakdown"),
            ("actions", "fac_actions"),
            ("outcomes", "fac_outcomes_title"),
            ("matrix", "fac_matrix_title"),
            ("screening", "rep_screening"),
            ("assets", "fac_assets"),
            ("cafe", "fac_cafe"),
            ("attendance", "fac_whos_not_here"),
            ("celebrations", "fac_celebrations"),
        )
        entries += [(f"sec-{anchor}", self._t(key)) for anchor, key in keys]
        return entries

    def contents(self) -> str:
        """The table of contents: a link to every section's heading, and an empty
        ``civicnb-toc-page`` slot per entry for the PDF's page number."""
        items = "".join(
            f'<li><a href="#{_h(anchor)}">{_h(title)}</a> <span class="civicnb-toc-page"></span></li>'
            for anchor, title in self.contents_entries()
        )
        return (
            '<nav class="civicnb-toc" aria-labelledby="sec-contents">'
            f'<h2 id="sec-contents">{_h(self._t("rep_contents"))}</h2><ol>{items}</ol></nav>'
        )

    def cover(self) -> Section:
        """The first page: the locality's name, the round and its date, the
        partnership's organisations, the framework edition with its attribution, the
        small-number rule, and the contents."""
        loc = self.records.locality
        fw = self.framework
        a = fw.attribution
        lang = self.lang
        when = (
            self._t("rep_round_dated", label=self.round.label, date=self.round.date.isoformat())
            if self.round.date
            else self._t("round", label=self.round.label)
        )
        compared = (
            f"<p>{_h(self._t('rep_compared_with', label=self.compare_to.label))}</p>"
            if self.compare_to is not None
            else ""
        )
        orgs = []
        for side in (Side.LA, Side.CSO, Side.OTHER):
            names = [o.name for o in self.records.organisations if o.side == side]
            if names:
                items = "".join(f"<li>{_h(n)}</li>" for n in names)
                orgs.append(
                    f"<div><h3>{_h(self._t('rep_side_' + side.value))}</h3><ul>{items}</ul></div>"
                )
        partnership = (
            f'<div class="civicnb-exec-cols">{"".join(orgs)}</div>'
            if orgs
            else f"<p>{_h(self._t('rep_no_organisations'))}</p>"
        )
        source = f"{a.author}, {a.title} ({a.publisher}, {a.year})"
        note = (
            f'<p class="civicnb-cover-note">{_h(a.note.get(lang))}</p>'
            if a.note is not None
            else ""
        )
        return Section(
            "cover",
            _STYLE + '<div class="civicnb-cover">'
            f'<p class="civicnb-report-kicker">{_h(self._t("rep_kicker"))}</p>'
            f"<h1>{_h(loc.name)}</h1>"
            f'<p class="civicnb-report-sub">{_h(when)}</p>{compared}'
            f"<h2>{_h(self._t('rep_partnership'))}</h2>{partnership}"
            f"<h2>{_h(self._t('rep_edition'))}</h2>"
            f"<p>{_h(self._t('rep_framework', title=fw.title.get(lang), source=source))}</p>"
            f"{note}"
            f'<p class="civicnb-hint">{_h(self._t("rep_privacy", k=loc.min_group))}</p>'
            f"{self.contents()}</div>",
        )

    # --- the executive summary ----------------------------------------------------------

    def _answered(self) -> set[str]:
        return {
            r.participant_id
            for r in self.records.ratings
            if r.round_id == self.round.id and r.answered
        }

    def _count_text(self, people: Sequence[Participant]) -> str:
        """How many people, or "withheld" under the small-number rule (fewer than k
        anonymous people and not everyone named)."""
        named = sum(1 for p in people if p.named)
        anonymous = len(people) - named
        if check_disclosure(named, anonymous, self.records.locality.min_group) is not None:
            return self._t("rep_withheld")
        return str(len(people))

    def _participation(self) -> str:
        """Who answered in this round, by side and by organisation. A count is shown
        only under the small-number rule; when one organisation of a side is withheld,
        the smallest other one is withheld too (else the side's total would give the
        withheld one away)."""
        answered = self._answered()
        people = [p for p in self.records.participants if p.id in answered]
        orgs = {o.id: o for o in self.records.organisations}
        items = []
        for side in (Side.LA, Side.CSO, Side.OTHER):
            mine = [p for p in people if p.side == side]
            if not mine:
                continue
            groups: dict[str, list[Participant]] = {}
            for p in mine:  # "": no (known) organisation
                key = p.organisation_id if p.organisation_id in orgs else None
                groups.setdefault(key or "", []).append(p)
            if not (len(groups) == 1 and "" in groups):
                shown = {key: self._count_text(g) for key, g in groups.items()}
                withheld = [key for key, text in shown.items() if text == self._t("rep_withheld")]
                if len(withheld) == 1 and len(groups) > 1:
                    others = [key for key in groups if key not in withheld]
                    smallest = min(others, key=lambda key: (len(groups[key]), key))
                    shown[smallest] = self._t("rep_withheld")
                parts = [
                    self._t(
                        "rep_org_count",
                        org=orgs[key].name if key else self._t("rep_no_org"),
                        count=shown[key],
                    )
                    for key in sorted(
                        groups, key=lambda key: (not key, orgs[key].name if key else "")
                    )
                ]
                detail = f" — {'; '.join(parts)}"
            else:
                detail = ""
            items.append(
                f"<li><strong>{_h(self._t('rep_side_' + side.value))}</strong>: "
                f"{_h(self._t('rep_answered', count=self._count_text(mine)))}{_h(detail)}</li>"
            )
        if not items:
            return f"<p>{_h(self._t('rep_nobody_answered'))}</p>"
        return f"<ul>{''.join(items)}</ul>"

    def _view_line(self, view: QuestionView) -> str:
        """A question's two views in words: its title, the side's own view, the other
        side's view and the gap."""
        q = self.framework.question(view.question_id)
        return self._t(
            "rep_exec_view",
            title=q.title.get(self.lang),
            side=self._t(_SHORT[view.about]),
            own=_group_mean(view.self_view, self.lang),
            other=_group_mean(view.other_side, self.lang),
            gap=_num(view.gap, self.lang, signed=True),
        )

    def _pair_items(self, pairs: Sequence[PairView]) -> str:
        items = []
        for pv in pairs:
            pair = self.framework.pair(pv.pair_id)
            la, cso = (_h(self._view_line(v)) for v in (pv.la, pv.cso))
            items.append(
                f"<li><strong>{_h(self._t('pair_n', n=pair.number))}</strong> — {la}<br>{cso}</li>"
            )
        return f"<ol>{''.join(items)}</ol>"

    def _gaps_and_agreement(self) -> str:
        known = [p for p in self.analysis.pairs if p.la.gap is not None and p.cso.gap is not None]
        some = [p for p in self.analysis.pairs if p.max_abs_gap is not None]
        if not some:
            return f"<p>{_h(self._t('rep_no_ratings'))}</p>"
        widest = sorted(some, key=lambda p: (-(p.max_abs_gap or 0.0), p.number))[:SUMMARY_PAIRS]
        picked = {p.pair_id for p in widest}
        closest = sorted(
            (p for p in known if p.pair_id not in picked),
            key=lambda p: (p.max_abs_gap or 0.0, p.number),
        )[:SUMMARY_PAIRS]
        close_html = (
            self._pair_items(closest) if closest else f"<p>{_h(self._t('rep_no_closest'))}</p>"
        )
        return (
            f'<p class="civicnb-hint">{_h(self._t("rep_exec_view_key"))}</p>'
            '<div class="civicnb-exec-cols">'
            f"<div><h3>{_h(self._t('rep_widest'))}</h3>{self._pair_items(widest)}</div>"
            f"<div><h3>{_h(self._t('rep_closest'))}</h3>{close_html}</div></div>"
        )

    def _agreed_and_actions(self) -> str:
        joint = [j for j in self.records.joint_ratings if j.round_id == self.round.id]
        order = {p.id: p.number for p in self.framework.pairs}
        joint.sort(key=lambda j: order.get(j.pair_id, 0))
        agreed = [
            self._t(
                "rep_exec_agreed",
                pair=pair_label(self.framework.pair(j.pair_id), self.lang),
                score=str(j.score) if j.score is not None else self._t("fac_not_agreed"),
            )
            for j in joint
            if j.pair_id in order
        ]
        agreed_html = (
            f"<ul>{''.join(f'<li>{_h(x)}</li>' for x in agreed)}</ul>"
            if agreed
            else f"<p>{_h(self._t('rep_no_agreed'))}</p>"
        )
        actions: list[Action] = sorted(
            (a for a in self.records.actions if a.status in _ACTION_ORDER),
            key=lambda a: (
                _ACTION_ORDER[a.status],
                a.due is None,
                a.due or self.round.date,
                a.text,
            ),
        )
        lines = [
            self._t(
                "rep_exec_action" if a.due else "rep_exec_action_undated",
                action=a.text,
                owner=a.owner or self._t("rep_no_owner"),
                due=a.due.isoformat() if a.due else "",
                status=self._t("status_" + a.status),
            )
            for a in actions[:SUMMARY_ACTIONS]
        ]
        more = (
            f"<p>{_h(self._t('rep_more_actions', n=len(actions) - SUMMARY_ACTIONS))}</p>"
            if len(actions) > SUMMARY_ACTIONS
            else ""
        )
        actions_html = (
            f"<ul>{''.join(f'<li>{_h(x)}</li>' for x in lines)}</ul>{more}"
            if lines
            else f"<p>{_h(self._t('fac_no_actions'))}</p>"
        )
        return (
            '<div class="civicnb-exec-cols">'
            f"<div><h3>{_h(self._t('rep_agreed_title'))}</h3>{agreed_html}</div>"
            f"<div><h3>{_h(self._t('rep_exec_actions'))}</h3>{actions_html}</div></div>"
        )

    def _progress_sentences(self) -> str:
        if self.base is None or self.compare_to is None:
            return f"<h3>{_h(self._t('rep_exec_progress_none'))}</h3><p>{_h(self._t('rep_one_round'))}</p>"
        progress = compare_rounds(self.base, self.analysis)
        by_id = {c.id: c for c in progress.strands}
        lines = []
        for strand in self.framework.strands:
            c = by_id.get(strand.id)
            if not strand.pairs or c is None or (c.self_before is None and c.self_after is None):
                continue
            lines.append(
                self._t(
                    "rep_exec_strand_change",
                    strand=self._strand_name(strand.id),
                    before=_num(c.self_before, self.lang),
                    after=_num(c.self_after, self.lang),
                    change=_num(c.self_change, self.lang, signed=True),
                    gap_before=_num(c.gap_before, self.lang, signed=True),
                    gap_after=_num(c.gap_after, self.lang, signed=True),
                )
            )
        items = "".join(f"<li>{_h(x)}</li>" for x in lines)
        head = self._t("rep_exec_progress", label=self.compare_to.label)
        return f"<h3>{_h(head)}</h3><ul>{items}</ul>"

    def _overview(self) -> tuple[str, str]:
        """The overview chart of every pair (each question: the side's own view, the
        other side's view, the gap) and its figures as a table."""
        lang = self.lang
        rows: list[GapRow] = []
        table: list[list[object]] = []
        desc: list[str] = []
        for pair in self.framework.pairs:
            pv = self.analysis.pair(pair.id)
            for i, (q, v) in enumerate(((pair.la, pv.la), (pair.cso, pv.cso))):
                label = question_label(q, lang)
                own, other = _group_mean(v.self_view, lang), _group_mean(v.other_side, lang)
                gap = _num(v.gap, lang, signed=True)
                rows.append(
                    GapRow(
                        label,
                        v.self_view.mean if v.self_view.withheld is None else None,
                        v.other_side.mean if v.other_side.withheld is None else None,
                        gap,
                        LA_COLOUR if q.side == Side.LA else CSO_COLOUR,
                        group_start=i == 0,
                    )
                )
                table.append([f"{self._t('pair_n', n=pair.number)} — {label}", own, other, gap])
                desc.append(
                    self._t("rep_overview_item", question=label, own=own, other=other, gap=gap)
                )
        if not rows:
            return "", ""
        title = self._t("rep_overview_title")
        svg = gap_chart_svg(
            rows,
            title=title,
            description=self._t("rep_overview_desc", items="; ".join(desc)),
            own_label=self._t("rep_self"),
            other_label=self._t("rep_other"),
            gap_label=self._t("rep_gap"),
            chart_id="report-overview",
        )
        chart = (
            f"<h3>{_h(title)}</h3>"
            f'<figure class="civicnb-chart civicnb-overview">{svg}'
            f"<figcaption>{_h(self._t('rep_overview_caption'))}</figcaption></figure>"
        )
        figures = html_table(
            [self._t(k) for k in ("rep_question", "rep_self", "rep_other", "rep_gap")],
            table,
            caption=self._t("rep_overview_table"),
            row_headers=True,
        )
        return chart, f'<div class="civicnb-exec-figures">{figures}</div>'

    def summary(self) -> Section:
        """The executive summary, on one printed page: who took part, the pairs with
        the widest gaps and with the closest agreement (in words, both sides' views),
        the agreed priorities and actions, progress per strand, and an overview chart
        of every pair (its figures follow as a table)."""
        chart, figures = self._overview()
        return Section(
            "summary",
            _STYLE
            + '<div class="civicnb-exec">'
            + self._h2("summary", self._t("rep_exec_summary"))
            + f"<h3>{_h(self._t('rep_who_took_part'))}</h3>"
            + self._participation()
            + self._gaps_and_agreement()
            + self._agreed_and_actions()
            + self._progress_sentences()
            + chart
            + figures
            + "</div>",
        )

    def _qlabel(self, question_id: str) -> str:
        """A question's code with its short title: "LA 1: Triple bottom line …"."""
        return question_label(self.framework.question(question_id), self.lang)

    def _by_rater(self, view: QuestionView, side: Side) -> GroupView:
        return view.self_view if view.about == side else view.other_side

    def strand(self, strand_id: str) -> Section:
        """One strand: the two sides' views as a radar chart and a table, the paired
        table, and the agreed ratings with their narrative."""
        s = self.framework.strand(strand_id)
        lang = self.lang
        head = (
            self._h2(f"strand-{s.id}", self._strand_name(s.id))
            + f"<blockquote>{_h(s.guiding_question.get(lang))}</blockquote>"
            f"<p>{_h(s.summary.get(lang))}</p>"
        )
        if not s.pairs:
            return Section(f"strand-{s.id}", head + f"<p>{_h(self._t('rep_no_questions'))}</p>")
        return Section(
            f"strand-{s.id}", head + self._strand_chart(s) + self._pair_table(s) + self._agreed(s)
        )

    def _strand_chart(self, s: Strand) -> str:
        lang = self.lang
        questions = list(s.questions)
        views = [self.analysis.question(q.id) for q in questions]
        la = [self._by_rater(v, Side.LA) for v in views]
        cso = [self._by_rater(v, Side.CSO) for v in views]
        axes = [question_code(q, lang) for q in questions]
        labels = [self._qlabel(q.id) for q in questions]
        series = [
            RadarSeries(self._t("rep_la_answers"), [g.mean for g in la], LA_COLOUR),
            RadarSeries(self._t("rep_cso_answers"), [g.mean for g in cso], CSO_COLOUR, "8 6"),
        ]
        desc_items = "; ".join(
            f"{axis}: {self._t('rep_la_short')} {_group_mean(a, lang)}, {self._t('rep_cso_short')} {_group_mean(c, lang)}"
            for axis, a, c in zip(labels, la, cso, strict=True)
        )
        title = self._t("rep_chart_title", strand=self._strand_name(s.id))
        svg = radar_svg(
            axes,
            series,
            title=title,
            description=self._t("rep_chart_desc", items=desc_items),
            chart_id=f"report-radar-{s.id}",
            size=300,
            lang=lang,
            sublabels=[q.title.get(lang) for q in questions],
            names=labels,
        )
        legend = "".join(
            f'<li><span class="civicnb-swatch" style="border-color:{sr.colour}"></span>{_h(sr.label)}</li>'
            for sr in series
        )
        rows = [
            [f"{axis}: {q.text.get(lang)}", _group_mean(a, lang), _group_mean(c, lang)]
            for axis, q, a, c in zip(axes, questions, la, cso, strict=True)
        ]
        table = html_table(
            [self._t(k) for k in ("rep_question", "rep_la_answers", "rep_cso_answers")],
            rows,
            caption=self._t("rep_chart_table", strand=self._strand_name(s.id)),
            row_headers=True,
        )
        return (
            f'<figure class="civicnb-chart">{svg}<figcaption><ul class="civicnb-legend">{legend}</ul></figcaption></figure>'
            + table
        )

    def _pair_table(self, s: Strand) -> str:
        lang = self.lang
        rows = []
        for pair in s.pairs:
            pv = self.analysis.pair(pair.id)
            cells: list[object] = [self._t("pair_n", n=pair.number)]
            for q, v in ((pair.la, pv.la), (pair.cso, pv.cso)):
                flags = ", ".join(self._t("fac_flag_" + f) for f in v.flags)
                cells += [
                    self._qlabel(q.id),
                    _group_mean(v.self_view, lang),
                    _group_mean(v.other_side, lang),
                    _num(v.gap, lang, signed=True) + (f" — {flags}" if flags else ""),
                ]
            rows.append(cells)
        cols = [
            self._t(k)
            for k in (
                "rep_pair",
                "column_LA", "rep_self", "rep_other", "rep_gap",
                "column_CSO", "rep_self", "rep_other", "rep_gap",
            )
        ]  # fmt: skip
        return html_table(
            cols,
            rows,
            caption=self._t("rep_pairs_caption", strand=s.id),
            css_class="civicnb-paired",
            row_headers=True,
        )

    def _agreed(self, s: Strand) -> str:
        joint = {j.pair_id: j for j in self.records.joint_ratings if j.round_id == self.round.id}
        items = []
        for pair in s.pairs:
            j = joint.get(pair.id)
            if j is None:
                continue
            score = str(j.score) if j.score is not None else self._t("fac_not_agreed")
            narrative = f" — {_h(j.narrative)}" if j.narrative.strip() else ""
            by = recorded_by_note(j.recorded_by, self.lang)
            items.append(
                f"<li><strong>{_h(pair_label(pair, self.lang))}: {_h(self._t('rep_agreed', score=score))}</strong>{narrative}"
                + (f" ({by})" if by else "")
                + "</li>"
            )
        body = f"<ul>{''.join(items)}</ul>" if items else f"<p>{_h(self._t('rep_no_agreed'))}</p>"
        return f"<h3>{_h(self._t('rep_agreed_title'))}</h3>{body}"

    def strands(self) -> list[Section]:
        return [self.strand(s.id) for s in self.framework.strands]

    def checklist(self) -> Section:
        """The fifteen pairs on one page as the pamphlet sets them out, each question
        with the round's two views of it (the side's own view / the other side's view,
        under the small-number rule): the checklist the partnership can print and
        discuss."""
        marks = {
            v.question_id: self._t(
                "rep_checklist_mark",
                own=_group_mean(v.self_view, self.lang),
                other=_group_mean(v.other_side, self.lang),
            )
            for pv in self.analysis.pairs
            for v in (pv.la, pv.cso)
        }
        return Section(
            "checklist",
            self._h2("checklist", self._t("pp_checklist_title"))
            + f"<p>{_h(self._t('rep_checklist_key'))}</p>"
            + checklist_table(self.framework, self.lang, marks=marks),
        )

    def progress(self) -> Section:
        """Each strand's own-view average and gap in every round (a table: the numbers
        are few and a table reads well aloud)."""
        loc = self.records.locality
        rounds = sorted(self.records.rounds, key=lambda r: r.position)
        analyses = [
            analyse_round(
                self.framework,
                self.records.participants,
                self.records.ratings,
                min_group=loc.min_group,
                round_id=r.id,
            )
            for r in rounds
        ]
        head = [self._t("col_strand"), *(r.label for r in rounds)]
        rows = []
        for strand in self.framework.strands:
            if not strand.pairs:
                continue
            cells = [self._strand_name(strand.id)]
            for a in analyses:
                sv = a.strand(strand.id)
                gap = _num(sv.mean_gap, self.lang, signed=True)
                cells.append(f"{_num(sv.self_mean, self.lang)} ({self._t('rep_gap')} {gap})")
            rows.append(cells)
        text = self._t("rep_progress_text") if len(rounds) > 1 else self._t("rep_one_round")
        return Section(
            "progress",
            self._h2("progress", self._t("rep_progress"))
            + f"<p>{_h(text)}</p>"
            + html_table(head, rows, caption=self._t("rep_progress_caption"), row_headers=True),
        )

    def organisations(self) -> Section:
        """Each organisation's own view and the others' view of it, a table per strand,
        under the small-number rule per organisation (withheld: "fewer than k", no
        number; see :mod:`civicnb.analysis.organisations`)."""
        loc = self.records.locality
        by_org = analyse_organisations(
            self.framework,
            self.records.organisations,
            self.records.participants,
            self.records.ratings,
            min_group=loc.min_group,
            round_id=self.round.id,
        )
        tables = "".join(
            organisations_strand_html(by_org, s.id, self.framework, self.lang)
            for s in self.framework.strands
            if s.pairs
        )
        head = self._h2("organisations", self._t("org_breakdown"))
        if not tables:
            return Section("organisations", head + f"<p>{_h(self._t('org_report_none'))}</p>")
        return Section(
            "organisations",
            head
            + f"<p>{_h(self._t('org_report_text'))}</p>"
            + f'<p class="civicnb-hint">{_h(self._t("org_rule", k=loc.min_group))}</p>'
            + tables,
        )

    def actions(self) -> Section:
        outcomes = list(self.records.outcomes)
        actions = list(self.records.actions)
        screenings = {a.id: screen_action(self.framework, a, outcomes) for a in actions}
        return Section(
            "actions",
            self._h2("actions", self._t("fac_actions"))
            + actions_html(actions, screenings, outcomes, self.lang),
        )

    def outcomes(self) -> Section:
        outcomes = list(self.records.outcomes)
        activities = list(self.records.activities)
        return Section(
            "outcomes",
            self._h2("outcomes", self._t("fac_outcomes_title"))
            + outcomes_html(outcomes, self.lang)
            + self._h2("matrix", self._t("fac_matrix_title"))
            + coverage_html(coverage(outcomes, activities), outcomes, activities, self.lang),
        )

    def screening(self) -> Section:
        """Proposed actions against the five resilience design tests."""
        outcomes = list(self.records.outcomes)
        proposed = [a for a in self.records.actions if a.status in ("proposed", "agreed")]
        items = "".join(
            f"<li><strong>{_h(a.text)}</strong><br>{screening_html(screen_action(self.framework, a, outcomes), self.lang)}</li>"
            for a in proposed
        )
        body = f"<ul>{items}</ul>" if items else f"<p>{_h(self._t('rep_no_proposed'))}</p>"
        return Section("screening", self._h2("screening", self._t("rep_screening")) + body)

    def assets(self) -> Section:
        return Section(
            "assets",
            self._h2("assets", self._t("fac_assets"))
            + assets_html(list(self.records.assets), list(self.records.outcomes), self.lang),
        )

    def cafe(self) -> Section:
        notes = [n for n in self.records.harvest_notes if n.round_id == self.round.id]
        themes = common_themes(notes, self.lang)
        items = "".join(f"<li>{_h(name)} ({n})</li>" for name, n in themes)
        body = (
            f"<p>{_h(self._t('rep_cafe_text', n=len(notes), tables=len({n.table for n in notes})))}</p><ol>{items}</ol>"
            if items
            else f"<p>{_h(self._t('fac_no_themes'))}</p>"
        )
        return Section("cafe", self._h2("cafe", self._t("fac_cafe")) + body)

    def attendance(self) -> Section:
        records = [a for a in self.records.attendance if a.round_id == self.round.id and a.expected]
        missing = [a for a in records if not a.present]
        unheard = [a for a in records if a.present and a.unheard_note.strip()]
        body = (
            attendance_html(missing, self.lang, unheard)
            if records
            else f"<p>{_h(self._t('rep_no_attendance'))}</p>"
        )
        return Section("attendance", self._h2("attendance", self._t("fac_whos_not_here")) + body)

    def celebrations(self) -> Section:
        return Section(
            "celebrations",
            self._h2("celebrations", self._t("fac_celebrations"))
            + celebrations_html(list(self.records.celebrations), self.lang),
        )

    def all_sections(self) -> Sequence[Section]:
        """Every section in the order the report notebook shows them."""
        return [
            self.cover(),
            self.summary(),
            *self.strands(),
            self.checklist(),
            self.progress(),
            self.organisations(),
            self.actions(),
            self.outcomes(),
            self.screening(),
            self.assets(),
            self.cafe(),
            self.attendance(),
            self.celebrations(),
        ]
