"""The store: every read and write of civicnb's records goes through :class:`Store`.

>>> store = open_store("civicnb-workspace/civicnb.sqlite", create=True)   # doctest: +SKIP
>>> loc = store.add_locality(Locality(name="Floridablanca"))               # doctest: +SKIP

Records go in and come out as the frozen dataclasses of :mod:`civicnb.records`. Every
write method runs in its own transaction (retried on transient lock/serialization
failures) and has been committed when it returns -- unless it is called inside
``with store.transaction():``, in which case everything in the block commits together
at its end, or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, Row
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from civicnb.errors import CivicnbError, ConflictError, InputError, NotFoundError, StoreError
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
    Outcome,
    Participant,
    Rating,
    Round,
    Side,
    utcnow,
)
from civicnb.store import schema as s
from civicnb.store.engine import WRITE, make_engine, normalise_url, run_write
from civicnb.store.migrate import ensure_schema

__all__ = ["Store", "open_store"]

T = TypeVar("T")

_CHUNK = 500
"""Most ids bound in one ``IN (...)`` (well under SQLite's and PostgreSQL's limits)."""


def open_store(url_or_path: str | os.PathLike[str] | URL, *, create: bool = False) -> Store:
    """Open the store at a filesystem path (an SQLite file) or a database URL.

    ``postgresql://user@host/db`` uses PostgreSQL (through psycopg). With ``create``,
    the database (and for SQLite its folder and file) is created if needed and
    migrated up to the newest schema; without it a missing or uninitialised database
    raises :class:`StoreError` telling to run ``civicnb init``.
    """
    url = normalise_url(url_or_path)
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:"):
            raise StoreError("an in-memory SQLite store cannot be shared; give a file path")
        path = Path(database)
        if not path.exists():
            if not create:
                raise StoreError(f"no civicnb store at {path}; run `civicnb init` first")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder {path.parent}: {exc}") from exc
        elif path.is_dir():
            raise StoreError(f"{path} is a folder, not a store file")
    engine = make_engine(url)
    try:
        ensure_schema(engine, create=create)
    except CivicnbError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(_db_message(engine, "cannot open", exc)) from exc
    return Store(engine)


def _db_message(engine: Engine, what: str, exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return f"{what} the store {engine.url.render_as_string(hide_password=True)}: {first}"


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _dedupe(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


# --- row <-> record ------------------------------------------------------------------------


def _locality(r: Row[Any]) -> Locality:
    return Locality(
        name=r.name,
        slug=r.slug,
        country=r.country,
        language=r.language,
        edition=r.edition,
        min_group=r.min_group,
        id=r.id,
        created_at=r.created_at,
    )


def _locality_values(loc: Locality) -> dict[str, Any]:
    return {
        "id": loc.id,
        "slug": loc.slug,
        "name": loc.name,
        "country": loc.country,
        "language": loc.language,
        "edition": loc.edition,
        "min_group": loc.min_group,
        "created_at": loc.created_at,
    }


def _round(r: Row[Any]) -> Round:
    return Round(
        locality_id=r.locality_id, label=r.label, date=r.date, position=r.position, id=r.id
    )


def _round_values(rd: Round) -> dict[str, Any]:
    return {
        "id": rd.id,
        "locality_id": rd.locality_id,
        "label": rd.label,
        "date": rd.date,
        "position": rd.position,
    }


def _participant(r: Row[Any]) -> Participant:
    return Participant(
        locality_id=r.locality_id,
        side=Side(r.side),
        name=r.name,
        named=bool(r.named),
        id=r.id,
        created_at=r.created_at,
    )


def _participant_values(p: Participant) -> dict[str, Any]:
    return {
        "id": p.id,
        "locality_id": p.locality_id,
        "side": p.side.value,
        "name": p.name,
        "named": p.named,
        "created_at": p.created_at,
    }


def _rating(r: Row[Any]) -> Rating:
    return Rating(
        round_id=r.round_id,
        participant_id=r.participant_id,
        question_id=r.question_id,
        score=r.score,
        dont_know=bool(r.dont_know),
        note=r.note,
        would_help=r.would_help,
        id=r.id,
        created_at=r.created_at,
        updated_at=r.updated_at,
    )


def _rating_values(r: Rating) -> dict[str, Any]:
    return {
        "id": r.id,
        "round_id": r.round_id,
        "participant_id": r.participant_id,
        "question_id": r.question_id,
        "score": r.score,
        "dont_know": r.dont_know,
        "note": r.note,
        "would_help": r.would_help,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
    }


def _joint(r: Row[Any]) -> JointRating:
    return JointRating(
        round_id=r.round_id,
        pair_id=r.pair_id,
        score=r.score,
        narrative=r.narrative,
        id=r.id,
        updated_at=r.updated_at,
    )


def _joint_values(j: JointRating) -> dict[str, Any]:
    return {
        "id": j.id,
        "round_id": j.round_id,
        "pair_id": j.pair_id,
        "score": j.score,
        "narrative": j.narrative,
        "updated_at": j.updated_at,
    }


def _outcome(r: Row[Any]) -> Outcome:
    return Outcome(
        locality_id=r.locality_id,
        title=r.title,
        category=r.category,
        description=r.description,
        indicator=r.indicator,
        unit=r.unit,
        baseline=r.baseline,
        target=r.target,
        current=r.current,
        id=r.id,
    )


def _outcome_values(o: Outcome) -> dict[str, Any]:
    return {
        "id": o.id,
        "locality_id": o.locality_id,
        "title": o.title,
        "category": o.category,
        "description": o.description,
        "indicator": o.indicator,
        "unit": o.unit,
        "baseline": o.baseline,
        "target": o.target,
        "current": o.current,
    }


def _activity(r: Row[Any], links: tuple[str, ...]) -> Activity:
    return Activity(
        locality_id=r.locality_id,
        title=r.title,
        description=r.description,
        lead=r.lead,
        outcome_ids=links,
        id=r.id,
    )


def _activity_values(a: Activity) -> dict[str, Any]:
    return {
        "id": a.id,
        "locality_id": a.locality_id,
        "title": a.title,
        "description": a.description,
        "lead": a.lead,
    }


def _action(r: Row[Any], links: tuple[str, ...]) -> Action:
    return Action(
        locality_id=r.locality_id,
        text=r.text,
        strand=r.strand,
        owner=r.owner,
        due=r.due,
        status=r.status,
        round_id=r.round_id,
        outcome_ids=links,
        screening=dict(r.screening or {}),
        screening_notes=r.screening_notes,
        id=r.id,
        created_at=r.created_at,
    )


def _action_values(a: Action) -> dict[str, Any]:
    return {
        "id": a.id,
        "locality_id": a.locality_id,
        "text": a.text,
        "strand": a.strand,
        "owner": a.owner,
        "due": a.due,
        "status": a.status,
        "round_id": a.round_id,
        "screening": dict(a.screening),
        "screening_notes": a.screening_notes,
        "created_at": a.created_at,
    }


def _asset(r: Row[Any], links: tuple[str, ...]) -> Asset:
    return Asset(
        locality_id=r.locality_id,
        category=r.category,
        description=r.description,
        outcome_ids=links,
        id=r.id,
    )


def _asset_values(a: Asset) -> dict[str, Any]:
    return {
        "id": a.id,
        "locality_id": a.locality_id,
        "category": a.category,
        "description": a.description,
    }


def _harvest(r: Row[Any]) -> HarvestNote:
    return HarvestNote(
        round_id=r.round_id,
        table=r.cafe_table,
        text=r.text,
        cafe_round=r.cafe_round,
        themes=tuple(r.themes or ()),
        id=r.id,
        created_at=r.created_at,
    )


def _harvest_values(n: HarvestNote) -> dict[str, Any]:
    return {
        "id": n.id,
        "round_id": n.round_id,
        "cafe_table": n.table,
        "text": n.text,
        "cafe_round": n.cafe_round,
        "themes": list(n.themes),
        "created_at": n.created_at,
    }


def _attendance(r: Row[Any]) -> Attendance:
    return Attendance(
        round_id=r.round_id,
        group=r.stakeholder_group,
        expected=bool(r.expected),
        present=bool(r.present),
        outreach_note=r.outreach_note,
        id=r.id,
    )


def _attendance_values(a: Attendance) -> dict[str, Any]:
    return {
        "id": a.id,
        "round_id": a.round_id,
        "stakeholder_group": a.group,
        "expected": a.expected,
        "present": a.present,
        "outreach_note": a.outreach_note,
    }


def _celebration(r: Row[Any]) -> Celebration:
    return Celebration(
        locality_id=r.locality_id,
        round_id=r.round_id,
        text=r.text,
        id=r.id,
        created_at=r.created_at,
    )


def _celebration_values(c: Celebration) -> dict[str, Any]:
    return {
        "id": c.id,
        "locality_id": c.locality_id,
        "round_id": c.round_id,
        "text": c.text,
        "created_at": c.created_at,
    }


# --- sort keys (applied in Python: the same order on every database and collation) ------


def _k_locality(x: Locality) -> tuple[str, str, str]:
    return (x.name.casefold(), x.name, x.slug)


def _k_round(x: Round) -> tuple[int, str, str]:
    return (x.position, x.label, x.id)


def _k_participant(x: Participant) -> tuple[dt.datetime, str]:
    return (x.created_at, x.id)


def _k_rating(x: Rating) -> tuple[str, str, str]:
    return (x.round_id, x.participant_id, x.question_id)


def _k_joint(x: JointRating) -> tuple[str, str]:
    return (x.round_id, x.pair_id)


def _k_outcome(x: Outcome) -> tuple[str, str, str, str]:
    return (x.category, x.title.casefold(), x.title, x.id)


def _k_activity(x: Activity) -> tuple[str, str, str]:
    return (x.title.casefold(), x.title, x.id)


def _k_action(x: Action) -> tuple[dt.datetime, str]:
    return (x.created_at, x.id)


def _k_asset(x: Asset) -> tuple[str, str, str, str]:
    return (x.category, x.description.casefold(), x.description, x.id)


def _k_harvest(x: HarvestNote) -> tuple[str, int, str, dt.datetime, str]:
    return (x.round_id, x.cafe_round, x.table, x.created_at, x.id)


def _k_celebration(x: Celebration) -> tuple[dt.datetime, str]:
    return (x.created_at, x.id)


def _k_attendance(x: Attendance) -> tuple[str, str, str, str]:
    return (x.round_id, x.group.casefold(), x.group, x.id)


_LINKS: dict[str, tuple[sa.Table, str]] = {
    "activities": (s.activity_outcomes, "activity_id"),
    "actions": (s.action_outcomes, "action_id"),
    "assets": (s.asset_outcomes, "asset_id"),
}


class Store:
    """civicnb's persistence: one database (SQLite file or PostgreSQL), opened with
    :func:`open_store`. Thread-safe; use one per process. Close it (or use it as a
    context manager) when done."""

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

    def __enter__(self) -> Store:
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
            raise StoreError(_db_message(self._engine, "cannot write to", exc)) from exc

    def _write(self, fn: Callable[[Connection], T]) -> T:
        conn: Connection | None = getattr(self._local, "conn", None)
        try:
            if conn is not None:
                return fn(conn)
            return run_write(self._engine, fn)
        except IntegrityError as exc:
            raise self._integrity_error(exc) from exc
        except DBAPIError as exc:
            raise StoreError(_db_message(self._engine, "cannot write to", exc)) from exc

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
            raise StoreError(_db_message(self._engine, "cannot read", exc)) from exc

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
        for chunk in _chunks(ids):
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
        conn: Connection, owner_table: str, owner_id: str, ids: Sequence[str]
    ) -> None:
        link, col = _LINKS[owner_table]
        conn.execute(sa.delete(link).where(link.c[col] == owner_id))
        if ids:
            conn.execute(
                sa.insert(link),
                [{col: owner_id, "outcome_id": o, "position": i} for i, o in enumerate(ids)],
            )

    @staticmethod
    def _links(
        conn: Connection, owner_table: str, owner_ids: Sequence[str]
    ) -> dict[str, tuple[str, ...]]:
        link, col = _LINKS[owner_table]
        found: dict[str, list[tuple[int, str]]] = {}
        for chunk in _chunks(owner_ids):
            rows = conn.execute(
                sa.select(link.c[col], link.c.outcome_id, link.c.position).where(
                    link.c[col].in_(chunk)
                )
            )
            for owner, outcome, pos in rows:
                found.setdefault(owner, []).append((pos, outcome))
        return {k: tuple(o for _, o in sorted(v)) for k, v in found.items()}

    def _delete(self, table: sa.Table, id_: str) -> bool:
        def _do(conn: Connection) -> bool:
            return conn.execute(sa.delete(table).where(table.c.id == id_)).rowcount > 0

        return self._write(_do)

    # --- localities ------------------------------------------------------------------

    def add_locality(self, loc: Locality) -> Locality:
        """Add a new locality. ConflictError if its slug or id is taken."""

        def _do(conn: Connection) -> Locality:
            self._locality_conflicts(conn, loc, exclude_id=None)
            if self._exists(conn, s.localities, loc.id):
                raise ConflictError(f"a locality with id {loc.id!r} exists already")
            conn.execute(sa.insert(s.localities).values(**_locality_values(loc)))
            return loc

        return self._write(_do)

    @staticmethod
    def _locality_conflicts(conn: Connection, loc: Locality, exclude_id: str | None) -> None:
        q = sa.select(s.localities.c.id, s.localities.c.name).where(s.localities.c.slug == loc.slug)
        row = conn.execute(q).first()
        if row is not None and row.id != exclude_id:
            raise ConflictError(
                f"a locality with the short name {loc.slug!r} exists already ({row.name!r}); "
                "choose another name"
            )

    def update_locality(self, loc: Locality) -> Locality:
        """Change a locality's name, slug, country, language, edition or min_group (by id)."""

        def _do(conn: Connection) -> Locality:
            self._locality_conflicts(conn, loc, exclude_id=loc.id)
            values = _locality_values(loc)
            del values["id"], values["created_at"]
            res = conn.execute(
                sa.update(s.localities).where(s.localities.c.id == loc.id).values(**values)
            )
            if res.rowcount == 0:
                raise NotFoundError("locality", loc.slug, self._slugs(conn))
            row = conn.execute(sa.select(s.localities).where(s.localities.c.id == loc.id)).one()
            return _locality(row)

        return self._write(_do)

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

    def get_locality(self, slug_or_id: str) -> Locality:
        """The locality with this slug (or id). NotFoundError suggests a close slug."""

        def _do(conn: Connection) -> Locality:
            row = self._find_locality(conn, slug_or_id)
            if row is None:
                raise NotFoundError(
                    "locality", slug_or_id, self._slugs(conn), hint="`civicnb list` shows them all"
                )
            return _locality(row)

        return self._read(_do)

    def localities(self) -> list[Locality]:
        """All localities, by name."""
        rows = self._read(lambda c: list(c.execute(sa.select(s.localities))))
        return sorted((_locality(r) for r in rows), key=_k_locality)

    def delete_locality(self, slug_or_id: str) -> None:
        """Delete a locality and everything recorded for it."""

        def _do(conn: Connection) -> None:
            row = self._find_locality(conn, slug_or_id)
            if row is None:
                raise NotFoundError("locality", slug_or_id, self._slugs(conn))
            where = s.localities.c.id == row.id
            self._drop_round_settings(conn, self._locality_round_ids(conn, where))
            conn.execute(sa.delete(s.localities).where(where))

        self._write(_do)

    # --- rounds ----------------------------------------------------------------------

    def add_round(self, r: Round) -> Round:
        """Add a round to a locality. ConflictError if the label is taken there."""

        def _do(conn: Connection) -> Round:
            self._require_locality(conn, r.locality_id, "the round")
            t = s.rounds
            clash = conn.execute(
                sa.select(t.c.id).where(t.c.locality_id == r.locality_id, t.c.label == r.label)
            ).first()
            if clash is not None:
                raise ConflictError(f"this locality already has a round labelled {r.label!r}")
            if self._exists(conn, t, r.id):
                raise ConflictError(f"a round with id {r.id!r} exists already")
            conn.execute(sa.insert(t).values(**_round_values(r)))
            return r

        return self._write(_do)

    def rounds(self, locality_id: str) -> list[Round]:
        """The locality's rounds, by position (baseline first)."""
        t = s.rounds
        rows = self._read(
            lambda c: list(c.execute(sa.select(t).where(t.c.locality_id == locality_id)))
        )
        return sorted((_round(r) for r in rows), key=_k_round)

    def get_round(self, locality_id: str, label_or_id: str) -> Round:
        """A round of the locality by label (or id); NotFoundError suggests a label."""
        t = s.rounds

        def _do(conn: Connection) -> Round:
            rows = [
                _round(r) for r in conn.execute(sa.select(t).where(t.c.locality_id == locality_id))
            ]
            for rd in rows:
                if rd.label == label_or_id:
                    return rd
            for rd in rows:
                if rd.id == label_or_id:
                    return rd
            raise NotFoundError(
                "round", label_or_id, [rd.label for rd in sorted(rows, key=_k_round)]
            )

        return self._read(_do)

    def delete_round(self, round_id: str) -> bool:
        """Delete a round and its ratings, joint ratings, harvest notes, attendance and
        reveal snapshots."""

        def _do(conn: Connection) -> bool:
            self._drop_round_settings(conn, [round_id])
            return conn.execute(sa.delete(s.rounds).where(s.rounds.c.id == round_id)).rowcount > 0

        return self._write(_do)

    # --- participants ----------------------------------------------------------------

    def add_participant(self, p: Participant) -> Participant:
        def _do(conn: Connection) -> Participant:
            self._require_locality(conn, p.locality_id, "the participant")
            if self._exists(conn, s.participants, p.id):
                raise ConflictError(f"a participant with id {p.id!r} exists already")
            conn.execute(sa.insert(s.participants).values(**_participant_values(p)))
            return p

        return self._write(_do)

    def update_participant(self, p: Participant) -> Participant:
        """Change a participant's side, name or consent to be named (by id)."""
        t = s.participants

        def _do(conn: Connection) -> Participant:
            res = conn.execute(
                sa.update(t)
                .where(t.c.id == p.id, t.c.locality_id == p.locality_id)
                .values(side=p.side.value, name=p.name, named=p.named)
            )
            if res.rowcount == 0:
                raise NotFoundError("participant", p.id)
            return _participant(conn.execute(sa.select(t).where(t.c.id == p.id)).one())

        return self._write(_do)

    def participants(self, locality_id: str) -> list[Participant]:
        """The locality's participants, in the order they joined."""
        t = s.participants
        rows = self._read(
            lambda c: list(c.execute(sa.select(t).where(t.c.locality_id == locality_id)))
        )
        return sorted((_participant(r) for r in rows), key=_k_participant)

    def get_participant(self, participant_id: str) -> Participant:
        t = s.participants
        row = self._read(lambda c: c.execute(sa.select(t).where(t.c.id == participant_id)).first())
        if row is None:
            raise NotFoundError("participant", participant_id)
        return _participant(row)

    def delete_participant(self, participant_id: str) -> bool:
        """Delete a participant and their ratings."""
        return self._delete(s.participants, participant_id)

    # --- ratings ---------------------------------------------------------------------

    def save_rating(self, r: Rating) -> Rating:
        """Insert or update the participant's answer to the question in the round.

        One statement (INSERT ... ON CONFLICT DO UPDATE): an existing answer keeps its
        id and created_at; score, don't know, note and 'what would help' are replaced
        and updated_at is set to now. Returns the stored record.
        """
        now = utcnow()
        values = _rating_values(r)
        values["updated_at"] = now

        def _do(conn: Connection) -> Rating:
            row = self._upsert(
                conn,
                s.ratings,
                values,
                ("round_id", "participant_id", "question_id"),
                ("score", "dont_know", "note", "would_help", "updated_at"),
            )
            return _rating(row)

        try:
            return self._write(_do)
        except InputError:
            raise self._explain_rating(r) from None

    def _explain_rating(self, r: Rating) -> CivicnbError:
        def _do(conn: Connection) -> CivicnbError:
            rd = conn.execute(
                sa.select(s.rounds.c.locality_id).where(s.rounds.c.id == r.round_id)
            ).first()
            if rd is None:
                return InputError(
                    f"the rating refers to a round that does not exist (id {r.round_id!r})"
                )
            p = conn.execute(
                sa.select(s.participants.c.locality_id).where(
                    s.participants.c.id == r.participant_id
                )
            ).first()
            if p is None:
                return InputError(
                    "the rating refers to a participant who does not exist "
                    f"(id {r.participant_id!r})"
                )
            if self._exists(conn, s.ratings, r.id):
                return ConflictError(f"rating id {r.id!r} is already used by another answer")
            return InputError("the rating could not be stored: it refers to unknown records")

        return self._read(_do)

    def ratings(
        self,
        *,
        round_id: str | None = None,
        locality_id: str | None = None,
        participant_id: str | None = None,
    ) -> list[Rating]:
        """Ratings matching every filter given (all ratings when none is), ordered by
        round id, participant id and question id."""
        t = s.ratings
        q = sa.select(t)
        if round_id is not None:
            q = q.where(t.c.round_id == round_id)
        if participant_id is not None:
            q = q.where(t.c.participant_id == participant_id)
        if locality_id is not None:
            q = q.join(s.rounds, s.rounds.c.id == t.c.round_id).where(
                s.rounds.c.locality_id == locality_id
            )
        rows = self._read(lambda c: list(c.execute(q)))
        return sorted((_rating(r) for r in rows), key=_k_rating)

    def delete_rating(self, round_id: str, participant_id: str, question_id: str) -> bool:
        """Delete one answer; True if there was one."""
        t = s.ratings

        def _do(conn: Connection) -> bool:
            res = conn.execute(
                sa.delete(t).where(
                    t.c.round_id == round_id,
                    t.c.participant_id == participant_id,
                    t.c.question_id == question_id,
                )
            )
            return res.rowcount > 0

        return self._write(_do)

    # --- joint ratings ---------------------------------------------------------------

    def save_joint_rating(self, j: JointRating) -> JointRating:
        """Insert or update the agreed rating of a pair in a round (keeps the first id;
        updated_at is set to now). Returns the stored record."""
        values = _joint_values(j)
        values["updated_at"] = utcnow()

        def _do(conn: Connection) -> JointRating:
            self._require_round(conn, j.round_id, "the agreed rating")
            row = self._upsert(
                conn,
                s.joint_ratings,
                values,
                ("round_id", "pair_id"),
                ("score", "narrative", "updated_at"),
            )
            return _joint(row)

        return self._write(_do)

    def joint_ratings(self, round_id: str) -> list[JointRating]:
        """The round's agreed ratings, by pair id."""
        t = s.joint_ratings
        rows = self._read(lambda c: list(c.execute(sa.select(t).where(t.c.round_id == round_id))))
        return sorted((_joint(r) for r in rows), key=_k_joint)

    def delete_joint_rating(self, round_id: str, pair_id: str) -> bool:
        t = s.joint_ratings

        def _do(conn: Connection) -> bool:
            res = conn.execute(sa.delete(t).where(t.c.round_id == round_id, t.c.pair_id == pair_id))
            return res.rowcount > 0

        return self._write(_do)

    # --- outcomes, activities, actions, assets --------------------------------------

    def save_outcome(self, o: Outcome) -> Outcome:
        """Insert or update (by id) a valued outcome."""
        values = _outcome_values(o)

        def _do(conn: Connection) -> Outcome:
            self._require_locality(conn, o.locality_id, "the outcome")
            self._same_locality(conn, s.outcomes, o.id, o.locality_id, "outcome")
            update = [k for k in values if k not in ("id", "locality_id")]
            return _outcome(self._upsert(conn, s.outcomes, values, ("id",), update))

        return self._write(_do)

    def outcomes(self, locality_id: str) -> list[Outcome]:
        """The locality's valued outcomes, by category then title."""
        t = s.outcomes
        rows = self._read(
            lambda c: list(c.execute(sa.select(t).where(t.c.locality_id == locality_id)))
        )
        return sorted((_outcome(r) for r in rows), key=_k_outcome)

    def delete_outcome(self, outcome_id: str) -> bool:
        """Delete an outcome (and its links from activities, actions and assets)."""
        return self._delete(s.outcomes, outcome_id)

    def _save_linked(
        self,
        conn: Connection,
        table: sa.Table,
        values: dict[str, Any],
        locality_id: str,
        outcome_ids: tuple[str, ...],
        what: str,
    ) -> tuple[Row[Any], tuple[str, ...]]:
        self._require_locality(conn, locality_id, f"the {what}")
        self._same_locality(conn, table, values["id"], locality_id, what)
        links = _dedupe(outcome_ids)
        self._check_outcomes(conn, locality_id, links, f"the {what}")
        update = [k for k in values if k not in ("id", "locality_id", "created_at")]
        row = self._upsert(conn, table, values, ("id",), update)
        self._replace_links(conn, table.name, values["id"], links)
        return row, links

    def save_activity(self, a: Activity) -> Activity:
        """Insert or update (by id) an activity; its outcome links are replaced."""

        def _do(conn: Connection) -> Activity:
            row, links = self._save_linked(
                conn, s.activities, _activity_values(a), a.locality_id, a.outcome_ids, "activity"
            )
            return _activity(row, links)

        return self._write(_do)

    def activities(self, locality_id: str) -> list[Activity]:
        """The locality's activities, by title."""
        return sorted(self._linked(s.activities, locality_id, _activity), key=_k_activity)

    def delete_activity(self, activity_id: str) -> bool:
        return self._delete(s.activities, activity_id)

    def save_action(self, a: Action) -> Action:
        """Insert or update (by id) an action; its outcome links are replaced. An
        existing action keeps its created_at."""

        def _do(conn: Connection) -> Action:
            if a.round_id is not None:
                loc = self._require_round(conn, a.round_id, "the action")
                if loc != a.locality_id:
                    raise InputError("the action's round belongs to another locality")
            row, links = self._save_linked(
                conn, s.actions, _action_values(a), a.locality_id, a.outcome_ids, "action"
            )
            return _action(row, links)

        return self._write(_do)

    def actions(self, locality_id: str) -> list[Action]:
        """The locality's actions, oldest first."""
        return sorted(self._linked(s.actions, locality_id, _action), key=_k_action)

    def delete_action(self, action_id: str) -> bool:
        return self._delete(s.actions, action_id)

    def save_asset(self, a: Asset) -> Asset:
        """Insert or update (by id) a local asset; its outcome links are replaced."""

        def _do(conn: Connection) -> Asset:
            row, links = self._save_linked(
                conn, s.assets, _asset_values(a), a.locality_id, a.outcome_ids, "asset"
            )
            return _asset(row, links)

        return self._write(_do)

    def assets(self, locality_id: str) -> list[Asset]:
        """The locality's assets, by category then description."""
        return sorted(self._linked(s.assets, locality_id, _asset), key=_k_asset)

    def delete_asset(self, asset_id: str) -> bool:
        return self._delete(s.assets, asset_id)

    def _linked(
        self, table: sa.Table, locality_id: str, make: Callable[[Row[Any], tuple[str, ...]], T]
    ) -> list[T]:
        def _do(conn: Connection) -> list[T]:
            rows = list(conn.execute(sa.select(table).where(table.c.locality_id == locality_id)))
            links = self._links(conn, table.name, [r.id for r in rows])
            return [make(r, links.get(r.id, ())) for r in rows]

        return self._read(_do)

    # --- harvest notes, attendance ---------------------------------------------------

    def add_harvest_note(self, n: HarvestNote) -> HarvestNote:
        """Add a World Café harvest note. ConflictError if its id exists."""

        def _do(conn: Connection) -> HarvestNote:
            self._require_round(conn, n.round_id, "the harvest note")
            if self._exists(conn, s.harvest_notes, n.id):
                raise ConflictError(f"a harvest note with id {n.id!r} exists already")
            conn.execute(sa.insert(s.harvest_notes).values(**_harvest_values(n)))
            return n

        return self._write(_do)

    def save_harvest_note(self, n: HarvestNote) -> HarvestNote:
        """Insert or update (by id) a harvest note (an existing note keeps created_at)."""
        values = _harvest_values(n)

        def _do(conn: Connection) -> HarvestNote:
            self._require_round(conn, n.round_id, "the harvest note")
            self._same_round(conn, s.harvest_notes, n.id, n.round_id, "harvest note")
            update = ("cafe_table", "text", "cafe_round", "themes")
            return _harvest(self._upsert(conn, s.harvest_notes, values, ("id",), update))

        return self._write(_do)

    @staticmethod
    def _same_round(conn: Connection, table: sa.Table, id_: str, round_id: str, what: str) -> None:
        row = conn.execute(sa.select(table.c.round_id).where(table.c.id == id_)).first()
        if row is not None and row.round_id != round_id:
            raise ConflictError(f"{what} id {id_!r} belongs to another round")

    def harvest_notes(self, round_id: str) -> list[HarvestNote]:
        """The round's harvest notes, by café round, table and time."""
        t = s.harvest_notes
        rows = self._read(lambda c: list(c.execute(sa.select(t).where(t.c.round_id == round_id))))
        return sorted((_harvest(r) for r in rows), key=_k_harvest)

    def delete_harvest_note(self, note_id: str) -> bool:
        return self._delete(s.harvest_notes, note_id)

    def save_attendance(self, a: Attendance) -> Attendance:
        """Insert or update (by id) who is expected / present in a round."""
        values = _attendance_values(a)

        def _do(conn: Connection) -> Attendance:
            self._require_round(conn, a.round_id, "the attendance record")
            self._same_round(conn, s.attendance, a.id, a.round_id, "attendance")
            update = ("stakeholder_group", "expected", "present", "outreach_note")
            return _attendance(self._upsert(conn, s.attendance, values, ("id",), update))

        return self._write(_do)

    def attendance(self, round_id: str) -> list[Attendance]:
        """The round's stakeholder groups, by name."""
        t = s.attendance
        rows = self._read(lambda c: list(c.execute(sa.select(t).where(t.c.round_id == round_id))))
        return sorted((_attendance(r) for r in rows), key=_k_attendance)

    def delete_attendance(self, attendance_id: str) -> bool:
        return self._delete(s.attendance, attendance_id)

    # --- celebrations, reveals ----------------------------------------------------

    def add_celebration(self, c: Celebration) -> Celebration:
        """Add an entry to the locality's celebrations log. ConflictError if its id
        exists; InputError if its round belongs to another locality."""

        def _do(conn: Connection) -> Celebration:
            self._require_locality(conn, c.locality_id, "the celebration")
            if c.round_id is not None:
                loc = self._require_round(conn, c.round_id, "the celebration")
                if loc != c.locality_id:
                    raise InputError("the celebration's round belongs to another locality")
            if self._exists(conn, s.celebrations, c.id):
                raise ConflictError(f"a celebration with id {c.id!r} exists already")
            conn.execute(sa.insert(s.celebrations).values(**_celebration_values(c)))
            return c

        return self._write(_do)

    def celebrations(self, locality_id: str) -> list[Celebration]:
        """The locality's celebrations log, oldest first."""
        t = s.celebrations
        rows = self._read(
            lambda c: list(c.execute(sa.select(t).where(t.c.locality_id == locality_id)))
        )
        return sorted((_celebration(r) for r in rows), key=_k_celebration)

    def delete_celebration(self, celebration_id: str) -> bool:
        return self._delete(s.celebrations, celebration_id)

    def set_reveal(self, round_id: str, strand_id: str, revealed: bool) -> bool:
        """Reveal (or hide again) a strand of a round; True if the state changed.

        Revealing a strand that is revealed already keeps its first ``revealed_at``.
        """
        if not isinstance(strand_id, str) or not strand_id or len(strand_id) > 64:
            raise InputError("a strand id must be 1 to 64 characters")
        t = s.reveals

        def _do(conn: Connection) -> bool:
            self._require_round(conn, round_id, "the reveal")
            where = sa.and_(t.c.round_id == round_id, t.c.strand_id == strand_id)
            if not revealed:
                return conn.execute(sa.delete(t).where(where)).rowcount > 0
            if conn.execute(sa.select(t.c.strand_id).where(where)).first() is not None:
                return False
            stmt = (
                self._insert(conn)(t)
                .values(round_id=round_id, strand_id=strand_id, revealed_at=utcnow())
                .on_conflict_do_nothing(index_elements=["round_id", "strand_id"])
            )
            conn.execute(stmt)  # a concurrent reveal of the same strand is no error
            return True

        return self._write(_do)

    def reveals(self, round_id: str) -> dict[str, dt.datetime]:
        """The revealed strands of a round: strand id -> when it was revealed (by id)."""
        t = s.reveals
        rows = self._read(
            lambda c: list(
                c.execute(sa.select(t.c.strand_id, t.c.revealed_at).where(t.c.round_id == round_id))
            )
        )
        return {r.strand_id: r.revealed_at for r in sorted(rows, key=lambda r: r.strand_id)}

    # --- settings --------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        """A workspace-level setting (e.g. the facilitator key hash), or None."""
        t = s.settings
        value = self._read(lambda c: c.execute(sa.select(t.c.value).where(t.c.key == key)).scalar())
        return None if value is None else str(value)

    def set_setting(self, key: str, value: str) -> None:
        if not isinstance(key, str) or not key or len(key) > 128:
            raise InputError("a setting name must be 1 to 128 characters")
        if not isinstance(value, str) or "\x00" in value:
            raise InputError(f"the value of setting {key!r} must be text without NUL characters")
        self._write(
            lambda c: self._upsert(
                c, s.settings, {"key": key, "value": value}, ("key",), ("value",)
            )
        )

    def delete_setting(self, key: str) -> bool:
        t = s.settings
        return self._write(lambda c: c.execute(sa.delete(t).where(t.c.key == key)).rowcount > 0)

    def scrub(self) -> None:
        """After an erasure: SQLite overwrites deleted rows (``secure_delete``), but
        their old pages stay in the write-ahead log until a checkpoint; move the log
        into the database and empty it (best effort: a reader still open elsewhere
        may delay it to the next checkpoint). PostgreSQL: nothing here (its
        ``VACUUM`` reclaims deleted rows; see docs/privacy.md)."""
        if self.dialect != "sqlite":
            return
        try:
            with self._engine.connect() as c:
                c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except DBAPIError:  # pragma: no cover - busy: the next checkpoint does it
            pass

    def setting_keys(self, prefix: str = "") -> list[str]:
        """The names of the settings that start with ``prefix``, sorted."""
        t = s.settings
        keys = self._read(lambda c: list(c.execute(sa.select(t.c.key)).scalars()))
        return sorted(k for k in keys if k.startswith(prefix))

    @staticmethod
    def _drop_round_settings(conn: Connection, round_ids: Iterable[str]) -> None:
        """Settings that belong to rounds (the reveal snapshots, ``reveal:<round>:…``)
        go with their rounds: they may hold answers and notes."""
        wanted = set(round_ids)
        if not wanted:
            return
        t = s.settings
        keys = conn.execute(sa.select(t.c.key).where(t.c.key.startswith("reveal:"))).scalars()
        # reveal:<round id>:<strand id>; a round id may hold ':', a strand id does not
        doomed = [k for k in keys if k[len("reveal:") :].rpartition(":")[0] in wanted]
        for chunk in _chunks(doomed):
            conn.execute(sa.delete(t).where(t.c.key.in_(chunk)))

    @staticmethod
    def _locality_round_ids(conn: Connection, where: Any) -> list[str]:
        r, loc = s.rounds, s.localities
        q = sa.select(r.c.id).join(loc, loc.c.id == r.c.locality_id).where(where)
        return list(conn.execute(q).scalars())

    def settings_with_prefix(self, prefix: str) -> dict[str, str]:
        """Every setting whose name starts with ``prefix`` (e.g. one per participant)."""
        if not isinstance(prefix, str) or not prefix or len(prefix) > 128:
            raise InputError("a setting prefix must be 1 to 128 characters")
        t = s.settings
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._read(
            lambda c: list(
                c.execute(
                    sa.select(t.c.key, t.c.value).where(t.c.key.like(escaped + "%", escape="\\"))
                )
            )
        )
        return {str(r.key): str(r.value) for r in rows if str(r.key).startswith(prefix)}

    # --- whole localities ------------------------------------------------------------

    def export_locality(self, slug_or_id: str) -> LocalityRecords:
        """Everything recorded for a locality, read in one consistent snapshot, in a
        deterministic order."""

        def _do(conn: Connection) -> LocalityRecords:
            row = self._find_locality(conn, slug_or_id)
            if row is None:
                raise NotFoundError("locality", slug_or_id, self._slugs(conn))
            loc = _locality(row)
            lid = loc.id

            def by_locality(t: sa.Table) -> list[Row[Any]]:
                return list(conn.execute(sa.select(t).where(t.c.locality_id == lid)))

            def by_round(t: sa.Table) -> list[Row[Any]]:
                q = sa.select(t).join(s.rounds, s.rounds.c.id == t.c.round_id)
                return list(conn.execute(q.where(s.rounds.c.locality_id == lid)))

            def linked(t: sa.Table, make: Callable[[Row[Any], tuple[str, ...]], T]) -> list[T]:
                rows = by_locality(t)
                links = self._links(conn, t.name, [r.id for r in rows])
                return [make(r, links.get(r.id, ())) for r in rows]

            return LocalityRecords(
                locality=loc,
                rounds=tuple(sorted(map(_round, by_locality(s.rounds)), key=_k_round)),
                participants=tuple(
                    sorted(map(_participant, by_locality(s.participants)), key=_k_participant)
                ),
                ratings=tuple(sorted(map(_rating, by_round(s.ratings)), key=_k_rating)),
                joint_ratings=tuple(sorted(map(_joint, by_round(s.joint_ratings)), key=_k_joint)),
                outcomes=tuple(sorted(map(_outcome, by_locality(s.outcomes)), key=_k_outcome)),
                activities=tuple(sorted(linked(s.activities, _activity), key=_k_activity)),
                actions=tuple(sorted(linked(s.actions, _action), key=_k_action)),
                assets=tuple(sorted(linked(s.assets, _asset), key=_k_asset)),
                harvest_notes=tuple(
                    sorted(map(_harvest, by_round(s.harvest_notes)), key=_k_harvest)
                ),
                attendance=tuple(
                    sorted(map(_attendance, by_round(s.attendance)), key=_k_attendance)
                ),
                celebrations=tuple(
                    sorted(map(_celebration, by_locality(s.celebrations)), key=_k_celebration)
                ),
            )

        return self._read(_do, snapshot=True)

    def import_locality(self, records: LocalityRecords, *, replace: bool = False) -> Locality:
        """Write a whole locality in ONE transaction: everything or nothing.

        Without ``replace``, ConflictError if the locality's slug or any record id is
        in the store already. With ``replace``, the stored locality with the same slug
        is deleted first, in the same transaction; a stored locality with the same id
        but another slug is never deleted (ConflictError naming both). Records that do not
        belong together (a rating for a round that is not in ``records``…) raise
        InputError before anything is written.
        """
        _check_records(records)
        loc = records.locality

        def _do(conn: Connection) -> Locality:
            t = s.localities
            other = conn.execute(
                sa.select(t.c.slug).where(t.c.id == loc.id, t.c.slug != loc.slug)
            ).first()
            if other is not None:  # never touch a locality other than the one named
                raise ConflictError(
                    f"cannot {'replace' if replace else 'import'} {loc.slug!r}: the locality "
                    f"to import has the same id as {other.slug!r} in this store, which is "
                    f"not the one named; nothing was changed (to replace {other.slug!r}, "
                    f"set the locality's slug to {other.slug!r})"
                )
            if replace:
                where = t.c.slug == loc.slug
                self._drop_round_settings(conn, self._locality_round_ids(conn, where))
                conn.execute(sa.delete(t).where(where))
            else:
                self._locality_conflicts(conn, loc, exclude_id=None)
            for table, ids in _record_ids(records):
                for chunk in _chunks(ids):
                    clash = conn.execute(sa.select(table.c.id).where(table.c.id.in_(chunk))).first()
                    if clash is not None:
                        raise ConflictError(
                            f"cannot import {loc.slug!r}: a record with id {clash.id!r} "
                            f"({table.name}) is in the store already"
                            + ("" if replace else "; replace the locality to overwrite it")
                        )
            for table, rows in _record_rows(records):
                _insert_rows(conn, table, rows)
            return loc

        return self._write(_do)


