"""Earlier rounds are read-only, on SQLite and PostgreSQL: every write of a round's
records into a round that is not its locality's latest is refused, and changes nothing;
a whole-locality import is not concerned."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from civicnb.errors import RoundClosedError
from civicnb.records import (
    Attendance,
    HarvestNote,
    JointRating,
    Locality,
    Outcome,
    OutcomeReading,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.store import Store
from civicnb.workshop.rounds import open_round

from .conftest import dump


def test_writes_into_a_closed_round_are_refused(store: Store) -> None:
    loc = store.add_locality(Locality(name="Floridablanca"))
    base = store.add_round(Round(loc.id, "baseline", date=dt.date(2024, 3, 1)))
    ana = store.add_participant(Participant(loc.id, Side.LA, "Ana"))
    river = store.save_outcome(Outcome(loc.id, "Clean river", "environment", current=2.0))
    store.save_rating(Rating(base.id, ana.id, "LA-01", score=3))
    note = store.add_harvest_note(HarvestNote(base.id, "Table 1", "more meetings"))
    group = store.save_attendance(Attendance(base.id, "Young people"))
    follow = open_round(store, loc, "follow-up", dt.date(2025, 3, 1))
    before = dump(store)
    writes: list[Callable[[], object]] = [
        lambda: store.save_rating(Rating(base.id, ana.id, "LA-01", score=5)),
        lambda: store.save_rating(Rating(base.id, ana.id, "LA-02", note="new")),
        lambda: store.save_joint_rating(JointRating(base.id, "P01", 4)),
        lambda: store.add_harvest_note(HarvestNote(base.id, "Table 2", "late")),
        lambda: store.save_harvest_note(dataclasses.replace(note, text="edited")),
        lambda: store.save_attendance(dataclasses.replace(group, present=True)),
        lambda: store.save_outcome_reading(OutcomeReading(base.id, river.id, 9.0)),
    ]
    for write in writes:
        with pytest.raises(RoundClosedError, match="'baseline' is closed: round 'follow-up'"):
            write()
    assert dump(store) == before
    # the latest round takes them all
    store.save_rating(Rating(follow.id, ana.id, "LA-01", score=5))
    store.save_joint_rating(JointRating(follow.id, "P01", 4))
    store.save_outcome_reading(OutcomeReading(follow.id, river.id, 9.0))
    # a whole-locality import writes every round as it was
    records = store.export_locality(loc.id)
    store.import_locality(records, replace=True)
    assert store.export_locality(loc.id) == records
