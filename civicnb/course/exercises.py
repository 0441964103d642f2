"""The course's exercises and their checkers: pure functions, no Jupyter.

Every answer is checked against figures computed from the case data with
:mod:`civicnb.analysis` (never a stored answer: each course group has its own variant of
the case, with its own figures). A checker returns :class:`Feedback` with a message that
says why the answer is right or not and points at the evidence; a wrong answer is
explained without giving the right one away, so the learner can try again.

Figures are compared as the learner sees them, rounded to one decimal: when two choices
show the same rounded figure, both are accepted.

:func:`exercise` builds an :class:`Exercise` (question, choices, evidence as escaped
HTML, checker) for the widgets of :mod:`civicnb.course.widgets`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from civicnb.analysis import RoundAnalysis, analyse_round, compare_rounds, coverage, rank_pairs
from civicnb.analysis.views import GroupView
from civicnb.errors import InputError, NotFoundError
from civicnb.framework.model import Framework
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import score, shown, t
from civicnb.records import LocalityRecords, Round, Side
from civicnb.workshop.facilitation import common_themes

__all__ = ["Case", "Choice", "Exercise", "Feedback", "exercise"]

Answer = str | Sequence[str]


@dataclass(frozen=True, slots=True)
class Feedback:
    correct: bool
    message: str
    answered: bool = True
    """False when there was nothing to check (no choice made): not worth recording."""


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


def _num(value: float | None, lang: str, *, signed: bool = True, digits: int = 1) -> str:
    return score(value, "—", lang, signed=signed, digits=digits)


class Case:
    """The case data a course group works on, with its analyses (cached per round)."""

    def __init__(self, records: LocalityRecords, framework: Framework, lang: str = "") -> None:
        self.records = records
        self.framework = framework
        self.lang = lang or records.locality.language
        if self.lang not in ("en", "es"):
            raise InputError(f"language must be en or es (got {self.lang!r})")
        self.rounds = tuple(sorted(records.rounds, key=lambda r: r.position))
        if not self.rounds:
            raise InputError(f"{records.locality.name} has no round: the case needs its rounds")
        self._analyses: dict[str, RoundAnalysis] = {}

    @classmethod
    def load(cls, path: str | Path = "", lang: str = "") -> Case:
        """Read a case workbook (empty: the canonical case shipped with civicnb)."""
        from civicnb.course.case import read_case, shipped_case
        from civicnb.framework import load_framework

        records = read_case(path or shipped_case(lang or "es"))
        return cls(records, load_framework(records.locality.edition), lang)

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def round(self, key: int | str) -> Round:
        """A round by position (0 = baseline, -1 = the latest), label or id."""
        if isinstance(key, int):
            try:
                return self.rounds[key]
            except IndexError:
                raise InputError(f"the case has {len(self.rounds)} rounds (got {key})") from None
        for r in self.rounds:
            if key in (r.label, r.id):
                return r
        raise NotFoundError("round", key, [r.label for r in self.rounds])

    def analysis(self, key: int | str) -> RoundAnalysis:
        rnd = self.round(key)
        if rnd.id not in self._analyses:
            self._analyses[rnd.id] = analyse_round(
                self.framework,
                self.records.participants,
                self.records.ratings,
                min_group=self.records.locality.min_group,
                round_id=rnd.id,
            )
        return self._analyses[rnd.id]

    # labels
    def pair_label(self, pair_id: str, *, with_strand: bool = False) -> str:
        pair = self.framework.pair(pair_id)
        label = self.t("pair_n", n=pair.number)
        return f"{label} ({self.t('strand_n', n=pair.strand_id)})" if with_strand else label

    def question_label(self, question_id: str) -> str:
        q = self.framework.question(question_id)
        return self.t("rep_axis_" + q.side.value, n=q.number)

    def strand_label(self, strand_id: str) -> str:
        s = self.framework.strand(strand_id)
        return f"{self.t('strand_n', n=s.id)}: {s.title.get(self.lang)}"


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


def _pairs_of(case: Case, strand: str | None) -> list[str]:
    return [p.id for p in case.framework.pairs if strand is None or p.strand_id == strand]


def check_largest_gap(
    case: Case, answer: Answer, *, round: int | str = 0, strand: str | None = None
) -> Feedback:
    """Which pair (of ``strand``, or of all) shows the largest gap in ``round``."""
    pair_ids = _pairs_of(case, strand)
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
        "gap": _num(q.gap, case.lang),
        "question": case.question_label(q.question_id),
    }
    if chosen in winners:

        def label(pair_id: str) -> str:
            return case.pair_label(pair_id, with_strand=strand is None)

        text = case.t(
            "crs_gap_right",
            own=_num(q.self_view.mean, case.lang, signed=False),
            other=_num(q.other_side.mean, case.lang, signed=False),
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
        "before": _num(change.self_before, case.lang, signed=False, digits=2),
        "after": _num(change.self_after, case.lang, signed=False, digits=2),
        "change": _num(change.self_change, case.lang, digits=2),
    }
    if chosen not in winners:
        return _say(case, False, case.t("crs_improve_wrong", **values))
    rest = {k: v for k, v in changes.items() if k not in winners}
    nxt = max(rest, key=lambda k: rest[k]) if rest else chosen
    text = case.t(
        "crs_improve_right",
        next=case.strand_label(nxt),
        next_change=_num(changes[nxt], case.lang, digits=2),
        **values,
    )
    return _say(case, True, text + _tie(case, chosen, winners, case.strand_label))


# --- the gap that widened --------------------------------------------------------------------


def check_widened(
    case: Case, answer: Answer, *, before: int | str = 0, after: int | str = -1
) -> Feedback:
    """Which pair's gap grew most in size from ``before`` to ``after``."""
    pair_ids = _pairs_of(case, None)
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
        "before": _num(change.gap_before, case.lang),
        "after": _num(change.gap_after, case.lang),
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
    left, right = ("«", "»") if case.lang == "es" else ("“", "”")
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


