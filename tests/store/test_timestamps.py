"""Datetimes come back exactly as stored: aware, UTC, to the microsecond."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicnb.records import Locality, LocalityRecords, Participant, Rating, Round, Side
from civicnb.store import Store, make_engine, open_store
from civicnb.store.schema import ratings
from civicnb.store.types import UTCDateTime

zones = st.sampled_from(
    [
        dt.UTC,
        dt.timezone(dt.timedelta(hours=-5)),  # Bogotá
        dt.timezone(dt.timedelta(hours=5, minutes=30)),
        dt.timezone(dt.timedelta(hours=14)),
        dt.timezone(dt.timedelta(hours=-12)),
    ]
)
moments = st.datetimes(
    min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2200, 12, 30), timezones=zones
)

EDGES = [
    dt.datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=dt.UTC),
    dt.datetime(2024, 3, 1, 0, 0, 0, 1, tzinfo=dt.UTC),
    dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
    dt.datetime(2038, 1, 19, 3, 14, 8, tzinfo=dt.UTC),
    dt.datetime(2024, 6, 1, 7, 0, 0, 500000, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
]


def _bundle(created: dt.datetime, updated: dt.datetime) -> LocalityRecords:
    loc = Locality(name="T", created_at=created)
    rd = Round(loc.id, "b")
    p = Participant(loc.id, Side.LA, "x", created_at=updated)
    r = Rating(rd.id, p.id, "LA-01", score=1, created_at=created, updated_at=updated)
    return LocalityRecords(locality=loc, rounds=(rd,), participants=(p,), ratings=(r,))


def _check(store: Store, created: dt.datetime, updated: dt.datetime) -> None:
    rec = _bundle(created, updated)
    store.import_locality(rec, replace=True)
    out = store.export_locality("t")
    (r,) = out.ratings
    assert r.created_at == created and r.updated_at == updated
    assert r.created_at.tzinfo is dt.UTC and r.updated_at is not None
    assert r.updated_at.tzinfo is dt.UTC
    assert r.created_at.microsecond == created.astimezone(dt.UTC).microsecond
    assert out.locality.created_at == created and out.locality.created_at.tzinfo is dt.UTC
    assert out.participants[0].created_at == updated


@pytest.mark.parametrize("moment", EDGES, ids=str)
def test_edge_moments_round_trip(store: Store, moment: dt.datetime) -> None:
    _check(store, moment, moment + dt.timedelta(microseconds=1))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(created=moments, updated=moments)
def test_any_moment_round_trips(store: Store, created: dt.datetime, updated: dt.datetime) -> None:
    _check(store, created, updated)


def test_save_rating_timestamps_are_exact(store: Store) -> None:
    loc = store.add_locality(Locality(name="T"))
    rd = store.add_round(Round(loc.id, "b"))
    p = store.add_participant(Participant(loc.id, Side.LA, "x"))
    saved = store.save_rating(Rating(rd.id, p.id, "LA-01", score=2))
    (again,) = store.ratings()
    assert again.created_at == saved.created_at and again.updated_at == saved.updated_at


def test_sqlite_stores_sortable_utc_text(tmp_path: object) -> None:
    path = f"{tmp_path}/t.sqlite"
    with open_store(path, create=True) as store:
        bogota = dt.timezone(dt.timedelta(hours=-5))
        created = dt.datetime(2024, 3, 1, 20, 0, 0, 42, tzinfo=bogota)
        store.import_locality(_bundle(created, created))
    engine = make_engine(path)
    with engine.connect() as conn:
        raw = conn.exec_driver_sql("SELECT created_at FROM ratings").scalar()
    engine.dispose()
    assert raw == "2024-03-02 01:00:00.000042"


def test_postgresql_session_timezone_does_not_matter(pg_url: str) -> None:
    with open_store(pg_url, create=True) as store:
        created = dt.datetime(2024, 3, 1, 20, 0, 0, 42, tzinfo=dt.UTC)
        store.import_locality(_bundle(created, created))
    bogota = pg_url + "?options=-c%20timezone%3DAmerica/Bogota"
    with open_store(bogota) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SHOW timezone").scalar() == "America/Bogota"
        (r,) = store.ratings()
        assert r.created_at == created and r.created_at.tzinfo is dt.UTC
        assert r.created_at.hour == 20


def test_naive_datetimes_are_refused(store: Store) -> None:
    with store.engine.connect() as conn:
        bind = UTCDateTime().bind_processor(conn.dialect)
        process = bind if bind is not None else (lambda v: v)
        with pytest.raises(ValueError, match="naive"):
            UTCDateTime().process_bind_param(dt.datetime(2024, 1, 1), conn.dialect)
        assert process is not None
    with pytest.raises(sa.exc.StatementError), store.engine.begin() as conn:
        conn.execute(sa.select(ratings.c.id).where(ratings.c.created_at == dt.datetime(2024, 1, 1)))
