"""The facilitator's page logic without a browser (ipywidgets work without a kernel):
nothing before the key, every section records through the store, and a page built
afterwards (a restarted server) finds the records again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from widget_helpers import walk

from civicnb.records import Side
from civicnb.workshop.facilitation import revealed_strands
from civicnb.workshop.participation import join

pytest.importorskip("ipywidgets")
import ipywidgets as W

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
from civicnb.ui.strand_page import StrandPage

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def _text(w: Any) -> str:
    return " ".join(str(getattr(x, "value", "")) for x in walk(w) if hasattr(x, "value"))


def _unlocked(ctx: Context) -> FacilitatorPage:
    page = FacilitatorPage(ctx, PageContext())
    assert page.unlock(ctx.workspace.facilitator_key())
    return page


def test_nothing_before_the_key(ctx: Context) -> None:
    page = FacilitatorPage(ctx, PageContext())
    names = {p.name for p in ctx.store.participants(ctx.locality.id)}
    for candidate in (None, "", "x" * 300, "wrong", ctx.workspace.facilitator_key()[:-1]):
        assert not page.unlock(candidate)
        text = _text(page)
        assert not any(n in text for n in names)
        assert "Participants:" not in text and not page.sections
    assert page.unlock("  " + ctx.workspace.facilitator_key() + "\n")
    assert "Participants: 16" in _text(page)
    assert page.page.query.startswith("key=")


def test_reveal_and_agree(ctx: Context) -> None:
    page = _unlocked(ctx)
    page.open_section("fac_tab_reveal")
    section = page.sections["fac_tab_reveal"]
    assert isinstance(section, RevealSection)
    section.strand.value = "II"
    assert "Strand II is not revealed yet" in _text(section)
    section._hide()  # a fresh start whatever the demo did
    section.guarded(section._reveal)()
    rnd = page.round
    assert "II" in revealed_strands(ctx.store, rnd.id)
    forms = [w for w in walk(section) if isinstance(w, JointForm)]
    assert len(forms) == 3
    form = forms[0]
    form.score.value = 4
    form.narrative.value = "Agreed " + XSS
    save = next(w for w in walk(form) if getattr(w, "description", "").startswith("Save"))
    save.click()
    assert form.status.kind == "ok"
    stored = {j.pair_id: j for j in ctx.store.joint_ratings(rnd.id)}
    pair_id = form.pair_id
    assert stored[pair_id].score == 4 and stored[pair_id].narrative == "Agreed " + XSS
    # the participant pages show the room's view now (same store)
    person = join(ctx.store, ctx.locality, Side.LA, "Ana", named=False)
    strand = StrandPage(ctx, ctx.session(person.id), ctx.framework.strand("II"), PageContext())
    assert "The room&#x27;s view of Strand II" in _text(strand)
    section.guarded(section._hide)()
    strand.show_room()
    assert "Your answers are private" in _text(strand)


def test_records_survive_a_new_page(ctx: Context) -> None:
    page = _unlocked(ctx)
    for key, _ in SECTIONS:
        page.open_section(key)  # every section builds from the demo data
    acts = page.sections["fac_tab_actions"]
    assert isinstance(acts, ActionsSection)
    acts.text.value = "Rampas en la plaza " + XSS
    acts.owner.value = "Obras"
    acts.due.value = dt.date(2027, 3, 1)
    acts.tests[0][1].choice = "passes"
    acts.tests[3][1].choice = "passes"
    for _, box in acts.tests[1:3] + acts.tests[4:]:
        box.choice = "fails"
    acts.guarded(acts._add)()
    assert acts.status.text == "✓ Saved. It passes 2 of 5 design tests."
    outs = page.sections["fac_tab_outcomes"]
    assert isinstance(outs, OutcomesSection)
    outs.title.value = "Plaza accesible"
    outs.category.value = "social"
    outs.baseline.value = "abc"
    outs.guarded(outs._add_outcome)()
    assert outs.status.kind == "error" and "Baseline must be a number" in outs.status.text
    assert outs.title.value == "Plaza accesible"  # nothing typed is lost
    outs.baseline.value = "2,5"
    outs.guarded(outs._add_outcome)()
    assert outs.status.kind == "ok"
    cafe = page.sections["fac_tab_cafe"]
    assert isinstance(cafe, CafeSection)
    cafe.table.value = "Mesa 9"
    cafe.text.value = "Las rampas de la plaza " + XSS
    cafe.tags.value = "accesibilidad, plaza, plaza"
    cafe.guarded(cafe._add)()
    cel = page.sections["fac_tab_celebrations"]
    assert isinstance(cel, CelebrationsSection)
    cel.text.value = "Primera sesión con intérprete"
    cel.guarded(cel._add)()
    att = page.sections["fac_tab_attendance"]
    assert isinstance(att, AttendanceSection)
    att.group.value = "Recicladores"
    att.guarded(att._add)()

    # a new page (the server restarted) reads everything back from the store
    again = _unlocked(ctx)
    for key, _ in SECTIONS:
        again.open_section(key)
    everything = " ".join(_text(s) for s in again.sections.values())
    for expected in (
        "Rampas en la plaza &lt;img",
        "Plaza accesible",
        "2.5",
        "Las rampas de la plaza &lt;img",
        "Primera sesión con intérprete",
        "Recicladores",
    ):
        assert expected in everything, expected
    assert "<img src=x" not in everything
    notes = [n for n in ctx.store.harvest_notes(page.round.id) if n.table == "Mesa 9"]
    assert notes[0].themes == ("accesibilidad", "plaza")


# --- nothing typed is lost by moving between sections (issue 18, item 2) -----------------


def _revealed(page: FacilitatorPage, strand: str = "II") -> RevealSection:
    page.open_section("fac_tab_reveal")
    section = page.sections["fac_tab_reveal"]
    assert isinstance(section, RevealSection)
    section.strand.value = strand
    section.guarded(section._reveal)()
    return section


def _forms(section: Any) -> list[Any]:
    return [w for w in walk(section) if isinstance(w, JointForm)]


def _pair_of(form: Any, ctx: Context) -> str:
    if hasattr(form, "pair_id"):
        return str(form.pair_id)
    number = form.score.description.split()[-1]  # the radio list this replaced
    return next(p.id for st in ctx.framework.strands for p in st.pairs if str(p.number) == number)


def _elsewhere_and_back(page: FacilitatorPage, key: str) -> None:
    for other, _ in SECTIONS:
        if other != key:
            page.open_section(other)
    page.open_section(key)
    assert page.holder.children == (page.sections[key],)


def test_a_typed_agreement_survives_opening_actions(ctx: Context) -> None:
    # the reported sequence: choose a rating, type the narrative, open Actions, come back
    page = _unlocked(ctx)
    section = _revealed(page, "III")
    form = _forms(section)[1]
    pair_id = _pair_of(form, ctx)
    form.score.value = 2
    form.narrative.value = "Both sides: slow, but moving"
    page.open_section("fac_tab_actions")
    page.open_section("fac_tab_reveal")
    again = next(f for f in _forms(section) if _pair_of(f, ctx) == pair_id)
    assert again.score.value == 2
    assert again.narrative.value == "Both sides: slow, but moving"
    # saved on change, as participant pages do: a reload (a new page) finds it
    stored = {j.pair_id: j for j in ctx.store.joint_ratings(page.round.id)}
    assert stored[pair_id].score == 2
    assert stored[pair_id].narrative == "Both sides: slow, but moving"
    reloaded = _revealed(_unlocked(ctx), "III")
    shown = next(f for f in _forms(reloaded) if f.pair_id == pair_id)
    assert (shown.score.value, shown.narrative.value) == (2, "Both sides: slow, but moving")
    # "not agreed yet" is a choice too, saved as no score
    shown.score.dont_know = True
    assert {j.pair_id: j for j in ctx.store.joint_ratings(page.round.id)}[pair_id].score is None


def test_an_agreement_that_cannot_be_saved_stays_as_a_draft(ctx: Context) -> None:
    page = _unlocked(ctx)
    section = _revealed(page, "IV")
    form = _forms(section)[0]
    pair_id = _pair_of(form, ctx)
    before = {j.pair_id: j for j in ctx.store.joint_ratings(page.round.id)}.get(pair_id)
    too_long = "x" * 5_001
    form.narrative.value = too_long
    save = next(w for w in walk(form) if getattr(w, "description", "").startswith("Save"))
    save.click()  # saved on change already; the button saves again
    assert form.status.kind == "error" and "narrative" in form.status.text
    _elsewhere_and_back(page, "fac_tab_reveal")
    again = next(f for f in _forms(section) if _pair_of(f, ctx) == pair_id)
    assert again.narrative.value == too_long  # nothing typed is lost
    assert again.draft
    after = {j.pair_id: j for j in ctx.store.joint_ratings(page.round.id)}.get(pair_id)
    assert after == before  # and nothing bad was stored
    again.narrative.value = "Short enough"
    assert again.status.kind == "ok" and not again.draft


def test_the_agreed_rating_is_a_named_rating_group(ctx: Context) -> None:
    from civicnb.ui.rating import RatingGroup

    page = _unlocked(ctx)
    section = _revealed(page, "II")
    for form in _forms(section):
        number = ctx.framework.pair(form.pair_id).number
        assert isinstance(form.score, RatingGroup)  # a fieldset: one Tab stop, arrows within
        assert form.score.legend == f"Agreed rating for pair {number}"
        assert form.score.dont_know_label == "Not agreed yet"
        assert form.score.labels[0] == "1 — Not at all"


def _choose(w: Any, keys: list[str]) -> None:
    if hasattr(w, "selected"):
        w.selected = keys
    else:  # the SelectMultiple this replaced
        w.value = tuple(keys)


def _chosen(w: Any) -> list[str]:
    return list(w.selected) if hasattr(w, "selected") else list(w.value)


def test_every_form_keeps_a_half_filled_draft(ctx: Context) -> None:
    from civicnb.records import Action, HarvestNote

    page = _unlocked(ctx)
    for table in ("Mesa A", "Mesa B"):
        ctx.store.add_harvest_note(HarvestNote(page.round.id, table, "Notas", themes=("x",)))
    for key, _ in SECTIONS:
        page.open_section(key)
    some = [o.id for o in ctx.store.outcomes(ctx.locality.id)][:2]
    assert len(some) == 2
    acts = page.sections["fac_tab_actions"]
    assert isinstance(acts, ActionsSection)
    acts.owner.value = "Obras"  # no text yet: not a valid action
    acts.due.value = dt.date(2027, 5, 1)
    _choose(acts.outcomes, some)
    acts.reasons.value = "half done"
    outs = page.sections["fac_tab_outcomes"]
    assert isinstance(outs, OutcomesSection)
    outs.title.value = "Río limpio"
    outs.baseline.value = "abc"  # not a number yet
    outs.activity.value = "Limpieza"
    _choose(outs.serves, some[:1])
    assets = page.sections["fac_tab_assets"]
    assert isinstance(assets, AssetsSection)
    assets.description.value = "La biblioteca"
    _choose(assets.priorities, some[1:])
    cafe = page.sections["fac_tab_cafe"]
    assert isinstance(cafe, CafeSection)
    cafe.table.value = "Mesa 3"
    cafe.text.value = "Se habló de"
    cafe.tags.value = "agua,"
    cafe.theme.value = "agu"
    notes = ctx.store.harvest_notes(page.round.id)
    cafe.note_pick.value = notes[1].id  # re-tagging a note, half done
    cafe.note_tags.value = "agua, riego,"
    acts.which.value = ctx.store.actions(ctx.locality.id)[1].id
    cel = page.sections["fac_tab_celebrations"]
    assert isinstance(cel, CelebrationsSection)
    cel.text.value = "La primera"
    att = page.sections["fac_tab_attendance"]
    assert isinstance(att, AttendanceSection)
    att.group.value = "Recicla"
    row = att.rows.children[0]
    note = next(w for w in walk(row) if isinstance(w, W.Text))
    note.value = "n" * 5_001  # too long: not saved, kept
    assert att.status.kind == "error"

    # meanwhile someone else records a note and an action (the lists change)
    ctx.store.add_harvest_note(HarvestNote(page.round.id, "Mesa 1", "Otra nota"))
    ctx.store.save_action(Action(ctx.locality.id, "Otra acción"))
    for key, _ in SECTIONS:
        _elsewhere_and_back(page, key)

    assert (acts.owner.value, acts.due.value, acts.reasons.value) == (
        "Obras",
        dt.date(2027, 5, 1),
        "half done",
    )
    assert _chosen(acts.outcomes) == some
    assert (outs.title.value, outs.baseline.value, outs.activity.value) == (
        "Río limpio",
        "abc",
        "Limpieza",
    )
    assert _chosen(outs.serves) == some[:1]
    assert assets.description.value == "La biblioteca"
    assert _chosen(assets.priorities) == some[1:]
    assert (cafe.table.value, cafe.text.value, cafe.tags.value, cafe.theme.value) == (
        "Mesa 3",
        "Se habló de",
        "agua,",
        "agu",
    )
    assert (cafe.note_pick.value, cafe.note_tags.value) == (notes[1].id, "agua, riego,")
    assert acts.which.value == ctx.store.actions(ctx.locality.id)[1].id
    assert cel.text.value == "La primera"
    assert att.group.value == "Recicla"
    note = next(w for w in walk(att.rows.children[0]) if isinstance(w, W.Text))
    assert note.value == "n" * 5_001
    # a new outcome elsewhere keeps what was ticked
    outs.baseline.value = ""
    outs.guarded(outs._add_outcome)()
    assert outs.status.kind == "ok"
    page.open_section("fac_tab_actions")
    assert _chosen(acts.outcomes) == some


# --- the actions form: three states per design test, checkboxes for outcomes ---------------


def test_design_tests_have_three_states(ctx: Context) -> None:
    page = _unlocked(ctx)
    page.open_section("fac_tab_actions")
    acts = page.sections["fac_tab_actions"]
    assert isinstance(acts, ActionsSection)
    assert len(acts.tests) == 5
    for _, box in acts.tests:
        assert box.choice == "not_assessed"  # the default: nothing is claimed
        assert box.labels == ["Passes", "Does not pass", "Not assessed"]
        assert not box.multiple  # radio buttons: one Tab stop
    ids = [tid for tid, _ in acts.tests]
    box = acts.tests[2][1]
    box.set_state({"selected": ["passes", "fails"]})  # radio buttons: one at most
    box.set_state({"selected": ["fails; drop table"]})
    assert box.choice == "not_assessed"
    acts.text.value = "Huertas comunitarias"
    acts.tests[0][1].choice = "passes"
    acts.tests[1][1].choice = "fails"
    acts.guarded(acts._add)()
    assert acts.status.text == "✓ Saved. It passes 1 of 5 design tests (3 not assessed)."
    action = next(a for a in ctx.store.actions(ctx.locality.id) if a.text == "Huertas comunitarias")
    assert action.screening == {ids[0]: True, ids[1]: False}  # not assessed: left out
    assert all(box.choice == "not_assessed" for _, box in acts.tests)  # the form is reset
    assert "Not assessed:" in acts.listing.value


def test_outcomes_are_ticked_not_ctrl_clicked(ctx: Context) -> None:
    from civicnb.ui.choice import ChoiceGroup

    page = _unlocked(ctx)
    for key in ("fac_tab_actions", "fac_tab_outcomes", "fac_tab_assets"):
        page.open_section(key)
    outcomes = ctx.store.outcomes(ctx.locality.id)
    groups = [
        page.sections["fac_tab_actions"].outcomes,  # type: ignore[attr-defined]
        page.sections["fac_tab_outcomes"].serves,  # type: ignore[attr-defined]
        page.sections["fac_tab_assets"].priorities,  # type: ignore[attr-defined]
    ]
    for group in groups:
        assert isinstance(group, ChoiceGroup) and group.multiple
        assert group.option_keys == [o.id for o in outcomes]
        # the browser may send only known keys
        group.set_state({"selected": [outcomes[0].id, "not-an-outcome"]})
        assert group.selected == []
        group.set_state({"selected": [outcomes[1].id, outcomes[0].id], "legend": "x"})
        assert group.selected == [outcomes[0].id, outcomes[1].id]
        assert group.legend != "x"


# --- the section buttons: aria-current, focus to the heading --------------------------------


def test_sections_are_a_navigation_that_moves_focus(ctx: Context) -> None:
    from civicnb.ui.nav import SectionNav

    page = _unlocked(ctx)
    nav = page.chooser
    assert isinstance(nav, SectionNav)
    assert nav.option_keys == [key for key, _ in SECTIONS]
    assert nav.labels[2] == "Actions" and nav.value == "fac_tab_room"
    seq = nav.focus_seq
    nav.set_state({"value": "fac_tab_actions"})  # a click in the browser
    acts = page.sections["fac_tab_actions"]
    assert page.holder.children == (acts,)
    assert nav.focus_seq == seq + 1 and nav.focus_class == acts.marker
    assert acts.marker in acts._dom_classes
    nav.set_state({"value": "<script>"})  # not a section: ignored
    assert nav.value == "fac_tab_actions" and page.holder.children == (acts,)
