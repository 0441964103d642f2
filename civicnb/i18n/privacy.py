# ruff: noqa: E501
"""The words of withdrawal and erasure, in English (merged into
:data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["PRIVACY_MESSAGES"]

PRIVACY_MESSAGES: dict[str, str] = {
    # "My summary": a participant withdraws
    "wd_title": "Withdraw my answers",
    "wd_text": "You can take back everything you gave in this workbook: your ratings and notes in every round, and your name or pseudonym. The room's views are then worked out without you. This cannot be undone.",
    "wd_start": "Withdraw my answers…",
    "wd_confirm_text": "Are you sure? All your answers and notes will be deleted for good.",
    "wd_confirm": "Yes, delete all my answers",
    "wd_cancel": "No, keep them",
    "wd_done": "Your answers and notes have been deleted. Thank you for taking part.",
    "wd_reports": "Reports made before today may still hold them: the facilitator will remake them.",
    # the facilitator page: erase a participant
    "er_title": "Erase a participant",
    "er_text": "When someone asks to be removed: type their id, or their name or pseudonym as they typed it. Their answers and notes are deleted from every round, the reveals are worked out again without them, and future reports and exports no longer hold them.",
    "er_who": "Id or name",
    "er_find": "Erase…",
    "er_confirm_text": "Erase {who} ({side})? This deletes {n} answers for good.",
    "er_confirm": "Yes, erase",
    "er_cancel": "Cancel",
    "er_done": "Erased: {n} answers, {sessions} sessions ended, {reveals} reveals worked out again.",
    "er_remake": "Reports made before still hold their answers; remake them: {files}",
    "er_no_reports": "No report of this locality was made before.",
}
