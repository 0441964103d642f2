"""The course for nbgrader without nbgrader: the letters a learner writes, the right
letters found with the exercises' own checkers, and the course folder's notebooks (one
answer cell and one locked tests cell per exercise, a markdown answer cell per
reflection, valid nbgrader schema 3 metadata). tests/kernel/test_course_nbgrader.py runs
the real nbgrader on it."""

from __future__ import annotations

import ast
import itertools
import json
from pathlib import Path

import pytest

from civicnb.course.checks import Feedback
from civicnb.course.exercises import exercise
from civicnb.course.grading import (
    answer_of,
    check_letters,
    letter,
    solution_letters,
    write_grader_course,
)
from civicnb.course.group_case import Case
from civicnb.course.packs import MODULES
from civicnb.errors import ConflictError, InputError


@pytest.fixture(scope="module")
def case() -> Case:
    return Case.load("", "en")


def test_letters_name_choices(case: Case) -> None:
    one = exercise(case, "largest_gap", strand="I", round=0)
    assert answer_of(one, " b ", "en") == one.choices[1].value
    assert isinstance(bad := answer_of(one, "AB", "en"), Feedback)
    assert "one letter, from A to C" in bad.message
    assert isinstance(empty := answer_of(one, "", "en"), Feedback) and not empty.answered
    many = exercise(case, "screening", action=0)
    assert answer_of(many, "c, a", "en") == [many.choices[0].value, many.choices[2].value]
    assert answer_of(many, "0", "en") == []
    assert isinstance(answer_of(many, "AA", "en"), Feedback)
    assert isinstance(answer_of(many, "AZ", "en"), Feedback)
    assert letter(0) == "A" and letter(25) == "Z"
    with pytest.raises(InputError):
        letter(26)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_exercise_of_the_course_has_right_letters(tmp_path: Path, lang: str) -> None:
    made = write_grader_course(tmp_path / "c", lang)
    assert made.assignments == MODULES and made.config_written
    config = made.config.read_text(encoding="utf-8")
    assert f"course_id = 'civicnb-course-{lang}'" in config
    case = Case.load("", lang)
    total = 0
    for module in MODULES:
        nb = json.loads((made.root / "source" / module / f"{module}.ipynb").read_text())
        meta = [c["metadata"].get("nbgrader") for c in nb["cells"]]
        ids = [m["grade_id"] for m in meta if m]
        assert len(ids) == len(set(ids)), module
        graded = [m["grade_id"] for m in meta if m and m["grade"]]
        assert graded == [*made.exercises[module], *made.reflections[module]]
        assert all(m["points"] == 1 for m in meta if m and m["grade"])
        assert not any(c["metadata"].get("tags") == ["parameters"] for c in nb["cells"])
        cells = nb["cells"]
        for before, cell in itertools.pairwise(cells):
            src = "".join(cell["source"])
            if not src.startswith("m.check("):
                continue
            # the check re-runs the exercise's checker on the solution just above it
            total += 1
            call = ast.parse(src).body[0].value  # type: ignore[attr-defined]
            kind = ast.literal_eval(call.args[0])
            params = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
            solution = "".join(before["source"])
            assert before["metadata"]["nbgrader"]["solution"], module
            assert not before["metadata"]["nbgrader"]["locked"], module
            letters = ast.literal_eval(
                solution.split("### BEGIN SOLUTION")[1].split("=")[1].split("\n")[0].strip()
            )
            ex = exercise(case, kind, **params)
            assert check_letters(ex, letters, lang).correct, (module, kind)
            assert not check_letters(ex, "", lang).correct
    assert total == sum(len(v) for v in made.exercises.values()) == 19
    # solution letters are right answers, and every exercise has a wrong one
    one = exercise(case, "withheld", question="LA-13", raters="other", round=0)
    assert check_letters(one, solution_letters(one), lang).correct
    assert not check_letters(one, "AB".replace(solution_letters(one), ""), lang).correct
    with pytest.raises(ConflictError):
        write_grader_course(tmp_path / "c", lang, modules=["00-introduction"])


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown course module"):
        write_grader_course(tmp_path, "es", modules=["99-nope"])
    with pytest.raises(InputError, match="one of en, es, pt"):
        write_grader_course(tmp_path, "fr")
    with pytest.raises(InputError, match="course id"):
        write_grader_course(tmp_path, "es", course_id="a b")
    (tmp_path / "nbgrader_config.py").write_text("# the trainer's own\n")
    made = write_grader_course(tmp_path, "es", modules=["00-introduction"])
    assert not made.config_written
    assert made.config.read_text() == "# the trainer's own\n"


def test_a_graded_module_letters_its_choices_and_checks(
    case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    from civicnb.course.widgets import Module

    m = Module("01-strand-I", lang="en", graded=True)
    ex = exercise(m.case, "largest_gap", strand="I", round=0)
    html = m._lettered(ex)
    assert "<strong>A</strong>" in html and "<strong>C</strong>" in html
    assert "Write the letter of your answer in the cell below." in html
    m.check("largest_gap", solution_letters(ex), strand="I", round=0)
    assert capsys.readouterr().out.startswith("Correct.")
    wrong = next(letter(i) for i in range(3) if not check_letters(ex, letter(i), "en").correct)
    with pytest.raises(AssertionError, match=r"^Not quite\."):
        m.check("largest_gap", wrong, strand="I", round=0)
