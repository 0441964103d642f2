"""The checkers of the course's exercises: pure functions, no Jupyter.

Every answer is checked against figures computed from the case data with
:mod:`civicnb.analysis` (never a stored answer: each course group has its own variant of
the case, with its own figures). A checker returns :class:`Feedback` with a message that
says why the answer is right or not and points at the evidence; a wrong answer is
explained without giving the right one away, so the learner can try again.

Figures are compared as the learner sees them, rounded to one decimal: when two choices
show the same rounded figure, both are accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from civicnb.analysis import compare_rounds, coverage, rank_pairs
from civicnb.course.group_case import Case
from civicnb.course.names import QUOTES
from civicnb.errors import NotFoundError
from civicnb.i18n import score, shown
from civicnb.records import Side

__all__ = [
    "Answer",
    "Feedback",
    "check_action_status",
    "check_common_theme",
    "check_discuss_first",
    "check_largest_gap",
    "check_missing_groups",
    "check_most_improved",
    "check_screening",
    "check_uncovered",
    "check_widened",
    "check_win_win",
    "check_withheld",
]

Answer = str | Sequence[str]


@dataclass(frozen=True, slots=True)
class Feedback:
    correct: bool
    message: str
    answered: bool = True
    """False when there was nothing to check (no choice made): not worth recording."""


def _one(answer: Answer) -> str:
    if isinstance(answer, str):
        return answer.strip()
    values = [a for a in answer if a]
    return values[0] if len(values) == 1 else ""


def _many(answer: Answer) -> set[str]:
    if isinstance(answer, str):
        return {answer} if answer else set()
    return {a for a in answer if a}


def _invalid(case: Case, answer: str, allowed: Iterable[str]) -> Feedback | None:
    if not answer:
        return Feedback(False, case.t("crs_no_answer"), answered=False)
    if answer not in set(allowed):
        return Feedback(False, case.t("crs_unknown_choice"))
    return None


def _say(case: Case, correct: bool, text: str) -> Feedback:
    lead = case.t("crs_correct" if correct else "crs_not_quite")
    return Feedback(correct, f"{lead} {text}")


def _best(values: dict[str, float]) -> tuple[Decimal, list[str]]:
    """The largest value (rounded as shown) and the keys that reach it."""
    top = max(shown(v) for v in values.values())
    return top, [k for k, v in values.items() if shown(v) == top]


def _tie(case: Case, answer: str, winners: list[str], label: Callable[[str], str]) -> str:
    others = [w for w in winners if w != answer]
    return " " + case.t("crs_tie", others=", ".join(label(o) for o in others)) if others else ""


# --- the largest gap -------------------------------------------------------------------------


def check_largest_gap(
    case: Case, answer: Answer, *, round: int | str = 0, strand: str | None = None
) -> Feedback:
    """Which pair (of ``strand``, or of all) shows the largest gap in ``round``."""
    pair_ids = case.pairs_of(strand)
    chosen = _one(answer)
    if (bad := _invalid(case, chosen, pair_ids)) is not None:
        return bad
    analysis = case.analysis(round)
    sizes = {p: v for p in pair_ids if (v := analysis.pair(p).max_abs_gap) is not None}
    view = analysis.pair(chosen)
    if chosen not in sizes:
        return _say(case, False, case.t("crs_gap_none", pair=case.pair_label(chosen)))
    _, winners = _best(sizes)
    q = max((qv for qv in view.questions if qv.gap is not None), key=lambda qv: abs(qv.gap or 0.0))
    values = {
        "pair": case.pair_label(chosen, with_strand=strand is None),
        "gap": case.num(q.gap),
        "question": case.question_label(q.question_id),
    }
    if chosen in winners:

        def label(pair_id: str) -> str:
            return case.pair_label(pair_id, with_strand=strand is None)

        text = case.t(
            "crs_gap_right",
            own=case.num(q.self_view.mean, signed=False),
            other=case.num(q.other_side.mean, signed=False),
            **values,
        )
        return _say(case, True, text + _tie(case, chosen, winners, label))
    return _say(case, False, case.t("crs_gap_wrong", **values))


# --- the strand that improved most -----------------------------------------------------------


def check_most_improved(
    case: Case, answer: Answer, *, before: int | str = 0, after: int | str = -1
) -> Feedback:
    """In which strand did the own-view average rise most from ``before`` to ``after``."""
    strands = [s.id for s in case.framework.strands if s.pairs]
    chosen = _one(answer)
    if (bad := _invalid(case, chosen, strands)) is not None:
        return bad
    progress = compare_rounds(case.analysis(before), case.analysis(after))
    changes = {s: c for s in strands if (c := progress.strand(s).self_change) is not None}
    change = progress.strand(chosen)
    if chosen not in changes:
        return _say(case, False, case.t("crs_improve_none", strand=case.strand_label(chosen)))
    _, winners = _best(changes)
    values = {
        "strand": case.strand_label(chosen),
        "before": case.num(change.self_before, signed=False, digits=2),
        "after": case.num(change.self_after, signed=False, digits=2),
        "change": case.num(change.self_change, digits=2),
    }
    if chosen not in winners:
        return _say(case, False, case.t("crs_improve_wrong", **values))
    rest = {k: v for k, v in changes.items() if k not in winners}
    nxt = max(rest, key=lambda k: rest[k]) if rest else chosen
    text = case.t(
        "crs_improve_right",
        next=case.strand_label(nxt),
        next_change=case.num(changes[nxt], digits=2),
        **values,
    )
    return _say(case, True, text + _tie(case, chosen, winners, case.strand_label))


# --- the gap that widened --------------------------------------------------------------------


def check_widened(
    case: Case, answer: Answer, *, before: int | str = 0, after: int | str = -1
) -> Feedback:
    """Which pair's gap grew most in size from ``before`` to ``after``."""
    pair_ids = case.pairs_of(None)
    chosen = _one(answer)
    if (bad := _invalid(case, chosen, pair_ids)) is not None:
        return bad
    progress = compare_rounds(case.analysis(before), case.analysis(after))
    growth = {p: g for p in pair_ids if (g := progress.pair(p).abs_gap_change) is not None}
    change = progress.pair(chosen)

    def label(pair_id: str) -> str:
        return case.pair_label(pair_id, with_strand=True)

    if chosen not in growth:
        return _say(case, False, case.t("crs_widen_none", pair=label(chosen)))
    values = {
        "pair": label(chosen),
        "before": case.num(change.gap_before),
        "after": case.num(change.gap_after),
    }
    top, winners = _best(growth)
    if chosen in winners and top > 0:
        return _say(
            case, True, case.t("crs_widen_right", **values) + _tie(case, chosen, winners, label)
        )
    key = "crs_widen_less" if growth[chosen] > 0 else "crs_widen_narrowed"
    return _say(case, False, case.t(key, **values))


