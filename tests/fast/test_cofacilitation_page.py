"""The facilitator page opened with a co-facilitator's own key (no browser): it says who
is signed in, every record written from it carries that name and shows it (escaped),
another locality's key opens nothing, and a key revoked while the page is open stops
working at its next save with a clear message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from widget_helpers import walk

from civicnb.records import Locality
from civicnb.workshop.facilitation import add_facilitator, revoke_facilitator
from civicnb.workshop.facilitators import LEAD_NAME

pytest.importorskip("ipywidgets")

from civicnb.ui.context import PageContext
from civicnb.ui.facilitator import SECTIONS, FacilitatorPage
from civicnb.ui.facilitator.actions import ActionsSection
from civicnb.ui.facilitator.assets import AssetsSection
from civicnb.ui.facilitator.attendance import AttendanceSection
from civicnb.ui.facilitator.cafe import CafeSection
from civicnb.ui.facilitator.celebrations import CelebrationsSection
from civicnb.ui.facilitator.outcomes import OutcomesSection
from civicnb.ui.facilitator.reveal import JointForm, RevealSection
from civicnb.ui.locality_context import Context

NAME = "Ana <i>CSO</i>"
SHOWN = "Ana &lt;i&gt;CSO&lt;/i&gt;"


def _text(w: Any) -> str:
    return " ".join(str(getattr(x, "value", "")) for x in walk(w) if hasattr(x, "value"))


@pytest.fixture
def ana(ctx: Context) -> Iterator[tuple[str, str]]:
    """A co-facilitator of the demo locality: (facilitator id, key)."""
    f, key = add_facilitator(ctx.store, ctx.locality, NAME)
    yield f.id, key
    revoke_facilitator(ctx.store, f.id)  # the name is free for the next test


def test_a_cofacilitator_key_opens_the_page(ctx: Context, ana: tuple[str, str]) -> None:
    _, key = ana
    page = FacilitatorPage(ctx, PageContext())
    other = ctx.store.add_locality(Locality(f"Elsewhere {key[:6]}"))
    _, other_key = add_facilitator(ctx.store, other, "Beatriz")
    assert not page.unlock(other_key)  # another locality's key opens nothing here
    assert not page.sections
    assert page.unlock(key)
    assert f"Signed in as {SHOWN}" in _text(page)
    assert NAME not in _text(page)  # the name is data, never markup
    assert page.page.query.startswith(f"key={key}")


def test_every_record_carries_and_shows_who_recorded_it(ctx: Context, ana: tuple[str, str]) -> None:
    _, key = ana
    page = FacilitatorPage(ctx, PageContext())
    assert page.unlock(key)
    for k, _ in SECTIONS:
        page.open_section(k)
    rnd = page.round
    # the agreed rating
    reveal = page.sections["fac_tab_reveal"]
    assert isinstance(reveal, RevealSection)
    reveal.strand.value = "II"
    reveal.guarded(reveal._reveal)()
    form = next(w for w in walk(reveal) if isinstance(w, JointForm))
    form.score.value = 3
    form.narrative.value = "Agreed by both sides"
    stored = {j.pair_id: j for j in ctx.store.joint_ratings(rnd.id)}[form.pair_id]
    assert stored.recorded_by == NAME
    assert f"recorded by {SHOWN}" in _text(form)
    # an action, an outcome, an activity, an asset, a harvest note, a celebration, a group
    acts = page.sections["fac_tab_actions"]
    assert isinstance(acts, ActionsSection)
    acts.text.value = "Ramps in the square"
    acts.guarded(acts._add)()
    outs = page.sections["fac_tab_outcomes"]
    assert isinstance(outs, OutcomesSection)
    outs.title.value = "Accessible square"
    outs.guarded(outs._add_outcome)()
    outs.activity.value = "Ramp building day"
    outs.guarded(outs._add_activity)()
    assets = page.sections["fac_tab_assets"]
    assert isinstance(assets, AssetsSection)
    assets.description.value = "Retired builders"
    assets.guarded(assets._add)()
    cafe = page.sections["fac_tab_cafe"]
    assert isinstance(cafe, CafeSection)
    cafe.table.value = "Table 7"
    cafe.text.value = "Ramps first"
    cafe.guarded(cafe._add)()
    cel = page.sections["fac_tab_celebrations"]
    assert isinstance(cel, CelebrationsSection)
    cel.text.value = "First ramp opened"
    cel.guarded(cel._add)()
    att = page.sections["fac_tab_attendance"]
    assert isinstance(att, AttendanceSection)
    att.group.value = "Wheelchair users"
    att.guarded(att._add)()
    loc = ctx.locality.id

    def by(records: list[Any], field: str, value: str) -> str:
        return str(next(r for r in records if getattr(r, field) == value).recorded_by)

    assert by(ctx.store.actions(loc), "text", "Ramps in the square") == NAME
    assert by(ctx.store.outcomes(loc), "title", "Accessible square") == NAME
    assert by(ctx.store.activities(loc), "title", "Ramp building day") == NAME
    assert by(ctx.store.assets(loc), "description", "Retired builders") == NAME
    assert by(ctx.store.harvest_notes(rnd.id), "table", "Table 7") == NAME
    assert by(ctx.store.celebrations(loc), "text", "First ramp opened") == NAME
    assert by(ctx.store.attendance(rnd.id), "group", "Wheelchair users") == NAME
    # each listing shows who recorded it, escaped
    for section in (acts, outs, assets, cafe, cel):
        shown = _text(section)
        assert SHOWN in shown, type(section).__name__
        assert NAME not in shown
    # the action's status changed by the lead facilitator: shown as recorded by them
    lead = FacilitatorPage(ctx, PageContext())
    assert lead.unlock(ctx.workspace.facilitator_key())
    lead_name = LEAD_NAME[ctx.locality.language]  # recorded in the locality's language
    assert "Signed in as Lead facilitator" in _text(lead)  # shown in the page's
    lead.open_section("fac_tab_actions")
    lead_acts = lead.sections["fac_tab_actions"]
    assert isinstance(lead_acts, ActionsSection)
    action = next(a for a in ctx.store.actions(loc) if a.text == "Ramps in the square")
    lead_acts.which.value = action.id
    lead_acts.new_state.value = "agreed"
    lead_acts.guarded(lead_acts._change)()
    assert by(ctx.store.actions(loc), "text", "Ramps in the square") == lead_name


def test_a_key_revoked_while_the_page_is_open(ctx: Context, ana: tuple[str, str]) -> None:
    fid, key = ana
    page = FacilitatorPage(ctx, PageContext())
    assert page.unlock(key)
    page.open_section("fac_tab_actions")
    acts = page.sections["fac_tab_actions"]
    assert isinstance(acts, ActionsSection)
    acts.text.value = "Before revocation"
    acts.guarded(acts._add)()
    assert acts.status.kind == "ok"
    revoke_facilitator(ctx.store, fid)
    before = ctx.store.actions(ctx.locality.id)
    acts.text.value = "After revocation"
    acts.guarded(acts._add)()
    assert acts.status.kind == "error"
    assert "Your facilitator key was revoked" in acts.status.text
    assert ctx.store.actions(ctx.locality.id) == before
    assert acts.text.value == "After revocation"  # what was typed stays
    # the agreed rating's form says so too, and stores nothing
    page.open_section("fac_tab_reveal")
    reveal = page.sections["fac_tab_reveal"]
    assert isinstance(reveal, RevealSection)
    reveal.strand.value = "III"
    reveal.guarded(reveal._reveal)()
    assert "Your facilitator key was revoked" in reveal.status.text
    # a new page with the revoked key opens nothing
    again = FacilitatorPage(ctx, PageContext())
    assert not again.unlock(key)
    assert not again.sections
