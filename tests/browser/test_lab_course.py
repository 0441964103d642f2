"""The course in JupyterLab: a group's module from `civicnb course`, opened and run in a
real JupyterLab, shows its exercise widgets; a wrong answer, then the right one, get the
same feedback as in Voilà (a polite status line) and are saved in the group's learner's
workbook. The nbgrader learners' version of a module (`civicnb course-grader`), run in
Lab, prints an answer's feedback under its check cell."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.course.exercises import exercise
from civicnb.course.grading import letter, solution_letters, write_grader_course
from civicnb.course.group_case import Case
from civicnb.course.learner import read_learner_workbook
from civicnb.course.packs import make_packs

from .conftest import NetworkGuard, open_in_lab, require

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("lab")]
SHOTS = (
    Path(os.environ["CIVICNB_SCREENSHOT_DIR"]) if os.environ.get("CIVICNB_SCREENSHOT_DIR") else None
)
MODULE = "01-strand-I"


@pytest.fixture(scope="module")
def course_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lab-course") / "curso"
    make_packs(1, "es", root, progress=False, modules=[MODULE], handouts=False)
    return root


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _pairs(case: Case) -> tuple[int, int]:
    gaps = {
        p.number: round(p.max_abs_gap or 0.0, 1)
        for p in case.analysis(0).pairs
        if p.strand_id == "I"
    }
    best = max(gaps.values())
    return (
        next(n for n, g in gaps.items() if g == best),
        next(n for n, g in gaps.items() if g < best),
    )


def test_an_exercise_gives_its_feedback_in_lab(
    page: Any, net: NetworkGuard, lab_server: Callable[..., str], course_root: Path
) -> None:
    folder = course_root / "grupo-1"
    right, wrong = _pairs(Case.load(folder / "case.json"))
    base = lab_server(course_root)
    open_in_lab(page, base, f"grupo-1/{MODULE}.ipynb")

    first = page.locator(".jp-OutputArea .civicnb-exercise").first
    check = first.get_by_role("button", name="Revisar mi respuesta")
    check.wait_for(timeout=120_000)
    status = first.get_by_role("status")

    first.get_by_role("radio", name=f"Par {wrong}", exact=True).check()
    check.click()
    page.wait_for_function(
        "el => el.textContent.startsWith('No exactamente.')",
        arg=status.element_handle(),
        timeout=60_000,
    )
    assert f"Par {wrong}" in status.inner_text()

    first.get_by_role("radio", name=f"Par {right}", exact=True).check()
    check.focus()
    page.keyboard.press("Enter")  # the keyboard works in Lab too
    page.wait_for_function(
        "el => el.textContent.startsWith('Correcto.')", arg=status.element_handle(), timeout=60_000
    )
    status.scroll_into_view_if_needed()
    _shot(page, "course-lab-module")
    # the button's whole label shows (Lab gives buttons a fixed width unless told)
    assert check.evaluate("b => b.scrollWidth <= b.clientWidth")

    attempts = read_learner_workbook(folder / "learner-workbook.json")["answers"]["gap-I-r0"]
    assert [(a["answer"], a["correct"]) for a in attempts] == [
        (f"P{wrong:02d}", False),
        (f"P{right:02d}", True),
    ]
    assert not net.external


def _release(course: Path, module: str) -> Path:
    """The learners' version of ``module``, made by the real nbgrader."""
    require("nbgrader")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        env[name] = str(course / ".jupyter" / name.lower())
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", module, "--force"],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return course / "release" / module / f"{module}.ipynb"


def _answer(page: Any, cell: Any, text: str) -> Any:
    """Write ``text`` as the whole answer cell, run it and the check cell after it; the
    check cell's output area."""
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    return cell.locator("xpath=following-sibling::div[contains(@class, 'jp-Cell')][1]")


def test_the_nbgrader_version_gives_its_feedback_in_lab(
    page: Any, net: NetworkGuard, lab_server: Callable[..., str], course_root: Path
) -> None:
    course = course_root / "nbgrader"
    write_grader_course(course, "es", modules=[MODULE])
    release = _release(course, MODULE)
    ex = exercise(Case.load("", "es"), "largest_gap", strand="I", round=0)
    right = solution_letters(ex)
    wrong = next(letter(i) for i in range(len(ex.choices)) if letter(i) != right)

    base = lab_server(course_root)
    open_in_lab(page, base, str(release.relative_to(course_root)))
    # the exercise's choices are lettered; run all stops at the first unanswered check
    question = page.locator(".jp-OutputArea .civicnb-lettered").first
    # (JupyterLab skips rendering cells out of view: attached, not visible)
    question.wait_for(state="attached", timeout=120_000)
    assert f"{right}: Par" in (question.text_content() or "")
    found = page.locator(".jp-CodeCell", has_text='respuesta_1 = ""').first
    index = found.evaluate(
        "el => Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell')).indexOf(el)"
    )
    answer = page.locator(".jp-Notebook .jp-Cell").nth(index)  # whatever its text becomes
    check = answer.locator("xpath=following-sibling::div[contains(@class, 'jp-Cell')][1]")
    check.locator(".jp-OutputArea-output", has_text="Aún no hay respuesta").wait_for(
        state="attached", timeout=120_000
    )
    answer.scroll_into_view_if_needed()

    check = _answer(page, answer, f'respuesta_1 = "{wrong}"')
    check.locator(".jp-OutputArea-output", has_text="No exactamente.").wait_for(timeout=60_000)
    check = _answer(page, answer, f'respuesta_1 = "{right.lower()}"')
    said = check.locator(".jp-OutputArea-output", has_text="Correcto.")
    said.wait_for(timeout=60_000)
    assert "No exactamente." not in check.inner_text()
    said.scroll_into_view_if_needed()
    _shot(page, "course-lab-nbgrader")
    assert not net.external