# --- resilience screening --------------------------------------------------------------------


def check_screening(case: Case, action_id: str, ticked: Answer) -> Feedback:
    """Compare the design tests the learner ticked with the partnership's screening of
    the action (a test not assessed by the partnership counts as not passed)."""
    action = next((a for a in case.records.actions if a.id == action_id), None)
    if action is None:
        raise NotFoundError("action", action_id)
    tests = case.framework.design_tests
    known = {e.id for e in tests}
    mine = _many(ticked)
    if mine - known:
        return Feedback(False, case.t("crs_unknown_choice"))
    notes = action.screening_notes.strip() or case.t("crs_screen_no_notes")
    passed = {k for k, v in action.screening.items() if v and k in known}
    lines = []
    for e in tests:
        if (e.id in mine) == (e.id in passed):
            continue
        verdict = action.screening.get(e.id)
        key = (
            "crs_screen_they_pass"
            if verdict
            else "crs_screen_they_skip"
            if verdict is None
            else "crs_screen_they_fail"
        )
        lines.append(case.t(key, test=e.test.get(case.lang) if e.test else e.title.get(case.lang)))
    if not lines:
        return _say(
            case,
            True,
            case.t("crs_screen_right", score=len(passed), total=len(tests), notes=notes),
        )
    head = case.t("crs_screen_wrong", n=len(lines), total=len(tests))
    reasons = case.t("crs_screen_reasons", notes=notes)
    return _say(case, False, " ".join([head, *lines, reasons]))


