"""Coverage of the locality's valued outcomes by its activities.

* how many activities serve each outcome, and which outcomes no activity serves;
* **win-win** activities: those serving outcomes in two or more of the three parts of
  the triple bottom line (environment, economy, social);
* an activities × outcomes matrix for a table (True where the activity serves the
  outcome).

Links to outcome ids that are not among the outcomes given are ignored (and listed in
``unknown_links``); an outcome linked twice by one activity counts once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from civicnb.records import TBL_CATEGORIES, Activity, Outcome

__all__ = ["Coverage", "WinWin", "coverage"]


@dataclass(frozen=True, slots=True)
class WinWin:
    activity_id: str
    categories: tuple[str, ...]
    """The triple-bottom-line categories served, in the order environment, economy,
    social."""


@dataclass(frozen=True, slots=True)
class Coverage:
    outcome_ids: tuple[str, ...]
    """Columns of the matrix, in the order the outcomes were given."""
    activity_ids: tuple[str, ...]
    """Rows of the matrix, in the order the activities were given."""
    matrix: tuple[tuple[bool, ...], ...]
    """``matrix[row][column]``: activity ``row`` serves outcome ``column``."""
    counts: tuple[int, ...]
    """Activities per outcome, aligned with ``outcome_ids``."""
    categories: tuple[tuple[str, ...], ...]
    """Triple-bottom-line categories each activity serves, aligned with
    ``activity_ids``."""
    unknown_links: tuple[tuple[str, str], ...]
    """(activity id, outcome id) links to outcomes not given."""

    @property
    def count_by_outcome(self) -> dict[str, int]:
        return dict(zip(self.outcome_ids, self.counts, strict=True))

    @property
    def uncovered(self) -> tuple[str, ...]:
        """Outcomes no activity serves."""
        return tuple(o for o, c in zip(self.outcome_ids, self.counts, strict=True) if c == 0)

    @property
    def win_win(self) -> tuple[WinWin, ...]:
        """Activities serving two or more of the three triple-bottom-line categories."""
        return tuple(
            WinWin(a, cats)
            for a, cats in zip(self.activity_ids, self.categories, strict=True)
            if len(cats) >= 2
        )


def coverage(outcomes: Iterable[Outcome], activities: Iterable[Activity]) -> Coverage:
    """Which activities serve which outcomes (see the module docs)."""
    outs = tuple(outcomes)
    acts = tuple(activities)
    column = {o.id: i for i, o in enumerate(outs)}
    counts = [0] * len(outs)
    rows: list[tuple[bool, ...]] = []
    cats: list[tuple[str, ...]] = []
    unknown: list[tuple[str, str]] = []
    for a in acts:
        row = [False] * len(outs)
        served: set[str] = set()
        for oid in a.outcome_ids:
            i = column.get(oid)
            if i is None:
                unknown.append((a.id, oid))
            elif not row[i]:
                row[i] = True
                counts[i] += 1
                served.add(outs[i].category)
        rows.append(tuple(row))
        cats.append(tuple(c for c in TBL_CATEGORIES if c in served))
    return Coverage(
        outcome_ids=tuple(o.id for o in outs),
        activity_ids=tuple(a.id for a in acts),
        matrix=tuple(rows),
        counts=tuple(counts),
        categories=tuple(cats),
        unknown_links=tuple(unknown),
    )
