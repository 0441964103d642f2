"""The start page's organisation and role questions (no kernel: ipywidgets without a
browser), and join()'s checks of the organisations it is given."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from widget_helpers import walk

from civicnb.api import create_demo
from civicnb.errors import InputError
from civicnb.records import Locality, Organisation, Round, Side
from civicnb.workshop.participation import join, session_participant

pytest.importorskip("ipywidgets")
from civicnb.ui.locality_context import Context
from civicnb.ui.organisation_choice import NONE, OrganisationChoice
from civicnb.ui.rating import ChoiceGroup
from civicnb.ui.start_page import StartJoined, StartPage


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("orgs")
    create_demo(path, notebooks=False)
    from civicnb.workspace import open_workspace

    with open_workspace(path).open_store() as store:
        for slug in ("alianza", "plain"):
            loc = store.add_locality(Locality(slug.title(), slug, language="en"))
            store.add_round(Round(loc.id, "Baseline"))
        loc = store.get_locality("alianza")
        for side, name in (
            (Side.CSO, "Asociación Sorda"),
            (Side.CSO, "Red de cuidadoras"),
            (Side.LA, "Secretaría Social"),
        ):
            store.add_organisation(Organisation(loc.id, side, name, id=f"org-{name[:3].lower()}"))
    return path


def _ctx(ws_path: Path, slug: str, monkeypatch: pytest.MonkeyPatch, lang: str = "en") -> Context:
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    return Context.open(slug, str(ws_path), lang, None)


@pytest.fixture
def ctx(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    c = _ctx(ws_path, "alianza", monkeypatch)
    yield c
    c.store.close()


def _form(ctx: Context) -> StartPage:
    start = StartPage(ctx, {})
    start.page.ready = True  # the browser holds no session: the form
    return start


def _groups(root: Any) -> dict[str, ChoiceGroup]:
    return {w.legend: w for w in walk(root) if isinstance(w, ChoiceGroup)}


def _by_desc(root: Any, desc: str) -> Any:
    return next(w for w in walk(root) if getattr(w, "description", "") == desc)


def _status(root: Any) -> Any:
    return next(w for w in walk(root) if type(w).__name__ == "LiveStatus")


def _fill(start: StartPage, side: str, name: str) -> dict[str, ChoiceGroup]:
    _groups(start.root)["I answer for"].value = side
    _by_desc(start.root, "Your name or a pseudonym").value = name
    return _groups(start.root)


def test_a_locality_without_organisations_looks_as_before(
    ws_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _ctx(ws_path, "plain", monkeypatch)
    try:
        start = _form(c)
        assert set(_groups(start.root)) == {"Language", "I answer for"}
        assert not any(isinstance(w, OrganisationChoice) for w in walk(start.root))
        _fill(start, "LA", "Plain")
        assert set(_groups(start.root)) == {"Language", "I answer for"}  # no role either
    finally:
        c.store.close()


def test_cso_participant_chooses_organisation_and_whom_they_rate(ctx: Context) -> None:
    start = _form(ctx)
    assert set(_groups(start.root)) == {"Language", "I answer for"}  # side first
    groups = _fill(start, "CSO", "Ceiba")
    own, rates = (
        groups["I take part for"],
        groups["My answers about the local authority's column are about"],
    )
    assert "In the local authority I am" not in groups  # a role only on the LA side
    # "none / speaking for myself" and "the side as a whole" are the defaults
    assert own.value == NONE and own.options[0][1] == "No organisation (speaking for myself)"
    assert [o[1] for o in own.options[1:]] == ["Asociación Sorda", "Red de cuidadoras"]
    assert rates.value == NONE and rates.options[0][1] == "The local authority as a whole"
    assert [o[1] for o in rates.options[1:]] == ["Secretaría Social"]
    own.value = "org-red"
    rates.value = "org-sec"
    _by_desc(start.root, "Begin").click()
    assert any(isinstance(w, StartJoined) for w in walk(start.root))
    pid = session_participant(ctx.store, json.loads(start.page.remember)["s"])
    assert pid is not None
    person = ctx.store.get_participant(pid)
    assert (person.organisation_id, person.role, person.rates_organisation_id) == (
        "org-red",
        "",
        "org-sec",
    )


def test_la_participant_gives_a_role_and_defaults_store_nothing(ctx: Context) -> None:
    start = _form(ctx)
    groups = _fill(start, "LA", "Funcionaria")
    role = groups["In the local authority I am"]
    assert [o[0] for o in role.options] == [NONE, "elected", "officer"] and role.value == NONE
    role.value = "officer"
    assert groups["I take part for"].value == NONE  # left as "none"
    _by_desc(start.root, "Begin").click()
    pid = session_participant(ctx.store, json.loads(start.page.remember)["s"])
    assert pid is not None
    person = ctx.store.get_participant(pid)
    assert (person.organisation_id, person.role, person.rates_organisation_id) == (
        None,
        "officer",
        None,
    )


def test_changing_side_rebuilds_the_questions(ctx: Context) -> None:
    start = _form(ctx)
    groups = _fill(start, "LA", "Cambia")
    groups["I take part for"].value = "org-sec"
    groups = _fill(start, "CSO", "Cambia")
    # the LA organisation is no longer an option of the CSO side's question
    assert "org-sec" not in [o[0] for o in groups["I take part for"].options]
    assert groups["I take part for"].value == NONE
    assert "In the local authority I am" not in groups


def test_the_browser_cannot_pick_an_organisation_not_listed(ctx: Context) -> None:
    start = _form(ctx)
    groups = _fill(start, "CSO", "Intrusa")
    own = groups["I take part for"]
    own.set_state({"value": "org-sec"})  # an LA organisation, sent by a forged message
    assert own.value == NONE
    own.set_state({"value": "not-an-org"})
    assert own.value == NONE


def test_spanish_form(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c = _ctx(ws_path, "alianza", monkeypatch, "es")
    try:
        start = _form(c)
        _groups(start.root)["Respondo por"].value = "LA"
        groups = _groups(start.root)
        assert "Participo por" in groups and "En la administración local soy" in groups
        rates = groups["Mis respuestas sobre la columna de la sociedad civil se refieren a"]
        assert rates.options[0][1] == "Toda la sociedad civil"
    finally:
        c.store.close()


def test_join_refuses_organisations_of_another_side_or_locality(ctx: Context) -> None:
    store, loc = ctx.store, ctx.locality
    otra = store.add_locality(Locality("Otra", "otra", language="en"))
    other_loc = store.add_organisation(Organisation(otra.id, Side.CSO, "Ajena"))
    before = len(store.participants(loc.id))
    for kwargs, message in (
        ({"organisation_id": "org-sec"}, "must be of their own side"),
        ({"organisation_id": other_loc.id}, "not one of this locality's"),
        ({"organisation_id": "no-such-org"}, "not one of this locality's"),
        ({"rates_organisation_id": "org-aso"}, "must be of the other side"),
        ({"role": "elected"}, "for the local authority side"),
    ):
        with pytest.raises(InputError, match=message):
            join(store, loc, Side.CSO, "Nadie", False, **kwargs)
    assert len(store.participants(loc.id)) == before  # nothing stored
    ok = join(store, loc, Side.CSO, "Alguien", False, organisation_id="", rates_organisation_id="")
    assert ok.organisation_id is None and ok.rates_organisation_id is None


def test_start_page_shows_a_refused_organisation_as_a_clear_error(ctx: Context) -> None:
    """If the organisation disappears between showing the form and joining, the store's
    check refuses it: a clear message, nobody stored."""
    start = _form(ctx)
    groups = _fill(start, "CSO", "Tarde")
    extra = ctx.store.add_organisation(Organisation(ctx.locality.id, Side.CSO, "Efímera"))
    start.show_form()  # the form lists the new organisation
    groups = _fill(start, "CSO", "Tarde")
    groups["I take part for"].value = extra.id
    ctx.store.delete_organisation(extra.id)
    before = len(ctx.store.participants(ctx.locality.id))
    _by_desc(start.root, "Begin").click()
    assert "not one of this locality's" in _status(start.root).text
    assert len(ctx.store.participants(ctx.locality.id)) == before
    assert not any(isinstance(w, StartJoined) for w in walk(start.root))


def test_own_workbook_carries_the_organisations_named(ctx: Context, tmp_path: Path) -> None:
    """A participant's own workbook names their organisations: it imports whole into
    another workspace (the store refuses a participant of an unknown organisation)."""
    from civicnb.workshop.participation import merge_workbook, participant_records
    from civicnb.workspace import init_workspace

    me = join(
        ctx.store, ctx.locality, Side.LA, "Viajera", False,
        organisation_id="org-sec", rates_organisation_id="org-red",
    )  # fmt: skip
    mine = participant_records(ctx.store, ctx.locality, me)
    assert {o.id for o in mine.organisations} == {"org-sec", "org-red"}
    with init_workspace(tmp_path / "elsewhere").open_store() as other:
        assert merge_workbook(other, mine)["participants"] == 1
        assert other.get_participant(me.id).organisation_id == "org-sec"
