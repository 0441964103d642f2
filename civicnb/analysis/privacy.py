"""The small-number rule: when a group's aggregate may be shown.

Anonymous (pseudonymous) participants are protected by showing their aggregates only
when enough of them answered; participants who consented to be named are exempt.

A group's aggregate is **disclosed** iff it has

* no anonymous raters at all (everyone in it is named with consent), or
* at least ``min_group`` anonymous raters.

Counting only the anonymous raters matters: named raters' own answers can be seen
elsewhere (the facilitator's view, the report), so subtracting them from a mixed
aggregate would give away the answers of the few anonymous people left.

A withheld aggregate is replaced by a :class:`Withheld` marker that carries only the
reason, never a number (not even how many people answered).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT_MIN_GROUP",
    "Withheld",
    "check_disclosure",
]

DEFAULT_MIN_GROUP = 5
"""Default k of the small-number rule (``Locality.min_group`` overrides it)."""


@dataclass(frozen=True, slots=True)
class Withheld:
    """Marker for an aggregate that is not shown. It holds no numbers."""

    min_group: int
    """The k of the rule that applied (a setting, not a count of people)."""

    @property
    def reason(self) -> str:
        return (
            f"hidden to protect anonymity: fewer than {self.min_group} people answered anonymously"
        )

    def __str__(self) -> str:
        return self.reason


def check_disclosure(n_named: int, n_anonymous: int, min_group: int) -> Withheld | None:
    """None if a group with these raters may be shown, else the :class:`Withheld` marker.

    ``n_named`` is accepted for clarity at the call site: named raters never block
    disclosure.
    """
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    if n_named < 0 or n_anonymous < 0:
        raise ValueError("counts of raters must not be negative")
    if n_anonymous == 0 or n_anonymous >= min_group:
        return None
    return Withheld(min_group)
