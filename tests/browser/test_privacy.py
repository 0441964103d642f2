"""Privacy in the served app (issue 18, items 6 and 7), in headless Chromium:

* the differencing attack: what a participant's page shows of a revealed strand does not
  change when someone rates, changes a rating or joins after the reveal (reload and
  look again);
* withdrawal: "Withdraw my answers" on My summary, with its confirmation, deletes the
  participant, and the page keeps nothing of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from civicnb.api import init, new_locality
from civicnb.errors import NotFoundError
from civicnb.records import Side
from civicnb.workshop.facilitation import reveal_strand
from civicnb.workshop.participation import ParticipantSession, current_round, join
from civicnb.workspace import Workspace, open_workspace

from .conftest import NetworkGuard, notebooks_prepared_only, open_as

SLUG = "giron"
SECRET = "what only the late rater wrote"

pytestmark = pytest.mark.xdist_group("privacy")


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    path = tmp_path_factory.mktemp("privacy")
    with notebooks_prepared_only():
        init(path)
        new_locality("Girón", workspace=path, language="en")
    return open_workspace(path)


@pytest.fixture(scope="module")
def base(ws: Workspace, voila_server: Callable[..., str]) -> str:
    return voila_server(ws.localities_dir) + f"voila/render/{SLUG}/"


def _session(ws: Workspace, side: Side, name: str) -> tuple[Any, ParticipantSession]:
    store = ws.open_store()
    loc = store.get_locality(SLUG)
    person = join(store, loc, side, name, False)
    fw = ws.framework(loc.edition)
    return store, ParticipantSession(store, fw, loc, current_round(store, loc), person)


def _room(page: Any) -> str:
    page.get_by_text("The room's view of Strand I").wait_for(timeout=60_000)
    return str(page.locator(".civicnb-reveal").first.inner_html())


def test_the_room_does_not_change_after_the_reveal(page: Any, base: str, ws: Workspace) -> None:
    stores = []
    sessions = []
    for i, score in enumerate((1, 2, 3, 4, 5)):
        st, s = _session(ws, Side.CSO, f"cso {i}")
        s.save("LA-01", score=score)
        stores.append(st)
        sessions.append(s)
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        rnd = current_round(store, loc)
        reveal_strand(store, rnd.id, "I", framework=ws.framework(loc.edition), locality=loc)
    viewer = sessions[0].participant.id
    open_as(page, base, ws, viewer, "strand-I.ipynb?lang=en")
    before = _room(page)
    assert "1: 1, 2: 1, 3: 1, 4: 1, 5: 1" in before
    # after the reveal: one more rating with a note, a change of mind, a new join
    st, late = _session(ws, Side.CSO, "late")
    late.save("LA-01", score=5, note=SECRET)
    sessions[1].save("LA-01", score=5)
    stores.append(st)
    page.reload()
    after = _room(page)
    assert after == before
    assert SECRET not in str(page.content())
    for st in stores:
        st.close()


def test_withdraw_from_my_summary(page: Any, base: str, ws: Workspace, net: NetworkGuard) -> None:
    store, s = _session(ws, Side.LA, "Rosa Withdraws")
    s.save("LA-01", score=2, note="a note to take back")
    pid = s.participant.id
    token = open_as(page, base, ws, pid, "summary.ipynb?lang=en")
    page.get_by_role("button", name="Withdraw my answers…").click()
    page.get_by_text("Are you sure?").wait_for(timeout=30_000)
    page.get_by_role("button", name="Yes, delete all my answers").click()
    page.get_by_text("Your answers and notes have been deleted").wait_for(timeout=30_000)
    with pytest.raises(NotFoundError):
        store.get_participant(pid)
    assert store.ratings(participant_id=pid) == []
    assert not re.search(r"[?&]p=", page.url)
    assert "Rosa Withdraws" not in str(page.evaluate("document.body.innerText"))
    stored = page.evaluate("JSON.stringify(Object.assign({}, window.localStorage))")
    assert pid not in str(stored) and token not in str(stored)
    # the page names nobody now
    page.goto(base + "summary.ipynb?lang=en")
    page.get_by_text("You have not joined yet").wait_for(timeout=60_000)
    assert "a note to take back" not in str(page.content())
    assert not net.external and not net.dialogs
    store.close()
