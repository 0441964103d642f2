"""Rounds in the served app, in headless Chromium: a page opened before the next round
was opened cannot save into the closed round (and says so); after a reload the same
participant answers the new round; their summary shows both rounds, and the
facilitator's reveal shows each pair's gap then and now."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from civicnb.api import init, new_locality, open_round
from civicnb.framework import load_framework
from civicnb.i18n import t
from civicnb.records import Side
from civicnb.workshop.facilitation import reveal_strand
from civicnb.workshop.participation import ParticipantSession, current_round, join
from civicnb.workspace import Workspace, open_workspace

from .conftest import NetworkGuard, describe, notebooks_prepared_only, open_as

SLUG = "giron"
FW = load_framework("pamphlet")
Q2 = f"2. {FW.question('LA-02').text.en}"

pytestmark = pytest.mark.xdist_group("rounds")


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    path = tmp_path_factory.mktemp("rounds")
    with notebooks_prepared_only():
        init(path)
        new_locality("Girón", workspace=path, language="en")
    w = open_workspace(path)
    with w.open_store() as store:
        loc = store.get_locality(SLUG)
        store.update_locality(dataclasses.replace(loc, min_group=1))
    return w


@pytest.fixture(scope="module")
def base(ws: Workspace, voila_server: Callable[..., str]) -> str:
    return voila_server(ws.localities_dir) + f"voila/render/{SLUG}/"


def _person(ws: Workspace, side: Side, name: str) -> str:
    with ws.open_store() as store:
        return join(store, store.get_locality(SLUG), side, name, False).id


def _say(ws: Workspace, pid: str, scores: dict[str, int]) -> None:
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        s = ParticipantSession(
            store,
            ws.framework(loc.edition),
            loc,
            current_round(store, loc),
            store.get_participant(pid),
        )
        for qid, score in scores.items():
            s.save(qid, score=score)


def _reveal(ws: Workspace) -> None:
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        rnd = current_round(store, loc)
        reveal_strand(store, rnd.id, "I", framework=ws.framework(loc.edition), locality=loc)


def test_a_closed_round_then_both_rounds_and_the_gap_then_and_now(
    page: Any,
    base: str,
    ws: Workspace,
    net: NetworkGuard,
    axe_serious: Callable[[Any], list[dict[str, Any]]],
) -> None:
    from playwright.sync_api import expect

    ana = _person(ws, Side.LA, "Ana")
    cso = _person(ws, Side.CSO, "Carla")
    _say(ws, ana, {"LA-01": 5, "LA-02": 3})
    _say(ws, cso, {"LA-01": 1})  # gap of LA-01 in the baseline: +4
    _reveal(ws)

    # Ana's strand page is open when the facilitator opens the next round
    open_as(page, base, ws, ana, "strand-I.ipynb?lang=en")
    group = page.get_by_role("group", name=Q2)
    expect(group).to_be_visible(timeout=90_000)
    open_round(SLUG, "Follow-up", workspace=ws)
    group.get_by_role("radio", name="5 — Very well", exact=True).check()
    page.get_by_text(
        "Not saved: round Baseline is closed, round Follow-up has been opened"
    ).wait_for(timeout=30_000)
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        baseline = store.rounds(loc.id)[0]
        assert {
            r.question_id: r.score for r in store.ratings(round_id=baseline.id, participant_id=ana)
        } == {
            "LA-01": 5,
            "LA-02": 3,
        }

    # reloaded, the page answers the new round
    page.reload()
    group = page.get_by_role("group", name=Q2)
    expect(group).to_be_visible(timeout=90_000)
    group.get_by_role("radio", name="4 — Well", exact=True).check()
    page.get_by_text("Saved").first.wait_for(timeout=30_000)
    _say(ws, ana, {"LA-01": 4})
    _say(ws, cso, {"LA-01": 3})  # the gap now: +1
    _reveal(ws)

    # her summary: this round beside the last one
    page.goto(base + "summary.ipynb?lang=en")
    table = page.locator("table.civicnb-then-now")
    expect(table).to_be_visible(timeout=90_000)
    head = table.locator("thead").inner_text()
    assert "Last round (Baseline)" in head and "This round (Follow-up)" in head
    cells = [c.strip() for c in table.locator("tbody tr").first.locator("td").all_inner_texts()]
    assert cells == ["4.0", "4.0"], cells  # then: mean(5, 3); now: mean(4, 4)
    violations = axe_serious(page)
    assert not violations, describe(violations)

    # the facilitator's reveal: each pair's gap then and now
    page.goto(base + f"facilitator.ipynb?key={ws.facilitator_key()}&lang=en")
    page.get_by_role("button", name=t("fac_tab_reveal", "en"), exact=True).click(timeout=90_000)
    progress = page.locator(".civicnb-progress").first
    expect(progress).to_be_visible(timeout=60_000)
    text = progress.inner_text()
    assert "Gap then and now" in text
    assert "Last round (Baseline)" in text and "This round (Follow-up)" in text
    assert "+4.0" in text and "+1.0" in text and "the views came closer" in text
    violations = axe_serious(page)
    assert not violations, describe(violations)
    assert not net.external
