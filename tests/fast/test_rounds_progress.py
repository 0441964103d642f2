"""Progress between rounds where it matters: "my summary" shows this round beside the
last one (same participant), and the reveal shows each pair's gap then and now, under
the small-number rule in both rounds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from workshop_helpers import Workshop

from civicnb.html.reveal import reveal_html
from civicnb.records import Side
from civicnb.store import Store
from civicnb.ui.context import PageContext
from civicnb.ui.locality_context import Context
from civicnb.ui.summary_page import SummaryPage, my_last_round
from civicnb.workshop.facilitation import reveal_strand, reveal_view
from civicnb.workshop.participation import ParticipantSession
from civicnb.workshop.progress import then_and_now
from civicnb.workshop.rounds import open_round
from civicnb.workspace import Workspace


@pytest.fixture
def store(ws: Workspace) -> Iterator[Store]:
    with ws.open_store() as s:
        yield s


def _answer(shop: Workshop, la: list[int], cso: list[int], names: str) -> None:
    """Each LA participant rates LA-01 (their own side), each CSO participant LA-01 too
    (the other side's view): the gap of LA-01 is mean(la) - mean(cso)."""
    for i, score in enumerate(la):
        shop.join(Side.LA, f"{names} LA {i}").save("LA-01", score=score)
    for i, score in enumerate(cso):
        shop.join(Side.CSO, f"{names} CSO {i}").save("LA-01", score=score)


def test_the_reveal_shows_each_pairs_gap_then_and_now(ws: Workspace, store: Store) -> None:
    shop = Workshop(ws, store, k=1)
    _answer(shop, [5, 5], [1, 1], "then")  # gap +4 in the baseline
    shop.reveal("I")
    new = open_round(store, shop.loc, "Follow-up")
    shop.round = new
    _answer(shop, [4, 4], [3, 3], "now")  # gap +1 now
    reveal_strand(store, new.id, "I", framework=shop.fw, locality=shop.loc)
    view = reveal_view(store, shop.fw, shop.loc, new, "I")
    tn = then_and_now(store, shop.fw, shop.loc, new, view)
    assert tn is not None and tn.then.label == "baseline" and tn.now == new
    p01 = tn.pairs["P01"]
    # CSO-I is unanswered: the pair's mean gap is LA-01's gap
    assert (p01.gap_before, p01.gap_after) == (4.0, 1.0)
    assert p01.abs_gap_change == -3.0
    html = reveal_html(view, shop.fw, "en", tn)
    assert "Gap then and now" in html
    assert "Last round (baseline)" in html and "This round (Follow-up)" in html
    assert "+4.0" in html and "+1.0" in html and "the views came closer" in html
    es = reveal_html(view, shop.fw, "es", tn)
    assert "Brecha antes y ahora" in es and "las miradas se acercaron" in es
    # without then-and-now (a first round), the reveal is as before
    assert "Gap then and now" not in reveal_html(view, shop.fw, "en")
    first = store.rounds(shop.loc.id)[0]
    assert then_and_now(store, shop.fw, shop.loc, first, view) is None


def test_the_small_number_rule_applies_to_the_last_rounds_figures(
    ws: Workspace, store: Store
) -> None:
    shop = Workshop(ws, store, k=2)
    _answer(shop, [5], [1], "then")  # one person per side: withheld under k = 2
    new = open_round(store, shop.loc, "Follow-up")  # the baseline was never revealed
    shop.round = new
    _answer(shop, [4, 4], [3, 3], "now")
    reveal_strand(store, new.id, "I", framework=shop.fw, locality=shop.loc)
    view = reveal_view(store, shop.fw, shop.loc, new, "I")
    tn = then_and_now(store, shop.fw, shop.loc, new, view)
    assert tn is not None
    p01 = tn.pairs["P01"]
    assert p01.gap_before is None and p01.gap_after == 1.0 and p01.abs_gap_change is None
    html = reveal_html(view, shop.fw, "en", tn)
    assert "not comparable" in html and "+4.0" not in html


def test_my_summary_shows_this_round_beside_the_last(ws: Workspace, store: Store) -> None:
    shop = Workshop(ws, store, k=1)
    ana = shop.join(Side.LA, "Ana")
    ana.save("LA-01", score=2)
    ana.save("LA-02", score=4)
    new = open_round(store, shop.loc, "Follow-up")
    # Ana comes back: the same participant (her session), now in the new round
    again = ParticipantSession.resume(store, shop.fw, shop.loc, ana.participant.id)
    assert again.round == new
    assert my_last_round(again) is not None  # before she answers anything now
    again.save("LA-01", score=5)
    last = my_last_round(again)
    assert last is not None and last[0] == "baseline"
    assert {f.strand_id: f.own_mean for f in last[1]}["I"] == 3.0
    ctx = Context(ws, store, shop.fw, shop.loc, "en", None)
    page = SummaryPage(ctx, again, PageContext())
    body = page.body.value
    assert "This round beside the last one" in body
    assert "Last round (baseline)" in body and "This round (Follow-up)" in body
    assert "Own side, last round" in body  # the radar's second line
    assert "<td>3.0</td>" in body and "<td>5.0</td>" in body
    # someone new in this round has no last round to show
    eva = shop.join(Side.CSO, "Eva", new)
    assert my_last_round(eva) is None
    assert "beside the last one" not in SummaryPage(ctx, eva, PageContext()).body.value
    # nor has anyone in the first round
    assert my_last_round(ana) is None
