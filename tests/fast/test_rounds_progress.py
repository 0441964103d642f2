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


def test_a_participants_strand_page_shows_the_gap_then_and_now(ws: Workspace, store: Store) -> None:
    from civicnb.ui.strand_page import StrandPage

    shop = Workshop(ws, store, k=1)
    _answer(shop, [5, 5], [1, 1], "then")
    shop.reveal("I")
    new = open_round(store, shop.loc, "Follow-up")
    shop.round = new
    _answer(shop, [4, 4], [3, 3], "now")
    reveal_strand(store, new.id, "I", framework=shop.fw, locality=shop.loc)
    ctx = Context(ws, store, shop.fw, shop.loc, "en", None)
    person = shop.join(Side.LA, "Reader").participant
    page = StrandPage(ctx, ctx.session(person.id), shop.fw.strand("I"), PageContext())
    assert page.room is not None
    room = page.room.view.value
    assert "Gap then and now" in room and "+4.0" in room and "+1.0" in room


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


def test_the_facilitator_sees_what_was_carried_forward(
    ws: Workspace, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Open actions of the closed round are listed as carried forward, their status
    editable; each outcome shows the last round's value beside the one to enter now."""
    import dataclasses

    from civicnb.records import Action, Outcome
    from civicnb.ui.facilitator import FacilitatorPage
    from civicnb.ui.facilitator.actions import ActionsSection
    from civicnb.ui.facilitator.outcomes import OutcomesSection

    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    shop = Workshop(ws, store, k=1)
    river = store.save_outcome(Outcome(shop.loc.id, "Clean river", "environment", current=7.5))
    meeting = store.save_action(
        Action(shop.loc.id, "Monthly <b>meeting</b>", status="agreed", round_id=shop.round.id)
    )
    store.save_action(Action(shop.loc.id, "Map assets", status="done", round_id=shop.round.id))
    open_round(store, shop.loc, "Follow-up")
    ctx = Context(ws, store, shop.fw, shop.loc, "en", None)
    page = FacilitatorPage(ctx, PageContext())
    assert page.unlock(ws.facilitator_key())
    page.open_section("fac_tab_actions")
    actions = page.sections["fac_tab_actions"]
    assert isinstance(actions, ActionsSection)
    carried = actions.carried.value
    assert "Carried forward from earlier rounds" in carried
    assert "Monthly &lt;b&gt;meeting&lt;/b&gt; (from round baseline; Status: Agreed)" in carried
    assert "Map assets" not in carried
    actions.which.value = meeting.id
    actions.new_state.value = "done"
    next(
        b for b in actions.children if getattr(b, "description", "") == "Change the status"
    ).click()
    assert actions.carried.value == ""
    assert [a.status for a in store.actions(shop.loc.id) if a.id == meeting.id] == ["done"]
    page.open_section("fac_tab_outcomes")
    outcomes = page.sections["fac_tab_outcomes"]
    assert isinstance(outcomes, OutcomesSection)
    listing = outcomes.outcome_list.value
    assert "Last round&#x27;s value" in listing or "Last round's value" in listing
    assert "<td>7.5</td>" in listing  # the baseline's value, beside an empty current one
    outcomes.which.value = river.id
    outcomes.value.value = "6.25"
    next(b for b in outcomes.children if getattr(b, "description", "") == "Save the value").click()
    assert [o.current for o in store.outcomes(shop.loc.id)] == [6.25]
    assert "<td>6.25</td>" in outcomes.outcome_list.value
    # stamped with who set it (the workspace key's holder), nothing else changed
    assert (
        dataclasses.replace(river, current=6.25, recorded_by="Lead facilitator")
        == store.outcomes(shop.loc.id)[0]
    )


def test_a_facilitator_page_on_a_closed_round_says_so(
    ws: Workspace, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civicnb.records import HarvestNote
    from civicnb.ui.facilitator import FacilitatorPage
    from civicnb.ui.facilitator.reveal import JointForm, RevealSection

    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    shop = Workshop(ws, store, k=1)
    shop.join(Side.LA, "Ana").save("LA-01", score=4)
    shop.reveal("I")
    ctx = Context(ws, store, shop.fw, shop.loc, "es", None)
    page = FacilitatorPage(ctx, PageContext())  # opened on the baseline
    assert page.unlock(ws.facilitator_key())
    page.open_section("fac_tab_reveal")
    section = page.sections["fac_tab_reveal"]
    assert isinstance(section, RevealSection)
    form = section.forms["P01"]
    assert isinstance(form, JointForm)
    open_round(store, shop.loc, "Seguimiento")
    form.score.set_answer(4, dont_know=False)
    form.save()
    closed = "No se guardó: la ronda baseline está cerrada, se abrió la ronda Seguimiento."
    assert form.status.kind == "error" and form.status.text.startswith(closed)
    section.guarded(lambda: str(store.add_harvest_note(HarvestNote(page.round.id, "1", "x"))))()
    assert section.status.text.startswith(closed)
    assert store.joint_ratings(page.round.id) == [] and store.harvest_notes(page.round.id) == []
