"""Engines for the store: SQLite (default, one file in the workspace) or PostgreSQL.

SQLite is set up for many writers on one machine (a workshop room on one laptop):

* ``journal_mode=WAL``: readers never block the writer and the writer never blocks
  readers;
* ``busy_timeout=30000``: a connection that finds the database locked waits for up to
  30 s instead of failing at once;
* ``foreign_keys=ON`` (SQLite's default is off), ``synchronous=NORMAL`` (durable in WAL
  mode except for the last transactions on power loss; never corrupts);
* write transactions start with ``BEGIN IMMEDIATE``. pysqlite's default ``BEGIN``
  (deferred) takes the write lock only at the first write; two transactions that both
  read first and then write deadlock, and SQLite fails one of them at once with
  "database is locked" -- busy_timeout does not help there. Taking the write lock at
  ``BEGIN`` makes writers queue on the lock instead (the SQLAlchemy pysqlite
  "Serializable isolation / Savepoints / Transactional DDL" recipe: the driver's own
  transaction handling is switched off and we emit ``BEGIN`` ourselves).

:func:`run_write` runs a write transaction and retries it, a bounded number of times
with jittered exponential backoff, when the database reports a transient failure
(SQLite busy/locked, PostgreSQL serialization failure, deadlock, lock timeout). When it
returns, the transaction has been committed.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from civicnb.errors import StoreError

__all__ = [
    "BUSY_TIMEOUT_MS",
    "WRITE",
    "is_transient",
    "make_engine",
    "normalise_url",
    "run_write",
]

T = TypeVar("T")

BUSY_TIMEOUT_MS = 30_000
"""How long an SQLite connection waits for a lock before reporting "database is locked"."""

WRITE = "civicnb_write"
"""Execution option: set it to True on a connection to begin its transactions with
``BEGIN IMMEDIATE`` on SQLite."""

MAX_ATTEMPTS = 8
"""How many times :func:`run_write` tries a transaction that fails transiently."""

_PG_TRANSIENT = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available
}
_SQLITE_TRANSIENT_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED (and extended codes & 0xFF)


def normalise_url(url_or_path: str | os.PathLike[str] | URL) -> URL:
    """An SQLAlchemy URL for a database URL or a filesystem path (an SQLite file).

    ``postgresql://`` and ``postgres://`` use the psycopg (3) driver.
    """
    if isinstance(url_or_path, URL):
        url = url_or_path
    else:
        text = os.fspath(url_or_path)
        if "://" not in text:
            path = Path(text).expanduser()
            return URL.create("sqlite+pysqlite", database=str(path.absolute()))
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise StoreError(f"not a database URL or path: {text!r}") from exc
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if url.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
            url = url.set(drivername="postgresql+psycopg")
    elif backend == "sqlite":
        if url.drivername != "sqlite+pysqlite" and url.drivername != "sqlite":
            raise StoreError(f"unsupported SQLite driver {url.drivername!r}; use sqlite://")
        url = url.set(drivername="sqlite+pysqlite")
    else:
        raise StoreError(
            f"unsupported database {backend!r}: use an SQLite file path or a postgresql:// URL"
        )
    return url


def make_engine(url_or_path: str | os.PathLike[str] | URL, **kwargs: Any) -> Engine:
    """A configured engine for an SQLite file path/URL or a PostgreSQL URL."""
    url = normalise_url(url_or_path)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, **kwargs)
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise StoreError(
            "PostgreSQL support needs psycopg: pip install 'civicnb[postgres]'"
        ) from exc
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("connect_args", {}).setdefault("connect_timeout", 10)
    return sa.create_engine(url, **kwargs)


def _sqlite_engine(url: URL, **kwargs: Any) -> Engine:
    if url.database not in (None, "", ":memory:"):
        _create_private(Path(url.database))  # SQLite gives its -wal and -shm the same mode
    connect_args = kwargs.pop("connect_args", {})
    # we wait on locks via busy_timeout; the driver's own timeout is the same
    connect_args.setdefault("timeout", BUSY_TIMEOUT_MS / 1000)
    engine = sa.create_engine(url, connect_args=connect_args, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # switch off pysqlite's own BEGIN handling; we emit BEGIN in "begin" below
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA secure_delete = ON")  # erased answers are overwritten
            if url.database not in (None, "", ":memory:"):
                mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()
                if mode is None or str(mode[0]).lower() != "wal":  # pragma: no cover
                    raise StoreError(
                        f"could not switch {url.database} to WAL mode (got {mode!r}); "
                        "is it on a network drive?"
                    )
            cur.execute("PRAGMA synchronous = NORMAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _create_private(path: Path) -> None:
    """Create an empty database file readable by its owner only (SQLite would create it
    world-readable on first connect); an existing file is left alone."""
    if not path.parent.is_dir():
        return  # SQLite reports the missing folder itself
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def is_transient(exc: BaseException) -> bool:
    """True for errors after which the same transaction may well succeed if retried."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, sqlite3.OperationalError):
        code = getattr(orig, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE_TRANSIENT_CODES:
            return True
        msg = str(orig).lower()
        return "database is locked" in msg or "is busy" in msg or "table is locked" in msg
    sqlstate = getattr(orig, "sqlstate", None)
    return sqlstate in _PG_TRANSIENT


def run_write(
    engine: Engine,
    fn: Callable[[Connection], T],
    *,
    attempts: int = MAX_ATTEMPTS,
    base_delay: float = 0.02,
    max_delay: float = 1.0,
) -> T:
    """Run ``fn(conn)`` in one write transaction, commit it, and return its result.

    Transient failures roll the transaction back and run ``fn`` again (so ``fn`` must
    only touch the database through ``conn``), at most ``attempts`` times. Any other
    error propagates after rollback.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            with engine.connect() as conn:
                conn = conn.execution_options(**{WRITE: True})
                with conn.begin():
                    result = fn(conn)
            return result
        except DBAPIError as exc:
            if not is_transient(exc) or attempt >= attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
            time.sleep(delay * (0.5 + random.random()))
