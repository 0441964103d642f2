"""export_locality / import_locality: lossless round trips and all-or-nothing imports."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import civicnb.store.bundles as store_module
from civicnb.errors import ConflictError, InputError, NotFoundError
from civicnb.records import (
    Action,
    Activity,
    Attendance,
    Celebration,
    HarvestNote,
    JointRating,
    Locality,
    LocalityRecords,
    Organisation,
    OutcomeReading,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.store import Store, open_store

from .conftest import canonical, dump, sample_records, with_organisations


def test_round_trip_is_lossless(store: Store) -> None:
    rec = sample_records()
    assert store.import_locality(rec) == rec.locality
    out = store.export_locality(rec.locality.slug)
    assert canonical(out) == canonical(rec)
    assert store.export_locality(rec.locality.id) == out  # deterministic, by id too
    # a second trip through another store gives the identical bundle, in the same order
    store.delete_locality(rec.locality.slug)
    store.import_locality(out)
    assert store.export_locality(rec.locality.slug) == out


def test_organisations_readings_and_recorders_round_trip(store: Store) -> None:
    rec = with_organisations(sample_records())
    store.import_locality(rec)
    out = store.export_locality(rec.locality.slug)
    assert canonical(out) == canonical(rec)
    assert len(out.organisations) == 3 and len(out.outcome_readings) == 2
    assert {p.role for p in out.participants if p.side is Side.LA} == {"officer"}
    assert all(a.recorded_by == "Ana (Alcaldía) 🙂" for a in out.actions)


def test_export_order_is_deterministic(store: Store) -> None:
    rec = sample_records(n_participants=6)
    reversed_rec = LocalityRecords(
        locality=rec.locality,
        **{
            f.name: tuple(reversed(getattr(rec, f.name)))
            for f in dataclasses.fields(rec)
            if f.name != "locality"
        },
    )
    store.import_locality(reversed_rec)
    out = store.export_locality(rec.locality.slug)
    assert [r.position for r in out.rounds] == [0, 1]
    assert [p.created_at for p in out.participants] == sorted(
        p.created_at for p in rec.participants
    )
    keys = [(r.round_id, r.participant_id, r.question_id) for r in out.ratings]
    assert keys == sorted(keys)
    store.delete_locality(rec.locality.slug)
    store.import_locality(rec)
    assert store.export_locality(rec.locality.slug) == out


def test_export_unknown_locality(store: Store) -> None:
    store.import_locality(sample_records("Girón"))
    with pytest.raises(NotFoundError, match="did you mean 'giron'"):
        store.export_locality("giro")


def test_export_only_that_locality(store: Store) -> None:
    a, b = sample_records("A town"), sample_records("B town")
    store.import_locality(a)
    store.import_locality(b)
    assert canonical(store.export_locality("a-town")) == canonical(a)
    assert canonical(store.export_locality("b-town")) == canonical(b)


def test_import_empty_locality(store: Store) -> None:
    rec = LocalityRecords(locality=Locality(name="Empty"))
    store.import_locality(rec)
    assert store.export_locality("empty") == rec


def test_import_existing_slug_conflicts_and_changes_nothing(store: Store) -> None:
    rec = sample_records()
    store.import_locality(rec)
    before = dump(store)
    with pytest.raises(ConflictError, match="exists already"):
        store.import_locality(rec)
    # same slug, all-new ids
    with pytest.raises(ConflictError, match="floridablanca-santander"):
        store.import_locality(sample_records())
    assert dump(store) == before


def test_import_existing_record_id_conflicts_and_changes_nothing(store: Store) -> None:
    rec = sample_records()
    store.import_locality(rec)
    before = dump(store)
    other = sample_records("Girón")
    # the last kind written clashes with a stored record: nothing at all may be written
    clash = dataclasses.replace(
        other,
        attendance=(
            *other.attendance,
            dataclasses.replace(rec.attendance[0], round_id=other.rounds[0].id),
        ),
    )
    with pytest.raises(ConflictError, match=rec.attendance[0].id):
        store.import_locality(clash)
    assert dump(store) == before
    with pytest.raises(NotFoundError):
        store.get_locality("giron")


def test_import_replace(store: Store) -> None:
    rec = sample_records()
    store.import_locality(rec)
    other = sample_records("Girón")
    store.import_locality(other)
    # a new version of the same locality: fewer ratings, new name, same slug, new ids
    new = sample_records()
    new = dataclasses.replace(
        new,
        locality=dataclasses.replace(new.locality, name="Floridablanca (Santander)", min_group=2),
        ratings=new.ratings[:4],
    )
    with pytest.raises(ConflictError):
        store.import_locality(new)
    store.import_locality(new, replace=True)
    assert canonical(store.export_locality(new.locality.slug)) == canonical(new)
    assert canonical(store.export_locality("giron")) == canonical(other)
    # replacing with the very same records (same ids) works too
    store.import_locality(new, replace=True)
    assert canonical(store.export_locality(new.locality.slug)) == canonical(new)
    assert len(store.ratings()) == len(other.ratings) + 4


def test_failed_replace_keeps_the_old_locality(store: Store) -> None:
    rec = sample_records()
    store.import_locality(rec)
    other = sample_records("Girón")
    store.import_locality(other)
    before = dump(store)
    new = sample_records()
    # one of its participants has the id of a participant of another locality
    bad = dataclasses.replace(
        new,
        participants=(
            *new.participants,
            dataclasses.replace(other.participants[0], locality_id=new.locality.id),
        ),
    )
    with pytest.raises(ConflictError):
        store.import_locality(bad, replace=True)
    assert dump(store) == before


def test_failure_midway_rolls_everything_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_locality(sample_records("Girón"))
    before = dump(store)
    real = store_module._insert_rows
    written: list[str] = []

    def failing(conn: Any, table: Any, rows: Any) -> None:
        if table.name == "celebrations":  # the last table: everything else is written
            raise RuntimeError("disk on fire")
        written.append(table.name)
        real(conn, table, rows)

    monkeypatch.setattr(store_module, "_insert_rows", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.import_locality(sample_records())
    assert "ratings" in written and "harvest_notes" in written
    monkeypatch.undo()
    assert dump(store) == before
    with pytest.raises(ConflictError):  # replace + failure keeps the old one too
        monkeypatch.setattr(store_module, "_insert_rows", failing)
        try:
            store.import_locality(sample_records("Girón"), replace=True)
        except RuntimeError:
            raise ConflictError("rolled back") from None
    monkeypatch.undo()
    assert dump(store) == before


def test_failed_import_leaves_sqlite_file_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "civicnb.sqlite"
    with open_store(path, create=True) as st:
        st.import_locality(sample_records("Girón"))
    before = path.read_bytes()
    other = sample_records()
    bad = dataclasses.replace(other, ratings=(*other.ratings, other.ratings[0]))
    with open_store(path) as st:
        with pytest.raises(InputError):
            st.import_locality(bad)
        with pytest.raises(ConflictError):
            st.import_locality(sample_records("Girón"))
    assert path.read_bytes() == before


def _bad_bundles() -> list[tuple[str, LocalityRecords]]:
    rec = sample_records()
    loc = rec.locality
    other = Locality(name="Other")
    r0, p0 = rec.rounds[0], rec.participants[0]
    enriched = with_organisations(rec)
    return [
        ("rating round", dataclasses.replace(rec, ratings=(Rating("nope", p0.id, "LA-01"),))),
        ("rating participant", dataclasses.replace(rec, ratings=(Rating(r0.id, "nope", "LA-01"),))),
        (
            "duplicate rating key",
            dataclasses.replace(
                rec, ratings=(Rating(r0.id, p0.id, "LA-01"), Rating(r0.id, p0.id, "LA-01"))
            ),
        ),
        ("duplicate id", dataclasses.replace(rec, rounds=(r0, r0))),
        (
            "duplicate label",
            dataclasses.replace(rec, rounds=(*rec.rounds, Round(loc.id, r0.label, position=5))),
        ),
        (
            "foreign participant",
            dataclasses.replace(rec, participants=(Participant(other.id, Side.LA, "x"),)),
        ),
        ("joint round", dataclasses.replace(rec, joint_ratings=(JointRating("nope", "P01"),))),
        (
            "duplicate joint",
            dataclasses.replace(
                rec, joint_ratings=(JointRating(r0.id, "P01"), JointRating(r0.id, "P01"))
            ),
        ),
        (
            "activity outcome",
            dataclasses.replace(rec, activities=(Activity(loc.id, "a", outcome_ids=("nope",)),)),
        ),
        (
            "action outcome",
            dataclasses.replace(rec, actions=(Action(loc.id, "a", outcome_ids=("x",)),)),
        ),
        ("action round", dataclasses.replace(rec, actions=(Action(loc.id, "a", round_id="nope"),))),
        ("harvest round", dataclasses.replace(rec, harvest_notes=(HarvestNote("nope", "t", "x"),))),
        ("attendance round", dataclasses.replace(rec, attendance=(Attendance("nope", "g"),))),
        (
            "celebration round",
            dataclasses.replace(rec, celebrations=(Celebration(loc.id, "nope", "yay"),)),
        ),
        (
            "celebration locality",
            dataclasses.replace(rec, celebrations=(Celebration("elsewhere", None, "yay"),)),
        ),
        (
            "organisation locality",
            dataclasses.replace(rec, organisations=(Organisation("elsewhere", Side.LA, "x"),)),
        ),
        (
            "participant of an unknown organisation",
            dataclasses.replace(
                rec,
                participants=(dataclasses.replace(rec.participants[0], organisation_id="nope"),),
                ratings=(),
            ),
        ),
        (
            "participant of the other side's organisation",
            dataclasses.replace(
                enriched,
                participants=tuple(
                    dataclasses.replace(
                        p, organisation_id=None, rates_organisation_id=p.organisation_id
                    )
                    for p in enriched.participants
                ),
            ),
        ),
        (
            "reading round",
            dataclasses.replace(
                enriched,
                outcome_readings=(OutcomeReading("nope", enriched.outcomes[0].id, 1.0),),
            ),
        ),
        (
            "duplicate reading",
            dataclasses.replace(
                enriched,
                outcome_readings=(
                    OutcomeReading(r0.id, enriched.outcomes[0].id, 1.0),
                    OutcomeReading(r0.id, enriched.outcomes[0].id, 2.0),
                ),
            ),
        ),
    ]


@pytest.mark.parametrize("case", range(len(_bad_bundles())), ids=[c for c, _ in _bad_bundles()])
def test_inconsistent_bundle_is_refused_before_writing(store: Store, case: int) -> None:
    store.import_locality(sample_records("Girón"))
    before = dump(store)
    _, bad = _bad_bundles()[case]
    with pytest.raises(InputError, match="cannot import"):
        store.import_locality(bad)
    assert dump(store) == before


def test_not_a_bundle(store: Store) -> None:
    with pytest.raises(InputError):
        store.import_locality("floridablanca")  # type: ignore[arg-type]


def test_large_import(store: Store) -> None:
    loc = Locality(name="Big")
    rounds = tuple(Round(loc.id, f"r{i}", position=i) for i in range(3))
    people = tuple(Participant(loc.id, Side.CSO, f"p{i}") for i in range(40))
    t = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    ratings = tuple(
        Rating(r.id, p.id, f"Q{q:02d}", score=q % 5 + 1, created_at=t, updated_at=t)
        for r in rounds
        for p in people
        for q in range(30)
    )
    rec = LocalityRecords(locality=loc, rounds=rounds, participants=people, ratings=ratings)
    store.import_locality(rec)
    assert len(store.ratings(locality_id=loc.id)) == 3600
    assert canonical(store.export_locality("big")) == canonical(rec)
