"""Fixtures for the store tests: every ``store`` test runs on SQLite and PostgreSQL.

PostgreSQL comes from ``CIVICNB_TEST_PG_URL`` (``scripts/pg-test-server.sh start``
then ``CIVICNB_TEST_PG_URL=$(scripts/pg-test-server.sh url)``). Each test gets a fresh,
uniquely named database, dropped afterwards. Without the variable the PostgreSQL cases
are skipped -- except on CI (``CI=true``), where they fail: CI must test both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from civicnb.records import (
    Action,
    Activity,
    Asset,
    Attendance,
    Celebration,
    HarvestNote,
    JointRating,
    Locality,
    LocalityRecords,
    Organisation,
    Outcome,
    OutcomeReading,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.store import Store, normalise_url, open_store

PG_ENV = "CIVICNB_TEST_PG_URL"


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def pg_admin_url() -> str:
    """The PostgreSQL URL to test against, or skip / fail (on CI) when there is none."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        msg = (
            f"{PG_ENV} is not set: start a test server with `scripts/pg-test-server.sh start` "
            f"and set {PG_ENV}=$(scripts/pg-test-server.sh url)"
        )
        if _on_ci():
            pytest.fail(msg + " (required on CI)", pytrace=False)
        pytest.skip(msg)
    return url


def _admin_connect(url: str) -> Any:
    import psycopg

    u = normalise_url(url)
    return psycopg.connect(
        host=u.host or "127.0.0.1",
        port=u.port or 5432,
        user=u.username,
        password=u.password,
        dbname=u.database or "postgres",
        autocommit=True,
        connect_timeout=10,
    )


