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

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from civicnb.analysis import (
    RoundAnalysis,
    analyse_round,
    compare_rounds,
    coverage,
    rank_pairs,
    screen_action,
)
from civicnb.analysis.organisations import analyse_organisations
from civicnb.analysis.views import GroupView, QuestionView
from civicnb.errors import InputError
from civicnb.framework.model import Framework, Strand
from civicnb.html.charts import RadarSeries, radar_svg
from civicnb.html.organisations import organisations_strand_html
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
from civicnb.html.safe import SafeHTML
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import LANGUAGES, score, t
from civicnb.records import LocalityRecords, Round, Side
from civicnb.workshop.facilitation import common_themes, frozen_records
from civicnb.workspace import Workspace, open_workspace

__all__ = ["Report", "Section"]

LA_COLOUR = "#1d4ed8"
CSO_COLOUR = "#b45309"


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
    return score(value, t("rep_na", lang), lang, signed=signed)


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

    def _strand_name(self, strand_id: str) -> str:
        s = self.framework.strand(strand_id)
        return f"{self._t('strand_n', n=s.id)}: {s.title.get(self.lang)}"

    def _active(self) -> dict[Side, int]:
        answered = {
            r.participant_id
            for r in self.records.ratings
            if r.round_id == self.round.id and r.answered
        }
        out = {s: 0 for s in Side}
        for p in self.records.participants:
            if p.id in answered:
                out[p.side] += 1
        return out

    # --- sections -----------------------------------------------------------------------

    def cover(self) -> Section:
        loc = self.records.locality
        fw = self.framework
        a = fw.attribution
        active = self._active()
        when = f" ({self.round.date.isoformat()})" if self.round.date else ""
        compared = (
            f"<p>{_h(self._t('rep_compared_with', label=self.compare_to.label))}</p>"
            if self.compare_to is not None
            else ""
        )
        people = ", ".join(f"{_h(self._t('side_short_' + s.value))}: {active[s]}" for s in Side)
        return Section(
            "cover",
            f'<p class="civicnb-report-kicker">{_h(self._t("rep_kicker"))}</p>'
            f"<h1>{_h(loc.name)}</h1>"
            f'<p class="civicnb-report-sub">{_h(self._t("round", label=self.round.label))}{_h(when)}</p>'
            f"{compared}<p>{_h(self._t('rep_people', people=people))}</p>"
            f"<p>{_h(self._t('rep_framework', title=fw.title.get(self.lang), source=f'{a.author}, {a.title} ({a.publisher}, {a.year})'))}</p>"
            f'<p class="civicnb-hint">{_h(self._t("rep_privacy", k=loc.min_group))}</p>',
        )

    def summary(self) -> Section:
        """A short narrative from the data: strongest and weakest strands, the largest
        gaps between the sides, the biggest changes since the compared round."""
        lang = self.lang
        strands = [s for s in self.analysis.strands if s.self_mean is not None]
        parts: list[str] = []
        if strands:
            best = max(strands, key=lambda s: (s.self_mean or 0.0, s.strand_id))
            worst = min(strands, key=lambda s: (s.self_mean or 0.0, s.strand_id))
            parts.append(
                self._t(
                    "rep_best_worst",
                    best=self._strand_name(best.strand_id),
                    best_value=_num(best.self_mean, lang),
                    worst=self._strand_name(worst.strand_id),
                    worst_value=_num(worst.self_mean, lang),
                )
            )
        else:
            parts.append(self._t("rep_no_ratings"))
        gaps = [q for q in self.analysis.questions if q.gap is not None]
        gaps.sort(key=lambda q: (-abs(q.gap or 0.0), q.question_id))
        if gaps:
            items = "; ".join(
                f"{self._qlabel(q.question_id)} ({_num(q.gap, lang, signed=True)})"
                for q in gaps[:3]
            )
            parts.append(self._t("rep_largest_gaps", items=items))
        if self.base is not None and self.compare_to is not None:
            progress = compare_rounds(self.base, self.analysis)
            changes = [c for c in progress.strands if c.self_change is not None]
            changes.sort(key=lambda c: (-abs(c.self_change or 0.0), c.id))
            if changes:
                items = "; ".join(
                    f"{self._strand_name(c.id)} ({_num(c.self_change, lang, signed=True)})"
                    for c in changes[:3]
                )
                parts.append(
                    self._t("rep_biggest_changes", label=self.compare_to.label, items=items)
                )
        ranked = rank_pairs(self.analysis)[:3]
        if ranked:
            items = ", ".join(
                f"{self._t('pair_n', n=self.framework.pair(r.pair.pair_id).number)} ({self._t('strand_n', n=r.pair.strand_id)})"
                for r in ranked
            )
            parts.append(self._t("rep_discuss_first", items=items))
        return Section(
            "summary",
            f"<h2>{_h(self._t('rep_summary'))}</h2>" + "".join(f"<p>{_h(p)}</p>" for p in parts),
        )

    def _qlabel(self, question_id: str) -> str:
        """A short label: "LA 1", "CSO I" ("AL 1", "OSC I" in Spanish)."""
        q = self.framework.question(question_id)
        return self._t("rep_axis_" + q.side.value, n=q.number)

    def _by_rater(self, view: QuestionView, side: Side) -> GroupView:
        return view.self_view if view.about == side else view.other_side

    def strand(self, strand_id: str) -> Section:
        """One strand: the two sides' views as a radar chart and a table, the paired
        table, and the agreed ratings with their narrative."""
        s = self.framework.strand(strand_id)
        lang = self.lang
        head = (
            f"<h2>{_h(self._strand_name(s.id))}</h2>"
            f"<blockquote>{_h(s.guiding_question.get(lang))}</blockquote>"
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
        axes = [self._qlabel(q.id) for q in questions]
        series = [
            RadarSeries(self._t("rep_la_answers"), [g.mean for g in la], LA_COLOUR),
            RadarSeries(self._t("rep_cso_answers"), [g.mean for g in cso], CSO_COLOUR, "8 6"),
        ]
        desc_items = "; ".join(
            f"{axis}: {self._t('rep_la_short')} {_group_mean(a, lang)}, {self._t('rep_cso_short')} {_group_mean(c, lang)}"
            for axis, a, c in zip(axes, la, cso, strict=True)
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
                    SafeHTML(
                        f'<abbr title="{_h(q.text.get(lang))}">{_h(self._qlabel(q.id))}</abbr>'
                    ),
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
                f"<li><strong>{_h(self._t('pair_n', n=pair.number))}: {_h(self._t('rep_agreed', score=score))}</strong>{narrative}"
                + (f" ({by})" if by else "")
                + "</li>"
            )
        body = f"<ul>{''.join(items)}</ul>" if items else f"<p>{_h(self._t('rep_no_agreed'))}</p>"
        return f"<h3>{_h(self._t('rep_agreed_title'))}</h3>{body}"

    def strands(self) -> list[Section]:
        return [self.strand(s.id) for s in self.framework.strands]

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
            f"<h2>{_h(self._t('rep_progress'))}</h2><p>{_h(text)}</p>"
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
        head = f"<h2>{_h(self._t('org_breakdown'))}</h2>"
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
            f"<h2>{_h(self._t('fac_actions'))}</h2>"
            + actions_html(actions, screenings, outcomes, self.lang),
        )

    def outcomes(self) -> Section:
        outcomes = list(self.records.outcomes)
        activities = list(self.records.activities)
        return Section(
            "outcomes",
            f"<h2>{_h(self._t('fac_outcomes_title'))}</h2>"
            + outcomes_html(outcomes, self.lang)
            + f"<h2>{_h(self._t('fac_matrix_title'))}</h2>"
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
        return Section("screening", f"<h2>{_h(self._t('rep_screening'))}</h2>{body}")

    def assets(self) -> Section:
        return Section(
            "assets",
            f"<h2>{_h(self._t('fac_assets'))}</h2>"
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
        return Section("cafe", f"<h2>{_h(self._t('fac_cafe'))}</h2>{body}")

    def attendance(self) -> Section:
        records = [a for a in self.records.attendance if a.round_id == self.round.id and a.expected]
        missing = [a for a in records if not a.present]
        body = (
            attendance_html(missing, self.lang)
            if records
            else f"<p>{_h(self._t('rep_no_attendance'))}</p>"
        )
        return Section("attendance", f"<h2>{_h(self._t('fac_whos_not_here'))}</h2>{body}")

    def celebrations(self) -> Section:
        return Section(
            "celebrations",
            f"<h2>{_h(self._t('fac_celebrations'))}</h2>"
            + celebrations_html(list(self.records.celebrations), self.lang),
        )

    def all_sections(self) -> Sequence[Section]:
        """Every section in the order the report notebook shows them."""
        return [
            self.cover(),
            self.summary(),
            *self.strands(),
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
