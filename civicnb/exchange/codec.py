"""Records <-> plain JSON values, driven by the dataclass fields of civicnb.records.

One codec for every record type, so that each field is written and read back the same
way everywhere (workbook JSON, report metadata).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from civicnb import records
from civicnb.errors import CivicnbError, WorkbookError

__all__ = ["RECORD_TYPES", "from_json", "to_json"]

T = TypeVar("T")

RECORD_TYPES: dict[str, type[Any]] = {
    "rounds": records.Round,
    "organisations": records.Organisation,
    "participants": records.Participant,
    "ratings": records.Rating,
    "joint_ratings": records.JointRating,
    "outcomes": records.Outcome,
    "activities": records.Activity,
    "actions": records.Action,
    "assets": records.Asset,
    "harvest_notes": records.HarvestNote,
    "attendance": records.Attendance,
    "celebrations": records.Celebration,
    "outcome_readings": records.OutcomeReading,
}
"""The record lists of a workbook, by key, in the order they are written."""


def _encode(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


def to_json(record: object) -> dict[str, object]:
    """A record as a JSON-ready dict (field order kept)."""
    assert dataclasses.is_dataclass(record) and not isinstance(record, type)
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


@functools.cache
def _hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


def _decode(hint: Any, value: object, where: str) -> object:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
        if value is None and type(None) in args:
            return None
        real = [a for a in args if a is not type(None)]
        if len(real) == 1:
            return _decode(real[0], value, where)
        # int | float style unions: keep the value, the record validates it
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise WorkbookError(f"{where}: expected a list")
        (item,) = typing.get_args(hint)[:1]
        return tuple(_decode(item, v, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise WorkbookError(f"{where}: expected an object")
        return dict(value)
    if hint is dt.datetime:
        if not isinstance(value, str):
            raise WorkbookError(f"{where}: expected a date-time string")
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise WorkbookError(f"{where}: {value!r} is not an ISO 8601 date-time") from None
        if parsed.tzinfo is None:
            raise WorkbookError(f"{where}: {value!r} has no time zone (add Z for UTC)")
        return parsed.astimezone(dt.UTC)
    if hint is dt.date:
        if not isinstance(value, str):
            raise WorkbookError(f"{where}: expected a date string (YYYY-MM-DD)")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise WorkbookError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return value
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def from_json(cls: type[T], data: Mapping[str, object], where: str) -> T:
    """Build a record of type ``cls`` from its JSON form; errors name ``where``."""
    if not isinstance(data, Mapping):
        raise WorkbookError(f"{where}: expected an object")
    hints = _hints(cls)  # type: ignore[arg-type]
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - names)
    if unknown:
        raise WorkbookError(f"{where}: unknown field {unknown[0]!r}")
    kwargs = {k: _decode(hints[k], v, f"{where}.{k}") for k, v in data.items()}
    try:
        return cls(**kwargs)
    except CivicnbError as exc:
        raise WorkbookError(f"{where}: {exc}") from None
    except TypeError as exc:
        raise WorkbookError(f"{where}: {exc}") from None
