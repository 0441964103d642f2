"""Kiosk mode: one shared device, participants taking turns. After "Next participant"
nothing of the previous person is on the screen, in the address or behind Back.

Served by standalone Voilà on 127.0.0.1 and driven in headless Chromium (see conftest).
Screenshots go to /tmp/kiosk-*.png (or $CIVICNB_SCREENSHOT_DIR).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.framework import load_framework
from civicnb.workspace import Workspace

from .conftest import demo_workspace, describe

FW = load_framework("pamphlet")
SHOTS = Path(os.environ.get("CIVICNB_SCREENSHOT_DIR") or "/tmp")
NOTE = "Acta secreta del comité de Alfa"
NAME_A = "Participante Alfa"
NAME_B = "Participante Beta"


@pytest.fixture(scope="module")
def app_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return demo_workspace(tmp_path_factory, "kiosk")


@pytest.fixture(scope="module")
def base(app_ws: Workspace, voila_server: Callable[..., str]) -> str:
    return voila_server(app_ws.localities_dir) + "voila/render/villaflor/"


def _group(page: Any, question_id: str) -> Any:
    q = FW.question(question_id)
    return page.get_by_role(
        "group", name=re.compile("^" + re.escape(f"{q.number}. {q.text.en[:40]}"))
    )


def _note(page: Any, question_id: str) -> Any:
    n = FW.question(question_id).number
    return page.get_by_label(f"Evidence for question {n}: what is your answer based on?")


def _everything_shown(page: Any) -> str:
    """The page's text, title, address and every form field's value."""
    values = page.evaluate(
        "[...document.querySelectorAll('input,textarea')].map(e => e.value).join(' ')"
    )
    return " ".join([page.url, page.title(), page.locator("body").inner_text(), values])


def _join(page: Any, base: str, name: str) -> None:
    page.goto(base + "start.ipynb?kiosk=1&lang=en")
    page.get_by_role("button", name="Begin").wait_for(timeout=60_000)
    page.get_by_role("radio", name="The local authority").check()
    field = page.get_by_label("Your name or a pseudonym")
    field.fill(name)
    field.press("Tab")
    page.get_by_role("button", name="Begin").click()
    page.get_by_role("button", name="Next participant").wait_for()


def _wait_stored(
    ws: Workspace, name: str, ready: Callable[[dict[str, Any]], bool], timeout: float = 15.0
) -> dict[str, Any]:
    """The stored answers of the participant called ``name``, once ``ready`` says so."""
    deadline = time.monotonic() + timeout
    while True:
        with ws.open_store() as store:
            people = store.participants(store.get_locality("villaflor").id)
            person = next(p for p in people if p.name == name)
            answers = {r.question_id: r for r in store.ratings(participant_id=person.id)}
        if ready(answers) or time.monotonic() > deadline:
            return answers
        time.sleep(0.2)


def _stored_identities(page: Any) -> list[str]:
    """The locality sessions this browser holds (its device token is not one)."""
    keys = page.evaluate("Object.keys(window.localStorage)")
    return [k for k in keys if k != "civicnb:device"]


def _stored_sessions(page: Any) -> list[str]:
    values = page.evaluate(
        "Object.keys(localStorage).filter(k => k !== 'civicnb:device').map(k => localStorage.getItem(k))"
    )
    return [json.loads(v)["s"] for v in values]


def test_next_participant_leaves_nothing_behind(
    page: Any, base: str, app_ws: Workspace, axe_serious: Callable[..., list[dict[str, Any]]]
) -> None:
    page.goto(base + "start.ipynb?kiosk=1&lang=en")
    page.get_by_role("button", name="Begin").wait_for(timeout=60_000)
    assert page.get_by_text("This device is shared").is_visible()
    found = axe_serious(page)
    assert found == [], "kiosk start page: " + describe(found)

    # participant A joins: the address names nobody; the browser holds a session token
    _join(page, base, NAME_A)
    assert page.url.endswith("start.ipynb?kiosk=1&lang=en"), page.url
    held = _stored_sessions(page)
    assert len(held) == 1
    token = held[0]
    assert page.get_by_role("button", name="Continue as", exact=False).count() == 0
    for link in page.locator("a[href*='.ipynb']").all():
        href = link.get_attribute("href") or ""
        assert "p=" not in href and token not in href and "kiosk=1" in href, href

    # A answers a strand-I question with a note, then goes on to strand II
    page.get_by_role("link", name="Strand I: Defining valued outcomes").click()
    page.wait_for_selector("fieldset", timeout=60_000)
    _group(page, "LA-01").get_by_role("radio", name="4 — Well").check()
    _note(page, "LA-01").fill(NOTE)
    _note(page, "LA-01").press("Tab")
    page.get_by_role("status").filter(has_text="Saved").first.wait_for()
    saved = _wait_stored(
        app_ws, NAME_A, lambda r: r.get("LA-01") is not None and r["LA-01"].note == NOTE
    )
    assert saved["LA-01"].score == 4
    page.evaluate("window.scrollTo(0, 0)")
    bar = page.get_by_role("button", name="Next participant")
    assert bar.is_visible() and bar.bounding_box()["y"] < 400  # at the top of the page
    page.screenshot(path=str(SHOTS / "kiosk-strand.png"))
    page.screenshot(path=str(SHOTS / "kiosk-strand-full.png"), full_page=True)
    found = axe_serious(page)
    assert found == [], "kiosk strand page: " + describe(found)
    strand_one = page.url
    page.get_by_role("link", name=re.compile(r"^Strand II\b")).click()
    page.wait_for_selector("fieldset", timeout=60_000)

    # "Next participant": a fresh, empty kiosk start page
    page.get_by_role("button", name="Next participant").click()
    page.wait_for_url(re.compile(r"/start\.ipynb\?kiosk=1&lang=en$"))
    page.get_by_role("button", name="Begin").wait_for(timeout=60_000)
    shown = _everything_shown(page)
    assert NAME_A not in shown and "Alfa" not in shown and token not in shown
    assert "Continue as" not in shown
    assert page.get_by_label("Your name or a pseudonym").input_value() == ""
    assert _stored_identities(page) == []
    page.screenshot(path=str(SHOTS / "kiosk-after-next.png"))

    # Back: strand II's entry was replaced; strand I's token is dead
    page.go_back()
    page.wait_for_url(strand_one)
    page.get_by_role("alert").wait_for(timeout=60_000)
    assert "You have not joined yet" in page.get_by_role("alert").inner_text()
    assert page.locator("fieldset").count() == 0
    shown = _everything_shown(page)
    assert NOTE not in shown and "Alfa" not in shown and "4 — Well" not in shown
    page.screenshot(path=str(SHOTS / "kiosk-back.png"))
    # and further back, the start page where A joined shows the empty form
    page.go_back()
    page.get_by_role("button", name="Begin").wait_for(timeout=60_000)
    assert "Alfa" not in _everything_shown(page)
    assert _stored_identities(page) == []  # the dead token is dropped from the browser

    # participant B joins on the same device and sees none of A's answers
    _join(page, base, NAME_B)
    assert _stored_sessions(page) != [token]
    page.get_by_role("link", name="Strand I: Defining valued outcomes").click()
    page.wait_for_selector("fieldset", timeout=60_000)
    assert not _group(page, "LA-01").get_by_role("radio", name="4 — Well").is_checked()
    assert _note(page, "LA-01").input_value() == ""
    shown = _everything_shown(page)
    assert NOTE not in shown and "Alfa" not in shown
    assert "Beta" in shown
    assert page.get_by_role("link", name="Strand I (0/3)").count() == 1
    # downloading one's workbook is still allowed in kiosk mode
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my workbook (JSON)").click()
    assert info.value.suggested_filename.endswith(".json")