def create_pg_database() -> tuple[str, str]:
    """Create a fresh database; return (its URL, its name)."""
    admin = pg_admin_url()
    name = f"civicnb_test_{uuid.uuid4().hex[:16]}"
    with _admin_connect(admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = normalise_url(admin).set(database=name)
    return url.render_as_string(hide_password=False), name


def drop_pg_database(name: str, attempts: int = 20) -> None:
    """Drop a test database, ending what is still connected to it.

    An autovacuum worker can be in the database after a write-heavy test; FORCE ends it
    when the test role is in ``pg_signal_backend`` (granted by ``pg-test-server.sh``). A
    server started by an older script lacks that grant, so the drop is retried until the
    worker has finished on its own.
    """
    import psycopg

    for attempt in range(attempts):
        try:
            with _admin_connect(pg_admin_url()) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
            if attempt == attempts - 1:
                raise
            time.sleep(0.25)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (dropped after the test)."""
    url, name = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """The location of an empty store: an SQLite file path or a fresh PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "workspace" / "civicnb.sqlite")
        return
    url, name = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(name)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A created (migrated) empty store, on SQLite and on PostgreSQL."""
    st = open_store(store_url, create=True)
    try:
        yield st
    finally:
        st.close()


# --- sample data ------------------------------------------------------------------------

T0 = dt.datetime(2024, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)


def sample_records(
    name: str = "Floridablanca (Santander)", *, n_participants: int = 3
) -> LocalityRecords:
    """A locality with one of everything (and more), with awkward text."""
    loc = Locality(name=name, country="Colombia", language="es", created_at=T0)
    base = Round(loc.id, "línea de base", date=dt.date(2024, 3, 1), position=0)
    follow = Round(loc.id, "seguimiento 2025", date=dt.date(2025, 3, 1), position=1)
    people = tuple(
        Participant(
            loc.id,
            Side.LA if i % 2 == 0 else Side.CSO,
            f"Persona {i} ñandú 🙂",
            named=i == 0,
            created_at=T0 + dt.timedelta(seconds=i),
        )
        for i in range(n_participants)
    )
    ratings = tuple(
        Rating(
            rd.id,
            p.id,
            q,
            score=None if q == "LA-03" else (i % 5) + 1,
            dont_know=q == "LA-03",
            note="<script>alert('x')</script> & \"evidence\"",
            would_help="más apoyo 💪",
            created_at=T0 + dt.timedelta(microseconds=i),
            updated_at=T0 + dt.timedelta(days=1, microseconds=i),
        )
        for rd in (base, follow)
        for i, p in enumerate(people)
        for q in ("LA-01", "LA-02", "LA-03")
    )
    joint = (
        JointRating(base.id, "P01", score=3, narrative="acordado\nen grupo", updated_at=T0),
        JointRating(base.id, "P02", score=None, narrative="", updated_at=T0),
    )
    o1 = Outcome(
        loc.id,
        "Accesibilidad del transporte",
        "social",
        indicator="% rutas",
        unit="%",
        baseline=12.5,
        target=80.0,
        current=None,
    )
    o2 = Outcome(loc.id, "Empleo", "economy", description="<b>bold?</b>")
    o3 = Outcome(loc.id, "Aire limpio", "environment", baseline=0.1 + 0.2)
    activities = (
        Activity(loc.id, "Talleres", lead="ASODIS", outcome_ids=(o2.id, o1.id)),
        Activity(loc.id, "Sin vínculos"),
    )
    actions = (
        Action(
            loc.id,
            "Rampas en la plaza",
            strand="II",
            owner="Alcaldía",
            due=dt.date(2024, 12, 31),
            status="agreed",
            round_id=base.id,
            outcome_ids=(o1.id,),
            screening={"diversity": True, "modularity": False},
            screening_notes="ok",
            created_at=T0,
        ),
        Action(loc.id, "Cross-cutting", created_at=T0 + dt.timedelta(hours=1)),
    )
    assets = (
        Asset(loc.id, "association", "Red de madres", outcome_ids=(o1.id, o3.id)),
        Asset(loc.id, "natural", "El río"),
    )
    notes = (
        HarvestNote(
            base.id,
            "Mesa 1",
            "Hablamos de <i>todo</i>",
            cafe_round=1,
            themes=("movilidad", "empleo 🚌"),
            created_at=T0,
        ),
        HarvestNote(base.id, "Mesa 2", "Nada", cafe_round=2, created_at=T0),
    )
    attendance = (
        Attendance(base.id, "Jóvenes", expected=True, present=False, outreach_note="escuelas"),
        Attendance(base.id, "Empresas", expected=False, present=True),
    )
    celebrations = (
        Celebration(loc.id, base.id, "¡Primera rampa! 🎉 <b>juntos</b>", created_at=T0),
        Celebration(loc.id, None, "Un año de comité", created_at=T0 + dt.timedelta(days=365)),
    )
    return LocalityRecords(
        locality=loc,
        rounds=(base, follow),
        participants=people,
        ratings=ratings,
        joint_ratings=joint,
        outcomes=(o1, o2, o3),
        activities=activities,
        actions=actions,
        assets=assets,
        harvest_notes=notes,
        attendance=attendance,
        celebrations=celebrations,
    )


def with_organisations(rec: LocalityRecords) -> LocalityRecords:
    """``rec`` with what schema 2 added: organisations on both sides, participants of
    them (an LA officer, a CSO member rating the LA's planning department), indicator
    values per round and who recorded each deliberation record."""
    lid = rec.locality.id
    la = Organisation(lid, Side.LA, "Secretaría de Planeación")
    council = Organisation(lid, Side.LA, "Concejo municipal")
    cso = Organisation(lid, Side.CSO, "ASODIS <b>")
    people = tuple(
        dataclasses.replace(p, organisation_id=la.id, role="officer")
        if p.side is Side.LA
        else dataclasses.replace(p, organisation_id=cso.id, rates_organisation_id=la.id)
        for p in rec.participants
    )
    by = "Ana (Alcaldía) 🙂"

    def recorded(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(dataclasses.replace(x, recorded_by=by) for x in items)

    readings = tuple(
        OutcomeReading(rd.id, o.id, value=v, recorded_by=by)
        for rd, v in zip(rec.rounds, (12.5, 30.0), strict=False)
        for o in rec.outcomes[:1]
    )
    return dataclasses.replace(
        rec,
        organisations=(la, council, cso),
        participants=people,
        joint_ratings=recorded(rec.joint_ratings),
        outcomes=recorded(rec.outcomes),
        activities=recorded(rec.activities),
        actions=recorded(rec.actions),
        assets=recorded(rec.assets),
        harvest_notes=recorded(rec.harvest_notes),
        attendance=recorded(rec.attendance),
        celebrations=recorded(rec.celebrations),
        outcome_readings=readings,
    )


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (sorted), for row-for-row comparisons."""
    import sqlalchemy as sa

    from civicnb.store.schema import metadata

    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = conn.execute(sa.select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
        out["alembic_version"] = sorted(
            tuple(r) for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))
        )
    return out


def canonical(rec: LocalityRecords) -> dict[str, Any]:
    """The records of a bundle, each kind sorted by id (order-insensitive comparison)."""
    out: dict[str, Any] = {"locality": rec.locality}
    for f in dataclasses.fields(rec):
        if f.name != "locality":
            out[f.name] = sorted(getattr(rec, f.name), key=lambda x: x.id)
    return out
