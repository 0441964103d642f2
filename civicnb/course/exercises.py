"""The course's exercises: :func:`exercise` builds an :class:`Exercise` (question,
choices, evidence as escaped HTML, and its checker from :mod:`civicnb.course.checks`) for
the widgets of :mod:`civicnb.course.widgets`. No Jupyter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from civicnb.analysis.views import GroupView
from civicnb.course.checks import (
    Answer,
    Feedback,
    check_action_status,
    check_common_theme,
    check_discuss_first,
    check_largest_gap,
    check_missing_groups,
    check_most_improved,
    check_screening,
    check_uncovered,
    check_widened,
    check_win_win,
    check_withheld,
)
from civicnb.course.group_case import Case
from civicnb.errors import InputError, NotFoundError
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import score
from civicnb.records import Side

__all__ = ["KINDS", "Choice", "Exercise", "exercise"]


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Exercise:
    """One question with its choices, its evidence and its checker."""

    id: str
    """Stable id (also the nbgrader ``grade_id`` of the cell showing it)."""
    prompt: str
    choices: tuple[Choice, ...]
    multiple: bool
    """True: tick any number of choices (checkboxes); False: choose one."""
    evidence: str
    """What to look at, as HTML built from escaped text."""
    hint: str
    checker: Callable[[Answer], Feedback] = field(repr=False, compare=False)

    def check(self, answer: Answer | None) -> Feedback:
        return self.checker(answer if answer is not None else "")

    def label_of(self, answer: Answer) -> str:
        labels = {c.value: c.label for c in self.choices}
        values = [answer] if isinstance(answer, str) else list(answer)
        return "; ".join(labels.get(v, v) for v in values)


# --- the exercises, with their evidence ------------------------------------------------------


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table of plain text cells (every cell escaped), each row named by its first."""
    return html_table(head, rows, caption=caption, row_headers=True)


def _ex_largest_gap(case: Case, *, round: int | str = 0, strand: str | None = None) -> Exercise:
    rnd = case.round(round)
    pair_ids = case.pairs_of(strand)
    a = case.analysis(round)
    if strand is not None:
        rows = [
            [
                f"{case.pair_label(p)} · {case.question_label(q.question_id)}: "
                f"{case.framework.question(q.question_id).text.get(case.lang)}",
                _group_text(case, q.self_view),
                _group_text(case, q.other_side),
                case.num(q.gap),
            ]
            for p in pair_ids
            for q in a.pair(p).questions
        ]
        head = [case.t("rep_question"), case.t("rep_self"), case.t("rep_other"), case.t("rep_gap")]
        evidence = _table(case.t("rep_pairs_caption", strand=strand), head, rows)
        prompt = case.t("crs_gap_prompt", round=rnd.label, strand=strand)
    else:
        rows = [
            [
                case.pair_label(p, with_strand=True),
                *(
                    f"{case.question_label(q.question_id)}: {case.num(q.gap)}"
                    for q in a.pair(p).questions
                ),
            ]
            for p in pair_ids
        ]
        head = [case.t("rep_pair"), case.t("column_LA"), case.t("column_CSO")]
        evidence = _table(case.t("crs_pairs_caption", round=rnd.label), head, rows)
        prompt = case.t("crs_gap_prompt_all", round=rnd.label)
    return Exercise(
        id=f"gap-{strand or 'all'}-r{rnd.position}",
        prompt=prompt,
        choices=tuple(Choice(p, case.pair_label(p, with_strand=strand is None)) for p in pair_ids),
        multiple=False,
        evidence=evidence,
        hint=case.t("crs_gap_hint"),
        checker=lambda ans: check_largest_gap(case, ans, round=round, strand=strand),
    )


def _group_text(case: Case, group: GroupView) -> str:
    if group.withheld is not None:
        return case.t("rep_withheld")
    return case.num(group.mean, signed=False)


def _ex_most_improved(case: Case, *, before: int | str = 0, after: int | str = -1) -> Exercise:
    from civicnb.reports.sections import Report

    b, a = case.round(before), case.round(after)
    report = Report(case.records, case.framework, a, b, case.lang)
    strands = [s.id for s in case.framework.strands if s.pairs]
    return Exercise(
        id=f"improved-r{b.position}-r{a.position}",
        prompt=case.t("crs_improve_prompt", before=b.label, after=a.label),
        choices=tuple(Choice(s, case.strand_label(s)) for s in strands),
        multiple=False,
        evidence=report.progress()._repr_html_(),
        hint=case.t("crs_improve_hint"),
        checker=lambda ans: check_most_improved(case, ans, before=before, after=after),
    )


