"""The course as learners and trainers meet it: a printed handout opened from disk
requests nothing from the network and has no serious accessibility violation; a module
served by Voilà checks an answer in the browser (a wrong one, then the right one) and
saves both in the group's learner's workbook."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.course.group_case import Case
from civicnb.course.learner import read_learner_workbook
from civicnb.course.packs import make_packs

from .conftest import NetworkGuard, describe

pytestmark = pytest.mark.xdist_group("course")
SHOTS = (
    Path(os.environ["CIVICNB_SCREENSHOT_DIR"]) if os.environ.get("CIVICNB_SCREENSHOT_DIR") else None
)
MODULE = "01-strand-I"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("course-browser") / "course"
    make_packs(1, "en", root, progress=False, modules=[MODULE])
    return root


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("name", [f"group-1/{MODULE}.html", "trainer-guide.html", "index.html"])
def test_handouts_are_offline_and_accessible(
    page: Any, net: NetworkGuard, axe_serious: Callable[..., Any], pack: Path, name: str
) -> None:
    path = pack / "handouts" / name
    page.goto(path.resolve().as_uri())
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").first.is_visible()
    if name.startswith("group-"):
        assert page.title().startswith("Module 1")
        exercises = page.locator("section.civicnb-exercise")
        assert exercises.count() == 3
        assert "○ Pair 1" in exercises.first.inner_text()
        assert not page.locator(".civicnb-static-note").first.is_visible()  # not on paper
        assert page.locator(".civicnb-write-here").count() == 1
        _shot(page, "course-handout")
    violations = axe_serious(page)
    assert not violations, describe(violations)
    page.emulate_media(media="print")
    assert page.locator("h1").first.is_visible()
    assert not net.external and not net.dialogs


def test_an_exercise_checks_answers_in_voila(
    page: Any,
    net: NetworkGuard,
    axe_serious: Callable[..., Any],
    voila_server: Callable[..., str],
    pack: Path,
) -> None:
    folder = pack / "group-1"
    case = Case.load(folder / "case.json")
    gaps = {
        p.number: round(p.max_abs_gap or 0.0, 1)
        for p in case.analysis(0).pairs
        if p.strand_id == "I"
    }
    best = max(gaps.values())
    right = next(n for n, g in gaps.items() if g == best)
    wrong = next(n for n, g in gaps.items() if g < best)

    page.goto(voila_server(folder) + f"voila/render/{MODULE}.ipynb", timeout=120_000)
    first = page.locator(".civicnb-exercise").first
    check = first.get_by_role("button", name="Check my answer")
    check.wait_for(timeout=120_000)
    status = first.get_by_role("status")

    first.get_by_role("radio", name=f"Pair {wrong}", exact=True).check()
    check.click()
    page.wait_for_function(
        "el => el.textContent.startsWith('Not quite.')", arg=status.element_handle(), timeout=30_000
    )
    assert f"Pair {wrong}" in status.inner_text()

    first.get_by_role("radio", name=f"Pair {right}", exact=True).check()
    check.press("Enter")  # keyboard works too
    page.wait_for_function(
        "el => el.textContent.startsWith('Correct.')", arg=status.element_handle(), timeout=30_000
    )
    status.scroll_into_view_if_needed()
    _shot(page, "course-voila-module")

    attempts = read_learner_workbook(folder / "learner-workbook.json")["answers"]["gap-I-r0"]
    assert [(a["answer"], a["correct"]) for a in attempts] == [
        (f"P{wrong:02d}", False),
        (f"P{right:02d}", True),
    ]
    assert page.evaluate("document.documentElement.lang") == "en"
    violations = axe_serious(page)
    assert not violations, describe(violations)
    assert not net.external and not net.dialogs
