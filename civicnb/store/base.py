"""What every part of the :class:`~civicnb.store.Store` stands on: its engine and
lifecycle, transactions (retried writes, snapshot reads), the translation of database
errors into civicnb's, and the checks and statements shared by several record types.

The record types' methods live in mixins over :class:`StoreBase` (``localities``,
``ratings``, ``planning``, ``room``, ``settings``, ``bundles``); :mod:`civicnb.store.store`
puts them together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Self, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.exc import DBAPIError, IntegrityError

from civicnb.errors import CivicnbError, ConflictError, InputError, RoundClosedError, StoreError
from civicnb.records import Locality
from civicnb.store import schema as s
from civicnb.store.engine import WRITE, run_write
from civicnb.store.mapping import Mapping

__all__ = ["StoreBase", "chunks", "db_message", "dedupe"]

T = TypeVar("T")

_CHUNK = 500
"""Most ids bound in one ``IN (...)`` (well under SQLite's and PostgreSQL's limits)."""


def db_message(engine: Engine, what: str, exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return f"{what} the store {engine.url.render_as_string(hide_password=True)}: {first}"


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def dedupe(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


class StoreBase:
    """The engine, transactions and shared helpers of :class:`~civicnb.store.Store`."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._local = threading.local()

    # --- lifecycle -------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self._engine.dialect.name

    @property
    def url(self) -> str:
        """The database URL, with any password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.url}>"

    # --- transactions ----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: everything inside commits together at the end of the block,
        or nothing does if it raises. Nested blocks join the outer one. Not retried on
        transient failures (a block cannot be replayed): keep blocks short."""
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        try:
            with self._engine.connect() as conn:
                conn.execution_options(**{WRITE: True})
                with conn.begin():
                    self._local.conn = conn
                    try:
                        yield
                    finally:
                        self._local.conn = None
        except IntegrityError as exc:
            raise self._integrity_error(exc) from exc
        except DBAPIError as exc:
            raise StoreError(db_message(self._engine, "cannot write to", exc)) from exc

    def _write(self, fn: Callable[[Connection], T]) -> T:
        conn: Connection | None = getattr(self._local, "conn", None)
        try:
            if conn is not None:
                return fn(conn)
            return run_write(self._engine, fn)
        except IntegrityError as exc:
            raise self._integrity_error(exc) from exc
        except DBAPIError as exc:
            raise StoreError(db_message(self._engine, "cannot write to", exc)) from exc

    def _read(self, fn: Callable[[Connection], T], *, snapshot: bool = False) -> T:
        conn: Connection | None = getattr(self._local, "conn", None)
        try:
            if conn is not None:
                return fn(conn)
            with self._engine.connect() as c:
                if snapshot and c.dialect.name == "postgresql":
                    c.execution_options(isolation_level="REPEATABLE READ")
                with c.begin():
                    return fn(c)
        except DBAPIError as exc:
            raise StoreError(db_message(self._engine, "cannot read", exc)) from exc

    @staticmethod
    def _integrity_error(exc: IntegrityError) -> CivicnbError:
        orig = exc.orig
        text = str(orig).lower()
        sqlstate = getattr(orig, "sqlstate", None)
        if sqlstate == "23503" or "foreign key" in text:
            return InputError(
                "a record refers to a locality, round, participant or outcome that does not exist"
            )
        if sqlstate == "23505" or "unique" in text:
            return ConflictError("a record with the same id or key exists already")
        return InputError(f"the store refused the record: {str(orig).splitlines()[0]}")

    # --- helpers ---------------------------------------------------------------------

    @staticmethod
    def _insert(conn: Connection) -> Callable[[sa.Table], Any]:
        if conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert

    def _upsert(
        self,
        conn: Connection,
        table: sa.Table,
        values: dict[str, Any],
        keys: Sequence[str],
        update: Iterable[str],
        *,
        extra: dict[str, Any] | None = None,
    ) -> Row[Any]:
        """INSERT ... ON CONFLICT (keys) DO UPDATE SET update..., returning the row."""
        stmt = self._insert(conn)(table).values(**values)
        set_ = {c: stmt.excluded[c] for c in update}
        set_.update(extra or {})
        stmt = stmt.on_conflict_do_update(index_elements=list(keys), set_=set_)
        if conn.dialect.insert_returning:
            row = conn.execute(stmt.returning(*table.c)).one()
            return row
        conn.execute(stmt)  # pragma: no cover - SQLite < 3.35
        where = sa.and_(*(table.c[k] == values[k] for k in keys))  # pragma: no cover
        return conn.execute(sa.select(table).where(where)).one()  # pragma: no cover

    @staticmethod
    def _exists(conn: Connection, table: sa.Table, id_: str) -> bool:
        return conn.execute(sa.select(table.c.id).where(table.c.id == id_)).first() is not None

    def _require_locality(self, conn: Connection, locality_id: str, what: str) -> None:
        if not self._exists(conn, s.localities, locality_id):
            raise InputError(
                f"{what} refers to a locality that does not exist (id {locality_id!r})"
            )

    @staticmethod
    def _require_round(conn: Connection, round_id: str, what: str) -> str:
        row = conn.execute(
            sa.select(s.rounds.c.locality_id).where(s.rounds.c.id == round_id)
        ).first()
        if row is None:
            raise InputError(f"{what} refers to a round that does not exist (id {round_id!r})")
        return str(row.locality_id)

    @staticmethod
    def _require_open_round(conn: Connection, round_id: str, what: str) -> str:
        """Like :meth:`_require_round`, and :class:`~civicnb.errors.RoundClosedError`
        unless the round is its locality's latest (by position, label, id: the order of
        :meth:`rounds`): the rounds before it are read-only. Returns the locality id."""
        locality_id = StoreBase._require_round(conn, round_id, what)
        r = s.rounds
        rows = conn.execute(
            sa.select(r.c.id, r.c.label, r.c.date, r.c.position).where(
                r.c.locality_id == locality_id
            )
        ).all()
        latest = max(rows, key=lambda x: (x.position, x.label, x.id))
        if latest.id != round_id:
            closed = next(x for x in rows if x.id == round_id)
            raise RoundClosedError(closed.label, latest.label, latest.date)
        return locality_id

    @staticmethod
    def _same_locality(
        conn: Connection, table: sa.Table, id_: str, locality_id: str, what: str
    ) -> None:
        row = conn.execute(sa.select(table.c.locality_id).where(table.c.id == id_)).first()
        if row is not None and row.locality_id != locality_id:
            raise ConflictError(f"{what} id {id_!r} belongs to another locality")

    @staticmethod
    def _check_outcomes(conn: Connection, locality_id: str, ids: Sequence[str], what: str) -> None:
        if not ids:
            return
        found: set[str] = set()
        for chunk in chunks(ids):
            found.update(
                conn.execute(
                    sa.select(s.outcomes.c.id).where(
                        s.outcomes.c.id.in_(chunk), s.outcomes.c.locality_id == locality_id
                    )
                ).scalars()
            )
        missing = [i for i in ids if i not in found]
        if missing:
            raise InputError(
                f"{what} links to outcome(s) that this locality does not have: "
                + ", ".join(repr(m) for m in missing[:5])
                + (" …" if len(missing) > 5 else "")
            )

    @staticmethod
    def _replace_links(
        conn: Connection, m: Mapping[Any], owner_id: str, ids: Sequence[str]
    ) -> None:
        link, col = m.link, m.link_owner
        assert link is not None
        conn.execute(sa.delete(link).where(link.c[col] == owner_id))
        if ids:
            conn.execute(
                sa.insert(link),
                [{col: owner_id, "outcome_id": o, "position": i} for i, o in enumerate(ids)],
            )

    @staticmethod
    def _links(
        conn: Connection, m: Mapping[Any], owner_ids: Sequence[str]
    ) -> dict[str, tuple[str, ...]]:
        link, col = m.link, m.link_owner
        assert link is not None
        found: dict[str, list[tuple[int, str]]] = {}
        for chunk in chunks(owner_ids):
            rows = conn.execute(
                sa.select(link.c[col], link.c.outcome_id, link.c.position).where(
                    link.c[col].in_(chunk)
                )
            )
            for owner, outcome, pos in rows:
                found.setdefault(owner, []).append((pos, outcome))
        return {k: tuple(o for _, o in sorted(v)) for k, v in found.items()}

    @staticmethod
    def _linked_records(conn: Connection, m: Mapping[T], rows: Sequence[Row[Any]]) -> list[T]:
        """The records of ``rows`` of a table with outcome links, links filled in."""
        links = StoreBase._links(conn, m, [r.id for r in rows])
        return [m.from_row(r, links.get(r.id, ())) for r in rows]

    def _delete(self, table: sa.Table, id_: str) -> bool:
        def _do(conn: Connection) -> bool:
            return conn.execute(sa.delete(table).where(table.c.id == id_)).rowcount > 0

        return self._write(_do)

    # --- shared by localities, rounds and whole-locality imports ----------------------

    @staticmethod
    def _locality_conflicts(conn: Connection, loc: Locality, exclude_id: str | None) -> None:
        q = sa.select(s.localities.c.id, s.localities.c.name).where(s.localities.c.slug == loc.slug)
        row = conn.execute(q).first()
        if row is not None and row.id != exclude_id:
            raise ConflictError(
                f"a locality with the short name {loc.slug!r} exists already ({row.name!r}); "
                "choose another name"
            )

    @staticmethod
    def _slugs(conn: Connection) -> list[str]:
        return list(conn.execute(sa.select(s.localities.c.slug)).scalars())

    @staticmethod
    def _find_locality(conn: Connection, slug_or_id: str) -> Row[Any] | None:
        t = s.localities
        row = conn.execute(sa.select(t).where(t.c.slug == slug_or_id)).first()
        if row is None:
            row = conn.execute(sa.select(t).where(t.c.id == slug_or_id)).first()
        return row

    @staticmethod
    def _drop_round_settings(conn: Connection, round_ids: Iterable[str]) -> None:
        """Settings that belong to rounds (the reveal snapshots, ``reveal:<round>:…``;
        the submissions imported into them, ``collected:<round>:…``) go with their
        rounds: they may hold answers and notes."""
        wanted = set(round_ids)
        if not wanted:
            return
        t = s.settings
        doomed: list[str] = []
        for prefix in ("reveal:", "collected:"):
            keys = conn.execute(sa.select(t.c.key).where(t.c.key.startswith(prefix))).scalars()
            # <prefix><round id>:<strand id or digest>; a round id may hold ':', they do not
            doomed += [k for k in keys if k[len(prefix) :].rpartition(":")[0] in wanted]
        for chunk in chunks(doomed):
            conn.execute(sa.delete(t).where(t.c.key.in_(chunk)))

    @staticmethod
    def _locality_round_ids(conn: Connection, where: Any) -> list[str]:
        r, loc = s.rounds, s.localities
        q = sa.select(r.c.id).join(loc, loc.c.id == r.c.locality_id).where(where)
        return list(conn.execute(q).scalars())
