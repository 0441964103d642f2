"""Row <-> record: ONE declaration per record type of :mod:`civicnb.records`.

A :class:`Mapping` ties a record dataclass to its table of :mod:`civicnb.store.schema`.
Its fields are read from :func:`dataclasses.fields`; each is stored in the column of
the same name unless ``columns`` renames it, converted on the way in and out by the
``convert`` pair given for it (Boolean columns come back as ``bool`` without saying
so). A field fed from a link table (``outcome_ids``) is named by ``links``. The
declaration is checked when this module is imported: every field must have its column
and every column its field, so a column added to the schema without its field (or the
reverse) fails at once, not when a record loses a value.

>>> RATING.table.name, RATING.column("question_id")
('ratings', 'question_id')
>>> HARVEST_NOTE.column("table")
'cafe_table'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Row

from civicnb.records import (
    Action,
    Activity,
    Asset,
    Attendance,
    Celebration,
    Facilitator,
    HarvestNote,
    JointRating,
    Locality,
    Organisation,
    Outcome,
    OutcomeReading,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.store import schema as s

__all__ = [
    "ACTION",
    "ACTIVITY",
    "ASSET",
    "ATTENDANCE",
    "BUNDLE",
    "CELEBRATION",
    "FACILITATOR",
    "HARVEST_NOTE",
    "JOINT_RATING",
    "LOCALITY",
    "ORGANISATION",
    "OUTCOME",
    "OUTCOME_READING",
    "PARTICIPANT",
    "RATING",
    "ROUND",
    "Mapping",
]

R = TypeVar("R")
Convert = Callable[[Any], Any]


class Mapping(Generic[R]):
    """How records of type ``record`` are stored in ``table`` (see the module)."""

    __slots__ = ("_from", "_to", "link", "link_field", "link_owner", "order", "record", "table")

    def __init__(
        self,
        record: type[R],
        table: sa.Table,
        *,
        order: Callable[[R], Any],
        columns: dict[str, str] | None = None,
        convert: dict[str, tuple[Convert, Convert]] | None = None,
        links: tuple[str, sa.Table, str] | None = None,
    ) -> None:
        self.record = record
        self.table = table
        self.order = order
        """Sort key of a list of these records (applied in Python: the same order on
        every database and collation)."""
        self.link: sa.Table | None
        self.link_field, self.link, self.link_owner = links if links else ("", None, "")
        """The field fed from a link table, the link table and its column naming the
        owner (``outcome_ids``, ``activity_outcomes``, ``activity_id``), else ''."""
        renames = columns or {}
        conv = convert or {}
        to: list[tuple[str, str, Convert | None]] = []
        from_: list[tuple[str, str, Convert | None]] = []
        for f in dataclasses.fields(record):  # type: ignore[arg-type]
            if f.name == self.link_field:
                continue
            col = renames.get(f.name, f.name)
            if col not in table.c:
                raise TypeError(f"{record.__name__}.{f.name}: no column {col!r} in {table.name}")
            to_db, from_db = conv.get(f.name, (None, None))
            if from_db is None and isinstance(table.c[col].type, sa.Boolean):
                from_db = bool
            to.append((f.name, col, to_db))
            from_.append((f.name, col, from_db))
        unmapped = set(table.c.keys()) - {col for _, col, _ in to}
        if unmapped:
            raise TypeError(f"{table.name}: no field of {record.__name__} for {sorted(unmapped)}")
        unknown = (set(renames) | set(conv)) - {name for name, _, _ in to}
        if unknown:
            raise TypeError(f"{record.__name__}: no stored field {sorted(unknown)}")
        self._to = tuple(to)
        self._from = tuple(from_)

    def column(self, field: str) -> str:
        """The column that stores ``field``."""
        return next(col for name, col, _ in self._to if name == field)

    def values(self, rec: R) -> dict[str, Any]:
        """The row of ``rec``: column -> value (no link-table field)."""
        return {
            col: getattr(rec, name) if to is None else to(getattr(rec, name))
            for name, col, to in self._to
        }

    def from_row(self, row: Row[Any], links: tuple[str, ...] = ()) -> R:
        """The record of a row of ``table`` (``links``: the linked ids, in order)."""
        kw = {
            name: getattr(row, col) if fr is None else fr(getattr(row, col))
            for name, col, fr in self._from
        }
        if self.link_field:
            kw[self.link_field] = links
        return self.record(**kw)

    def link_rows(self, items: Sequence[Any]) -> list[dict[str, Any]]:
        """The link-table rows of ``items`` (their ``link_field`` ids, without repeats,
        in order)."""
        col = self.link_owner
        return [
            {col: x.id, "outcome_id": o, "position": i}
            for x in items
            for i, o in enumerate(dict.fromkeys(getattr(x, self.link_field)))
        ]


def _outcomes(owner: str, link: sa.Table) -> tuple[str, sa.Table, str]:
    return ("outcome_ids", link, f"{owner}_id")


LOCALITY = Mapping(Locality, s.localities, order=lambda x: (x.name.casefold(), x.name, x.slug))
ROUND = Mapping(Round, s.rounds, order=lambda x: (x.position, x.label, x.id))
ORGANISATION = Mapping(
    Organisation,
    s.organisations,
    order=lambda x: (x.side.value, x.name.casefold(), x.name, x.id),
    convert={"side": (lambda v: v.value, Side)},
)
PARTICIPANT = Mapping(
    Participant,
    s.participants,
    order=lambda x: (x.created_at, x.id),
    convert={"side": (lambda v: v.value, Side)},
)
RATING = Mapping(Rating, s.ratings, order=lambda x: (x.round_id, x.participant_id, x.question_id))
JOINT_RATING = Mapping(JointRating, s.joint_ratings, order=lambda x: (x.round_id, x.pair_id))
OUTCOME = Mapping(
    Outcome, s.outcomes, order=lambda x: (x.category, x.title.casefold(), x.title, x.id)
)
ACTIVITY = Mapping(
    Activity,
    s.activities,
    order=lambda x: (x.title.casefold(), x.title, x.id),
    links=_outcomes("activity", s.activity_outcomes),
)
ACTION = Mapping(
    Action,
    s.actions,
    order=lambda x: (x.created_at, x.id),
    convert={"screening": (dict, lambda v: dict(v or {}))},
    links=_outcomes("action", s.action_outcomes),
)
ASSET = Mapping(
    Asset,
    s.assets,
    order=lambda x: (x.category, x.description.casefold(), x.description, x.id),
    links=_outcomes("asset", s.asset_outcomes),
)
HARVEST_NOTE = Mapping(
    HarvestNote,
    s.harvest_notes,
    order=lambda x: (x.round_id, x.cafe_round, x.table, x.created_at, x.id),
    columns={"table": "cafe_table"},
    convert={"themes": (list, lambda v: tuple(v or ()))},
)
ATTENDANCE = Mapping(
    Attendance,
    s.attendance,
    order=lambda x: (x.round_id, x.group.casefold(), x.group, x.id),
    columns={"group": "stakeholder_group"},
)
CELEBRATION = Mapping(Celebration, s.celebrations, order=lambda x: (x.created_at, x.id))
OUTCOME_READING = Mapping(
    OutcomeReading, s.outcome_readings, order=lambda x: (x.round_id, x.outcome_id, x.id)
)

FACILITATOR = Mapping(
    Facilitator, s.facilitators, order=lambda x: (x.created_at, x.name.casefold(), x.id)
)
"""Not in :data:`BUNDLE`: facilitators' keys never leave the workspace."""

BUNDLE: tuple[tuple[str, Mapping[Any]], ...] = (
    ("rounds", ROUND),
    ("organisations", ORGANISATION),
    ("participants", PARTICIPANT),
    ("ratings", RATING),
    ("joint_ratings", JOINT_RATING),
    ("outcomes", OUTCOME),
    ("activities", ACTIVITY),
    ("actions", ACTION),
    ("assets", ASSET),
    ("harvest_notes", HARVEST_NOTE),
    ("attendance", ATTENDANCE),
    ("celebrations", CELEBRATION),
    ("outcome_readings", OUTCOME_READING),
)
"""The fields of :class:`~civicnb.records.LocalityRecords` after ``locality``, with
their mappings, parents before children (the order an import writes them in)."""
