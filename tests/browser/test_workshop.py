"""The facilitated workshop as people live it: participants rate strand I blind in their
own browsers, the facilitator (with the key) follows the room, reveals the strand,
records the agreed rating and an action, and the exported workbook holds them.

Served by standalone Voilà on 127.0.0.1, driven in headless Chromium, checked with
axe-core; every request leaving the machine and every JavaScript dialog is caught by
the ``page`` fixture.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

import pytest

from civicnb.api import export_locality, init, new_locality
from civicnb.framework import load_framework
from civicnb.workspace import Workspace, open_workspace

from .conftest import NetworkGuard, describe, notebooks_prepared_only, open_as

FW = load_framework("pamphlet")
PLACE = "Floridablanca"
SLUG = "floridablanca"
XSS_NOTE = "Acta 12 <img src=x onerror=alert(1)> del comité"
LA_NAMES = ["Ana Official", "Beto Official", "Carla Official"]
CSO_NAMES = ["Dora Activist", "Ezequiel Activist", "Flor Activist"]

pytestmark = pytest.mark.xdist_group("workshop")


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    path = tmp_path_factory.mktemp("workshop")
    with notebooks_prepared_only():
        init(path)
        new_locality(PLACE, workspace=path, language="en")
    return open_workspace(path)


@pytest.fixture(scope="module")
def base(ws: Workspace, voila_server: Callable[..., str]) -> str:
    return voila_server(ws.localities_dir) + f"voila/render/{SLUG}/"


def _group(page: Any, question_id: str) -> Any:
    q = FW.question(question_id)
    return page.get_by_role(
        "group", name=re.compile("^" + re.escape(f"{q.number}. {q.text.en[:40]}"))
    )


def _wait_saved(page: Any, n: int) -> None:
    page.wait_for_function(
        "n => [...document.querySelectorAll('[role=status]')]"
        ".filter(e => e.textContent.includes('Saved')).length >= n",
        arg=n,
        timeout=30_000,
    )


def _wait_note(ws: Workspace, pid: str, qid: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with ws.open_store() as store:
            if any(r.question_id == qid and r.note for r in store.ratings(participant_id=pid)):
                return
        time.sleep(0.2)
    raise AssertionError(f"the note of {pid} on {qid} was not saved")


def _join_and_rate(
    page: Any, ws: Workspace, base: str, side_label: str, name: str, own: list[str], i: int
) -> str:
    page.goto(base + "start.ipynb?lang=en")
    # one browser for several people: the one before is forgotten on this device
    first = page.get_by_role("button", name=re.compile("^(Begin|Forget me on this device)$"))
    first.wait_for(timeout=60_000)
    if first.inner_text().startswith("Forget"):
        first.click()
        page.get_by_role("button", name="Begin").wait_for()
    page.get_by_role("radio", name=side_label).check()
    box = page.get_by_label("Your name or a pseudonym")
    box.fill(name)
    box.press("Tab")
    page.get_by_label(re.compile("^I agree to be named")).check()
    page.get_by_role("button", name="Begin").click()
    page.get_by_role("link", name="Strand I: Defining valued outcomes").click()
    page.wait_for_selector("fieldset", timeout=60_000)
    # side A rates its own column high, the other side rates it low: a gap to discuss
    for k, qid in enumerate(own):
        score = ["4 — Well", "5 — Very well", "3 — Partly"][(i + k) % 3]
        _group(page, qid).get_by_role("radio", name=score).check()
    note = page.get_by_label(
        f"Evidence for question {FW.question(own[0]).number}: what is your answer based on?"
    )
    note.fill(f"{XSS_NOTE} ({name})")
    note.press("Tab")
    _wait_saved(page, len(own))
    assert "p=" not in page.url, page.url  # the address names nobody
    with ws.open_store() as store:
        people = store.participants(store.get_locality(SLUG).id)
        pid = next(p.id for p in people if p.name == name)
    _wait_note(ws, pid, own[0])
    return pid


def _page_text(page: Any) -> str:
    return str(page.evaluate("document.body.innerText"))


def test_without_the_key_nothing_is_shown(
    page: Any, base: str, ws: Workspace, net: NetworkGuard, axe_serious: Callable[..., Any]
) -> None:
    # someone has joined and written a note: none of it may reach a keyless page
    from civicnb.records import Side
    from civicnb.workshop.participation import join

    with ws.open_store() as store:
        p = join(store, store.get_locality(SLUG), Side.CSO, "Hidden Person", named=True)
        from civicnb.workshop.participation import ParticipantSession

        session = ParticipantSession.resume(store, FW, store.get_locality(SLUG), p.id, None)
        session.save("CSO-I", score=2, note="secret evidence note")
    for url in (base + "facilitator.ipynb", base + "facilitator.ipynb?key=wrong-key-123"):
        page.goto(url)
        page.get_by_label("Facilitator key").wait_for(timeout=60_000)
        html = page.content()
        for leaked in ("Hidden Person", "secret evidence", "Participants:", "Reveal to the room"):
            assert leaked not in html, (url, leaked)
        if "wrong" in url:
            assert "That is not the facilitator key" in _page_text(page)
    # typing a wrong key: refused, still nothing
    page.get_by_label("Facilitator key").fill("not-the-key")
    page.get_by_role("button", name="Open the facilitator's page").click()
    page.get_by_text("That is not the facilitator key").wait_for()
    assert "Hidden Person" not in page.content()
    violations = axe_serious(page)
    assert not violations, describe(violations)
    assert not net.external and not net.dialogs


def test_full_workshop_flow(
    page: Any,
    base: str,
    ws: Workspace,
    net: NetworkGuard,
    axe_serious: Callable[..., Any],
    tmp_path: Any,
) -> None:
    # 1. three local-authority and three civil-society participants rate strand I, blind
    for i, name in enumerate(LA_NAMES):
        _join_and_rate(page, ws, base, "The local authority", name, ["LA-01", "LA-02", "LA-03"], i)
    last_pid = ""
    for i, name in enumerate(CSO_NAMES):
        last_pid = _join_and_rate(
            page, ws, base, "A civil society organisation", name, ["CSO-I", "CSO-II", "CSO-III"], i
        )
    # blind: the participant's page shows no aggregate of the room
    text = _page_text(page)
    assert "Your answers are private" in text
    assert "The room's view" not in text and "Average" not in text
    assert "Ana Official" not in text  # nobody else's name or note either

    # 2. the facilitator opens the page with the key (typed) and sees counts only
    key = ws.facilitator_key()
    page.goto(base + "facilitator.ipynb?lang=en")
    page.get_by_label("Facilitator key").fill(key)
    page.get_by_role("button", name="Open the facilitator's page").click()
    page.get_by_text("The room now").wait_for(timeout=60_000)
    room = _page_text(page)
    assert "Participants: 7" in room or "Participants: 6" in room  # + the keyless test's person
    assert "3 / 0 / 0" in room  # three of each side answered all their own questions
    assert "Ana Official" not in room and "Acta 12" not in room  # counts only before a reveal
    violations = axe_serious(page)
    assert not violations, describe(violations)
    assert "key=" in page.url  # a reload keeps the page open
    # live: someone joins meanwhile; the room's counts update by themselves
    from civicnb.records import Side
    from civicnb.workshop.participation import join

    before = int(re.search(r"Participants: (\d+)", room).group(1))  # type: ignore[union-attr]
    with ws.open_store() as store:
        join(store, store.get_locality(SLUG), Side.OTHER, "Late Comer", named=False)
    page.get_by_text(f"Participants: {before + 1}").wait_for(timeout=20_000)

    # 3. the reveal, pair by pair, with the notes behind the ratings (named by consent)
    page.get_by_role("button", name="Reveal and agree").click()
    page.get_by_text("Strand I is not revealed yet").wait_for()
    page.get_by_role("button", name="Reveal to the room").click()
    page.get_by_text("The room's view of Strand I").wait_for(timeout=60_000)
    revealed = _page_text(page)
    assert "To discuss 1:" in revealed
    assert "Own view (local authority)" in revealed
    assert "Other side's view (civil society organisation)" in revealed
    assert "Ana Official" in revealed
    assert "<img src=x onerror=alert(1)>" in revealed  # participant text shows as text
    assert page.locator("img[src=x]").count() == 0
    violations = axe_serious(page)
    assert not violations, describe(violations)

    # 4. the agreed rating and narrative of pair 1
    agreed = page.get_by_role("group", name="Agreed rating for pair 1", exact=True)
    agreed.get_by_role("radio", name=re.compile("^3 — ")).check()
    page.get_by_label("What the group agreed about pair 1, and why").fill(
        "Both sides see partial progress; publish the outcomes."
    )
    page.get_by_label("What the group agreed about pair 1, and why").press("Tab")
    page.get_by_role("button", name="Save the agreement on pair 1").click()
    page.locator(".civicnb-joint").filter(has_text="pair 1").get_by_text("Saved").wait_for()

    # 5. an action, screened against the resilience design tests
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_label("What will be done").fill("Publish the valued outcomes in easy read")
    page.get_by_label("Who is responsible").fill("Secretaría de Planeación")
    tests = FW.design_tests
    for e in (tests[0], tests[2]):  # the other three stay "not assessed"
        page.get_by_role("group", name=f"{e.title.en}: {e.test.en}").get_by_role(
            "radio", name="Passes"
        ).check()
    page.get_by_label("Reasons for the screening").fill("Local, inclusive; no wider links yet")
    page.get_by_role("button", name="Add the action").click()
    page.get_by_text("It passes 2 of 5 design tests").wait_for(timeout=30_000)
    assert "Publish the valued outcomes in easy read" in _page_text(page)

    # 6. participants now see the room's view on their strand page
    open_as(page, base, ws, last_pid, "strand-I.ipynb?lang=en")
    page.get_by_text("The room's view of Strand I").wait_for(timeout=60_000)

    # 7. everything is in the store and in the exported workbook
    out = export_locality(SLUG, workspace=ws.root, out=tmp_path / "w.json")
    doc = json.loads(out.read_text(encoding="utf-8"))
    blob = json.dumps(doc, ensure_ascii=False)
    assert "Both sides see partial progress; publish the outcomes." in blob
    assert "Publish the valued outcomes in easy read" in blob
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        rnd = store.rounds(loc.id)[0]
        joint = {j.pair_id: j for j in store.joint_ratings(rnd.id)}
        assert joint["P01"].score == 3
        action = next(a for a in store.actions(loc.id) if a.text.startswith("Publish"))
        assert action.screening[tests[0].id] is True and tests[1].id not in action.screening
        assert sum(action.screening.values()) == 2
        assert len(store.ratings(round_id=rnd.id)) >= 6 * 3
    assert not net.external and not net.dialogs
