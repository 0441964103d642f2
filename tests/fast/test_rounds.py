"""Opening the next round: what is carried forward and what is not, earlier rounds
read-only, bad labels and dates leave the store as it was; ``civicnb round``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_helpers import Result, db_dump
from workshop_helpers import Workshop

from civicnb.errors import ConflictError, InputError, RoundClosedError
from civicnb.records import (
    Action,
    Activity,
    Asset,
    Attendance,
    HarvestNote,
    JointRating,
    Organisation,
    Outcome,
    OutcomeReading,
    Side,
)
from civicnb.store import Store
from civicnb.workshop.participation import ParticipantSession
from civicnb.workshop.rounds import carried_actions, last_readings, open_round, previous_round
from civicnb.workspace import Workspace

Run = Callable[..., Result]


@pytest.fixture
def store(ws: Workspace) -> Iterator[Store]:
    with ws.open_store() as s:
        yield s


@pytest.fixture
def shop(ws: Workspace, store: Store) -> Workshop:
    """A baseline round with something of everything recorded in it."""
    w = Workshop(ws, store, k=1)
    loc, rnd = w.loc, w.round
    w.outcome = store.save_outcome(
        Outcome(loc.id, "Clean river", "environment", indicator="mg/l", baseline=9, current=7.5)
    )
    w.no_value = store.save_outcome(Outcome(loc.id, "Jobs", "economy"))
    w.open_action = store.save_action(
        Action(loc.id, "Monthly meeting", status="in_progress", round_id=rnd.id)
    )
    w.done_action = store.save_action(Action(loc.id, "Map assets", status="done", round_id=rnd.id))
    w.dropped = store.save_action(Action(loc.id, "Newsletter", status="dropped", round_id=rnd.id))
    w.activity = store.save_activity(Activity(loc.id, "River clean-up"))
    w.asset = store.save_asset(Asset(loc.id, "natural", "The river"))
    w.org = store.add_organisation(Organisation(loc.id, Side.CSO, "Vecinos"))
    store.save_attendance(Attendance(rnd.id, "Young people", present=True))
    store.save_attendance(Attendance(rnd.id, "Older people", outreach_note="Visit the day centre"))
    store.save_joint_rating(JointRating(rnd.id, "I-1", 3, "we agree"))
    store.add_harvest_note(HarvestNote(rnd.id, "Table 1", "more meetings"))
    w.ana = w.join(Side.LA, "Ana")
    w.ana.save(w.fw.strands[0].questions[0].id, score=4)
    return w


def test_open_round_carries_what_belongs_to_the_locality(shop: Workshop, store: Store) -> None:
    base = shop.round
    new = open_round(store, shop.loc, "Follow-up", dt.date(2026, 3, 1), recorded_by="Marta")
    assert store.rounds(shop.loc.id) == [base, new]
    assert (new.position, new.label, new.date) == (1, "Follow-up", dt.date(2026, 3, 1))
    # the indicator value as it stood is kept for the baseline, then cleared
    readings = store.outcome_readings(shop.loc.id)
    assert [(r.round_id, r.outcome_id, r.value, r.recorded_by) for r in readings] == [
        (base.id, shop.outcome.id, 7.5, "Marta")
    ]
    outcomes = {o.id: o for o in store.outcomes(shop.loc.id)}
    assert outcomes[shop.outcome.id].current is None
    assert outcomes[shop.outcome.id].baseline == 9  # the rest of the outcome stays
    assert last_readings(store, shop.loc, new) == {shop.outcome.id: 7.5}
    # expected groups: copied, nobody present yet, outreach notes kept
    groups = [
        (a.group, a.expected, a.present, a.outreach_note, a.recorded_by)
        for a in store.attendance(new.id)
    ]
    assert groups == [
        ("Older people", True, False, "Visit the day centre", "Marta"),
        ("Young people", True, False, "", "Marta"),
    ]
    # the baseline's own records are untouched
    assert [a.present for a in store.attendance(base.id)] == [False, True]
    # open actions are carried forward; done and dropped ones are not
    assert carried_actions(store, shop.loc, new) == [shop.open_action]
    assert carried_actions(store, shop.loc, base) == []
    # locality-level records stay as they were
    assert store.activities(shop.loc.id) == [shop.activity]
    assert store.assets(shop.loc.id) == [shop.asset]
    assert store.organisations(shop.loc.id) == [shop.org]
    assert len(store.actions(shop.loc.id)) == 3
    # ratings, agreed ratings and harvest notes start empty
    assert store.ratings(round_id=new.id) == []
    assert store.joint_ratings(new.id) == []
    assert store.harvest_notes(new.id) == []
    assert len(store.ratings(round_id=base.id)) == 1
    assert previous_round(store, shop.loc, new) == base
    assert previous_round(store, shop.loc, base) is None


def test_earlier_rounds_are_read_only(shop: Workshop, store: Store) -> None:
    base = shop.round
    page = shop.ana  # a participant page opened before the next round was opened
    qid = shop.fw.strands[0].questions[0].id
    new = open_round(store, shop.loc, "Follow-up")
    before = store.export_locality(shop.loc.id)
    writes: list[Callable[[], object]] = [
        lambda: page.save(qid, score=2),
        lambda: page.save(qid, note="later"),
        lambda: store.save_joint_rating(JointRating(base.id, "I-1", 5)),
        lambda: store.add_harvest_note(HarvestNote(base.id, "Table 2", "late note")),
        lambda: store.save_attendance(Attendance(base.id, "Carers")),
        lambda: store.save_outcome_reading(OutcomeReading(base.id, shop.outcome.id, 1.0)),
    ]
    for write in writes:
        with pytest.raises(RoundClosedError) as err:
            write()
        assert "'baseline' is closed" in str(err.value)
        assert "'Follow-up'" in str(err.value)
    assert store.export_locality(shop.loc.id) == before
    # the same participant answers the new round from a page opened now
    now = ParticipantSession.resume(store, shop.fw, shop.loc, page.participant.id)
    assert now.round == new
    assert now.save(qid, score=2).round_id == new.id
    store.save_joint_rating(JointRating(new.id, "I-1", 4))
    store.save_outcome_reading(OutcomeReading(new.id, shop.outcome.id, 6.0))
    # a carried-forward action (of the closed round) can still have its status updated
    import dataclasses

    store.save_action(dataclasses.replace(shop.open_action, status="done"))
    assert carried_actions(store, shop.loc, new) == []


def test_bad_label_or_date_leaves_the_store_as_it_was(shop: Workshop, store: Store) -> None:
    before = store.export_locality(shop.loc.id)
    bad = [
        ("baseline", None, ConflictError, "already has a round labelled 'baseline'"),
        ("  BASELINE ", None, ConflictError, "already has a round labelled"),
        ("", None, InputError, "needs a label"),
        ("   ", None, InputError, "needs a label"),
        ("x" * 121, None, InputError, "at most 120"),
        ("Next", dt.date(1900, 1, 1), InputError, "between 2000-01-01"),
        ("Next", dt.date(2999, 1, 1), InputError, "between 2000-01-01"),
        ("Next", dt.datetime(2026, 1, 1, 10), InputError, "must be a date"),
    ]
    for label, date, error, words in bad:
        with pytest.raises(error, match=words):
            open_round(store, shop.loc, label, date)  # type: ignore[arg-type]
        assert store.export_locality(shop.loc.id) == before, label


def test_a_date_before_the_last_rounds_is_refused(shop: Workshop, store: Store) -> None:
    open_round(store, shop.loc, "Second", dt.date(2026, 3, 1))
    before = store.export_locality(shop.loc.id)
    with pytest.raises(InputError, match="before the date of the round before it"):
        open_round(store, shop.loc, "Third", dt.date(2026, 2, 1))
    assert store.export_locality(shop.loc.id) == before


def test_opening_is_one_transaction(
    shop: Workshop, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the readings were written undoes them too."""
    before = store.export_locality(shop.loc.id)

    def fail(*_a: object) -> None:
        raise ConflictError("the disk is full")

    monkeypatch.setattr(store, "add_round", fail)
    with pytest.raises(ConflictError, match="disk is full"):
        open_round(store, shop.loc, "Follow-up")
    monkeypatch.undo()
    assert store.export_locality(shop.loc.id) == before
    assert [o.current for o in store.outcomes(shop.loc.id) if o.id == shop.outcome.id] == [7.5]