# --- outcomes and activities -----------------------------------------------------------------


def _titles(case: Case, items: Iterable[str]) -> str:
    left, right = QUOTES[case.lang]
    return "; ".join(f"{left}{x}{right}" for x in items)


def check_uncovered(case: Case, answer: Answer) -> Feedback:
    """Which valued outcome does no activity serve."""
    outcomes = case.records.outcomes
    chosen = _one(answer)
    if (bad := _invalid(case, chosen, [o.id for o in outcomes])) is not None:
        return bad
    cov = coverage(outcomes, case.records.activities)
    outcome = next(o for o in outcomes if o.id == chosen)
    if chosen in cov.uncovered:
        assets = [a.description for a in case.records.assets if chosen in a.outcome_ids]
        extra = case.t("crs_uncov_assets", assets=_titles(case, assets)) if assets else ""
        return _say(case, True, case.t("crs_uncov_right", outcome=outcome.title, assets=extra))
    serving = [a.title for a in case.records.activities if chosen in a.outcome_ids]
    return _say(
        case,
        False,
        case.t("crs_uncov_wrong", outcome=outcome.title, activities=_titles(case, serving)),
    )


def check_win_win(case: Case, answer: Answer) -> Feedback:
    """Which activity serves outcomes in two or more parts of the triple bottom line."""
    activities = case.records.activities
    chosen = _one(answer)
    if (bad := _invalid(case, chosen, [a.id for a in activities])) is not None:
        return bad
    cov = coverage(case.records.outcomes, activities)
    activity = next(a for a in activities if a.id == chosen)
    cats = cov.categories[cov.activity_ids.index(chosen)]
    served = [o for o in case.records.outcomes if o.id in activity.outcome_ids]
    outcomes = "; ".join(
        f"{_titles(case, [o.title])} ({case.t('tbl_' + o.category)})" for o in served
    )
    parts = ", ".join(case.t("tbl_" + c) for c in cats)
    if not served:
        return _say(case, False, case.t("crs_winwin_nothing", activity=activity.title))
    win = chosen in {w.activity_id for w in cov.win_win}
    key = "crs_winwin_right" if win else "crs_winwin_wrong"
    return _say(case, win, case.t(key, activity=activity.title, outcomes=outcomes, parts=parts))


# --- who's not here --------------------------------------------------------------------------


def check_missing_groups(case: Case, answer: Answer, *, round: int | str = 0) -> Feedback:
    """Which expected groups did not come to the round's workshop."""
    rows = case.attendance(round)
    mine = _many(answer)
    if not mine:
        return Feedback(False, case.t("crs_no_answer"), answered=False)
    if mine - {g for g, _, _ in rows}:
        return Feedback(False, case.t("crs_unknown_choice"))
    missing = [g for g, present, _ in rows if not present]
    extra = [g for g, present, _ in rows if present and g in mine]
    left = [g for g in missing if g not in mine]
    if not extra and not left:
        notes = "; ".join(
            f"{g}: {note or case.t('crs_missing_none_note')}"
            for g, present, note in rows
            if not present
        )
        return _say(case, True, case.t("crs_missing_right", groups=", ".join(missing), notes=notes))
    parts = []
    if extra:
        parts.append(case.t("crs_missing_extra", groups=", ".join(extra)))
    if left:
        parts.append(case.t("crs_missing_more", n=len(left)))
    return _say(case, False, " ".join(parts))


