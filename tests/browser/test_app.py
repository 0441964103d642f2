"""The participant app as a person uses it: served by standalone Voilà on 127.0.0.1,
driven in headless Chromium (keyboard and mouse), checked with axe-core.

Every page load is guarded by the `page` fixture: a request leaving the machine, or a
JavaScript dialog, fails the test.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.exchange import workbook_to_dict
from civicnb.framework import load_framework
from civicnb.records import Side
from civicnb.workshop.participation import join, participant_records
from civicnb.workspace import Workspace

from .conftest import NetworkGuard, demo_workspace, describe, open_as

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"
FW = load_framework("pamphlet")
SHOTS = (
    Path(os.environ.get("CIVICNB_SCREENSHOT_DIR", ""))
    if os.environ.get("CIVICNB_SCREENSHOT_DIR")
    else None
)


@pytest.fixture(scope="module")
def app_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return demo_workspace(tmp_path_factory, "app")


@pytest.fixture(scope="module")
def base(app_ws: Workspace, voila_server: Callable[..., str]) -> str:
    return voila_server(app_ws.localities_dir) + "voila/render/villaflor/"


def _participant(ws: Workspace, side: Side, name: str = "Test") -> str:
    with ws.open_store() as store:
        return join(store, store.get_locality("villaflor"), side, name, named=False).id


def _pid_of(ws: Workspace, name: str) -> str:
    with ws.open_store() as store:
        people = store.participants(store.get_locality("villaflor").id)
        return next(p.id for p in people if p.name == name)


def _answers(ws: Workspace, pid: str) -> dict[str, Any]:
    with ws.open_store() as store:
        return {r.question_id: r for r in store.ratings(participant_id=pid) if r.round_id}


def _wait_ready(page: Any) -> None:
    page.wait_for_selector("fieldset", timeout=60_000)


def _group(page: Any, question_id: str) -> Any:
    q = FW.question(question_id)
    return page.get_by_role(
        "group", name=re.compile("^" + re.escape(f"{q.number}. {q.text.en[:40]}"))
    )


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _saved_count(page: Any) -> int:
    return int(page.get_by_role("status").filter(has_text="Saved").count())


def _wait_saved(page: Any, n: int) -> None:
    page.wait_for_function(
        "n => [...document.querySelectorAll('[role=status]')].filter(e => e.textContent.includes('Saved')).length >= n",
        arg=n,
        timeout=15_000,
    )


@pytest.mark.parametrize(
    ("side", "label", "own"),
    [
        (Side.LA, "The local authority", ["LA-01", "LA-02", "LA-03"]),
        (Side.CSO, "A civil society organisation", ["CSO-I", "CSO-II", "CSO-III"]),
    ],
)
def test_complete_strand_one_then_reload(
    page: Any, base: str, app_ws: Workspace, side: Side, label: str, own: list[str]
) -> None:
    page.goto(base + "start.ipynb?lang=en")
    page.get_by_role("radio", name=label).check()
    page.get_by_label("Your name or a pseudonym").fill(f"Tester {side.value}")
    page.get_by_label("Your name or a pseudonym").press("Tab")
    page.get_by_role("button", name="Begin").click()
    page.get_by_role("link", name="Strand I: Defining valued outcomes").click()
    _wait_ready(page)
    pid = _pid_of(app_ws, f"Tester {side.value}")
    assert "p=" not in page.url and pid not in page.url, page.url  # the address names nobody
    scores = {own[0]: "4 — Well", own[1]: "2 — A little", own[2]: "Don't know"}
    for qid, choice in scores.items():
        _group(page, qid).get_by_role("radio", name=choice).check()
    note = page.get_by_label(
        f"Evidence for question {FW.question(own[0]).number}: what is your answer based on?"
    )
    note.fill("Acta del comité, marzo")
    note.press("Tab")
    # the other side's column is optional but may be answered too
    other = "CSO-I" if side == Side.LA else "LA-01"
    _group(page, other).get_by_role("radio", name="3 — Partly").check()
    _wait_saved(page, 4)
    _shot(page, f"strand-I-{side.value}-answered")

    stored = _answers(app_ws, pid)
    assert stored[own[0]].score == 4 and stored[own[0]].note == "Acta del comité, marzo"
    assert stored[own[1]].score == 2 and stored[own[2]].dont_know
    assert stored[other].score == 3

    page.reload()
    _wait_ready(page)
    from playwright.sync_api import expect

    # the stored answers are put back as the page builds: wait for them (a busy machine
    # draws the fieldsets before it has filled them)
    for qid, choice in (*scores.items(), (other, "3 — Partly")):
        expect(_group(page, qid).get_by_role("radio", name=choice)).to_be_checked(timeout=30_000)
    expect(note).to_have_value("Acta del comité, marzo", timeout=30_000)
    # the navigation counts the strand as done
    assert page.get_by_role("link", name="Strand I (3/3)").is_visible()


def test_a_strand_can_be_completed_with_the_keyboard_alone(
    page: Any, base: str, app_ws: Workspace
) -> None:
    pid = _participant(app_ws, Side.LA, "Teclado")
    open_as(page, base, app_ws, pid, "strand-II.ipynb?lang=en")
    _wait_ready(page)
    own = ["LA-04", "LA-05", "LA-06"]
    # Tab through the page until focus lands in the first own-side rating group
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.type === 'radio'"):
            break
    else:
        pytest.fail("Tab never reached a rating")
    for i in range(len(own)):
        # arrows choose within the group (native radios): Right from nothing checked
        # checks the next option; press it i+1 times for distinct answers
        for _ in range(i + 1):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")  # evidence note
        page.keyboard.type(f"nota {i}")
        page.keyboard.press("Tab")  # what would help
        page.keyboard.press("Tab")  # the other side's question (optional): skip it
        for _ in range(30):
            active = page.evaluate(
                "(() => { const e = document.activeElement; if (!e || e.type !== 'radio') return null;"
                " return e.closest('fieldset').querySelector('legend').textContent; })()"
            )
            if (
                active and active.startswith(FW.question(own[min(i + 1, 2)]).number + ".")
            ) or i == 2:
                break
            page.keyboard.press("Tab")
    _wait_saved(page, 3)
    stored = _answers(app_ws, pid)
    assert all(stored[q].answered for q in own), {q: stored.get(q) for q in own}
    assert stored["LA-04"].note == "nota 0"
    # focus is visible: the focused element has an outline
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_axe_finds_nothing_serious(
    page: Any, base: str, app_ws: Workspace, axe_serious: Callable[..., list[dict[str, Any]]]
) -> None:
    page.goto(base + "start.ipynb?lang=en")
    page.get_by_role("button", name="Begin").wait_for()
    found = axe_serious(page)
    assert found == [], "start page: " + describe(found)

    pid = _participant(app_ws, Side.CSO, "Axe")
    open_as(page, base, app_ws, pid, "strand-I.ipynb?lang=en")
    _wait_ready(page)
    found = axe_serious(page)
    assert found == [], "strand page before answering: " + describe(found)
    _group(page, "CSO-I").get_by_role("radio", name="5 — Very well").check()
    _group(page, "LA-01").get_by_role("radio", name="Don't know").check()
    _wait_saved(page, 2)
    found = axe_serious(page)
    assert found == [], "strand page after answering: " + describe(found)

    open_as(page, base, app_ws, pid, "summary.ipynb?lang=en")
    page.wait_for_selector("svg[role=img]")
    found = axe_serious(page)
    assert found == [], "summary page: " + describe(found)

    open_as(page, base, app_ws, pid, "start.ipynb?lang=es")
    page.get_by_role("link", name=re.compile("^Eje I:")).wait_for()
    found = axe_serious(page)
    assert found == [], "start page (joined, Spanish): " + describe(found)


def test_participant_text_is_shown_as_text(page: Any, base: str, net: NetworkGuard) -> None:
    page.goto(base + "start.ipynb?lang=en")
    page.get_by_role("radio", name="The local authority").check()
    page.get_by_label("Your name or a pseudonym").fill(XSS)
    page.get_by_label("Your name or a pseudonym").press("Tab")
    page.get_by_role("button", name="Begin").click()
    page.get_by_role("link", name="Strand I: Defining valued outcomes").click()
    _wait_ready(page)
    note = page.get_by_label("Evidence for question 1: what is your answer based on?")
    note.fill(XSS)
    note.press("Tab")
    _wait_saved(page, 1)
    page.reload()
    _wait_ready(page)
    page.wait_for_timeout(500)
    assert net.dialogs == []
    page.get_by_text(f"You are answering as {XSS}", exact=False).wait_for(
        timeout=60_000
    )  # bound after the page loads
    assert page.get_by_text(f"You are answering as {XSS}", exact=False).count() == 1
    assert page.locator("img[src=x]").count() == 0
    assert note.input_value() == XSS


def test_spanish_pages(page: Any, base: str, app_ws: Workspace) -> None:
    pid = _participant(app_ws, Side.CSO, "Luz")
    open_as(page, base, app_ws, pid, "strand-III.ipynb?lang=es")
    _wait_ready(page)
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.get_by_role(
        "heading", name=re.compile("^Eje III: Coproducir el futuro")
    ).is_visible()
    assert page.get_by_role("radio", name="1 — Nada").count() == 6
    assert page.get_by_role("radio", name="No sé").count() == 6


def test_phone_sized_screen(browser: Any, base: str, app_ws: Workspace, net: NetworkGuard) -> None:
    pid = _participant(app_ws, Side.LA, "Móvil")
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, has_touch=True
    )
    context.route("**/*", net.handle)
    page = context.new_page()
    try:
        open_as(page, base, app_ws, pid, "strand-I.ipynb?lang=es")
        _wait_ready(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px at 360px"
        # the two columns are stacked: the CSO question is below the LA question
        la = _group_es(page, "LA-01").bounding_box()
        cso = _group_es(page, "CSO-I").bounding_box()
        assert cso["y"] > la["y"] + la["height"] - 1
        _group_es(page, "LA-01").get_by_role("radio", name="3 — En parte").tap()
        _wait_saved_es(page)
        _shot(page, "strand-I-360")
    finally:
        context.close()
    assert net.external == []


def _group_es(page: Any, question_id: str) -> Any:
    q = FW.question(question_id)
    return page.get_by_role(
        "group", name=re.compile("^" + re.escape(f"{q.number}. {q.text.es[:30]}"))
    )


def _wait_saved_es(page: Any) -> None:
    page.wait_for_function(
        "[...document.querySelectorAll('[role=status]')].some(e => e.textContent.includes('Guardado'))",
        timeout=15_000,
    )


def test_summary_page_shows_chart_table_and_text(page: Any, base: str, app_ws: Workspace) -> None:
    pid = _participant(app_ws, Side.LA, "Resumen")
    with app_ws.open_store() as store:
        from civicnb.workshop.participation import ParticipantSession

        loc = store.get_locality("villaflor")
        s = ParticipantSession.resume(store, FW, loc, pid)
        s.save("LA-01", score=2)
        s.save("LA-04", score=5)
    open_as(page, base, app_ws, pid, "summary.ipynb?lang=en")
    chart = page.get_by_role("img", name=re.compile("My ratings by strand"))
    chart.wait_for()
    assert page.get_by_role("table").filter(has_text="My average rating per strand").count() == 1
    assert page.get_by_text("Your highest average is for Strand II").count() >= 1
    row = page.get_by_role("row", name=re.compile("^Strand II:"))
    assert "5.0" in row.inner_text()
    # every axis label is drawn whole inside the chart ("Strand II" was cut at its edge)
    clipped = page.evaluate(
        """() => { const svg = document.querySelector('svg.civicnb-radar');
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll(':scope > text')].filter(t => {
          const r = t.getBoundingClientRect();
          return r.left < box.left - 0.5 || r.right > box.right + 0.5; }).map(t => t.textContent); }"""
    )
    assert clipped == []
    # on a phone: the page does not scroll sideways, the table scrolls in its own region
    # (words whole, not "Stran d", its caption in view), and no button label ends in "…"
    page.set_viewport_size({"width": 360, "height": 800})
    page.wait_for_timeout(300)
    layout = page.evaluate(
        """() => { const region = document.querySelector('.civicnb-scroll[role=region]');
        const cut = [...document.querySelectorAll('.jupyter-button, .widget-upload')]
          .filter(b => b.offsetParent && b.scrollWidth > b.clientWidth + 1).map(b => b.textContent);
        const caption = region.querySelector('caption').getBoundingClientRect();
        return { page: document.documentElement.scrollWidth, screen: window.innerWidth,
                 table: region.scrollWidth, region: region.clientWidth, cut,
                 caption: caption.right <= region.getBoundingClientRect().right + 1 }; }"""
    )
    assert layout["page"] <= layout["screen"], layout
    assert layout["table"] > layout["region"], layout
    assert layout["cut"] == [], layout
    assert layout["caption"], layout  # the caption wraps in view, not as wide as the table


def test_download_and_upload_the_workbook(
    page: Any, base: str, app_ws: Workspace, tmp_path: Path
) -> None:
    pid = _participant(app_ws, Side.CSO, "Descarga")
    open_as(page, base, app_ws, pid, "strand-I.ipynb?lang=en")
    _wait_ready(page)
    _group(page, "CSO-II").get_by_role("radio", name="4 — Well").check()
    _wait_saved(page, 1)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my workbook (JSON)").click()
    path = tmp_path / "mine.json"
    info.value.save_as(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert [p["id"] for p in doc["participants"]] == [pid]
    assert [(r["question_id"], r["score"]) for r in doc["ratings"]] == [("CSO-II", 4)]
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my answers (Excel)").click()
    assert info.value.suggested_filename.endswith(".xlsx")

    # someone else's workbook (an earlier, lost session) is refused on this page
    with app_ws.open_store() as store:
        loc = store.get_locality("villaflor")
        ghost = join(store, loc, Side.LA, "Fantasma", named=False)
        from civicnb.workshop.participation import ParticipantSession

        ParticipantSession.resume(store, FW, loc, ghost.id).save("LA-09", score=1)
        records = participant_records(store, loc, ghost)
        store.delete_participant(ghost.id)
    ghost_file = tmp_path / "ghost.json"
    ghost_file.write_text(
        json.dumps(workbook_to_dict(records, framework_version=FW.version)), encoding="utf-8"
    )
    bad_file = tmp_path / "bad.json"
    bad_file.write_text('{"schema_version": 1, "truncated', encoding="utf-8")
    upload = page.get_by_role("button", name=re.compile("Upload a workbook to continue"))
    with page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(bad_file))
    page.get_by_text("The workbook was not loaded").wait_for()
    with page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(ghost_file))
    page.get_by_text("another participant's answers").wait_for()
    with app_ws.open_store() as store:
        assert [p for p in store.participants(loc.id) if p.name == "Fantasma"] == []
    # one's own workbook (downloaded above) comes back: nothing newer, nothing added
    with page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(path))
    page.get_by_text("Workbook loaded: 0 participant(s) and 0 answer(s) added.").wait_for()
    assert _answers(app_ws, pid)["CSO-II"].score == 4


def test_without_identity_the_page_says_where_to_start(page: Any, base: str) -> None:
    page.goto(base + "strand-I.ipynb?p=nobody&lang=en")
    page.get_by_role("alert").wait_for()
    assert "Open the start page" in page.get_by_role("alert").inner_text()
    assert page.locator("fieldset").count() == 0


def test_an_old_participant_address_grants_nothing(page: Any, base: str, app_ws: Workspace) -> None:
    """``?p=<id>`` (browser history on a shared device, a screenshot, a projector) is not
    an identity any more: the pages say where to start and show nothing of that person."""
    pid = _participant(app_ws, Side.LA, "Proyectada")
    with app_ws.open_store() as store:
        from civicnb.workshop.participation import ParticipantSession

        loc = store.get_locality("villaflor")
        ParticipantSession.resume(store, FW, loc, pid).save(
            "LA-01", score=2, note="nota proyectada"
        )
    for path in ("strand-I.ipynb", "summary.ipynb"):
        page.goto(base + f"{path}?p={pid}&lang=en")
        page.get_by_role("alert").wait_for(timeout=60_000)
        assert page.locator("fieldset").count() == 0
        body = page.locator("body").inner_text()
        assert "Proyectada" not in body and "nota proyectada" not in body
    page.goto(base + f"start.ipynb?p={pid}&lang=en")
    page.get_by_role("button", name="Begin").wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    assert "Proyectada" not in page.locator("body").inner_text()
    assert _answers(app_ws, pid)["LA-01"].note == "nota proyectada"

    # joining: the address, every link and the browser's storage hold no participant id
    page.get_by_role("radio", name="The local authority").check()
    page.get_by_label("Your name or a pseudonym").fill("Sin rastro")
    page.get_by_label("Your name or a pseudonym").press("Tab")
    page.get_by_role("button", name="Begin").click()
    page.get_by_role("link", name="Strand I: Defining valued outcomes").wait_for()
    mine = _pid_of(app_ws, "Sin rastro")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    stored = page.evaluate("JSON.stringify(window.localStorage)")
    assert mine not in page.url and "p=" not in page.url
    assert not [h for h in hrefs if mine in h or "p=" in h], hrefs
    assert mine not in stored
    page.get_by_role("link", name="Strand I: Defining valued outcomes").click()
    _wait_ready(page)
    page.get_by_text("You are answering as Sin rastro").wait_for(
        timeout=60_000
    )  # bound after the page loads
    assert page.get_by_text("You are answering as Sin rastro").count() == 1
    # "Forget me on this device": the next page opened here names nobody
    page.goto(base + "start.ipynb?lang=en")
    page.get_by_role("button", name="Forget me on this device").click()
    page.get_by_role("button", name="Begin").wait_for()
    page.goto(base + "strand-I.ipynb?lang=en")
    page.get_by_role("alert").wait_for(timeout=60_000)
    assert "Sin rastro" not in page.locator("body").inner_text()


def test_preheated_pages_read_the_address_after_the_request(
    page: Any, app_ws: Workspace, voila_server: Callable[..., str]
) -> None:
    """A preheated kernel ran the notebook before the request: it must still find the
    participant named in the address (read after the request arrives)."""
    url = voila_server(app_ws.localities_dir, preheat=1) + "voila/render/villaflor/"
    pid = _participant(app_ws, Side.CSO, "Precalentado")
    import time

    deadline = time.monotonic() + 180
    while "pool of villaflor/strand-I.ipynb is filled" not in voila_server.log_of(url):  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, "the kernel pool never filled"
        time.sleep(0.5)
    open_as(page, url, app_ws, pid, "strand-I.ipynb?lang=en")
    _wait_ready(page)
    page.get_by_text("You are answering as Precalentado").wait_for(
        timeout=60_000
    )  # bound after the page loads
    assert page.get_by_text("You are answering as Precalentado").count() == 1
    _group(page, "CSO-I").get_by_role("radio", name="4 — Well").check()
    _wait_saved(page, 1)
    assert _answers(app_ws, pid)["CSO-I"].score == 4
    assert "Using pre-heated kernel" in voila_server.log_of(url)  # type: ignore[attr-defined]
