"""Who's not here: the stakeholder groups a round expects, and those not present."""

from __future__ import annotations

from civicnb.i18n import message
from civicnb.i18n.workshop import STAKEHOLDER_KEYS
from civicnb.records import Attendance
from civicnb.store import Store
from civicnb.workshop._common import check_lang

__all__ = [
    "add_default_attendance",
    "default_stakeholder_groups",
    "not_fully_heard",
    "whos_not_here",
]


def default_stakeholder_groups(lang: str = "en") -> tuple[str, ...]:
    """The stakeholder groups a workshop usually expects (the facilitator edits them)."""
    lang = check_lang(lang)
    return tuple(message(key, lang) for key in STAKEHOLDER_KEYS)


def add_default_attendance(
    store: Store, round_id: str, lang: str = "en", *, recorded_by: str = ""
) -> list[Attendance]:
    """Give a round the default expected groups if it has no attendance record yet
    (recorded by ``recorded_by``); returns the round's attendance records (unchanged if
    it had some)."""
    groups = default_stakeholder_groups(lang)
    with store.transaction():
        if not store.attendance(round_id):
            for g in groups:
                store.save_attendance(
                    Attendance(round_id, g, expected=True, present=False, recorded_by=recorded_by)
                )
    return store.attendance(round_id)


def whos_not_here(store: Store, round_id: str) -> list[Attendance]:
    """The groups expected in the round but not present (by name), with their outreach
    notes."""
    return [a for a in store.attendance(round_id) if a.expected and not a.present]


def not_fully_heard(store: Store, round_id: str) -> list[Attendance]:
    """The groups present in the round whose voice and contribution are noted as not
    being fully recognised (``unheard_note``)."""
    return [a for a in store.attendance(round_id) if a.present and a.unheard_note.strip()]