def _ex_widened(case: Case, *, before: int | str = 0, after: int | str = -1) -> Exercise:
    b, a = case.round(before), case.round(after)
    ab, aa = case.analysis(before), case.analysis(after)
    pair_ids = case.pairs_of(None)
    rows = [
        [
            case.pair_label(p, with_strand=True),
            case.num(ab.pair(p).mean_gap),
            case.num(aa.pair(p).mean_gap),
        ]
        for p in pair_ids
    ]
    head = [
        case.t("rep_pair"),
        case.t("crs_col_mean_gap", round=b.label),
        case.t("crs_col_mean_gap", round=a.label),
    ]
    return Exercise(
        id=f"widened-r{b.position}-r{a.position}",
        prompt=case.t("crs_widen_prompt", before=b.label, after=a.label),
        choices=tuple(Choice(p, case.pair_label(p, with_strand=True)) for p in pair_ids),
        multiple=False,
        evidence=_table(case.t("crs_widen_caption"), head, rows),
        hint=case.t("crs_widen_hint"),
        checker=lambda ans: check_widened(case, ans, before=before, after=after),
    )


def _ex_screening(case: Case, *, action: int | str = 0) -> Exercise:
    """``action``: an action id, or the n-th (0-based) proposed or agreed action with a
    screening."""
    if isinstance(action, int):
        candidates = [
            a for a in case.records.actions if a.status in ("proposed", "agreed") and a.screening
        ]
        try:
            act = candidates[action]
        except IndexError:
            raise InputError(
                f"the case has {len(candidates)} screened proposed actions (got {action})"
            ) from None
    else:
        found = next((a for a in case.records.actions if a.id == action), None)
        if found is None:
            raise NotFoundError("action", action)
        act = found
    outcomes = [o.title for o in case.records.outcomes if o.id in act.outcome_ids]
    tests = case.framework.design_tests
    evidence = (
        f"<p>{_h(case.t('fac_owner'))}: {_h(act.owner)}. "
        f"{_h(case.t('fac_status'))}: {_h(case.t('status_' + act.status))}. "
        f"{_h(case.t('fac_outcomes'))}: {_h('; '.join(outcomes) or case.t('fac_none'))}.</p>"
    )
    return Exercise(
        id=f"screening-{act.id[:8]}",
        prompt=case.t("crs_screen_prompt", action=act.text),
        choices=tuple(
            Choice(e.id, e.test.get(case.lang) if e.test else e.title.get(case.lang)) for e in tests
        ),
        multiple=True,
        evidence=evidence,
        hint="",
        checker=lambda ans: check_screening(case, act.id, ans),
    )


def _plan_evidence(case: Case) -> str:
    outs = {o.id: o for o in case.records.outcomes}
    o_items = "".join(
        f"<li>{_h(o.title)} ({_h(case.t('tbl_' + o.category))})</li>" for o in case.records.outcomes
    )
    a_items = "".join(
        f"<li><strong>{_h(a.title)}</strong>"
        + (f" — {_h(case.t('crs_lead', lead=a.lead))}" if a.lead else "")
        + "<br>"
        + _h(
            case.t(
                "crs_serves",
                outcomes="; ".join(outs[o].title for o in a.outcome_ids if o in outs)
                or case.t("fac_none"),
            )
        )
        + "</li>"
        for a in case.records.activities
    )
    return (
        f"<h4>{_h(case.t('crs_outcomes_title'))}</h4><ul>{o_items}</ul>"
        f"<h4>{_h(case.t('crs_activities_title'))}</h4><ul>{a_items}</ul>"
    )


def _ex_uncovered(case: Case) -> Exercise:
    return Exercise(
        id="uncovered-outcome",
        prompt=case.t("crs_uncov_prompt"),
        choices=tuple(Choice(o.id, o.title) for o in case.records.outcomes),
        multiple=False,
        evidence=_plan_evidence(case),
        hint="",
        checker=lambda ans: check_uncovered(case, ans),
    )


def _ex_win_win(case: Case) -> Exercise:
    return Exercise(
        id="win-win-activity",
        prompt=case.t("crs_winwin_prompt"),
        choices=tuple(Choice(a.id, a.title) for a in case.records.activities),
        multiple=False,
        evidence=_plan_evidence(case),
        hint="",
        checker=lambda ans: check_win_win(case, ans),
    )


def _ex_missing(case: Case, *, round: int | str = 0) -> Exercise:
    rnd = case.round(round)
    rows = case.attendance(round)
    expected = sorted(g for g, _, _ in rows)
    signed = [g for g, present, _ in rows if present]
    evidence = (
        f"<h4>{_h(case.t('crs_expected'))}</h4><ul>"
        + "".join(f"<li>{_h(g)}</li>" for g in expected)
        + f"</ul><h4>{_h(case.t('crs_signed_in'))}</h4><ol>"
        + "".join(f"<li>{_h(g)}</li>" for g in signed)
        + "</ol>"
    )
    return Exercise(
        id=f"missing-r{rnd.position}",
        prompt=case.t("crs_missing_prompt", round=rnd.label),
        choices=tuple(Choice(g, g) for g in expected),
        multiple=True,
        evidence=evidence,
        hint="",
        checker=lambda ans: check_missing_groups(case, ans, round=round),
    )


