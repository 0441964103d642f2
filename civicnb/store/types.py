"""Column types shared by the schema and the migrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

__all__ = ["UTCDateTime"]


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime that round-trips exactly to the microsecond.

    PostgreSQL stores it as ``TIMESTAMP WITH TIME ZONE`` (microsecond resolution).
    SQLite has no datetime type: SQLAlchemy stores ``DATETIME`` as ISO-8601 text
    (``2024-05-01 10:11:12.123456``), which we write in UTC and read back as UTC, so the
    text sorts in time order. Naive datetimes are refused: they are ambiguous.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetimes cannot be stored: give a timezone (UTC)")
        utc: dt.datetime = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return utc.replace(tzinfo=None)
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # defensive: a hand-written row on SQLite
            value = dt.datetime.fromisoformat(value)
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime from the database, got {value!r}")
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
