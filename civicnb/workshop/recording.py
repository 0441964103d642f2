"""The records of the deliberation, written by one facilitator: each write checks that
the facilitator's key still stands and stamps the record with their name
(``recorded_by``, who recorded it last).

The facilitator's page writes agreed ratings, outcomes and their indicator values,
activities, actions, assets, harvest notes, attendance and celebrations through a
:class:`Recorder` only, never through the store directly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeVar

from civicnb.records import (
    Action,
    Activity,
    Asset,
    Attendance,
    Celebration,
    HarvestNote,
    JointRating,
    Outcome,
    OutcomeReading,
)
from civicnb.store import Store
from civicnb.workshop.attendance import add_default_attendance
from civicnb.workshop.facilitators import Holder, check_holder
from civicnb.workshop.themes import tag_theme

__all__ = ["Recorder"]

_R = TypeVar(
    "_R",
    Action,
    Activity,
    Asset,
    Attendance,
    Celebration,
    HarvestNote,
    JointRating,
    Outcome,
    OutcomeReading,
)


@dataclass(frozen=True)
class Recorder:
    """Writes deliberation records as ``holder``; :class:`KeyRevoked` (an InputError)
    and nothing written once the holder's key is revoked
    (:class:`~civicnb.workshop.facilitators.KeyRevoked`)."""

    store: Store
    holder: Holder

    def check(self) -> None:
        """:class:`KeyRevoked` if the holder's key was revoked: call it before any other
        write made from the page (a reveal, an erasure)."""
        check_holder(self.store, self.holder)

    def _stamp(self, record: _R) -> _R:
        self.check()
        return replace(record, recorded_by=self.holder.name)

    def save_joint_rating(self, j: JointRating) -> JointRating:
        return self.store.save_joint_rating(self._stamp(j))

    def save_outcome(self, o: Outcome) -> Outcome:
        return self.store.save_outcome(self._stamp(o))

    def save_outcome_reading(self, r: OutcomeReading) -> OutcomeReading:
        return self.store.save_outcome_reading(self._stamp(r))

    def save_activity(self, a: Activity) -> Activity:
        return self.store.save_activity(self._stamp(a))

    def save_action(self, a: Action) -> Action:
        return self.store.save_action(self._stamp(a))

    def save_asset(self, a: Asset) -> Asset:
        return self.store.save_asset(self._stamp(a))

    def add_harvest_note(self, n: HarvestNote) -> HarvestNote:
        return self.store.add_harvest_note(self._stamp(n))

    def save_harvest_note(self, n: HarvestNote) -> HarvestNote:
        return self.store.save_harvest_note(self._stamp(n))

    def save_attendance(self, a: Attendance) -> Attendance:
        return self.store.save_attendance(self._stamp(a))

    def delete_attendance(self, attendance_id: str) -> bool:
        self.check()
        return self.store.delete_attendance(attendance_id)

    def add_celebration(self, c: Celebration) -> Celebration:
        return self.store.add_celebration(self._stamp(c))

    def tag_theme(self, round_id: str, theme: str) -> int:
        """:func:`civicnb.workshop.themes.tag_theme`, the notes tagged stamped."""
        self.check()
        return tag_theme(self.store, round_id, theme, recorded_by=self.holder.name)

    def add_default_attendance(self, round_id: str, lang: str = "en") -> list[Attendance]:
        """:func:`civicnb.workshop.attendance.add_default_attendance`, stamped (nothing is
        checked or written when the round has its groups already)."""
        if self.store.attendance(round_id):
            return self.store.attendance(round_id)
        self.check()
        return add_default_attendance(self.store, round_id, lang, recorded_by=self.holder.name)
