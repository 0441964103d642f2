"""Organisations in the browser: two participants of different civil society
organisations and one local authority officer join on the start page (choosing their
organisation, role and whom they rate) and rate; the facilitator's reveal shows the
per-organisation breakdown only at or above k ("fewer than k", without numbers, below).

Served by standalone Voilà on 127.0.0.1, driven in headless Chromium, checked with
axe-core; requests leaving the machine and JavaScript dialogs are caught by ``page``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.api import init, new_locality
from civicnb.framework import load_framework
from civicnb.records import Organisation, Side
from civicnb.workspace import Workspace, open_workspace

from .conftest import NetworkGuard, describe, notebooks_prepared_only

FW = load_framework("pamphlet")
SLUG = "orgsville"

SHOTS = (
    Path(os.environ["CIVICNB_SCREENSHOT_DIR"]) if os.environ.get("CIVICNB_SCREENSHOT_DIR") else None
)

pytestmark = pytest.mark.xdist_group("organisations")


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    path = tmp_path_factory.mktemp("organisations")
    with notebooks_prepared_only():
        init(path)
        loc = new_locality("Orgsville", workspace=path, language="en")
    ws = open_workspace(path)
    with ws.open_store() as store:
        store.update_locality(dataclasses.replace(loc, min_group=2))
        for side, name in ((Side.CSO, "Alba"), (Side.CSO, "Brisa"), (Side.LA, "Planning")):
            store.add_organisation(Organisation(loc.id, side, name))
    return ws


@pytest.fixture(scope="module")
def base(ws: Workspace, voila_server: Callable[..., str]) -> str:
    return voila_server(ws.localities_dir) + f"voila/render/{SLUG}/"


def _group(page: Any, question_id: str) -> Any:
    q = FW.question(question_id)
    return page.get_by_role(
        "group", name=re.compile("^" + re.escape(f"{q.number}. {q.text.en[:40]}"))
    )


def _choose(page: Any, legend: str, option: str) -> None:
    page.get_by_role("group", name=legend, exact=True).get_by_role(
        "radio", name=option, exact=True
    ).check()


def _wait_rating(ws: Workspace, name: str, qid: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with ws.open_store() as store:
            people = store.participants(store.get_locality(SLUG).id)
            pid = next((p.id for p in people if p.name == name), None)
            if pid and any(
                r.question_id == qid and r.score for r in store.ratings(participant_id=pid)
            ):
                return
        time.sleep(0.2)
    raise AssertionError(f"{name}'s rating of {qid} was not saved")


def _join(page: Any, side: str, name: str, choices: list[tuple[str, str]]) -> None:
    first = page.get_by_role("button", name=re.compile("^(Begin|Forget me on this device)$"))
    first.wait_for(timeout=60_000)
    if first.inner_text().startswith("Forget"):
        first.click()
        page.get_by_role("button", name="Begin").wait_for()
    _choose(page, "I answer for", side)
    for legend, option in choices:
        _choose(page, legend, option)
    box = page.get_by_label("Your name or a pseudonym")
    box.fill(name)
    box.press("Tab")
    page.get_by_role("button", name="Begin").click()


def _rate(page: Any, ws: Workspace, name: str, qid: str, score: str) -> None:
    page.get_by_role("link", name="Strand I: Defining valued outcomes").click()
    page.wait_for_selector("fieldset", timeout=60_000)
    _group(page, qid).get_by_role("radio", name=score).check()
    _wait_rating(ws, name, qid)


def join_three(page: Any, base: str, ws: Workspace) -> None:
    """On the start page (open): Dora of Alba rates CSO-I 5, Ezequiel of Brisa 2, and
    Ana, an officer of the local authority rating Alba, 3."""
    _join(page, "A civil society organisation", "Dora", [("I take part for", "Alba")])
    _rate(page, ws, "Dora", "CSO-I", "5 — Very well")
    page.goto(base + "start.ipynb?lang=en")
    _join(page, "A civil society organisation", "Ezequiel", [("I take part for", "Brisa")])
    _rate(page, ws, "Ezequiel", "CSO-I", "2 — A little")
    page.goto(base + "start.ipynb?lang=en")
    legend = "My answers about the civil society side's column are about"
    _join(
        page,
        "The local authority",
        "Ana",
        [("In the local authority I am", "An officer"), (legend, "Alba")],
    )
    _rate(page, ws, "Ana", "CSO-I", "3 — Partly")


def _reveal_text(page: Any, base: str, ws: Workspace) -> str:
    page.goto(base + "facilitator.ipynb?lang=en")
    page.get_by_label("Facilitator key").fill(ws.facilitator_key())
    page.get_by_role("button", name="Open the facilitator's page").click()
    page.get_by_text("The room now").wait_for(timeout=60_000)
    page.get_by_role("button", name="Reveal and agree").click()
    reveal = page.get_by_role("button", name="Reveal to the room")
    reveal.wait_for()
    if page.get_by_text("Strand I is not revealed yet").count():
        reveal.click()
    page.get_by_text("The room's view of Strand I").wait_for(timeout=60_000)
    return str(page.evaluate("document.body.innerText"))


def _row(text: str, name: str, question: str) -> str:
    """The breakdown row of organisation ``name`` in the table of ``question``."""
    # the caption: "CSO I: <its short title>: each organisation's own view …"
    found = re.search(re.escape(question) + r"(: [^\n]*?)?: each organisation's own view", text)
    assert found, f"no breakdown table of {question}"
    table = text[found.end() :]
    return next(line for line in table.splitlines() if line.startswith(name + "\t"))


def test_organisations_join_rate_and_the_reveal_keeps_the_rule(
    page: Any, base: str, ws: Workspace, net: NetworkGuard, axe_serious: Callable[..., Any]
) -> None:
    page.goto(base + "start.ipynb?lang=en")
    page.get_by_role("button", name="Begin").wait_for(timeout=60_000)
    # the organisations of the side chosen, a role on the local authority's side
    _choose(page, "I answer for", "The local authority")
    page.get_by_role("group", name="In the local authority I am").wait_for()
    _shot(page, "organisations-start")
    violations = axe_serious(page)
    assert not violations, describe(violations)
    join_three(page, base, ws)
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        orgs = {o.name: o.id for o in store.organisations(loc.id)}
        people = {p.name: p for p in store.participants(loc.id)}
    assert people["Dora"].organisation_id == orgs["Alba"]
    assert people["Ezequiel"].organisation_id == orgs["Brisa"]
    assert (people["Ana"].role, people["Ana"].organisation_id) == ("officer", None)
    assert people["Ana"].rates_organisation_id == orgs["Alba"]

    # k = 2: each organisation has one rater: the breakdown says so, with no number
    text = _reveal_text(page, base, ws)
    assert "By organisation" in text
    alba, brisa = _row(text, "Alba", "CSO I"), _row(text, "Brisa", "CSO I")
    assert "fewer than 2" in alba and "fewer than 2" in brisa
    assert not re.search(r"\d", alba.replace("fewer than 2", ""))
    assert not re.search(r"\d", brisa.replace("fewer than 2", ""))
    violations = axe_serious(page)
    assert not violations, describe(violations)

    # k = 1: at or above k the same breakdown shows the figures and the gap
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        store.update_locality(dataclasses.replace(loc, min_group=1))
    text = _reveal_text(page, base, ws)
    _shot(page, "organisations-reveal")
    if SHOTS is not None:
        shot = str(SHOTS / "organisations-breakdown.png")
        page.locator(".civicnb-organisations-breakdown").first.screenshot(path=shot)
    alba = _row(text, "Alba", "CSO I")
    assert "5.0 (n = 1)" in alba and "3.0 (n = 1)" in alba and "+2.0" in alba
    assert "2.0 (n = 1)" in _row(text, "Brisa", "CSO I")
    assert not net.external and not net.dialogs
