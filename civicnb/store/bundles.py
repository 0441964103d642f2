"""Whole localities in and out of the store: an export read in one snapshot, an import
written in one transaction (everything or nothing), checked before anything is written."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from civicnb.errors import ConflictError, InputError, NotFoundError
from civicnb.records import Locality, LocalityRecords
from civicnb.store import schema as s
from civicnb.store.base import StoreBase, chunks
from civicnb.store.mapping import BUNDLE, LOCALITY, Mapping

__all__ = ["BundlesMixin"]


class BundlesMixin(StoreBase):
    """Export and import of whole localities."""

    # --- whole localities ------------------------------------------------------------

    def export_locality(self, slug_or_id: str) -> LocalityRecords:
        """Everything recorded for a locality, read in one consistent snapshot, in a
        deterministic order."""

        def _do(conn: Connection) -> LocalityRecords:
            row = self._find_locality(conn, slug_or_id)
            if row is None:
                raise NotFoundError("locality", slug_or_id, self._slugs(conn))
            loc = LOCALITY.from_row(row)
            lid = loc.id

            def rows(m: Mapping[Any]) -> list[Row[Any]]:
                t = m.table
                if "locality_id" in t.c:
                    return list(conn.execute(sa.select(t).where(t.c.locality_id == lid)))
                q = sa.select(t).join(s.rounds, s.rounds.c.id == t.c.round_id)
                return list(conn.execute(q.where(s.rounds.c.locality_id == lid)))

            def records(m: Mapping[Any]) -> tuple[Any, ...]:
                if m.link is None:
                    found = [m.from_row(r) for r in rows(m)]
                else:
                    found = self._linked_records(conn, m, rows(m))
                return tuple(sorted(found, key=m.order))

            return LocalityRecords(locality=loc, **{name: records(m) for name, m in BUNDLE})

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
                for chunk in chunks(ids):
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
    return [(s.localities, [rec.locality.id])] + [
        (m.table, [x.id for x in getattr(rec, name)]) for name, m in BUNDLE
    ]


def _record_rows(rec: LocalityRecords) -> list[tuple[sa.Table, list[dict[str, Any]]]]:
    """Rows to insert, parents before children (a record's outcome links right after
    the records)."""
    out: list[tuple[sa.Table, list[dict[str, Any]]]] = [
        (s.localities, [LOCALITY.values(rec.locality)])
    ]
    for name, m in BUNDLE:
        items = getattr(rec, name)
        out.append((m.table, [m.values(x) for x in items]))
        if m.link is not None:
            out.append((m.link, m.link_rows(items)))
    return out


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
        ("organisation", rec.organisations),
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
    org_sides = {o.id: o.side for o in rec.organisations}
    for p in rec.participants:
        if p.organisation_id is not None and org_sides.get(p.organisation_id) is not p.side:
            fail(f"participant {p.id!r} is of an organisation not on their side")
        rated = p.rates_organisation_id
        if rated is not None and (rated not in org_sides or org_sides[rated] is p.side):
            fail(f"participant {p.id!r} rates an organisation that is not of another side")
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
    readings: set[tuple[str, str]] = set()
    for v in rec.outcome_readings:
        if v.round_id not in round_ids:
            fail(f"indicator value {v.id!r} refers to an unknown round {v.round_id!r}")
        if v.outcome_id not in outcome_ids:
            fail(f"indicator value {v.id!r} refers to an unknown outcome {v.outcome_id!r}")
        if (v.round_id, v.outcome_id) in readings:
            fail(f"two indicator values for outcome {v.outcome_id!r} in the same round")
        readings.add((v.round_id, v.outcome_id))
    for kind, by_round in (
        ("harvest note", rec.harvest_notes),
        ("attendance record", rec.attendance),
    ):
        for y in by_round:
            if y.round_id not in round_ids:
                fail(f"{kind} {y.id!r} refers to an unknown round {y.round_id!r}")