def _insert_rows(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(sa.insert(table), rows)


def _record_ids(rec: LocalityRecords) -> list[tuple[sa.Table, list[str]]]:
    return [
        (s.localities, [rec.locality.id]),
        (s.rounds, [x.id for x in rec.rounds]),
        (s.participants, [x.id for x in rec.participants]),
        (s.ratings, [x.id for x in rec.ratings]),
        (s.joint_ratings, [x.id for x in rec.joint_ratings]),
        (s.outcomes, [x.id for x in rec.outcomes]),
        (s.activities, [x.id for x in rec.activities]),
        (s.actions, [x.id for x in rec.actions]),
        (s.assets, [x.id for x in rec.assets]),
        (s.harvest_notes, [x.id for x in rec.harvest_notes]),
        (s.attendance, [x.id for x in rec.attendance]),
        (s.celebrations, [x.id for x in rec.celebrations]),
    ]


def _link_rows(col: str, items: Iterable[Activity | Action | Asset]) -> list[dict[str, Any]]:
    return [
        {col: x.id, "outcome_id": o, "position": i}
        for x in items
        for i, o in enumerate(_dedupe(x.outcome_ids))
    ]


def _record_rows(rec: LocalityRecords) -> list[tuple[sa.Table, list[dict[str, Any]]]]:
    """Rows to insert, parents before children."""
    return [
        (s.localities, [_locality_values(rec.locality)]),
        (s.rounds, [_round_values(x) for x in rec.rounds]),
        (s.participants, [_participant_values(x) for x in rec.participants]),
        (s.ratings, [_rating_values(x) for x in rec.ratings]),
        (s.joint_ratings, [_joint_values(x) for x in rec.joint_ratings]),
        (s.outcomes, [_outcome_values(x) for x in rec.outcomes]),
        (s.activities, [_activity_values(x) for x in rec.activities]),
        (s.actions, [_action_values(x) for x in rec.actions]),
        (s.assets, [_asset_values(x) for x in rec.assets]),
        (s.activity_outcomes, _link_rows("activity_id", rec.activities)),
        (s.action_outcomes, _link_rows("action_id", rec.actions)),
        (s.asset_outcomes, _link_rows("asset_id", rec.assets)),
        (s.harvest_notes, [_harvest_values(x) for x in rec.harvest_notes]),
        (s.attendance, [_attendance_values(x) for x in rec.attendance]),
        (s.celebrations, [_celebration_values(x) for x in rec.celebrations]),
    ]


def _check_records(rec: LocalityRecords) -> None:
    """InputError unless the records of ``rec`` all belong to its locality and each
    other (before anything is written)."""
    if not isinstance(rec, LocalityRecords):
        raise InputError("import_locality needs a LocalityRecords bundle")
    lid = rec.locality.id
    name = rec.locality.slug

    def fail(msg: str) -> None:
        raise InputError(f"cannot import {name!r}: {msg}")

    for kind, items in (
        ("round", rec.rounds),
        ("participant", rec.participants),
        ("outcome", rec.outcomes),
        ("activity", rec.activities),
        ("action", rec.actions),
        ("asset", rec.assets),
        ("celebration", rec.celebrations),
    ):
        for x in items:
            if x.locality_id != lid:
                fail(f"{kind} {x.id!r} belongs to another locality ({x.locality_id!r})")
    for table, ids in _record_ids(rec):
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            fail(f"id {dup!r} appears twice among the {table.name}")
    labels = [r.label for r in rec.rounds]
    if len(set(labels)) != len(labels):
        fail("two rounds have the same label")
    round_ids = {r.id for r in rec.rounds}
    participant_ids = {p.id for p in rec.participants}
    outcome_ids = {o.id for o in rec.outcomes}
    keys: set[tuple[str, str, str]] = set()
    for r in rec.ratings:
        if r.round_id not in round_ids:
            fail(f"rating {r.id!r} refers to an unknown round {r.round_id!r}")
        if r.participant_id not in participant_ids:
            fail(f"rating {r.id!r} refers to an unknown participant {r.participant_id!r}")
        key = (r.round_id, r.participant_id, r.question_id)
        if key in keys:
            fail(f"two ratings answer {r.question_id!r} for the same participant and round")
        keys.add(key)
    pairs: set[tuple[str, str]] = set()
    for j in rec.joint_ratings:
        if j.round_id not in round_ids:
            fail(f"agreed rating {j.id!r} refers to an unknown round {j.round_id!r}")
        if (j.round_id, j.pair_id) in pairs:
            fail(f"two agreed ratings for pair {j.pair_id!r} in the same round")
        pairs.add((j.round_id, j.pair_id))
    for kind, linked in (
        ("activity", rec.activities),
        ("action", rec.actions),
        ("asset", rec.assets),
    ):
        for x in linked:
            unknown = [o for o in x.outcome_ids if o not in outcome_ids]
            if unknown:
                fail(f"{kind} {x.id!r} links to an unknown outcome {unknown[0]!r}")
    for a in rec.actions:
        if a.round_id is not None and a.round_id not in round_ids:
            fail(f"action {a.id!r} refers to an unknown round {a.round_id!r}")
    for c in rec.celebrations:
        if c.round_id is not None and c.round_id not in round_ids:
            fail(f"celebration {c.id!r} refers to an unknown round {c.round_id!r}")
    for kind, by_round in (
        ("harvest note", rec.harvest_notes),
        ("attendance record", rec.attendance),
    ):
        for y in by_round:
            if y.round_id not in round_ids:
                fail(f"{kind} {y.id!r} refers to an unknown round {y.round_id!r}")
