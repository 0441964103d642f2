"""The store: every read and write of civicnb's records goes through :class:`Store`.

>>> store = open_store("civicnb-workspace/civicnb.sqlite", create=True)   # doctest: +SKIP
>>> loc = store.add_locality(Locality(name="Floridablanca"))               # doctest: +SKIP

Records go in and come out as the frozen dataclasses of :mod:`civicnb.records`. Every
write method runs in its own transaction (retried on transient lock/serialization
failures) and has been committed when it returns -- unless it is called inside
``with store.transaction():``, in which case everything in the block commits together
at its end, or not at all.

:class:`Store` is put together from one mixin per concern, each in its own module:

* :mod:`~civicnb.store.base` -- engine, lifecycle, transactions, shared checks;
* :mod:`~civicnb.store.localities` -- localities, rounds, organisations, participants;
* :mod:`~civicnb.store.ratings` -- ratings and agreed (joint) ratings;
* :mod:`~civicnb.store.planning` -- outcomes, activities, actions, assets;
* :mod:`~civicnb.store.room` -- harvest notes, attendance, celebrations, reveals;
* :mod:`~civicnb.store.settings` -- workspace settings;
* :mod:`~civicnb.store.facilitators` -- co-facilitators' named keys;
* :mod:`~civicnb.store.bundles` -- export and import of whole localities;
* :mod:`~civicnb.store.network` -- a network's aggregates and consent to be named;

and rows become records (and back) by the declarations of :mod:`~civicnb.store.mapping`.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from civicnb.errors import CivicnbError, StoreError
from civicnb.store.base import db_message
from civicnb.store.bundles import BundlesMixin
from civicnb.store.engine import make_engine, normalise_url
from civicnb.store.facilitators import FacilitatorsMixin
from civicnb.store.localities import LocalitiesMixin
from civicnb.store.migrate import ensure_schema
from civicnb.store.network import NetworkMixin
from civicnb.store.planning import PlanningMixin
from civicnb.store.ratings import RatingsMixin
from civicnb.store.room import RoomMixin
from civicnb.store.settings import SettingsMixin

__all__ = ["Store", "open_store"]


class Store(
    LocalitiesMixin,
    RatingsMixin,
    PlanningMixin,
    RoomMixin,
    SettingsMixin,
    FacilitatorsMixin,
    BundlesMixin,
    NetworkMixin,
):
    """civicnb's persistence: one database (SQLite file or PostgreSQL), opened with
    :func:`open_store`. Thread-safe; use one per process. Close it (or use it as a
    context manager) when done."""


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
        raise StoreError(db_message(engine, "cannot open", exc)) from exc
    return Store(engine)
