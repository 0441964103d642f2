"""The facilitator's page in a browser (issue 18): nothing typed is lost by moving
between sections or by a reload of what was saved; the agreed rating is a named group
(one Tab stop); the section buttons say which is current and move focus to the
section's heading; the actions form records "not assessed" and ticks outcomes; the
reveal's agreement column is in view at 1280 px; axe-core on every section, and
screenshots at 1280 and 360 px (kept in $CIVICNB_SCREENSHOT_DIR when set).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.framework import load_framework
from civicnb.i18n import t
from civicnb.records import Side
from civicnb.ui.facilitator import SECTIONS
from civicnb.workshop.facilitation import reveal_strand
from civicnb.workshop.participation import current_round
from civicnb.workspace import Workspace

from .conftest import LATE_REPLIES, NetworkGuard, demo_workspace, describe, open_as

pytestmark = pytest.mark.xdist_group("facilitator")

SLUG = "villaflor"
FW = load_framework("pamphlet")
NARRATIVE = "Both sides see slow progress <b>not bold</b>; publish the outcomes."


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    w = demo_workspace(tmp_path_factory, "facilitator")
    with w.open_store() as store:
        loc = store.get_locality(SLUG)
        reveal_strand(store, current_round(store, loc, None).id, "I")
    return w


@pytest.fixture(scope="module")
def base(ws: Workspace, voila_server: Callable[..., str]) -> str:
    return voila_server(ws.localities_dir) + f"voila/render/{SLUG}/"


def _open(page: Any, base: str, ws: Workspace, lang: str = "en") -> None:
    page.goto(base + f"facilitator.ipynb?key={ws.facilitator_key()}&lang={lang}")
    page.get_by_text(t("fac_room", lang), exact=True).wait_for(timeout=90_000)


def _focused_heading(page: Any, text: str) -> None:
    page.wait_for_function(
        "text => { const a = document.activeElement;"
        " return a && /^H[1-3]$/.test(a.tagName) && a.textContent.trim() === text; }",
        arg=text,
        timeout=30_000,
    )


def _section(page: Any, key: str, heading: str, lang: str = "en", focus: bool = False) -> None:
    page.get_by_role("button", name=t(key, lang), exact=True).click()
    page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=30_000)
    if focus:
        _focused_heading(page, heading)


def _joint(ws: Workspace, pair_number: int) -> Any:
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        rnd = current_round(store, loc, None)
        pair_id = next(p.id for s in FW.strands for p in s.pairs if p.number == pair_number)
        return {j.pair_id: j for j in store.joint_ratings(rnd.id)}.get(pair_id)


def _wait_joint(ws: Workspace, pair_number: int, score: int, narrative: str) -> None:
    deadline = time.monotonic() + 30
    j = None
    while time.monotonic() < deadline:
        j = _joint(ws, pair_number)
        if j is not None and (j.score, j.narrative) == (score, narrative):
            return
        time.sleep(0.2)
    raise AssertionError(f"pair {pair_number} was not saved: {j}")


def _joint_form(page: Any, n: int) -> Any:
    return page.locator(".civicnb-joint").filter(has_text=f"Agreed together: pair {n}")


def _first_pair(page: Any) -> tuple[int, Any]:
    legend = page.locator(".civicnb-joint legend").first
    legend.wait_for(timeout=60_000)
    text = legend.inner_text().strip()
    assert text.startswith("Agreed rating for pair "), text
    number = int(text.rsplit(" ", 1)[1])
    return number, page.get_by_role("group", name=text, exact=True)


def test_a_typed_agreement_survives_a_section_change_and_a_reload(
    page: Any, base: str, ws: Workspace, net: NetworkGuard
) -> None:
    _open(page, base, ws)
    _section(page, "fac_tab_reveal", t("fac_reveal_title", "en"))
    page.get_by_text("The room's view of Strand I").wait_for(timeout=60_000)
    heading = page.locator(".civicnb-joint h4").first.inner_text().strip()
    n = int(heading.rsplit(" ", 1)[1])  # "Agreed together: pair 3"
    _joint_form(page, n).get_by_label("4 — Well").check()
    narrative = page.get_by_label(f"What the group agreed about pair {n}, and why")
    narrative.fill(NARRATIVE)
    # the reported sequence: straight to "Actions", no Tab, no Save button
    _section(page, "fac_tab_actions", "Actions")
    page.get_by_label("What will be done").wait_for()
    _section(page, "fac_tab_reveal", t("fac_reveal_title", "en"))
    form = _joint_form(page, n)
    form.get_by_label("4 — Well").wait_for(timeout=30_000)
    assert form.get_by_label("4 — Well").is_checked()
    narrative = page.get_by_label(f"What the group agreed about pair {n}, and why")
    assert narrative.input_value() == NARRATIVE
    _wait_joint(ws, n, 4, NARRATIVE)  # saved on change
    # a reload (a new kernel) shows what was saved
    page.reload()
    page.get_by_text(t("fac_room", "en"), exact=True).wait_for(timeout=90_000)
    _section(page, "fac_tab_reveal", t("fac_reveal_title", "en"))
    form = _joint_form(page, n)
    form.get_by_label("4 — Well").wait_for(timeout=60_000)
    assert form.get_by_label("4 — Well").is_checked()
    assert (
        page.get_by_label(f"What the group agreed about pair {n}, and why").input_value()
        == NARRATIVE
    )
    assert page.locator(".civicnb-joint b").count() == 0  # text stays text
    assert not net.external and not net.dialogs


def test_keyboard_groups_and_the_actions_form(
    page: Any, base: str, ws: Workspace, net: NetworkGuard
) -> None:
    _open(page, base, ws)
    # the section buttons work from the keyboard; focus goes to the heading
    nav = page.get_by_role("navigation", name="Sections of the facilitator's page")
    assert nav.get_by_role("button").count() == len(SECTIONS)
    assert nav.locator("[aria-current=true]").inner_text().strip() == "The room"
    page.get_by_role("button", name="Assets", exact=True).focus()
    page.keyboard.press("Enter")
    _focused_heading(page, "Asset register")
    assert nav.locator("[aria-current=true]").inner_text().strip() == "Assets"
    assert nav.locator("[aria-current]").count() == 1
    page.get_by_role("button", name="Reveal and agree").focus()
    page.keyboard.press(" ")
    _focused_heading(page, t("fac_reveal_title", "en"))
    assert nav.locator("[aria-current=true]").inner_text().strip() == "Reveal and agree"
    # the agreed rating: one Tab stop, the pair in its name, arrows within
    n, group = _first_pair(page)
    radios = group.get_by_role("radio")
    assert radios.count() == 6
    group.get_by_role("radio", name="Not agreed yet").focus()
    page.keyboard.press("ArrowLeft")  # from "Not agreed yet" to "5 — Very well"
    assert group.get_by_role("radio", name="5 — Very well").is_checked()
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "() => !!document.activeElement.closest('fieldset')"
        " && document.activeElement.closest('fieldset').textContent.includes('Agreed rating')"
    )
    assert not inside, "Tab left the group in one step"
    before = _joint(ws, n)
    _wait_joint(ws, n, 5, before.narrative if before else "")

    # actions: three states per design test, outcomes ticked
    _section(page, "fac_tab_actions", "Actions", focus=True)
    tests = list(FW.design_tests)
    for e in tests:
        g = page.get_by_role("group", name=f"{e.title.en}: {e.test.en}")
        assert g.get_by_role("radio", name="Not assessed").is_checked()
    page.get_by_label("What will be done").fill("Sign language at every session")
    page.get_by_role("group", name=f"{tests[0].title.en}: {tests[0].test.en}").get_by_role(
        "radio", name="Passes"
    ).check()
    page.get_by_role("group", name=f"{tests[1].title.en}: {tests[1].test.en}").get_by_role(
        "radio", name="Does not pass"
    ).check()
    with ws.open_store() as store:
        outcome = store.outcomes(store.get_locality(SLUG).id)[0]
    outcomes = page.get_by_role("group", name="Outcomes it serves")
    outcomes.get_by_role("checkbox", name=outcome.title).check()  # no Ctrl-click
    page.get_by_role("button", name="Add the action").click()
    page.get_by_text("It passes 1 of 5 design tests (3 not assessed)").wait_for(timeout=30_000)
    with ws.open_store() as store:
        action = next(
            a
            for a in store.actions(store.get_locality(SLUG).id)
            if a.text == "Sign language at every session"
        )
    assert action.screening == {tests[0].id: True, tests[1].id: False}
    assert action.outcome_ids == (outcome.id,)
    assert not outcomes.get_by_role("checkbox", name=outcome.title).is_checked()  # reset
    assert not net.external and not net.dialogs


def test_the_agreement_column_is_in_view_at_1280(
    page: Any, base: str, ws: Workspace, net: NetworkGuard
) -> None:
    assert page.viewport_size["width"] == 1280
    for lang, heading in (("en", "Agreement"), ("es", "Acuerdo")):
        _open(page, base, ws, lang)
        _section(page, "fac_tab_reveal", t("fac_reveal_title", lang), lang)
        page.locator(".civicnb-reveal-pair").first.wait_for(timeout=60_000)
        cut = page.evaluate(
            """heading => [...document.querySelectorAll('.civicnb-reveal-col .civicnb-scroll')]
              .map(region => {
                const th = [...region.querySelectorAll('th')].find(
                  e => e.textContent.trim() === heading);
                const r = region.getBoundingClientRect();
                const h = th ? th.getBoundingClientRect() : null;
                return [region.scrollWidth - region.clientWidth, h ? h.right - r.right : 999];
              })
              .filter(([over, right]) => over > 1 || right > 1)""",
            heading,
        )
        assert page.locator(".civicnb-reveal-col .civicnb-scroll").count() >= 2
        assert cut == [], (lang, cut)
    assert not net.external


def test_every_section_passes_axe_at_1280_and_360(
    page: Any,
    browser: Any,
    base: str,
    ws: Workspace,
    net: NetworkGuard,
    axe_serious: Callable[..., Any],
    tmp_path: Path,
) -> None:
    shots = Path(os.environ.get("CIVICNB_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    headings = {
        "fac_tab_room": t("fac_join", "en"),
        "fac_tab_reveal": t("fac_reveal_title", "en"),
        "fac_tab_actions": "Actions",
        "fac_tab_outcomes": t("fac_outcomes_title", "en"),
        "fac_tab_assets": "Asset register",
        "fac_tab_cafe": t("fac_cafe", "en"),
        "fac_tab_celebrations": t("fac_celebrations", "en"),
        "fac_tab_attendance": t("fac_whos_not_here", "en"),
        "fac_tab_entry": t("entry_heading", "en"),
    }
    _open(page, base, ws)
    order = [key for key, _ in SECTIONS[1:]] + [SECTIONS[0][0]]
    for key in order:
        _section(page, key, headings[key], focus=True)
        page.wait_for_timeout(500)
        violations = axe_serious(page)
        assert not violations, (key, describe(violations))
        page.screenshot(path=str(shots / f"facilitator-1280-{key}.png"), full_page=True)
    narrow = browser.new_context(viewport={"width": 360, "height": 800}, locale="en-GB")
    narrow.route("**/*", net.handle)
    small = narrow.new_page()
    small.set_default_timeout(30_000)
    try:
        _open(small, base, ws)
        for key in ("fac_tab_reveal", "fac_tab_actions"):
            _section(small, key, headings[key], focus=True)
            small.wait_for_timeout(500)
            # the section buttons wrap: none is cut at the right edge
            rights = small.evaluate(
                "() => [...document.querySelectorAll('.civicnb-sectionnav__button')]"
                ".map(b => b.getBoundingClientRect().right)"
            )
            assert rights and max(rights) <= 360, rights
            violations = axe_serious(small)
            assert not violations, (key, describe(violations))
            small.screenshot(path=str(shots / f"facilitator-360-{key}.png"), full_page=True)
    finally:
        narrow.close()
    assert not net.external and not net.dialogs


def test_the_radar_draws_a_missing_answer_as_missing(
    page: Any, base: str, ws: Workspace, net: NetworkGuard
) -> None:
    # "My summary" of someone who answered strands I and II only
    from civicnb.records import Side
    from civicnb.workshop.participation import ParticipantSession, join

    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        person = join(store, loc, Side.LA, "Radar Gaps", named=False)
        session = ParticipantSession.resume(store, FW, loc, person.id)
        session.save("LA-01", score=2)
        session.save("LA-04", score=5)
    open_as(page, base, ws, person.id, "summary.ipynb?lang=en")
    chart = page.get_by_role("img", name=re.compile("My ratings by strand"))
    chart.wait_for(timeout=90_000)
    drawn = page.evaluate(
        """() => { const svg = document.querySelector('svg.civicnb-radar');
        return { points: svg.querySelectorAll('circle').length,
                 filled: svg.querySelectorAll('polygon[fill-opacity]').length,
                 desc: svg.querySelector('desc').textContent }; }"""
    )
    assert drawn["points"] == 2, drawn  # no point at 0 for the strands not answered
    assert drawn["filled"] == 0, drawn  # no shape drawn through the centre
    assert "no answer for Strand III, Strand IV, Strand V;" in drawn["desc"], drawn
    assert not net.external and not net.dialogs


def test_a_paper_booklet_typed_in_with_the_keyboard(
    page: Any,
    base: str,
    ws: Workspace,
    net: NetworkGuard,
    axe_serious: Callable[..., Any],
    tmp_path: Path,
) -> None:
    """Issue 17: from the heading, Tab reaches the side; Tab goes from one answer to the
    next; a bad answer is refused naming its question and what was typed stays; saved,
    the answers are in the store and the form is empty."""
    _open(page, base, ws)
    _section(page, "fac_tab_entry", t("entry_heading", "en"), focus=True)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "SELECT"
    page.get_by_label("Side", exact=True).select_option(label=t("side_CSO", "en"))
    page.get_by_label("Name or pseudonym", exact=True).fill("Amancay <b>x</b>")
    q1, q2 = FW.strands[0].questions[:2]
    first = page.get_by_label(f"{q1.id} · {q1.title.en}", exact=True)
    second = page.get_by_label(f"{q2.id} · {q2.title.en}", exact=True)
    first.fill("4")
    page.keyboard.press("Tab")
    page.keyboard.type("9")
    assert second.input_value() == "9"
    page.get_by_role("button", name="Save booklet").click()
    page.get_by_text(f"{q2.id}: “9” is not an answer", exact=False).wait_for(timeout=30_000)
    assert first.input_value() == "4"
    second.fill("?")
    page.get_by_role("button", name="Save booklet").click()
    page.get_by_text("Booklet 1 saved (Amancay <b>x</b>)", exact=False).wait_for(timeout=30_000)
    assert first.input_value() == "" and second.input_value() == ""
    _focused_heading(page, t("entry_heading", "en"))
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        person = next(p for p in store.participants(loc.id) if p.name == "Amancay <b>x</b>")
        stored = {r.question_id: r for r in store.ratings(participant_id=person.id)}
    assert stored[q1.id].score == 4 and stored[q2.id].dont_know and len(stored) == 2
    # a booklet with written notes: ticked, Tab goes from an answer to its note boxes
    page.get_by_label(t("entry_with_notes", "en"), exact=True).check()
    page.get_by_label(f"{q1.id} · evidence note", exact=True).wait_for()
    violations = axe_serious(page)  # every note box labelled
    assert not violations, describe(violations)
    shots = Path(os.environ.get("CIVICNB_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "facilitator-1280-entry-notes.png"), full_page=True)
    page.get_by_label("Side", exact=True).select_option(label=t("side_LA", "en"))
    page.get_by_label("Name or pseudonym", exact=True).fill("Ñancú")
    first.fill("2")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "TEXTAREA"
    page.keyboard.type("Minutes <i>not</i> published")
    page.keyboard.press("Tab")
    page.keyboard.type("Publish them")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "INPUT"
    page.keyboard.type("5")
    page.get_by_role("button", name="Save booklet").click()
    page.get_by_text("Booklet 2 saved (Ñancú)", exact=False).wait_for(timeout=30_000)
    with ws.open_store() as store:
        person = next(p for p in store.participants(loc.id) if p.name == "Ñancú")
        stored = {r.question_id: r for r in store.ratings(participant_id=person.id)}
    assert stored[q1.id].note == "Minutes <i>not</i> published"
    assert stored[q1.id].would_help == "Publish them" and stored[q2.id].score == 5
    assert not net.external and not net.dialogs


def test_a_booklet_typed_fast_on_a_slow_server_is_saved_whole(
    page: Any, base: str, ws: Workspace, net: NetworkGuard
) -> None:
    """A facilitator types a booklet in while the server answers 3 s late: she corrects
    the side and an answer just after choosing them, types the notes and clicks "Save
    booklet" at once. ipywidgets holds back a widget's next change until the server has
    answered its previous one, and a click was not held back: with boxes that sent every
    keystroke the note was saved as its first letter (as CI once saw), and the side and
    answer saved were the first ones. The boxes send their value when left, and a click
    waits for the server to have everything sent before it (widgets/page/page.js)."""
    page.add_init_script(LATE_REPLIES)
    _open(page, base, ws)
    _section(page, "fac_tab_entry", t("entry_heading", "en"), focus=True)
    page.get_by_label(t("entry_with_notes", "en"), exact=True).check()
    q1, q2 = FW.strands[0].questions[:2]
    note = page.get_by_label(f"{q1.id} · evidence note", exact=True)
    note.wait_for(timeout=30_000)
    page.evaluate("() => { window.civicnbLag = 3000; }")
    page.get_by_label("Name or pseudonym", exact=True).fill("Llanquiray")
    note.click()
    page.keyboard.type("The minutes are read aloud")
    page.keyboard.press("Tab")
    page.keyboard.type("A summary in easy read")
    page.keyboard.press("Tab")
    page.keyboard.type("4")
    # then, at once: the side and an answer chosen and corrected, and "Save booklet"
    side = page.get_by_label("Side", exact=True)
    side.select_option(label=t("side_LA", "en"))
    side.select_option(label=t("side_CSO", "en"))  # held back by ipywidgets until answered
    answer = page.get_by_label(f"{q1.id} · {q1.title.en}", exact=True)
    answer.fill("2")
    answer.press("Tab")
    answer.fill("3")  # sent when left: held back too
    page.get_by_role("button", name="Save booklet").click()
    page.get_by_text("saved (Llanquiray)", exact=False).wait_for(timeout=30_000)
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        person = next(p for p in store.participants(loc.id) if p.name == "Llanquiray")
        stored = {r.question_id: r for r in store.ratings(participant_id=person.id)}
    assert person.side is Side.CSO
    assert stored[q1.id].score == 3
    assert stored[q1.id].note == "The minutes are read aloud"
    assert stored[q1.id].would_help == "A summary in easy read"
    assert stored[q2.id].score == 4
    assert not net.external and not net.dialogs
