"""The demo locality in Spanish (Villaflor, the default) and in Portuguese (Vila Flor):
the same shape, each in its own words, side by side in one workspace."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path

import pytest
from cli_helpers import Result

from civicnb.demo import DEMO_LANGUAGES, demo_records
from civicnb.demo.content import DemoContent
from civicnb.demo.es import SPANISH
from civicnb.demo.pt import PORTUGUESE
from civicnb.exchange.codec import RECORD_TYPES
from civicnb.framework import load_framework
from civicnb.records import LocalityRecords
from civicnb.workspace import open_workspace

Run = Callable[..., Result]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, Enum):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))


def _words(records: LocalityRecords) -> set[str]:
    """The texts a person reads (codes, ids and dates are one word of ASCII)."""
    return {s for s in _strings(records) if " " in s or not s.isascii()}


def _ids(records: LocalityRecords) -> set[str]:
    out = {records.locality.id}
    for key in RECORD_TYPES:
        out |= {r.id for r in getattr(records, key)}
    return out


def _shape(records: LocalityRecords) -> dict[str, object]:
    """What does not depend on the language: how many records of each kind (ratings
    apart: who skips an optional question is drawn at random), the rounds' dates, the
    organisations' sides, the actions' statuses and screenings, the attendance."""
    shape: dict[str, object] = {
        key: len(getattr(records, key)) for key in RECORD_TYPES if key != "ratings"
    }
    shape["rounds"] = [(r.position, r.date) for r in records.rounds]
    shape["organisations"] = sorted(o.side.value for o in records.organisations)
    shape["named"] = sorted((p.side.value, p.named, p.role) for p in records.participants)
    shape["actions"] = [(a.strand, a.status, a.due, a.screening) for a in records.actions]
    shape["attendance"] = sorted((a.expected, a.present) for a in records.attendance)
    shape["joint"] = [(j.pair_id, j.score) for j in records.joint_ratings]
    return shape


def test_the_portuguese_demo_has_the_spanish_demos_shape_in_portuguese() -> None:
    framework = load_framework("pamphlet")
    es, pt = demo_records(framework), demo_records(framework, "pt")
    assert (pt.locality.name, pt.locality.slug, pt.locality.language) == (
        "Vila Flor",
        "vila-flor",
        "pt",
    )
    assert demo_records(framework, "es") == es and es.locality.slug == "villaflor"
    assert _shape(pt) == _shape(es)
    assert len(pt.ratings) > 800 and {r.round_id for r in pt.ratings} == {r.id for r in pt.rounds}
    # its own words: no Spanish text in it but the tables' names and a unit
    shared = _words(pt) & _words(es)
    assert shared == {"Mesa 1", "Mesa 2", "Mesa 3"}, shared
    assert len(_words(pt)) > 60
    notes = {r.note for r in pt.ratings} - {""}
    assert notes and notes <= {n for three in PORTUGUESE.notes.values() for n in three}
    assert [r.label for r in pt.rounds] == ["Linha de base", "Acompanhamento"]
    assert any("Libras" in a.text for a in pt.actions)
    # ids of its own, so that both demos can share a workspace; the same every time
    assert not _ids(pt) & _ids(es)
    assert demo_records(framework, "pt") == pt


def test_every_language_gives_the_words_the_generator_expects() -> None:
    assert DEMO_LANGUAGES == ("es", "pt")
    for field in dataclasses.fields(SPANISH):
        es, pt = getattr(SPANISH, field.name), getattr(PORTUGUESE, field.name)
        if isinstance(es, tuple):
            assert len(pt) == len(es), field.name
    # the same people in the same organisations (each language names them its way)
    assert [side for _, side, _ in PORTUGUESE.organisations] == [
        side for _, side, _ in SPANISH.organisations
    ]

    def roster(content: DemoContent) -> list[tuple[object, ...]]:
        org = {key: i for i, (key, _, _) in enumerate(content.organisations)}
        return [
            (p.named, org[p.organisation], p.role, p.rates and org[p.rates])
            for p in (*content.la_people, *content.cso_people)
        ]

    assert roster(PORTUGUESE) == roster(SPANISH)
    assert {s: len(n) for s, n in PORTUGUESE.notes.items()} == {
        s: len(n) for s, n in SPANISH.notes.items()
    }
    with pytest.raises(ValueError, match="no demo in 'en'"):
        demo_records(load_framework("pamphlet"), "en")


def test_civicnb_demo_language_pt_makes_vila_flor_beside_villaflor(
    tmp_path: Path, run: Run
) -> None:
    ws = tmp_path / "ws"
    res = run("demo", "--language", "pt", "--workspace", ws)
    assert res.status == 0, res.err
    assert "'Vila Flor' (vila-flor)" in res.out
    assert run("demo", "--workspace", ws).status == 0  # the Spanish one, as before
    lines = run("list", "--workspace", ws).out.strip().splitlines()
    assert lines[0].startswith("vila-flor\tVila Flor\tpt\tpamphlet\t16 participants")
    assert lines[0].endswith("rounds: Linha de base, Acompanhamento")
    assert lines[1].startswith("villaflor\tVillaflor\tes\tpamphlet\t16 participants")
    with open_workspace(ws).open_store() as store:
        (loc,) = [x for x in store.localities() if x.slug == "vila-flor"]
        assert (loc.language, loc.country) == ("pt", "Brasil")
        assert {a.group for r in store.rounds(loc.id) for a in store.attendance(r.id)} == {
            group for group, _ in PORTUGUESE.groups
        }
    # what was recorded is kept unless told: the message names the Portuguese demo
    again = run("demo", "--language", "pt", "--workspace", ws)
    assert again.status != 0 and "`civicnb demo --language pt --reset`" in again.err
    assert run("demo", "--lang", "pt", "--keep", "--workspace", ws).status == 0
    assert run("demo", "--language", "en", "--workspace", ws).status == 2
