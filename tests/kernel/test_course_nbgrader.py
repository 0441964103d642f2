"""The course with the real nbgrader: `civicnb course-grader` writes an nbgrader course,
`nbgrader generate_assignment` makes the learners' version (no right answer left in it),
two learners' filled-in copies are submitted, `nbgrader autograde` marks them, and the
gradebook holds the expected mark per exercise (the exercises' own checkers decided
them) and the reflections wait for the trainer's grading by hand."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from civicnb.cli import main
from civicnb.course.exercises import exercise
from civicnb.course.grading import check_letters, letter, solution_letters
from civicnb.course.group_case import Case

pytestmark = [pytest.mark.kernel, pytest.mark.slow, pytest.mark.xdist_group("course")]

MODULE = "04-strand-IV"
EXERCISES = {  # grade id: (kind, params), as in notebooks/course/04-strand-IV.ipynb
    "ex-04-screening-1": ("screening", {"action": 0}),
    "ex-04-screening-2": ("screening", {"action": 1}),
    "ex-04-screening-3": ("screening", {"action": 2}),
    "ex-04-largest-gap-IV": ("largest_gap", {"strand": "IV", "round": 0}),
}


def _nbgrader_available() -> None:
    try:
        import nbgrader  # noqa: F401
    except ImportError:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("nbgrader is not installed (CI=true: install civicnb[test])")
        pytest.skip("nbgrader is not installed (pip install 'civicnb[nbgrader]')")


def _env(tmp: Path) -> dict[str, str]:
    """No user's Jupyter configuration or data; this environment's commands first (nbgrader
    runs `alembic`, its kernels run this Python)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "JPY_", "VOILA", "IPYTHON", "CIVICNB_"))
    }
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        (tmp / name.lower()).mkdir(exist_ok=True)
        env[name] = str(tmp / name.lower())
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def _nbgrader(course: Path, env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ERROR" not in done.stderr, done.stderr[-3000:]


def _source(cell: Any) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def _fill(release: Path, target: Path, answers: dict[int, str], reflection: str) -> None:
    """The learner's copy: ``respuesta_N = ""`` filled in, the reflection written."""
    nb = json.loads(release.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        src = _source(cell)
        for n, value in answers.items():
            src = src.replace(f'respuesta_{n} = ""', f"respuesta_{n} = {value!r}")
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "reflection-04":
            src = reflection
        cell["source"] = src
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def _wrong(kind: str, params: dict[str, Any], case: Case) -> str:
    """Letters the exercise's checker rejects (a valid answer, only wrong)."""
    ex = exercise(case, kind, **params)
    right = solution_letters(ex)
    if ex.multiple:  # one test ticked or unticked differently
        first = letter(0)
        return right.replace(first, "") if first in right else first + right
    return next(
        letter(i) for i in range(len(ex.choices)) if not check_letters(ex, letter(i), "es").correct
    )


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    _nbgrader_available()
    tmp = tmp_path_factory.mktemp("nbgrader")
    course = tmp / "curso"
    assert main(["course-grader", "--lang", "es", "-o", str(course), "--module", MODULE]) == 0
    env = _env(tmp)
    _nbgrader(course, env, "generate_assignment", MODULE, "--force")
    release = course / "release" / MODULE / f"{MODULE}.ipynb"
    case = Case.load("", "es")
    right = {
        i: solution_letters(exercise(case, kind, **params))
        for i, (kind, params) in enumerate(EXERCISES.values(), 1)
    }
    wrong = {
        i: _wrong(kind, params, case) for i, (kind, params) in enumerate(EXERCISES.values(), 1)
    }
    # ana: every answer right, in lower case with spaces; ben: 1 wrong, 2 right, 3 not
    # letters of the choices, 4 left empty
    ana = {i: " ".join(v.lower()) for i, v in right.items()}
    ben = {1: wrong[1], 2: right[2], 3: "Z", 4: ""}
    submitted = course / "submitted"
    _fill(release, submitted / "ana" / MODULE / f"{MODULE}.ipynb", ana, "Mi reflexión.")
    _fill(release, submitted / "ben" / MODULE / f"{MODULE}.ipynb", ben, "Otra reflexión.")
    _nbgrader(course, env, "autograde", MODULE)
    from nbgrader.api import Gradebook

    marks: dict[str, dict[str, Any]] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in ("ana", "ben"):
            sub = gb.find_submission(MODULE, student)
            grades = {
                g: gb.find_grade(g, MODULE, MODULE, student) for g in [*EXERCISES, "reflection-04"]
            }
            marks[student] = {
                "score": sub.score,
                "max": sub.max_score,
                "manual": sub.needs_manual_grade,
                "auto": {g: (x.auto_score, x.needs_manual_grade) for g, x in grades.items()},
            }
    return {"course": course, "release": release, "marks": marks, "right": right}


def test_the_learners_version_holds_no_right_answer(graded: dict[str, Any]) -> None:
    source = graded["course"] / "source" / MODULE / f"{MODULE}.ipynb"
    assert "BEGIN SOLUTION" in source.read_text(encoding="utf-8")
    nb = json.loads(graded["release"].read_text(encoding="utf-8"))
    text = "\n".join(_source(c) for c in nb["cells"])
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    for n, letters in graded["right"].items():
        assert f'respuesta_{n} = ""' in text  # what the learner fills in
        assert f"respuesta_{n} = {letters!r}" not in text
    assert "(su respuesta va en la línea de arriba, entre las comillas)" in text
    assert "raise NotImplementedError" not in text  # the course's own stub, not nbgrader's
    # the checks are locked tests cells; the reflection is an answer cell graded by hand
    checks = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
    assert [c["metadata"]["nbgrader"]["grade_id"] for c in checks] == [
        *EXERCISES,
        "reflection-04",
    ]
    assert all(c["metadata"]["nbgrader"]["locked"] for c in checks[:-1])
    assert checks[-1]["cell_type"] == "markdown" and checks[-1]["metadata"]["nbgrader"]["solution"]
    assert "cuaderno de aprendizaje" not in text  # no learner's workbook with nbgrader


def test_autograde_marks_each_exercise_with_civicnbs_checks(graded: dict[str, Any]) -> None:
    ana, ben = graded["marks"]["ana"], graded["marks"]["ben"]
    assert ana["auto"] == {**dict.fromkeys(EXERCISES, (1.0, False)), "reflection-04": (None, True)}
    assert ben["auto"] == {
        "ex-04-screening-1": (0.0, False),
        "ex-04-screening-2": (1.0, False),
        "ex-04-screening-3": (0.0, False),
        "ex-04-largest-gap-IV": (0.0, False),
        "reflection-04": (None, True),
    }
    assert (ana["score"], ben["score"]) == (4.0, 1.0)
    assert ana["max"] == ben["max"] == 5.0  # four exercises and the reflection
    assert ana["manual"] and ben["manual"]  # the reflections wait for the trainer


def test_the_graded_notebook_shows_the_feedback(graded: dict[str, Any]) -> None:
    """A wrong answer fails its check with the checker's own words (in the module's
    language); a right one prints them; bad letters are told what to write."""
    path = graded["course"] / "autograded" / "ben" / MODULE / f"{MODULE}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    outputs = {
        c["metadata"]["nbgrader"]["grade_id"]: c.get("outputs", [])
        for c in nb["cells"]
        if c["metadata"].get("nbgrader", {}).get("grade") and c["cell_type"] == "code"
    }

    def said(grade_id: str) -> str:
        texts = [o.get("text", "") for o in outputs[grade_id]]
        texts += [o.get("evalue", "") for o in outputs[grade_id]]
        return "".join(x if isinstance(x, str) else "".join(x) for x in texts)

    assert said("ex-04-screening-1").startswith("No exactamente.")
    assert said("ex-04-screening-2").startswith("Correcto.")
    assert "de A a" in said("ex-04-screening-3")  # "Escriba letras de A a E…"
    assert "Aún no hay respuesta" in said("ex-04-largest-gap-IV")
    assert all(
        o["ename"] == "NotRight"
        for g in ("ex-04-screening-1", "ex-04-screening-3", "ex-04-largest-gap-IV")
        for o in outputs[g]
        if o["output_type"] == "error"
    )
    # the feedback alone, no traceback of civicnb's code
    assert not any(
        "widgets.py" in "".join(o.get("traceback", [])) for v in outputs.values() for o in v
    )


def test_the_course_folder_is_not_overwritten(graded: dict[str, Any], capsys: Any) -> None:
    course = graded["course"]
    before = (course / "source" / MODULE / f"{MODULE}.ipynb").read_bytes()
    status = main(["course-grader", "--lang", "es", "-o", str(course), "--module", MODULE])
    assert status == 1
    assert "exists already" in capsys.readouterr().err
    assert (course / "source" / MODULE / f"{MODULE}.ipynb").read_bytes() == before
    assert shutil.which("nbgrader", path=str(Path(sys.executable).parent))
