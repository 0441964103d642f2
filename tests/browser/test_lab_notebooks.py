"""civicnb's notebooks in a real JupyterLab (started by the test on 127.0.0.1, offline):
a locality's strand I notebook, run in Lab, shows its rating groups, takes an answer by
keyboard and the answer is in the store; axe finds nothing serious inside civicnb's
widgets; without a session the "not joined" notice says what to do in Lab."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from civicnb.i18n import t
from civicnb.records import Side
from civicnb.workshop.participation import join, start_session
from civicnb.workspace import Workspace

from .conftest import NetworkGuard, demo_workspace, describe, open_in_lab

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("lab")]

STRAND_I = "localities/villaflor/strand-I.ipynb"
# the widgets civicnb puts in a notebook's output (Lab's own chrome is not ours)
OURS = ".jp-OutputArea-output:has(.civicnb-page)"
SHOTS = (
    Path(os.environ["CIVICNB_SCREENSHOT_DIR"]) if os.environ.get("CIVICNB_SCREENSHOT_DIR") else None
)


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, lab_server: Any) -> tuple[Workspace, str]:
    ws = demo_workspace(tmp_path_factory, "lab-notebooks")
    return ws, str(lab_server(ws.root))


def _shot(page: Any, tmp_path: Path, name: str) -> None:
    for folder in (tmp_path, SHOTS):
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"lab-{name}.png"))


def _hold_lab_session(page: Any, base: str, ws: Workspace, name: str) -> str:
    """A new local-authority participant ``name`` whose session this browser holds in
    Lab's origin (as after joining on start.ipynb in Lab or in its Voilà preview).
    Returns the participant's id."""
    with ws.open_store() as store:
        loc = store.get_locality("villaflor")
        pid = join(store, loc, Side.LA, name, named=False).id
        token = start_session(store, pid)
    page.goto(base + "api/status")
    page.evaluate(
        "([k, v]) => window.localStorage.setItem(k, v)",
        [f"civicnb:{loc.id}", json.dumps({"s": token, "lang": "es"})],
    )
    return pid


def _scores(ws: Workspace, pid: str) -> dict[str, tuple[int, bool]]:
    with ws.open_store() as store:
        return {
            r.question_id: (r.score, r.dont_know)
            for r in store.ratings(participant_id=pid)
            if r.round_id
        }


def test_not_joined_notice_says_what_to_do_in_lab(
    page: Any, net: NetworkGuard, lab: tuple[Workspace, str], axe_serious: Any, tmp_path: Path
) -> None:
    expect = _expect()
    _ws, base = lab
    open_in_lab(page, base, STRAND_I)
    notice = page.locator(".civicnb-lab-not-joined")
    expect(notice).to_be_visible(timeout=90_000)
    # the demo locality speaks Spanish: the Lab-specific text, not Voilà's
    expect(notice).to_contain_text(t("lab_not_joined", "es"))
    assert t("not_joined", "es") not in notice.inner_text()
    link = notice.get_by_role("link", name=t("lab_open_start", "es"))
    href = link.evaluate("a => a.href")
    # relative: the start notebook, in this Lab (and its Lab workspace, if it has one)
    assert re.fullmatch(
        re.escape(base) + r"lab/(workspaces/\w+/)?tree/localities/villaflor/start\.ipynb", href
    ), href
    # the page leaves Lab's own language, title and address alone
    assert page.locator("html").get_attribute("lang") != "es"
    assert "strand-I.ipynb" in page.title()  # Lab's own title (the open notebook)
    assert page.locator(OURS).get_attribute("lang") == "es"
    assert "lang=" not in page.url
    expect(link).to_have_css("text-decoration-line", "underline")  # a link looks like one
    # civicnb's page style (civicnb.lab_style) holds in this output, and only there
    ours = page.locator(OURS).first
    assert ours.evaluate("e => getComputedStyle(e).getPropertyValue('--civicnb-text').trim()") == (
        "#1a1a1a"
    )
    assert (
        page.evaluate(
            "() => getComputedStyle(document.documentElement).getPropertyValue('--civicnb-text')"
        ).strip()
        == ""
    )
    _shot(page, tmp_path, "not-joined")
    found = axe_serious(page, context={"include": [[OURS]]})
    assert found == [], describe(found)
    assert net.external == []