def _ex_withheld(case: Case, *, question: str, raters: str, round: int | str = 0) -> Exercise:
    rnd = case.round(round)
    side = Side.parse(raters)
    qlabel = case.question_label(question)
    counts = case.who_answered(question, round)
    rows = [[case.t("side_short_" + s.value), str(counts[s][0]), str(counts[s][1])] for s in Side]
    head = [case.t("side"), case.t("crs_named"), case.t("crs_anonymous")]
    q = case.framework.question(question)
    evidence = (
        f"<p><strong>{_h(qlabel)}</strong>: {_h(q.text.get(case.lang))}</p>"
        + _table(case.t("crs_who_answered", question=qlabel, round=rnd.label), head, rows)
        + f"<p>{_h(case.t('crs_rule', k=case.records.locality.min_group))}</p>"
    )
    figure = case.t("crs_figure", raters=case.t("crs_raters_" + side.value), question=qlabel)
    return Exercise(
        id=f"withheld-{question}-{side.value}-r{rnd.position}",
        prompt=case.t("crs_withheld_prompt", round=rnd.label, figure=figure),
        choices=(Choice("shown", case.t("crs_shown")), Choice("withheld", case.t("crs_withheld"))),
        multiple=False,
        evidence=evidence,
        hint="",
        checker=lambda ans: check_withheld(
            case, ans, question=question, raters=raters, round=round
        ),
    )


def _ex_action_status(case: Case, *, round: int | str = 0, status: str = "dropped") -> Exercise:
    from civicnb.analysis import screen_action
    from civicnb.html.reveal import actions_html

    rnd = case.round(round)
    actions = [a for a in case.records.actions if a.round_id == rnd.id]
    outcomes = list(case.records.outcomes)
    screenings = {a.id: screen_action(case.framework, a, outcomes) for a in actions}
    return Exercise(
        id=f"status-{status}-r{rnd.position}",
        prompt=case.t("crs_status_prompt", round=rnd.label),
        choices=tuple(Choice(a.id, a.text) for a in actions),
        multiple=False,
        evidence=actions_html(actions, screenings, outcomes, case.lang),
        hint="",
        checker=lambda ans: check_action_status(case, ans, status=status, round=round),
    )


def _ex_discuss_first(case: Case, *, round: int | str = -1) -> Exercise:
    rnd = case.round(round)
    a = case.analysis(round)
    rows = [
        [
            case.pair_label(p.pair_id, with_strand=True),
            case.num(p.max_abs_gap, signed=False),
            score(p.lowest_agreement, "—", case.lang, digits=2),
            case.flags_text(p.flags),
        ]
        for p in a.pairs
    ]
    head = [
        case.t("rep_pair"),
        case.t("crs_col_largest_gap"),
        case.t("crs_col_lowest_agreement"),
        case.t("crs_col_flags"),
    ]
    return Exercise(
        id=f"discuss-first-r{rnd.position}",
        prompt=case.t("crs_first_prompt", round=rnd.label),
        choices=tuple(
            Choice(p.pair_id, case.pair_label(p.pair_id, with_strand=True)) for p in a.pairs
        ),
        multiple=False,
        evidence=_table(case.t("crs_pairs_caption", round=rnd.label), head, rows),
        hint="",
        checker=lambda ans: check_discuss_first(case, ans, round=round),
    )


def _ex_common_theme(case: Case, *, round: int | str = 0) -> Exercise:
    rnd = case.round(round)
    notes = [n for n in case.records.harvest_notes if n.round_id == rnd.id]
    rows = [[n.table, n.text, ", ".join(n.themes)] for n in notes]
    head = [case.t("crs_col_table"), case.t("crs_col_note"), case.t("crs_col_themes")]
    themes = sorted(case.theme_counts(round), key=str.casefold)
    return Exercise(
        id=f"theme-r{rnd.position}",
        prompt=case.t("crs_theme_prompt", round=rnd.label),
        choices=tuple(Choice(th, th) for th in themes),
        multiple=False,
        evidence=_table(case.t("crs_harvest_caption", round=rnd.label), head, rows),
        hint="",
        checker=lambda ans: check_common_theme(case, ans, round=round),
    )


_BUILDERS: dict[str, Callable[..., Exercise]] = {
    "largest_gap": _ex_largest_gap,
    "most_improved": _ex_most_improved,
    "widened": _ex_widened,
    "screening": _ex_screening,
    "uncovered": _ex_uncovered,
    "win_win": _ex_win_win,
    "missing": _ex_missing,
    "withheld": _ex_withheld,
    "action_status": _ex_action_status,
    "discuss_first": _ex_discuss_first,
    "common_theme": _ex_common_theme,
}
KINDS = tuple(_BUILDERS)


def exercise(case: Case, kind: str, **params: object) -> Exercise:
    """The exercise ``kind`` (one of :data:`KINDS`) on ``case``, e.g.
    ``exercise(case, "largest_gap", strand="I", round=0)``."""
    try:
        build = _BUILDERS[kind]
    except KeyError:
        raise NotFoundError("exercise kind", kind, KINDS) from None
    try:
        return build(case, **params)
    except TypeError as exc:
        raise InputError(f"exercise {kind!r}: {exc}") from None
