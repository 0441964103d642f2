"""Collected answers (docs/collect.md) on SQLite and PostgreSQL: a KoBoToolbox export
of the demo locality's form goes in whole, once; a failure while writing leaves nothing
of the file (one transaction), the round settings that remember it included."""

from __future__ import annotations

from pathlib import Path

import pytest

from civicnb.demo import demo_records
from civicnb.errors import StoreError
from civicnb.framework import load_framework
from civicnb.store import Store
from civicnb.workshop.collection import import_submissions

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