def test_strand_one_in_lab_saves_a_keyboard_answer(
    page: Any, net: NetworkGuard, lab: tuple[Workspace, str], axe_serious: Any, tmp_path: Path
) -> None:
    expect = _expect()
    ws, base = lab
    pid = _hold_lab_session(page, base, ws, "Lab tester")
    open_in_lab(page, base, STRAND_I)
    groups = page.locator(f"{OURS} fieldset.civicnb-rating")
    expect(groups.first).to_be_visible(timeout=90_000)
    assert groups.count() >= 3
    expect(page.locator(".civicnb-lab-not-joined")).to_have_count(0)
    _shot(page, tmp_path, "strand-I")

    # axe inside civicnb's widgets (Lab's chrome is not ours)
    found = axe_serious(page, context={"include": [[OURS]]})
    assert found == [], describe(found)

    # keyboard only: focus the first group's first option, as Tab would, then arrows
    first = groups.first
    radios = first.get_by_role("radio")
    radios.first.focus()
    page.keyboard.press("ArrowRight")  # native radios: the arrow moves and chooses
    page.keyboard.press("ArrowRight")
    expect(radios.nth(2)).to_be_checked()
    second = groups.nth(1)
    in_second = "el => el.contains(document.activeElement)"
    for _ in range(8):  # Tab on to the next group (past the question's other controls)
        page.keyboard.press("Tab")
        if second.evaluate(in_second):
            break
    expect(second.get_by_role("radio").first).to_be_focused()
    page.keyboard.press("Space")
    expect(second.get_by_role("radio").first).to_be_checked()

    scores: dict[str, tuple[int, bool]] = {}
    for _ in range(120):  # saved as the answer is given: up to 30 s
        scores = _scores(ws, pid)
        if len(scores) >= 2:
            break
        page.wait_for_timeout(250)
    assert sorted(scores.values()) == [(1, False), (3, False)], scores
    _shot(page, tmp_path, "strand-I-answered")

    found = axe_serious(page, context={"include": [[OURS]]})
    assert found == [], describe(found)
    assert net.external == []


def test_joining_in_lab_identifies_the_strand_notebooks(
    page: Any, net: NetworkGuard, lab: tuple[Workspace, str], tmp_path: Path
) -> None:
    """Join on start.ipynb run in Lab: the token kept in Lab's origin identifies the
    participant in the strand notebook opened next."""
    expect = _expect()
    ws, base = lab
    open_in_lab(page, base, "localities/villaflor/start.ipynb")
    out = page.locator(OURS)
    expect(out.locator(".civicnb-lab-kiosk")).to_contain_text(t("lab_kiosk", "es"))
    out.get_by_role("radio", name=t("side_LA", "es")).check()
    out.get_by_label(t("name", "es")).fill("Lab joiner")
    out.get_by_label(t("name", "es")).press("Tab")
    out.get_by_role("button", name=t("begin", "es")).click()
    expect(out.get_by_role("link", name=t("my_summary", "es")).first).to_be_visible()
    # Lab's address is left alone; the start notebook's links open notebooks in Lab
    assert "lang=" not in page.url
    href = out.get_by_role("link", name=t("my_summary", "es")).first.evaluate("a => a.href")
    assert re.match(
        re.escape(base) + r"lab/(workspaces/\w+/)?tree/localities/villaflor/summary\.ipynb", href
    ), href
    forget = out.get_by_role("button", name=t("forget_me", "es"))
    assert forget.evaluate("b => b.scrollWidth <= b.clientWidth"), "the label is cut off"
    _shot(page, tmp_path, "joined")
    with ws.open_store() as store:
        people = store.participants(store.get_locality("villaflor").id)
        pid = next(p.id for p in people if p.name == "Lab joiner")

    open_in_lab(page, base, STRAND_I)
    expect(page.locator(f"{OURS} fieldset.civicnb-rating").first).to_be_visible(timeout=90_000)
    expect(page.locator(OURS).get_by_text("Lab joiner", exact=False).first).to_be_visible()
    page.locator(f"{OURS} fieldset.civicnb-rating").first.get_by_role("radio").nth(3).check()
    for _ in range(120):
        if _scores(ws, pid):
            break
        page.wait_for_timeout(250)
    assert list(_scores(ws, pid).values()) == [(4, False)]
    assert net.external == []
