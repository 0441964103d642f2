"""Every exercise checker of the course accepts the right answer and rejects wrong ones,
with an explanatory message in English and Spanish, on the canonical case and on a
group's variant (whose right answers are worked out here independently of the
checkers)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from typing import Any

import pytest

from civicnb.analysis import analyse_round, compare_rounds, rank_pairs
from civicnb.course.case import case_records
from civicnb.course.checks import (
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
from civicnb.course.exercises import KINDS, exercise
from civicnb.course.group_case import Case
from civicnb.errors import InputError, NotFoundError
from civicnb.framework import load_framework

FW = load_framework("pamphlet")
RIGHT = {"en": "Correct.", "es": "Correcto."}
WRONG = {"en": "Not quite.", "es": "No exactamente."}
CASES = [("en", 0), ("es", 0), ("en", 3), ("es", 7)]
_cache: dict[tuple[str, int], Case] = {}


def _case(lang: str, variant: int) -> Case:
    if (lang, variant) not in _cache:
        _cache[(lang, variant)] = Case(case_records(lang, variant, FW), FW)
    return _cache[(lang, variant)]


def _analysis(case: Case, position: int) -> Any:
    r = case.rounds[position]
    return analyse_round(
        FW, case.records.participants, case.records.ratings, min_group=5, round_id=r.id
    )


def _right(case: Case, fb: Any) -> None:
    assert fb.correct, fb.message
    assert fb.message.startswith(RIGHT[case.lang]), fb.message


def _wrong(case: Case, fb: Any) -> None:
    assert not fb.correct, fb.message
    assert fb.message.startswith(WRONG[case.lang]), fb.message
    assert len(fb.message) > len(WRONG[case.lang]) + 20  # it explains


@pytest.mark.parametrize(("lang", "variant"), CASES)
def test_largest_gap_of_a_strand(lang: str, variant: int) -> None:
    case = _case(lang, variant)
    a = _analysis(case, 0)
    for strand in ("I", "II", "IV"):
        sizes = {p.pair_id: p.max_abs_gap for p in a.pairs if p.strand_id == strand}
        top = max(round(v, 1) for v in sizes.values())
        for pair, size in sizes.items():
            fb = check_largest_gap(case, pair, round=0, strand=strand)
            if round(size, 1) == top:
                _right(case, fb)
                assert case.pair_label(pair) in fb.message
            else:
                _wrong(case, fb)
                # points at the pair's own gap, with the language's decimal sign
                shown = f"{size:.1f}".replace(".", "," if lang == "es" else ".")
                assert shown in fb.message
    if variant == 0:
        assert check_largest_gap(case, "P01", round=0, strand="I").correct
        assert check_largest_gap(case, "P07", round=2, strand="III").correct
    # over all fifteen pairs
    best = max(a.pairs, key=lambda p: p.max_abs_gap or 0)
    _right(case, check_largest_gap(case, best.pair_id, round=0))
    _wrong(case, check_largest_gap(case, "P09", round=0))


def test_a_pair_whose_gap_is_withheld_cannot_be_the_largest() -> None:
    case = _case("en", 0)
    # pair 8 at the baseline: CSO VIII's gap is withheld, LA 8's is shown
    fb = check_largest_gap(case, "P08", round=0, strand="III")
    _wrong(case, fb)


@pytest.mark.parametrize(("lang", "variant"), CASES)
def test_most_improved_strand(lang: str, variant: int) -> None:
    case = _case(lang, variant)
    progress = compare_rounds(_analysis(case, 0), _analysis(case, 2))
    rises = {c.id: c.self_change for c in progress.strands}
    best = max(rises, key=lambda k: rises[k] or -9)
    assert best == "V"  # the story: working inclusively improves most
    for strand in rises:
        fb = check_most_improved(case, strand, before=0, after=2)
        (_right if strand == best else _wrong)(case, fb)
    rise = {"es": "+0,9", "en": "+0.9"}[lang]  # the language's decimal sign
    assert rise in check_most_improved(case, "V").message or variant


@pytest.mark.parametrize(("lang", "variant"), CASES)
def test_widened_gap(lang: str, variant: int) -> None:
    case = _case(lang, variant)
    progress = compare_rounds(_analysis(case, 0), _analysis(case, 2))
    growth = {c.id: c.abs_gap_change for c in progress.pairs}
    assert max(growth, key=lambda k: growth[k] or -9) == "P07"
    _right(case, check_widened(case, "P07", before=0, after=2))
    narrowed = check_widened(case, "P01", before=0, after=2)
    _wrong(case, narrowed)
    assert ("did not widen" if lang == "en" else "no se amplió") in narrowed.message
    for pair in growth:
        if pair != "P07":
            _wrong(case, check_widened(case, pair))


@pytest.mark.parametrize(("lang", "variant"), CASES)
def test_screening_against_the_design_tests(lang: str, variant: int) -> None:
    case = _case(lang, variant)
    screened = [a for a in case.records.actions if a.status in ("proposed", "agreed")]
    assert len(screened) == 3
    tests = {e.id: e.test.get(lang) for e in FW.design_tests if e.test}
    for action in screened:
        passes = sorted(k for k, v in action.screening.items() if v)
        fb = check_screening(case, action.id, passes)
        _right(case, fb)
        assert action.screening_notes in fb.message
        for flip in tests:  # one test judged differently: named in the feedback
            mine = sorted(set(passes) ^ {flip})
            fb = check_screening(case, action.id, mine)
            _wrong(case, fb)
            assert tests[flip] in fb.message
            assert all(tests[k] not in fb.message for k in tests if k != flip)
        _wrong(case, check_screening(case, action.id, []))
        _wrong(case, check_screening(case, action.id, list(tests)))


@pytest.mark.parametrize(("lang", "variant"), CASES)
def test_uncovered_outcome_and_win_win_activity(lang: str, variant: int) -> None:
    case = _case(lang, variant)
    older = next(o for o in case.records.outcomes if o.category == "social" and o.current == 125)
    for o in case.records.outcomes:
        fb = check_uncovered(case, o.id)
        if o is older:
            _right(case, fb)
            # it points at the assets that could serve the uncovered outcome
            carers = next(a for a in case.records.assets if a.category == "people")
            assert carers.description in fb.message
        else:
            _wrong(case, fb)
            assert o.title in fb.message
    gardens = case.records.activities[0]
    for act in case.records.activities:
        fb = check_win_win(case, act.id)
        (_right if act is gardens else _wrong)(case, fb)
    # two outcomes of the same part of the triple bottom line are not a win-win
    jobs = next(
        a
        for a in case.records.activities
        if len(a.outcome_ids) == 2 and a.lead.endswith(("Social", "Department"))
    )
    fb = check_win_win(case, jobs.id)
    assert not fb.correct and case.t("tbl_economy") in fb.message


@pytest.mark.parametrize(("lang", "variant"), CASES)
def test_missing_groups(lang: str, variant: int) -> None:
    case = _case(lang, variant)
    for position in (0, 1, 2):
        rid = case.rounds[position].id
        rows = [a for a in case.records.attendance if a.round_id == rid]
        missing = [a.group for a in rows if not a.present]
        present = [a.group for a in rows if a.present]
        fb = check_missing_groups(case, missing, round=position)
        _right(case, fb)
        assert all(a.outreach_note in fb.message for a in rows if not a.present)
        _wrong(case, check_missing_groups(case, missing[:-1], round=position))
        extra = check_missing_groups(case, [*missing, present[0]], round=position)
        _wrong(case, extra)
        assert present[0] in extra.message
    assert not check_missing_groups(case, []).correct


@pytest.mark.parametrize(("lang", "variant"), CASES)
def test_small_number_rule(lang: str, variant: int) -> None:
    case = _case(lang, variant)
    _right(case, check_withheld(case, "withheld", question="CSO-VIII", raters="LA", round=0))
    _wrong(case, check_withheld(case, "shown", question="CSO-VIII", raters="LA", round=0))
    _right(case, check_withheld(case, "shown", question="CSO-VIII", raters="LA", round=1))
    _wrong(case, check_withheld(case, "withheld", question="CSO-VIII", raters="LA", round=1))
    _right(case, check_withheld(case, "withheld", question="LA-13", raters="other", round=0))
    fb = check_withheld(case, "shown", question="LA-13", raters="CSO", round=0)
    _right(case, fb)
    assert "5" in fb.message


@pytest.mark.parametrize(("lang", "variant"), CASES)
def test_dropped_action_and_discussion_order_and_common_theme(lang: str, variant: int) -> None:
    case = _case(lang, variant)
    base = case.rounds[0].id
    for a in case.records.actions:
        if a.round_id == base:
            fb = check_action_status(case, a.id, status="dropped", round=0)
            (_right if a.status == "dropped" else _wrong)(case, fb)
    ranked = rank_pairs(_analysis(case, 2))
    _right(case, check_discuss_first(case, ranked[0].pair.pair_id, round=2))
    _wrong(case, check_discuss_first(case, ranked[-1].pair.pair_id, round=2))
    young = "young people" if lang == "en" else "jóvenes"
    access = "accessibility" if lang == "en" else "accesibilidad"
    _right(case, check_common_theme(case, young, round=2))
    _right(case, check_common_theme(case, access, round=0))
    water = "water" if lang == "en" else "agua"
    fb = check_common_theme(case, water, round=2)
    _wrong(case, fb)
    assert "2" in fb.message
    assert not check_common_theme(case, access, round=2).correct  # not a theme then


def test_empty_or_unknown_answers_are_refused_with_a_message() -> None:
    case = _case("es", 0)
    for fb in (
        check_largest_gap(case, "", strand="I"),
        check_largest_gap(case, "P09", strand="I"),  # not a pair of strand I
        check_most_improved(case, "VI"),  # strand VI has no pairs
        check_uncovered(case, "nope"),
        check_withheld(case, "maybe", question="LA-01", raters="LA"),
        check_screening(case, case.records.actions[4].id, ["not_a_test"]),
    ):
        assert not fb.correct and fb.message
    empty = check_largest_gap(case, "", strand="I")
    assert empty.message == "Primero elija una respuesta." and not empty.answered
    assert check_largest_gap(case, "P03", strand="I").answered
    with pytest.raises(NotFoundError):
        exercise(case, "no_such_kind")
    with pytest.raises(InputError):
        exercise(case, "largest_gap", colour="red")
    with pytest.raises(InputError):
        case.round(7)


def test_every_exercise_kind_builds_with_its_choices_and_checker() -> None:
    case = _case("en", 0)
    specs: dict[str, dict[str, Any]] = {
        "largest_gap": {"strand": "I"},
        "most_improved": {},
        "widened": {},
        "screening": {"action": 0},
        "uncovered": {},
        "win_win": {},
        "missing": {"round": 1},
        "withheld": {"question": "CSO-VIII", "raters": "LA"},
        "action_status": {},
        "discuss_first": {},
        "common_theme": {"round": 2},
    }
    assert set(specs) == set(KINDS)
    ids = set()
    for kind, params in specs.items():
        ex = exercise(case, kind, **params)
        ids.add(ex.id)
        assert ex.prompt and ex.choices and ex.evidence.strip().startswith("<")
        verdicts = []
        for c in ex.choices:
            fb = ex.check([c.value] if ex.multiple else c.value)
            verdicts.append(fb.correct)
        if not ex.multiple:
            assert verdicts.count(True) >= 1, kind
            assert verdicts.count(False) >= 1, kind
        assert not ex.check(None).correct
    assert len(ids) == len(specs)


def test_evidence_escapes_the_case_text() -> None:
    records = case_records("en", 0, FW)
    xss = "<img src=x onerror=alert(1)>"
    outcomes = (dataclasses.replace(records.outcomes[0], title=xss), *records.outcomes[1:])
    case = Case(dataclasses.replace(records, outcomes=outcomes), FW)
    ex = exercise(case, "uncovered")
    assert xss not in ex.evidence and "&lt;img src=x onerror=alert(1)&gt;" in ex.evidence
    assert ex.choices[0].label == xss  # a label is text: the widget shows it as text


def test_checkers_and_packs_import_nothing_from_jupyter() -> None:
    """The checkers are pure: importable (and the case buildable) without Jupyter."""
    code = (
        "import sys, json\n"
        "import civicnb.course, civicnb.course.exercises, civicnb.course.checks, civicnb.course.group_case\n"
        "import civicnb.course.learner\n"
        "import civicnb.course.packs, civicnb.course.handouts\n"
        "from civicnb.course import Case, case_records, exercise\n"
        "from civicnb.framework import load_framework\n"
        "fw = load_framework('pamphlet')\n"
        "exercise(Case(case_records('es', 1, fw), fw), 'widened').check('P07')\n"
        "jupyter = {'ipywidgets', 'IPython', 'papermill', 'nbclient', 'voila', 'anywidget', 'ipykernel', 'nbconvert'}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in jupyter)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
