"""The rating control and the civicnb Voilà template, in a real browser, offline.

Served by standalone Voilà (``civicnb.serving.voila.voila_command``) from
``tests/data/pages/*.ipynb``; every request that would leave 127.0.0.1 is aborted and
fails the test (see ``conftest.py``).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from civicnb.framework import load_framework

from .conftest import PAGES, ROOT, NetworkGuard, describe

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=alert(1)><script>alert(2)</script>"
FW = load_framework("pamphlet")
Q_EN = f"1. {FW.question('LA-01').text.en}"
Q_ES = f"I. {FW.question('CSO-I').text.es}"
Q_ES2 = f"2. {FW.question('LA-02').text.es}"
# screenshots go to pytest's tmp dir, and also to $CIVICNB_SCREENSHOT_DIR if set;
# CIVICNB_UPDATE_SCREENSHOTS=1 refreshes the ones kept in docs/screenshots/
SCREENSHOT_DIR = os.environ.get("CIVICNB_SCREENSHOT_DIR", "")


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


def _open(page: Any, url: str) -> None:
    """Load a Voilà page and wait until its widgets are rendered."""
    page.goto(url, wait_until="domcontentloaded")
    _expect()(page.locator("#rendered_cells")).to_be_visible(timeout=60_000)
    _expect()(page.locator("fieldset.civicnb-rating").first).to_be_visible(timeout=60_000)


@pytest.fixture(scope="module")
def ratings_url(voila_server: Any) -> str:
    return str(voila_server(PAGES / "ratings.ipynb"))


def test_page_renders_fieldsets_offline(page: Any, net: NetworkGuard, ratings_url: str) -> None:
    expect = _expect()
    _open(page, ratings_url)
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("main#civicnb-main")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    # Voilà's Lumino shell (which holds the output) has been moved into <main>
    expect(page.get_by_role("main").get_by_role("group", name=Q_EN)).to_be_visible()
    # the loading status is gone once the page is ready (nothing like "Executing 2 of 4")
    expect(page.locator("#loading")).to_have_count(0)
    assert "Executing" not in page.locator("body").inner_text()

    group = page.get_by_role("group", name=Q_EN)
    expect(group).to_be_visible()
    assert group.evaluate("el => el.tagName") == "FIELDSET"
    assert group.locator("legend").inner_text().strip() == Q_EN
    for label in ("1 — Not at all", "2 — A little", "3 — Partly", "4 — Well", "5 — Very well"):
        expect(group.get_by_role("radio", name=label, exact=True)).to_be_visible()
    expect(group.get_by_role("radio", name="Don't know", exact=True)).to_be_visible()
    radios = group.get_by_role("radio")
    expect(radios).to_have_count(6)
    names = set(radios.evaluate_all("els => els.map(e => e.name)"))
    assert len(names) == 1, names
    # the hint is linked with aria-describedby
    described = group.get_attribute("aria-describedby")
    assert described
    hint = page.locator(f"#{described.split()[0]}")
    expect(hint).to_have_text("Think about the last twelve months.")
    expect(group).to_have_accessible_description("Think about the last twelve months.")

    # the Spanish question: its own lang, Spanish labels, a different radio name
    group_es = page.get_by_role("group", name=Q_ES)
    expect(group_es).to_be_visible()
    assert group_es.get_attribute("lang") == "es"
    expect(group_es.get_by_role("radio", name="1 — Nada", exact=True)).to_be_visible()
    expect(group_es.get_by_role("radio", name="No sé", exact=True)).to_be_visible()
    names_es = set(group_es.get_by_role("radio").evaluate_all("els => els.map(e => e.name)"))
    assert names_es.isdisjoint(names)
    assert net.external == []


def test_keyboard_only_sets_the_python_value(
    page: Any, net: NetworkGuard, ratings_url: str
) -> None:
    expect = _expect()
    _open(page, ratings_url)
    group = page.get_by_role("group", name=Q_EN)
    expect(page.get_by_text("LA-01: value=0 dont_know=False")).to_be_visible()

    # Tab from the top of the page: the skip link first, then the first question
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "civicnb-skip-link" in focused
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    radio1 = group.get_by_role("radio", name="1 — Not at all", exact=True)
    expect(radio1).to_be_focused()
    # the focus is clearly visible: a 3px ring around the option
    ring = radio1.evaluate(
        "el => { const s = getComputedStyle(el.closest('label'));"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert ring == ["solid", "3px"], ring

    page.keyboard.press("ArrowRight")  # native radios: arrows move and choose
    expect(group.get_by_role("radio", name="2 — A little", exact=True)).to_be_checked()
    expect(page.get_by_text("LA-01: value=2 dont_know=False")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_text("LA-01: value=4 dont_know=False")).to_be_visible()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_text("LA-01: value=3 dont_know=False")).to_be_visible()

    # "Don't know" is the sixth radio: from 1, ArrowLeft wraps round to it
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(group.get_by_role("radio", name="Don't know", exact=True)).to_be_checked()
    expect(page.get_by_text("LA-01: value=0 dont_know=True")).to_be_visible()
    page.keyboard.press("ArrowRight")  # wraps back to 1: a number clears "don't know"
    expect(page.get_by_text("LA-01: value=1 dont_know=False")).to_be_visible()

    # Tab leaves the group in one step (one tab stop per group) for the next question
    page.keyboard.press("Tab")
    group_es = page.get_by_role("group", name=Q_ES)
    expect(group_es.get_by_role("radio", name="1 — Nada", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_text("CSO-I: value=1 dont_know=False")).to_be_visible()
    assert net.external == []


def test_axe_finds_nothing_serious(
    page: Any, net: NetworkGuard, ratings_url: str, axe_serious: Any
) -> None:
    _open(page, ratings_url)
    before = axe_serious(page)
    assert before == [], describe(before)
    group = page.get_by_role("group", name=Q_EN)
    group.get_by_role("radio", name="4 — Well", exact=True).check()
    _expect()(page.get_by_text("LA-01: value=4 dont_know=False")).to_be_visible()
    page.get_by_role("group", name=Q_ES).get_by_role("radio", name="No sé").check()
    _expect()(page.get_by_text("CSO-I: value=0 dont_know=True")).to_be_visible()
    page.keyboard.press("Tab")  # and with a focus ring showing
    after = axe_serious(page)
    assert after == [], describe(after)
    assert net.external == []


def test_participant_text_is_shown_as_text(page: Any, net: NetworkGuard, ratings_url: str) -> None:
    expect = _expect()
    _open(page, ratings_url)
    # the Label shows the payload literally
    expect(page.get_by_text(PAYLOAD, exact=True).first).to_be_visible()
    # and so does a RatingGroup whose legend, hint and labels are the payload
    group = page.get_by_role("group", name=PAYLOAD)
    expect(group).to_be_visible()
    expect(group.get_by_role("radio", name=PAYLOAD + "3", exact=True)).to_be_visible()
    page.wait_for_timeout(1000)  # give an onerror handler every chance to fire
    assert net.dialogs == []
    assert page.locator("img[src='x']").count() == 0
    # no executable <script> came from the payload (Voilà's own per-cell scripts aside)
    scripts = page.locator("script:not([type]), script[type='text/javascript']")
    assert not any("alert(" in t for t in scripts.all_text_contents())
    assert net.external == []


def test_spanish_page_lang(page: Any, net: NetworkGuard, voila_server: Any) -> None:
    expect = _expect()
    url = voila_server(PAGES / "ratings_es.ipynb", language="es")
    _open(page, url)
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.get_by_role("link", name="Saltar al contenido")).to_have_count(1)
    group = page.get_by_role("group", name=Q_ES2)
    expect(group).to_be_visible()
    expect(group.get_by_role("radio", name="5 — Muy bien", exact=True)).to_be_visible()
    assert net.external == []


def _no_horizontal_scroll(page: Any) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"page scrolls horizontally by {overflow}px"


def _targets_big_enough(page: Any) -> None:
    sizes = page.locator("label.civicnb-rating__option").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert sizes
    small = [s for s in sizes if s[0] < 44 or s[1] < 44]
    assert small == [], f"targets under 44x44 px: {small}"


@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots_and_reflow(
    page: Any, net: NetworkGuard, ratings_url: str, width: int, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    _open(page, ratings_url)
    page.get_by_role("group", name=Q_EN).get_by_role("radio", name="3 — Partly").check()
    _expect()(page.get_by_text("LA-01: value=3 dont_know=False")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # keyboard focus back on the first group's "3"
    page.evaluate("window.scrollTo(0, 0)")
    _no_horizontal_scroll(page)
    _targets_big_enough(page)
    out = tmp_path / f"ratings-{width}.png"
    page.screenshot(path=str(out), full_page=True)
    if os.environ.get("CIVICNB_UPDATE_SCREENSHOTS") == "1":
        docs = ROOT / "docs" / "screenshots"
        docs.mkdir(parents=True, exist_ok=True)
        shutil.copy(out, docs / f"rating-group-{width}.png")

    # 200% text zoom (WCAG 1.4.4): still no horizontal scrolling, targets still >= 44 px
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.wait_for_timeout(200)
    _no_horizontal_scroll(page)
    _targets_big_enough(page)
    page.screenshot(path=str(tmp_path / f"ratings-{width}-text200.png"), full_page=True)
    if SCREENSHOT_DIR:
        keep = Path(SCREENSHOT_DIR)
        keep.mkdir(parents=True, exist_ok=True)
        for png in tmp_path.glob("*.png"):
            shutil.copy(png, keep / png.name)
    assert net.external == []


def test_print_stylesheet_hides_controls_keeps_text(
    page: Any, net: NetworkGuard, ratings_url: str
) -> None:
    _open(page, ratings_url)
    save = page.get_by_role("button", name="Save")
    _expect()(save).to_be_visible()
    page.emulate_media(media="print")
    _expect()(save).to_be_hidden()
    assert page.locator(".civicnb-skip-link").evaluate("e => getComputedStyle(e).display") == (
        "none"
    )
    text = page.locator("#rendered_cells").inner_text()
    assert "Rating test page" in text
    assert re.search(r"1 — Not at all", text)
    assert net.external == []
