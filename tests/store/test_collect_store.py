"""Collected answers (docs/collect.md) on SQLite and PostgreSQL: a KoBoToolbox export
of the demo locality's form goes in whole, once; a failure while writing leaves nothing
of the file (one transaction), the round settings that remember it included."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest

from civicnb.demo import demo_records
from civicnb.errors import InputError, RoundClosedError, StoreError
from civicnb.framework import load_framework
from civicnb.records import Side
from civicnb.store import Store
from civicnb.workshop.collection import (
    Booklet,
    booklets_entered,
    enter_booklet,
    import_submissions,
)
from civicnb.workshop.rounds import open_round

KOBO_CSV = Path(__file__).parent.parent / "data" / "collect" / "kobo-villaflor.csv"


@pytest.fixture
def demo_store(store: Store) -> Store:
    store.import_locality(demo_records(load_framework("pamphlet")))
    return store


def _counts(store: Store) -> tuple[int, int, int]:
    loc = store.get_locality("villaflor")
    return (
        len(store.participants(loc.id)),
        len(store.ratings(locality_id=loc.id)),
        len(store.settings_with_prefix("collected:")),
    )


def test_an_export_goes_in_once(demo_store: Store) -> None:
    people, ratings, _ = _counts(demo_store)
    done = import_submissions(demo_store, KOBO_CSV, load_framework)
    assert (done.imported, done.ratings, done.skipped) == (3, 7, 0)
    assert _counts(demo_store) == (people + 3, ratings + 7, 3)
    again = import_submissions(demo_store, KOBO_CSV, load_framework)
    assert (again.imported, again.skipped) == (0, 3)
    assert _counts(demo_store) == (people + 3, ratings + 7, 3)


def test_a_failure_while_writing_leaves_nothing(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _counts(demo_store)
    real = demo_store.save_rating
    calls: list[object] = []

    def failing(rating: object) -> object:
        calls.append(rating)
        if len(calls) == 5:  # the third participant's, after two were written
            raise StoreError("the disk is full")
        return real(rating)  # type: ignore[arg-type]

    monkeypatch.setattr(demo_store, "save_rating", failing)
    with pytest.raises(StoreError, match="disk is full"):
        import_submissions(demo_store, KOBO_CSV, load_framework)
    monkeypatch.undo()
    assert _counts(demo_store) == before
    assert import_submissions(demo_store, KOBO_CSV, load_framework).imported == 3


# --- a paper booklet typed in on the facilitator's page ----------------------------------


def _booklet(name: str, answers: dict[str, str]) -> Booklet:
    return Booklet(Side.CSO, name, False, answers)


def test_a_booklet_goes_in_whole_and_once(demo_store: Store) -> None:
    framework = load_framework("pamphlet")
    loc = demo_store.get_locality("villaflor")
    current = demo_store.rounds(loc.id)[-1]
    people, ratings, _ = _counts(demo_store)
    q1, q2 = (q.id for q in framework.questions[:2])
    person, number = enter_booklet(
        demo_store, framework, loc, current, _booklet("Amancay", {q1: "4", q2: "?"})
    )
    assert number == 1 and booklets_entered(demo_store, current) == 1
    assert _counts(demo_store)[:2] == (people + 1, ratings + 2)
    stored = {r.question_id: r for r in demo_store.ratings(participant_id=person.id)}
    assert stored[q1].score == 4 and stored[q2].dont_know and stored[q2].score is None
    with pytest.raises(InputError, match="already saved"):
        enter_booklet(demo_store, framework, loc, current, _booklet("AMANCAY", {q1: "2"}))
    with pytest.raises(InputError, match=f"{q2}: “0” is not an answer"):
        enter_booklet(demo_store, framework, loc, current, _booklet("Rayén", {q1: "2", q2: "0"}))
    assert _counts(demo_store)[:2] == (people + 1, ratings + 2)


def test_a_booklet_failing_while_written_leaves_nothing(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    framework = load_framework("pamphlet")
    loc = demo_store.get_locality("villaflor")
    current = demo_store.rounds(loc.id)[-1]
    before = _counts(demo_store)
    real = demo_store.save_rating
    calls: list[object] = []

    def failing(rating: object) -> object:
        calls.append(rating)
        if len(calls) == 2:  # after the participant and their first answer
            raise StoreError("the disk is full")
        return real(rating)  # type: ignore[arg-type]

    monkeypatch.setattr(demo_store, "save_rating", failing)
    answers = {q.id: "3" for q in framework.questions[:3]}
    with pytest.raises(StoreError, match="disk is full"):
        enter_booklet(demo_store, framework, loc, current, _booklet("Lautaro", answers))
    assert _counts(demo_store) == before


def test_a_booklet_for_a_round_closed_since_is_refused(demo_store: Store) -> None:
    framework = load_framework("pamphlet")
    loc = demo_store.get_locality("villaflor")
    page_round = demo_store.rounds(loc.id)[-1]
    open_round(demo_store, loc, "Después del cuadernillo")  # opened while the page was open
    before = _counts(demo_store)
    answers = {framework.questions[0].id: "3"}
    with pytest.raises(RoundClosedError):
        enter_booklet(demo_store, framework, loc, page_round, _booklet("Pehuén", answers))
    assert _counts(demo_store) == before


def test_the_same_booklet_saved_at_once_on_two_pages_goes_in_once(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two facilitators type in the same booklet and save it at the same moment: both
    pass the look for an earlier booklet before either has written (a barrier holds the
    first until the second arrives, or for two seconds when the store makes it wait):
    one is stored, the other refused."""
    framework = load_framework("pamphlet")
    loc = demo_store.get_locality("villaflor")
    current = demo_store.rounds(loc.id)[-1]
    before = _counts(demo_store)
    barrier = threading.Barrier(2, timeout=2)
    real = demo_store.participants

    def meeting(*args: object, **kwargs: object) -> object:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(demo_store, "participants", meeting)
    answers = {q.id: "4" for q in framework.questions[:2]}
    outcomes: list[object] = []

    def save(name: str) -> None:
        try:
            outcomes.append(
                enter_booklet(demo_store, framework, loc, current, _booklet(name, answers))
            )
        except InputError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in ("Quimey", "quimey ")]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    refused = [o for o in outcomes if isinstance(o, InputError)]
    assert len(outcomes) == 2 and len(refused) == 1, outcomes
    assert "already saved" in str(refused[0])
    assert _counts(demo_store)[:2] == (before[0] + 1, before[1] + 2)
    assert booklets_entered(demo_store, current) == 1


