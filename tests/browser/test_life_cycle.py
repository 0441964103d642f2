"""A locality's whole life in the browser (issue 12), through the server's root:

1. the facilitator opens ``/`` (the home page), gives the key and creates a locality with
   two civil society organisations and one of the council's, k = 2;
2. two participants of different organisations and one local authority officer join on
   its start page (choosing organisation, role and whom they rate) and rate;
3. the facilitator's reveal hides the per-organisation breakdown below k; with two
   raters in each organisation it shows it;
4. an action and an outcome agreed in round 1; the facilitator opens round 2 from the
   home page and finds the open action and the outcome carried forward;
5. a returning participant answers round 2 and their summary shows both rounds.

Served by standalone Voilà on 127.0.0.1, driven in headless Chromium; requests leaving
the machine are caught by ``page``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from civicnb.execution.home import write_home
from civicnb.records import Action, Outcome, Participant, Side
from civicnb.workshop.facilitation import hide_strand
from civicnb.workshop.participation import ParticipantSession, current_round, join
from civicnb.workspace import Workspace, init_workspace

from .conftest import NetworkGuard, describe, open_as
from .test_organisations import _group, _reveal_text, _row, join_three

SLUG = "orgsville"  # the helpers of test_organisations look for this locality
TIMEOUT = 120_000

# slow: a whole life cycle, about three minutes on two cores
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("life-cycle")]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = init_workspace(tmp_path_factory.mktemp("life-cycle") / "ws")
    write_home(ws)  # as `civicnb serve` does: nothing else is in the workspace yet
    return ws


def _people(ws: Workspace) -> list[Participant]:
    with ws.open_store() as store:
        return store.participants(store.get_locality(SLUG).id)


def _rate_as(ws: Workspace, name: str, side: Side, org: str, scores: dict[str, int]) -> None:
    """Someone else of organisation ``org`` joins and rates (without a browser)."""
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        org_id = next(o.id for o in store.organisations(loc.id) if o.name == org)
        person = join(store, loc, side, name, False, organisation_id=org_id)
        session = ParticipantSession(
            store, ws.framework(loc.edition), loc, current_round(store, loc), person
        )
        for qid, score in scores.items():
            session.save(qid, score=score)


def test_from_the_home_page_to_the_second_round(
    page: Any,
    ws: Workspace,
    voila_server: Callable[..., str],
    net: NetworkGuard,
    axe_serious: Callable[[Any], list[dict[str, Any]]],
) -> None:
    root = voila_server(ws.localities_dir)
    # 1. the home page at the server's root; the key opens the set-up
    page.goto(root)
    page.get_by_label("Facilitator key").fill(ws.facilitator_key(), timeout=TIMEOUT)
    page.get_by_role("button", name="Open the set-up").click()
    page.get_by_label("Name of the locality").fill("Orgsville", timeout=TIMEOUT)
    page.get_by_label("Organisations of civil society's side").fill("Alba\nBrisa")
    page.get_by_label("Organisations of the local authority's side").fill("Planning")
    k = page.get_by_label(re.compile("^Small-number threshold"))
    k.fill("2")
    k.press("Tab")
    page.get_by_role("button", name="Create the locality").click()
    page.get_by_role("status").filter(has_text="Orgsville is ready").wait_for(timeout=TIMEOUT)
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        orgs = {o.name: o for o in store.organisations(loc.id)}
    assert loc.min_group == 2
    assert {n: o.side for n, o in orgs.items()} == {
        "Alba": Side.CSO,
        "Brisa": Side.CSO,
        "Planning": Side.LA,
    }
    assert not (violations := axe_serious(page)), describe(violations)

    # 2. three people join through the start page, each with their organisation
    base = root + f"voila/render/{SLUG}/"
    page.goto(base + "start.ipynb?lang=en")
    join_three(page, base, ws)

    # 3. one rater per organisation, k = 2: no organisation's figure is shown
    text = _reveal_text(page, base, ws)
    for name in ("Alba", "Brisa"):
        row = _row(text, name, "CSO I")
        assert "fewer than 2" in row and not re.search(r"\d", row.replace("fewer than 2", ""))
    # two more raters: each organisation reaches k, and the reveal (taken again) shows them
    _rate_as(ws, "Flor", Side.CSO, "Alba", {"CSO-I": 4})
    _rate_as(ws, "Gabo", Side.CSO, "Brisa", {"CSO-I": 2})
    with ws.open_store() as store:
        hide_strand(store, current_round(store, store.get_locality(SLUG)).id, "I")
    text = _reveal_text(page, base, ws)
    assert "4.5 (n = 2)" in _row(text, "Alba", "CSO I")  # Dora 5, Flor 4
    assert "2.0 (n = 2)" in _row(text, "Brisa", "CSO I")  # Ezequiel 2, Gabo 2

    # 4. round 1 agreed an action and an outcome; round 2 is opened from the home page
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        first = current_round(store, loc)
        store.save_action(Action(loc.id, "Ramps at the market", strand="I", round_id=first.id))
        store.save_outcome(Outcome(loc.id, "Step-free market", "social", current=7.5))
    page.goto(root)
    page.get_by_label("Facilitator key").fill(ws.facilitator_key(), timeout=TIMEOUT)
    page.get_by_role("button", name="Open the set-up").click()
    page.get_by_label("Label of the new round").fill("Round 2", timeout=TIMEOUT)
    page.get_by_role("button", name="Open the next round").click()
    page.get_by_role("status").filter(has_text="Round Round 2 opened").wait_for(timeout=TIMEOUT)
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        assert [r.label for r in store.rounds(loc.id)][-1] == "Round 2"
        assert [o.current for o in store.outcomes(loc.id)] == [None]  # a new value to enter
    page.goto(base + f"facilitator.ipynb?key={ws.facilitator_key()}&lang=en")
    page.get_by_role("button", name="Actions", exact=True).click(timeout=TIMEOUT)
    carried = page.locator(".civicnb-carried")
    carried.wait_for(timeout=TIMEOUT)
    assert "Ramps at the market" in carried.inner_text()
    page.get_by_role("button", name="Outcomes and activities", exact=True).click()
    page.get_by_text("Last round's value").first.wait_for(timeout=TIMEOUT)
    assert "7.5" in page.locator("table").filter(has_text="Step-free market").inner_text()

    # 5. Dora comes back (her device holds her session), answers round 2: her summary
    # shows this round beside the last
    dora = next(p.id for p in _people(ws) if p.name == "Dora")
    open_as(page, base, ws, dora, "strand-I.ipynb?lang=en")
    _group(page, "CSO-I").get_by_role("radio", name="4 — Well").check(timeout=TIMEOUT)
    page.get_by_text("Saved").first.wait_for(timeout=TIMEOUT)
    page.goto(base + "summary.ipynb?lang=en")
    table = page.locator("table.civicnb-then-now")
    table.wait_for(timeout=TIMEOUT)
    head = table.locator("thead").inner_text()
    assert "Last round (Baseline)" in head and "This round (Round 2)" in head
    assert not (violations := axe_serious(page)), describe(violations)
    assert not net.external
