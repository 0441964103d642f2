"""The engine: URL handling, SQLite pragmas, BEGIN IMMEDIATE, retries."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from civicnb.errors import StoreError
from civicnb.store import make_engine, normalise_url
from civicnb.store.engine import WRITE, is_transient, run_write


def test_paths_are_sqlite_files(tmp_path: Path) -> None:
    url = normalise_url(tmp_path / "x.sqlite")
    assert url.drivername == "sqlite+pysqlite"
    assert url.database == str(tmp_path / "x.sqlite")
    assert normalise_url("rel/x.sqlite").database == str(Path("rel/x.sqlite").absolute())
    assert normalise_url("sqlite:///x.db").drivername == "sqlite+pysqlite"


@pytest.mark.parametrize(
    "given",
    [
        "postgresql://u@h:5432/db",
        "postgres://u@h:5432/db",
        "postgresql+psycopg2://u@h:5432/db",
        "postgresql+psycopg://u@h:5432/db",
    ],
)
def test_postgresql_urls_use_psycopg(given: str) -> None:
    url = normalise_url(given)
    assert url.drivername == "postgresql+psycopg"
    assert (url.username, url.host, url.port, url.database) == ("u", "h", 5432, "db")
    assert make_engine(given).dialect.driver == "psycopg"


@pytest.mark.parametrize("bad", ["mysql://u@h/db", "oracle://x", "sqlite+aiosqlite:///x.db"])
def test_other_databases_refused(bad: str) -> None:
    with pytest.raises(StoreError, match="unsupported"):
        normalise_url(bad)


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite")
    with engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    engine.dispose()
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 30000,
        "synchronous": 1,
    }


def _table(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")


def test_write_transactions_begin_immediate(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite")
    _table(engine)
    other = sqlite3.connect(tmp_path / "x.sqlite", timeout=0.05, isolation_level=None)
    with engine.connect() as conn:
        conn.execution_options(**{WRITE: True})
        # the write lock is held from BEGIN on, before any write
        with conn.begin(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # released at commit
    other.execute("ROLLBACK")
    with engine.connect() as conn, conn.begin():
        # a read transaction takes no write lock
        conn.exec_driver_sql("SELECT count(*) FROM t").scalar()
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    other.close()
    engine.dispose()


def _read_then_write(
    engine: sa.Engine, barrier: threading.Barrier, errors: list[BaseException]
) -> None:
    def fn(conn: sa.Connection) -> None:
        conn.exec_driver_sql("SELECT count(*) FROM t").scalar()
        # both have read (if they could) before writing
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=0.5)
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")

    try:
        run_write(engine, fn, attempts=1)
    except BaseException as exc:
        errors.append(exc)


def test_concurrent_read_then_write_queue_instead_of_failing(tmp_path: Path) -> None:
    """With a deferred BEGIN, two read-then-write transactions deadlock and SQLite fails
    one at once ("database is locked", busy_timeout notwithstanding). With BEGIN
    IMMEDIATE the second simply waits for the first."""
    engine = make_engine(tmp_path / "x.sqlite")
    _table(engine)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=_read_then_write, args=(engine, barrier, errors)) for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 2
    engine.dispose()


def test_writer_waits_for_the_lock(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite")
    _table(engine)
    holder = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: holder.execute("COMMIT")).start()
    start = time.monotonic()
    run_write(engine, lambda c: c.exec_driver_sql("INSERT INTO t VALUES (1)"))
    assert time.monotonic() - start >= 0.4
    holder.close()
    engine.dispose()


def _locked() -> OperationalError:
    return OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))


def test_run_write_retries_transient_errors(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite")
    _table(engine)
    calls = []

    def flaky(conn: sa.Connection) -> str:
        calls.append(1)
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        if len(calls) < 3:
            raise _locked()
        return "done"

    assert run_write(engine, flaky, base_delay=0.001) == "done"
    assert len(calls) == 3
    with engine.connect() as conn:  # the failed attempts were rolled back
        assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 1

    calls.clear()

    def always(conn: sa.Connection) -> None:
        calls.append(1)
        raise _locked()

    with pytest.raises(OperationalError):
        run_write(engine, always, attempts=4, base_delay=0.001)
    assert len(calls) == 4

    calls.clear()

    def broken(conn: sa.Connection) -> None:
        calls.append(1)
        conn.exec_driver_sql("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(OperationalError, match="no such table"):
        run_write(engine, broken, base_delay=0.001)
    assert len(calls) == 1
    engine.dispose()


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("orig", "transient"),
    [
        (sqlite3.OperationalError("database is locked"), True),
        (sqlite3.OperationalError("database table is locked"), True),
        (sqlite3.OperationalError("no such table: x"), False),
        (_PgError("40001"), True),
        (_PgError("40P01"), True),
        (_PgError("55P03"), True),
        (_PgError("23505"), False),
        (ValueError("x"), False),
    ],
)
def test_is_transient(orig: Exception, transient: bool) -> None:
    assert is_transient(OperationalError("x", {}, orig)) is transient
