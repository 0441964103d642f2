"""Every error civicnb raises on purpose.

Each message is one line that says what went wrong and what to do about it. The
CLI prints ``str(error)`` on stderr and exits with ``error.exit_code`` (1 for bad
input, 2 for bad usage); it never shows a traceback for these.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable

__all__ = [
    "CivicnbError",
    "ConflictError",
    "FrameworkError",
    "InputError",
    "NotFoundError",
    "NotRevealedError",
    "ReportError",
    "RoundClosedError",
    "StoreError",
    "Term",
    "UsageError",
    "WorkbookError",
    "WorkspaceError",
    "did_you_mean",
]


class Term(str):
    """A word inside an error message that is itself a catalog message (a field's name,
    "participant name"): the English as a ``str``, with its catalog ``key`` kept so that
    a page shows it in its own language (:func:`civicnb.i18n.error_text`)."""

    key: str

    def __new__(cls, key: str, english: str) -> Term:
        term = super().__new__(cls, english)
        term.key = key
        return term


class CivicnbError(Exception):
    """Base class: an error whose message is meant for the person at the keyboard.

    ``str(error)`` is the English (the CLI prints it). An error a participant or a
    facilitator can cause from a page also carries the catalog ``key`` of its message
    and the ``values`` of its placeholders (a :class:`Term` value is a catalog message
    too): pages show it in their language with :func:`civicnb.i18n.error_text`.
    """

    exit_code = 1

    def __init__(
        self, message: str, *, key: str | None = None, values: dict[str, object] | None = None
    ) -> None:
        # one line, always: messages are shown on stderr as they are
        super().__init__(" ".join(str(message).split()))
        self.key = key
        self.values: dict[str, object] = dict(values or {})

    @property
    def message(self) -> str:
        return str(self)


class UsageError(CivicnbError):
    """The command was called the wrong way (exit status 2)."""

    exit_code = 2


class InputError(CivicnbError):
    """A value given by a person or a file is not acceptable."""


class FrameworkError(InputError):
    """A framework file is missing, unreadable or does not match the framework schema."""


class WorkbookError(InputError):
    """A workbook file (JSON/CSV/XLSX) cannot be read or does not match the workbook schema."""


class WorkspaceError(CivicnbError):
    """The workspace folder is missing or cannot be used."""


class StoreError(CivicnbError):
    """The store (database) could not be opened or written."""


class NotFoundError(InputError):
    """A named thing (locality, round, participant, question…) does not exist."""

    def __init__(self, kind: str, name: str, known: Iterable[str] = (), hint: str = "") -> None:
        self.kind = kind
        self.name = name
        msg = f"no {kind} named {name!r}"
        suggestion = did_you_mean(name, known)
        if suggestion:
            msg += f"; did you mean {suggestion!r}?"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class ConflictError(InputError):
    """The thing to create exists already."""


class RoundClosedError(ConflictError):
    """A record was to be written into a round that is not its locality's latest: once
    the next round is opened, the earlier ones are read-only."""

    def __init__(self, closed: str, latest: str, opened: dt.date | None = None) -> None:
        self.closed = closed
        self.latest = latest
        self.opened = opened
        when = f" (dated {opened.isoformat()})" if opened else ""
        super().__init__(
            f"round {closed!r} is closed: round {latest!r}{when} was opened after it, "
            "so answers and records of the earlier round can no longer be changed",
            key="round_closed",
            values={"closed": closed, "latest": latest},
        )


class NotRevealedError(InputError):
    """The facilitator has not revealed this strand yet: its results stay hidden."""


class ReportError(CivicnbError):
    """A report could not be made: the message names the locality and, when the
    notebook failed, the failing cell and where the partial notebook was kept."""


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """The closest match to ``name`` among ``known``, or None."""
    candidates = list(known)
    lowered = {c.lower(): c for c in candidates}
    if name.lower() in lowered:
        return lowered[name.lower()]
    close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None