def _attendance(case: Case, round: int | str) -> list[tuple[str, bool, str]]:
    rnd = case.round(round)
    return [
        (a.group, a.present, a.outreach_note)
        for a in case.records.attendance
        if a.round_id == rnd.id and a.expected
    ]


def check_missing_groups(case: Case, answer: Answer, *, round: int | str = 0) -> Feedback:
    """Which expected groups did not come to the round's workshop."""
    rows = _attendance(case, round)
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
    _, anonymous = _who_answered(case, question, round)[side]
    return _say(case, True, case.t("crs_shown_enough" if anonymous else "crs_shown_named", k=k))


def _who_answered(case: Case, question: str, round: int | str) -> dict[Side, tuple[int, int]]:
    rnd = case.round(round)
    people = {p.id: p for p in case.records.participants}
    seen: dict[str, Side] = {}
    named: dict[str, bool] = {}
    for r in case.records.ratings:
        if r.round_id == rnd.id and r.question_id == question and r.score is not None:
            p = people.get(r.participant_id)
            if p is not None:
                seen[p.id] = p.side
                named[p.id] = p.named
    out = {}
    for side in Side:
        ids = [pid for pid, s in seen.items() if s == side]
        n_named = sum(1 for pid in ids if named[pid])
        out[side] = (n_named, len(ids) - n_named)
    return out


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


def _flags_text(case: Case, flags: Sequence[str]) -> str:
    return ", ".join(case.t("fac_flag_" + f) for f in flags) or case.t("crs_no_flags")


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
        "flags": _flags_text(case, mine.flags),
        "priority": score(mine.priority, "—", case.lang, digits=2),
    }
    if same:
        return _say(case, True, case.t("crs_first_right", **values))
    return _say(case, False, case.t("crs_first_wrong", **values))


# --- World Café ------------------------------------------------------------------------------


def _theme_counts(case: Case, round: int | str) -> dict[str, int]:
    rnd = case.round(round)
    notes = [n for n in case.records.harvest_notes if n.round_id == rnd.id]
    tagged = {" ".join(th.split()).casefold() for n in notes for th in n.themes}
    return {name: n for name, n in common_themes(notes, case.lang) if name.casefold() in tagged}


def check_common_theme(case: Case, answer: Answer, *, round: int | str = 0) -> Feedback:
    """Which tagged theme recurs in the most notes of the round's World Café harvest."""
    counts = _theme_counts(case, round)
    chosen = _one(answer)
    if (bad := _invalid(case, chosen, counts)) is not None:
        return bad
    top = max(counts.values())
    if counts[chosen] == top:
        return _say(case, True, case.t("crs_theme_right", theme=chosen, n=top))
    return _say(case, False, case.t("crs_theme_wrong", theme=chosen, n=counts[chosen]))


# --- the exercises, with their evidence ------------------------------------------------------


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table of plain text cells (every cell escaped), each row named by its first."""
    return html_table(head, rows, caption=caption, row_headers=True)


def _ex_largest_gap(case: Case, *, round: int | str = 0, strand: str | None = None) -> Exercise:
    rnd = case.round(round)
    pair_ids = _pairs_of(case, strand)
    a = case.analysis(round)
    if strand is not None:
        rows = [
            [
                f"{case.pair_label(p)} · {case.question_label(q.question_id)}: "
                f"{case.framework.question(q.question_id).text.get(case.lang)}",
                _group_text(case, q.self_view),
                _group_text(case, q.other_side),
                _num(q.gap, case.lang),
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
                    f"{case.question_label(q.question_id)}: {_num(q.gap, case.lang)}"
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
    return _num(group.mean, case.lang, signed=False)


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
    pair_ids = _pairs_of(case, None)
    rows = [
        [
            case.pair_label(p, with_strand=True),
            _num(ab.pair(p).mean_gap, case.lang),
            _num(aa.pair(p).mean_gap, case.lang),
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
    rows = _attendance(case, round)
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
    counts = _who_answered(case, question, round)
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
            _num(p.max_abs_gap, case.lang, signed=False),
            score(p.lowest_agreement, "—", case.lang, digits=2),
            _flags_text(case, p.flags),
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
    themes = sorted(_theme_counts(case, round), key=str.casefold)
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
