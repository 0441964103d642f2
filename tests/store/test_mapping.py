"""The row <-> record declarations of :mod:`civicnb.store.mapping`: one per record type,
checked against the schema, and covering every record table an export reads."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa

from civicnb.records import Action, HarvestNote, LocalityRecords, Participant, Round, Side
from civicnb.store import schema as s
from civicnb.store.mapping import ACTION, BUNDLE, HARVEST_NOTE, LOCALITY, PARTICIPANT, Mapping

T0 = dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC)


def _row(values: dict[str, Any]) -> Any:
    return SimpleNamespace(**values)  # a Row is read by attribute, as this is


def test_every_record_table_has_one_declaration_in_bundle_order() -> None:
    mapped = [LOCALITY.table] + [m.table for _, m in BUNDLE]
    assert len(set(mapped)) == len(mapped)
    links = {m.link for _, m in BUNDLE if m.link is not None}
    others = set(s.metadata.tables.values()) - set(mapped) - links
    # not records of a locality (facilitators: their keys never leave the workspace;
    # network_consent: given to the network that holds the store, docs/network.md)
    assert {t.name for t in others} == {"facilitators", "network_consent", "reveals", "settings"}
    fields = [f.name for f in dataclasses.fields(LocalityRecords)]
    assert fields == ["locality", *(name for name, _ in BUNDLE)]


def test_a_declaration_must_cover_every_field_and_column() -> None:
    md = sa.MetaData()
    short = sa.Table(
        "rounds", md, *(sa.Column(c.name, c.type) for c in s.rounds.c if c.name != "label")
    )
    with pytest.raises(TypeError, match=r"Round\.label: no column 'label'"):
        Mapping(Round, short, order=lambda x: x.id)
    extra = sa.Table(
        "rounds",
        sa.MetaData(),
        *(sa.Column(c.name, c.type) for c in s.rounds.c),
        sa.Column("x", sa.Text),
    )
    with pytest.raises(TypeError, match=r"no field of Round for \['x'\]"):
        Mapping(Round, extra, order=lambda x: x.id)
    with pytest.raises(TypeError, match="no stored field"):
        Mapping(Round, s.rounds, order=lambda x: x.id, columns={"nope": "label"})


def test_converters_and_renamed_columns_round_trip() -> None:
    p = Participant("L1", Side.CSO, "Rosa", named=True, id="P1", created_at=T0)
    values = PARTICIPANT.values(p)
    assert values["side"] == Side.CSO.value == "CSO" and values["named"] is True
    assert PARTICIPANT.from_row(_row({**values, "named": 1})) == p  # SQLite gives 1

    n = HarvestNote("R1", "Table 2", "buses", cafe_round=2, themes=("mobility",), id="H1")
    values = HARVEST_NOTE.values(n)
    assert values["cafe_table"] == "Table 2" and values["themes"] == ["mobility"]
    assert "table" not in values
    assert HARVEST_NOTE.from_row(_row(values)) == n
    assert HARVEST_NOTE.from_row(_row({**values, "themes": None})).themes == ()

    a = Action("L1", "Fix the lights", outcome_ids=("O1", "O2", "O1"), screening={"x": True})
    values = ACTION.values(a)
    assert "outcome_ids" not in values and values["screening"] == {"x": True}
    back = ACTION.from_row(_row(values), ("O1", "O2"))
    assert back == dataclasses.replace(a, outcome_ids=("O1", "O2"))
    assert ACTION.link_rows([a]) == [
        {"action_id": a.id, "outcome_id": "O1", "position": 0},
        {"action_id": a.id, "outcome_id": "O2", "position": 1},
    ]
