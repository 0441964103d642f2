"""What the store keeps of the room during a workshop: World Café harvest notes,
attendance (who is expected, who is here), the celebrations log and which strands
are revealed."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from civicnb.errors import ConflictError, InputError
from civicnb.records import Attendance, Celebration, HarvestNote, utcnow
from civicnb.store import schema as s
from civicnb.store.base import StoreBase
from civicnb.store.mapping import ATTENDANCE, CELEBRATION, HARVEST_NOTE

__all__ = ["RoomMixin"]


class RoomMixin(StoreBase):
    """Harvest notes, attendance, celebrations and reveals."""

    # --- harvest notes, attendance ---------------------------------------------------

    def add_harvest_note(self, n: HarvestNote) -> HarvestNote:
        """Add a World Café harvest note. ConflictError if its id exists."""

        def _do(conn: Connection) -> HarvestNote:
            self._require_open_round(conn, n.round_id, "the harvest note")
            if self._exists(conn, s.harvest_notes, n.id):
                raise ConflictError(f"a harvest note with id {n.id!r} exists already")
            conn.execute(sa.insert(s.harvest_notes).values(**HARVEST_NOTE.values(n)))
            return n

        return self._write(_do)

    def save_harvest_note(self, n: HarvestNote) -> HarvestNote:
        """Insert or update (by id) a harvest note (an existing note keeps created_at)."""
        values = HARVEST_NOTE.values(n)

        def _do(conn: Connection) -> HarvestNote:
            self._require_open_round(conn, n.round_id, "the harvest note")
            self._same_round(conn, s.harvest_notes, n.id, n.round_id, "harvest note")
            update = ("cafe_table", "text", "cafe_round", "themes", "recorded_by")
            return HARVEST_NOTE.from_row(
                self._upsert(conn, s.harvest_notes, values, ("id",), update)
            )

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
        return sorted((HARVEST_NOTE.from_row(r) for r in rows), key=HARVEST_NOTE.order)

    def delete_harvest_note(self, note_id: str) -> bool:
        return self._delete(s.harvest_notes, note_id)

    def save_attendance(self, a: Attendance) -> Attendance:
        """Insert or update (by id) who is expected / present in a round."""
        values = ATTENDANCE.values(a)

        def _do(conn: Connection) -> Attendance:
            self._require_open_round(conn, a.round_id, "the attendance record")
            self._same_round(conn, s.attendance, a.id, a.round_id, "attendance")
            update = (
                "stakeholder_group",
                "expected",
                "present",
                "outreach_note",
                "recorded_by",
                "unheard_note",
            )
            return ATTENDANCE.from_row(self._upsert(conn, s.attendance, values, ("id",), update))

        return self._write(_do)

    def attendance(self, round_id: str) -> list[Attendance]:
        """The round's stakeholder groups, by name."""
        t = s.attendance
        rows = self._read(lambda c: list(c.execute(sa.select(t).where(t.c.round_id == round_id))))
        return sorted((ATTENDANCE.from_row(r) for r in rows), key=ATTENDANCE.order)

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
            conn.execute(sa.insert(s.celebrations).values(**CELEBRATION.values(c)))
            return c

        return self._write(_do)

    def celebrations(self, locality_id: str) -> list[Celebration]:
        """The locality's celebrations log, oldest first."""
        t = s.celebrations
        rows = self._read(
            lambda c: list(c.execute(sa.select(t).where(t.c.locality_id == locality_id)))
        )
        return sorted((CELEBRATION.from_row(r) for r in rows), key=CELEBRATION.order)

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