def test_merging_a_workbook_cannot_write_into_a_closed_round(shop: Workshop, store: Store) -> None:
    """Bringing back one's own workbook, answered offline in the closed round, is refused
    whole (the workbook import of a new locality is not concerned)."""
    import dataclasses

    from civicnb.records import utcnow
    from civicnb.workshop.participation import merge_own_workbook

    mine = shop.ana.my_records()
    open_round(store, shop.loc, "Follow-up")
    later = tuple(dataclasses.replace(r, score=1, updated_at=utcnow()) for r in mine.ratings)
    with pytest.raises(RoundClosedError):
        merge_own_workbook(
            store, dataclasses.replace(mine, ratings=later), shop.loc, shop.ana.participant
        )
    assert [r.score for r in store.ratings(participant_id=shop.ana.participant.id)] == [4]


# --- civicnb round -----------------------------------------------------------------------


def test_cli_round_opens_the_next_round(tmp_path: Path, run: Run) -> None:
    ws = tmp_path / "w"
    assert run("init", "--workspace", ws).status == 0
    assert run("new", "Girón", "--workspace", ws).status == 0
    res = run("round", "giron", "Follow-up 2026", "--date", "2026-03-01", "--workspace", ws)
    assert res.status == 0, res.err
    assert "round 'Follow-up 2026' dated 2026-03-01 opened" in res.out
    assert "rounds: Baseline, Follow-up 2026" in run("list", "--workspace", ws).out
    before = db_dump(ws)
    res = run("round", "giron", "follow-up 2026", "--workspace", ws)
    assert res.status == 1
    assert res.err.strip().splitlines() == [
        "civicnb: this locality already has a round labelled 'Follow-up 2026': choose another label"
    ]
    assert db_dump(ws) == before
    assert run("round", "giron", "Next", "--date", "1/3/2026", "--workspace", ws).status == 2
    assert run("round", "giron", "Next", "--date", "1850-01-01", "--workspace", ws).status == 1
    res = run("round", "giro", "Next", "--workspace", ws)
    assert res.status == 1 and "did you mean 'giron'" in res.err
    assert db_dump(ws) == before
