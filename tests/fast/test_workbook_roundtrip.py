"""Workbook JSON export -> import is lossless (property-based, with hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicnb import records as model
from civicnb.exchange.workbook import workbook_from_dict, workbook_to_dict
from civicnb.framework import load_framework
from civicnb.text import invalid_char

FW = load_framework("pamphlet")
QIDS = sorted(FW.question_ids)
PAIRS = [p.id for p in FW.pairs]

# storable text: no NUL, no lone surrogate, no Unicode non-character (records refuse them)
text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00").filter(
        lambda c: invalid_char(c) is None
    ),
    max_size=40,
)
name = text.filter(lambda s: s.strip() != "")
ids = st.uuids().map(lambda u: u.hex)
times = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1))
numbers = st.one_of(st.none(), st.integers(-(10**6), 10**6), st.floats(-1e9, 1e9, allow_nan=False))


@st.composite
def records(draw: st.DrawFn) -> model.LocalityRecords:
    loc = model.Locality(
        name=draw(
            st.text("abcñéXYZ 0-9(", min_size=1, max_size=30).filter(
                lambda s: model.slugify(s) != ""
            )
        ),
        country=draw(text),
        language=draw(st.sampled_from(["en", "es"])),
        edition="pamphlet",
        min_group=draw(st.integers(1, 100)),
        id=draw(ids),
        created_at=draw(times),
    )
    # a locality's round labels are unique (the store refuses two rounds named alike)
    labels = draw(st.lists(name, min_size=1, max_size=3, unique_by=lambda x: x.strip().casefold()))
    rounds = [
        model.Round(loc.id, label, draw(st.none() | dates), i, id=draw(ids))
        for i, label in enumerate(labels)
    ]
    orgs = [
        model.Organisation(loc.id, side, draw(name), id=draw(ids))
        for side in (model.Side.LA, model.Side.CSO)
        for _ in range(draw(st.integers(0, 2)))
    ]

    def person(side: model.Side) -> model.Participant:
        own = [o.id for o in orgs if o.side is side]
        others = [o.id for o in orgs if o.side is not side]
        return model.Participant(
            loc.id, side, draw(name), draw(st.booleans()), id=draw(ids), created_at=draw(times),
            organisation_id=draw(st.none() | st.sampled_from(own)) if own else None,
            role=draw(st.sampled_from(model.ROLES)) if side is model.Side.LA else "",
            rates_organisation_id=draw(st.none() | st.sampled_from(others)) if others else None,
        )  # fmt: skip

    people = [
        person(draw(st.sampled_from(list(model.Side)))) for _ in range(draw(st.integers(0, 4)))
    ]
    ratings = []
    if people:
        keys = draw(
            st.lists(
                st.tuples(st.sampled_from(rounds), st.sampled_from(people), st.sampled_from(QIDS)),
                max_size=12,
                unique_by=lambda k: (k[0].id, k[1].id, k[2]),
            )
        )
        for rnd, who, qid in keys:
            dk = draw(st.booleans())
            ratings.append(
                model.Rating(rnd.id, who.id, qid, None if dk else draw(st.none() | st.integers(1, 5)),
                             dk, draw(text), draw(text), id=draw(ids), created_at=draw(times),
                             updated_at=draw(times))
            )  # fmt: skip
    outcomes = [
        model.Outcome(loc.id, draw(name), draw(st.sampled_from(model.TBL_CATEGORIES)), draw(text),
                      draw(text), draw(text), draw(numbers), draw(numbers), draw(numbers), id=draw(ids))
        for _ in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    oids = [o.id for o in outcomes]
    links = st.lists(st.sampled_from(oids), unique=True, max_size=3) if oids else st.just([])
    activities = [
        model.Activity(loc.id, draw(name), draw(text), draw(text), tuple(draw(links)), id=draw(ids))
        for _ in range(draw(st.integers(0, 2)))
    ]
    tests = ["democracy", "economy", "inclusive_culture", "wellbeing", "links"]
    actions = [
        model.Action(loc.id, draw(name), draw(st.sampled_from(["", "I", "IV", "VI"])), draw(text),
                     draw(st.none() | dates), draw(st.sampled_from(model.ACTION_STATUSES)),
                     draw(st.none() | st.sampled_from([r.id for r in rounds])), tuple(draw(links)),
                     draw(st.dictionaries(st.sampled_from(tests), st.booleans())), draw(text),
                     id=draw(ids), created_at=draw(times))
        for _ in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    assets = [
        model.Asset(loc.id, draw(st.sampled_from(model.ASSET_CATEGORIES)), draw(name), tuple(draw(links)),
                    id=draw(ids))
        for _ in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    notes = [
        model.HarvestNote(draw(st.sampled_from(rounds)).id, draw(name), draw(name), draw(st.integers(1, 20)),
                          tuple(draw(st.lists(name, max_size=3))), id=draw(ids), created_at=draw(times))
        for _ in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    attendance = [
        model.Attendance(draw(st.sampled_from(rounds)).id, draw(name), draw(st.booleans()),
                         draw(st.booleans()), draw(text), id=draw(ids))
        for _ in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    celebrations = [
        model.Celebration(loc.id, draw(st.none() | st.sampled_from([r.id for r in rounds])), draw(name),
                          id=draw(ids), created_at=draw(times))
        for _ in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    joint = [
        model.JointRating(rnd.id, pair, draw(st.none() | st.integers(1, 5)), draw(text), id=draw(ids),
                          updated_at=draw(times))
        for rnd in rounds
        for pair in draw(st.lists(st.sampled_from(PAIRS), unique=True, max_size=2))
    ]  # fmt: skip
    readings = [
        model.OutcomeReading(rnd, oid, draw(numbers), draw(name), id=draw(ids))
        for rnd, oid in draw(
            st.lists(st.tuples(st.sampled_from([r.id for r in rounds]), st.sampled_from(oids)),
                     unique=True, max_size=3)
        )
    ] if oids else []  # fmt: skip
    by = st.sampled_from(["", "Ana", "Luis (CSO) <b>"])

    def signed(items: list[Any]) -> tuple[Any, ...]:
        return tuple(dataclasses.replace(x, recorded_by=draw(by)) for x in items)

    return model.LocalityRecords(
        locality=loc, rounds=tuple(rounds), organisations=tuple(orgs), participants=tuple(people),
        ratings=tuple(ratings), joint_ratings=signed(joint), outcomes=signed(outcomes),
        activities=signed(activities), actions=signed(actions), assets=signed(assets),
        harvest_notes=signed(notes), attendance=signed(attendance),
        celebrations=signed(celebrations), outcome_readings=tuple(readings),
    )  # fmt: skip


def _qids(fid: str, block: Any) -> frozenset[str]:
    return load_framework(fid).question_ids


@settings(max_examples=150, deadline=None)
@given(records())
def test_json_round_trip_is_lossless(recs: model.LocalityRecords) -> None:
    doc = workbook_to_dict(recs, framework_version=FW.version)
    wire = json.loads(json.dumps(doc, ensure_ascii=False))
    back, framework = workbook_from_dict(wire, question_ids=_qids)
    assert back == recs
    assert framework["id"] == "pamphlet"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records())
def test_store_round_trip_is_lossless(tmp_path: Path, recs: model.LocalityRecords) -> None:
    from civicnb.store import open_store

    folder = tempfile.mkdtemp(dir=tmp_path)  # a new store per example
    with open_store(Path(folder) / "s.sqlite", create=True) as store:
        store.import_locality(recs)
        back = store.export_locality(recs.locality.slug)

    def canon(r: model.LocalityRecords) -> dict[str, Any]:
        # the store returns each list in its own order: compare as sets of records
        return {
            k: (v if k == "locality" else sorted(v, key=lambda x: x.id))
            for k, v in ((f, getattr(r, f)) for f in model.LocalityRecords.__dataclass_fields__)
        }

    assert canon(back) == canon(recs)


def _with_celebration() -> model.LocalityRecords:
    loc = model.Locality(name="Girón")
    rnd = model.Round(loc.id, "baseline")
    cel = model.Celebration(loc.id, rnd.id, "¡La primera rampa! <b>🎉</b>")
    return model.LocalityRecords(loc, rounds=(rnd,), celebrations=(cel,))


def test_celebrations_are_optional_and_checked() -> None:
    import pytest

    from civicnb.errors import WorkbookError

    recs = _with_celebration()
    doc = json.loads(json.dumps(workbook_to_dict(recs, framework_version=FW.version)))
    assert doc["celebrations"][0]["text"] == "¡La primera rampa! <b>🎉</b>"
    old = {k: v for k, v in doc.items() if k != "celebrations"}  # written before they existed
    back, _ = workbook_from_dict(old, question_ids=_qids)
    assert back.celebrations == () and back.rounds == recs.rounds
    doc["celebrations"][0]["round_id"] = "nope"
    with pytest.raises(WorkbookError, match=r"celebrations\[0\]\.round_id"):
        workbook_from_dict(doc, question_ids=_qids)


def test_xlsx_has_a_celebrations_sheet() -> None:
    import io

    from openpyxl import load_workbook

    from civicnb.exchange.tables import xlsx_bytes

    recs = _with_celebration()
    wb = load_workbook(io.BytesIO(xlsx_bytes(recs, FW)))
    ws = wb["Celebrations"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("locality_id", "round_id", "text", "id", "created_at", "recorded_by")
    assert rows[1][2] == "¡La primera rampa! <b>🎉</b>"


def test_a_schema_1_workbook_imports_unchanged(tmp_path: Path) -> None:
    """A workbook written before organisations, indicator values per round and who
    recorded what (schema_version 1: the demo as civicnb 0.1 exported it, kept in
    tests/data) imports: every record as it was, the new fields empty; exported again
    it is a schema 2 workbook that reads back to the same records."""
    from civicnb.api import export_locality, import_workbook
    from civicnb.exchange import load_workbook
    from civicnb.workspace import init_workspace

    old = Path(__file__).parents[1] / "data" / "workbooks" / "villaflor-v1.json"
    doc = json.loads(old.read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1 and "organisations" not in doc
    ws = init_workspace(tmp_path / "ws")
    import_workbook(old, workspace=ws, notebooks=False)
    out = export_locality("villaflor", workspace=ws, fmt="json", out=tmp_path / "v2.json")
    again = json.loads(out.read_text(encoding="utf-8"))
    assert again["schema_version"] == 2
    assert again["organisations"] == [] and again["outcome_readings"] == []
    for key in ("rounds", "ratings", "joint_ratings", "actions", "harvest_notes", "attendance"):
        assert len(again[key]) == len(doc[key]) > 0, key
        assert [r["id"] for r in again[key]] == [r["id"] for r in doc[key]], key
    by_id = {p["id"]: p for p in again["participants"]}
    for p in doc["participants"]:
        assert {k: by_id[p["id"]][k] for k in p} == p
        assert by_id[p["id"]]["organisation_id"] is None and by_id[p["id"]]["role"] == ""
    assert {a["recorded_by"] for a in again["actions"]} == {""}
    records, _ = load_workbook(out, question_ids=lambda fid, block: ws.framework(fid).question_ids)
    assert len(records.ratings) == len(doc["ratings"])
