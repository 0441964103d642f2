"""Typing in paper booklets on the facilitator's page (driven through its widgets, no
kernel): what is typed is what is stored, a bad answer is refused naming its question
with nothing stored and nothing typed lost, the same booklet twice is refused, and the
form is emptied for the next booklet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from civicnb.api import create_demo
from civicnb.records import Organisation, Side

pytest.importorskip("ipywidgets")

from civicnb.ui.context import PageContext
from civicnb.ui.facilitator import FacilitatorPage
from civicnb.ui.facilitator.entry import EntrySection
from civicnb.ui.locality_context import Context
from civicnb.workshop.collection import booklets_entered


@pytest.fixture
def ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    create_demo(tmp_path, notebooks=False)
    c = Context.open("villaflor", str(tmp_path), "en", None)
    yield c
    c.store.close()


def _section(ctx: Context) -> EntrySection:
    page = FacilitatorPage(ctx, PageContext())
    assert page.unlock(ctx.workspace.facilitator_key())
    page.open_section("fac_tab_entry")
    section = page.sections["fac_tab_entry"]
    assert isinstance(section, EntrySection)
    return section


def _person(ctx: Context, name: str) -> list:  # type: ignore[type-arg]
    return [p for p in ctx.store.participants(ctx.locality.id) if p.name == name]


def test_a_booklet_is_stored_as_typed_and_the_form_empties(ctx: Context) -> None:
    s = _section(ctx)
    ids = list(s.answers)
    assert ids[:4] == [q.id for q in ctx.framework.strands[0].questions][:4]  # booklet order
    s.side.value = "CSO"
    s.name.value = "Amancay"
    s.consent.value = True
    typed = {ids[0]: "4", ids[1]: "?", ids[2]: " 2 ", ids[5]: "5"}
    for qid, value in typed.items():
        s.answers[qid].value = value
    seq = s.fac.chooser.focus_seq
    s.save.click()
    assert s.status.kind == "ok", s.status.text
    assert "Booklet 1 saved (Amancay)" in s.status.text
    # the focus goes back to the section's top, for the next booklet
    assert s.fac.chooser.focus_seq == seq + 1 and s.fac.chooser.focus_class == s.marker
    (person,) = _person(ctx, "Amancay")
    assert person.side is Side.CSO and person.named and person.organisation_id is None
    stored = {r.question_id: r for r in ctx.store.ratings(participant_id=person.id)}
    assert set(stored) == set(typed)
    assert stored[ids[0]].score == 4 and stored[ids[2]].score == 2 and stored[ids[5]].score == 5
    assert stored[ids[1]].score is None and stored[ids[1]].dont_know
    assert all(r.round_id == s.round.id for r in stored.values())
    # the form is empty for the next booklet
    assert s.side.value == "" and s.name.value == "" and not s.consent.value
    assert all(box.value == "" for box in s.answers.values())
    # the next one is number 2
    s.side.value = "LA"
    s.name.value = "Pehuén"
    s.answers[ids[3]].value = "1"
    s.save.click()
    assert "Booklet 2 saved (Pehuén)" in s.status.text
    assert booklets_entered(ctx.store, s.round) == 2


def test_a_bad_answer_is_refused_naming_the_question_and_nothing_is_lost(
    ctx: Context,
) -> None:
    s = _section(ctx)
    ids = list(s.answers)
    before = len(ctx.store.ratings(round_id=s.round.id))
    s.side.value = "other"
    s.name.value = "Lautaro"
    s.answers[ids[0]].value = "3"
    s.answers[ids[4]].value = "7"
    s.save.click()
    assert s.status.kind == "error"
    assert ids[4] in s.status.text and "7" in s.status.text and "Nothing was saved" in s.status.text
    assert not _person(ctx, "Lautaro")
    assert len(ctx.store.ratings(round_id=s.round.id)) == before
    assert s.side.value == "other" and s.name.value == "Lautaro"
    assert s.answers[ids[0]].value == "3" and s.answers[ids[4]].value == "7"
    # corrected, it is saved
    s.answers[ids[4]].value = "5"
    s.save.click()
    assert s.status.kind == "ok" and len(_person(ctx, "Lautaro")) == 1


@pytest.mark.parametrize(
    ("side", "name", "answer", "needle"),
    [
        ("", "Ana", "3", "Choose the side"),
        ("LA", "  ", "3", "name or pseudonym is empty"),
        ("LA", "Ana", "", "no answers"),
    ],
)
def test_an_incomplete_booklet_is_refused(
    ctx: Context, side: str, name: str, answer: str, needle: str
) -> None:
    s = _section(ctx)
    s.side.value, s.name.value = side, name
    s.answers[next(iter(s.answers))].value = answer
    s.save.click()
    assert s.status.kind == "error" and needle in s.status.text, s.status.text
    assert booklets_entered(ctx.store, s.round) == 0


def test_the_same_booklet_twice_is_refused(ctx: Context) -> None:
    s = _section(ctx)
    first = next(iter(s.answers))
    for attempt in range(2):
        s.side.value = "CSO"
        s.name.value = "Ñire" if attempt == 0 else " ñire "
        s.answers[first].value = "2"
        s.save.click()
    assert s.status.kind == "error" and "already saved" in s.status.text, s.status.text
    assert len(_person(ctx, "Ñire")) == 1 and s.name.value == " ñire "
    # the same pseudonym on the other side is another person
    s.side.value = "LA"
    s.save.click()
    assert s.status.kind == "ok", s.status.text


def test_organisations_of_the_side_are_offered(ctx: Context) -> None:
    la = ctx.store.add_organisation(Organisation(ctx.locality.id, Side.LA, "Concejo"))
    cso = ctx.store.add_organisation(Organisation(ctx.locality.id, Side.CSO, "Red Inclusiva"))
    s = _section(ctx)
    assert s.org_box.children == (s.organisation,)
    assert s.organisation.value == ""  # "No organisation" until one is chosen
    s.side.value = "CSO"
    offered = [value for _, value in s.organisation.options]
    assert cso.id in offered and la.id not in offered
    s.organisation.value = cso.id
    s.name.value = "Rayén"
    s.answers[next(iter(s.answers))].value = "3"
    s.save.click()
    assert s.status.kind == "ok", s.status.text
    (person,) = _person(ctx, "Rayén")
    assert person.organisation_id == cso.id
    assert s.organisation.value == ""  # emptied with the rest


def test_the_refusal_is_in_the_page_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    create_demo(tmp_path, notebooks=False)
    ctx = Context.open("villaflor", str(tmp_path), "es", None)
    try:
        s = _section(ctx)
        assert s.save.description == "Guardar cuadernillo"
        qid = next(iter(s.answers))
        s.side.value, s.name.value = "LA", "Ana"
        s.answers[qid].value = "nueve"
        s.save.click()
        assert s.status.kind == "error"
        assert f"{qid}: «nueve» no es una respuesta" in s.status.text, s.status.text
    finally:
        ctx.store.close()


def test_written_notes_are_typed_in_when_the_booklet_has_them(ctx: Context) -> None:
    """The note boxes are hidden (out of the Tab order) until the booklet is said to
    have notes; a note with no answer beside it is kept too; the form empties them."""
    s = _section(ctx)
    first, second, third = list(s.answers)[:3]
    assert all(box.layout.display == "none" for box in s.note_boxes)
    s.with_notes.value = True
    assert all(box.layout.display == "" for box in s.note_boxes)
    s.side.value = "CSO"
    s.name.value = "Nahuel"
    s.answers[first].value = "2"
    s.notes[first].value = "Only <i>one</i> meeting a year"
    s.would_help[first].value = "A standing forum"
    s.notes[second].value = "We were never asked"  # written beside, no box ticked
    s.save.click()
    assert s.status.kind == "ok", s.status.text
    (person,) = _person(ctx, "Nahuel")
    stored = {r.question_id: r for r in ctx.store.ratings(participant_id=person.id)}
    assert set(stored) == {first, second}
    assert stored[first].score == 2 and stored[first].note == "Only <i>one</i> meeting a year"
    assert stored[first].would_help == "A standing forum"
    assert stored[second].score is None and not stored[second].dont_know
    assert stored[second].note == "We were never asked"
    assert third not in stored
    assert all(box.value == "" for box in [*s.notes.values(), *s.would_help.values()])
    assert s.with_notes.value  # the next booklet of the pile likely has notes too


def test_the_role_is_asked_on_the_local_authoritys_side(ctx: Context) -> None:
    ctx.store.add_organisation(Organisation(ctx.locality.id, Side.LA, "Concejo"))
    s = _section(ctx)
    s.side.value = "CSO"
    assert s.role not in s.org_box.children
    s.side.value = "LA"
    assert s.org_box.children == (s.organisation, s.role)
    s.role.value = "officer"
    s.name.value = "Ailén"
    s.answers[next(iter(s.answers))].value = "3"
    s.save.click()
    assert s.status.kind == "ok", s.status.text
    (person,) = _person(ctx, "Ailén")
    assert person.role == "officer"
    assert s.role.value == ""
