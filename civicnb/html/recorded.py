"""Who recorded a deliberation record (co-facilitation): a short note beside it, or a
column of a table, with the facilitator's name escaped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t

__all__ = ["recorded_by_column", "recorded_by_note"]


class _Recorded(Protocol):
    @property
    def recorded_by(self) -> str: ...


def recorded_by_note(name: str, lang: str) -> str:
    """``<span>recorded by NAME</span>``, or "" when who recorded it is not known."""
    if not name:
        return ""
    return f'<span class="civicnb-recorded-by">{_h(t("cofac_recorded_by", lang, name=name))}</span>'


def recorded_by_column(
    head: list[str], rows: list[list[object]], records: Sequence[_Recorded], lang: str
) -> tuple[list[str], list[list[object]]]:
    """``head`` and ``rows`` with a "Recorded by" column when any of ``records`` (one
    per row) says who recorded it; unchanged otherwise (records made before
    co-facilitation, or by a page that did not say)."""
    if not any(r.recorded_by for r in records):
        return head, rows
    return (
        [*head, t("cofac_col_recorded_by", lang)],
        [[*row, r.recorded_by or "—"] for row, r in zip(rows, records, strict=True)],
    )