# --- the small-number rule -------------------------------------------------------------------


def check_withheld(
    case: Case, answer: Answer, *, question: str, raters: str, round: int | str = 0
) -> Feedback:
    """Whether the average of one group of raters (``raters``: LA, CSO or other) on one
    question is shown or withheld under the small-number rule. Answers: "shown",
    "withheld"."""
    chosen = _one(answer)
    if (bad := _invalid(case, chosen, ("shown", "withheld"))) is not None:
        return bad
    side = Side.parse(raters)
    view = case.analysis(round).question(question)
    group = (
        view.third_party
        if side == Side.OTHER
        else view.self_view
        if side == view.about
        else view.other_side
    )
    k = case.records.locality.min_group
    withheld = group.withheld is not None
    if (chosen == "withheld") != withheld:
        return _say(case, False, case.t("crs_withheld_wrong", k=k))
    if withheld:
        return _say(case, True, case.t("crs_withheld_right", k=k))
    _, anonymous = case.who_answered(question, round)[side]
    return _say(case, True, case.t("crs_shown_enough" if anonymous else "crs_shown_named", k=k))


# --- follow-through --------------------------------------------------------------------------


def check_action_status(
    case: Case, answer: Answer, *, status: str = "dropped", round: int | str = 0
) -> Feedback:
    """Which action agreed in ``round`` has ``status`` now."""
    rnd = case.round(round)
    actions = [a for a in case.records.actions if a.round_id == rnd.id]
    chosen = _one(answer)
    if (bad := _invalid(case, chosen, [a.id for a in actions])) is not None:
        return bad
    action = next(a for a in actions if a.id == chosen)
    if action.status == status:
        notes = action.screening_notes.strip()
        return _say(case, True, case.t("crs_status_right", action=action.text, notes=notes))
    return _say(
        case,
        False,
        case.t(
            "crs_status_wrong",
            action=action.text,
            status=case.t("status_" + action.status).lower(),
            wanted=case.t("status_" + status).lower(),
        ),
    )


# --- what to discuss first -------------------------------------------------------------------


def check_discuss_first(case: Case, answer: Answer, *, round: int | str = -1) -> Feedback:
    """Which pair comes first in civicnb's discussion order (:func:`rank_pairs`)."""
    ranked = rank_pairs(case.analysis(round))
    chosen = _one(answer)
    if (bad := _invalid(case, chosen, [r.pair.pair_id for r in ranked])) is not None:
        return bad
    first = ranked[0]
    mine = next(r for r in ranked if r.pair.pair_id == chosen)
    # a tie on flags and on the priority as shown (two decimals) is accepted
    same_priority = shown(mine.priority, 2) == shown(first.priority, 2)
    same = len(mine.flags) == len(first.flags) and same_priority
    values = {
        "pair": case.pair_label(chosen, with_strand=True),
        "flags": case.flags_text(mine.flags),
        "priority": score(mine.priority, "—", case.lang, digits=2),
    }
    if same:
        return _say(case, True, case.t("crs_first_right", **values))
    return _say(case, False, case.t("crs_first_wrong", **values))


# --- World Café ------------------------------------------------------------------------------


def check_common_theme(case: Case, answer: Answer, *, round: int | str = 0) -> Feedback:
    """Which tagged theme recurs in the most notes of the round's World Café harvest."""
    counts = case.theme_counts(round)
    chosen = _one(answer)
    if (bad := _invalid(case, chosen, counts)) is not None:
        return bad
    top = max(counts.values())
    if counts[chosen] == top:
        return _say(case, True, case.t("crs_theme_right", theme=chosen, n=top))
    return _say(case, False, case.t("crs_theme_wrong", theme=chosen, n=counts[chosen]))