def test_add_setting_adds_once(demo_store: Store) -> None:
    assert demo_store.add_setting("test:once", "a")
    assert not demo_store.add_setting("test:once", "b")
    assert demo_store.get_setting("test:once") == "a"


def test_erasing_a_typed_booklets_participant_leaves_no_digest_of_their_name(
    demo_store: Store,
) -> None:
    """`civicnb forget`: the booklet's claim (a digest of side and name) goes with the
    participant; the same booklet can then be typed in again, as a new act."""
    from civicnb.workshop.erasure import erase_participant

    framework = load_framework("pamphlet")
    loc = demo_store.get_locality("villaflor")
    current = demo_store.rounds(loc.id)[-1]
    answers = {framework.questions[0].id: "3"}
    person, _ = enter_booklet(demo_store, framework, loc, current, _booklet("Yanka", answers))
    other, _ = enter_booklet(demo_store, framework, loc, current, _booklet("Huenu", answers))
    assert booklets_entered(demo_store, current) == 2
    erase_participant(demo_store, person.id)
    claims = demo_store.settings_with_prefix(f"collected:{current.id}:booklet:")
    assert len(claims) == 1 and other.id in next(iter(claims.values()))
    again, number = enter_booklet(demo_store, framework, loc, current, _booklet("Yanka", answers))
    assert again.id != person.id and number == 2
