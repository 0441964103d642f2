"""The small-number rule: when a group's aggregate may be shown.

Anonymous (pseudonymous) participants are protected by showing their aggregates only
when enough of them answered; participants who consented to be named are exempt.

A group's aggregate is **disclosed** iff it has

* no anonymous raters at all (everyone in it is named with consent), or
* at least ``min_group`` anonymous raters who gave a **score** (1-5).

"Don't know" does not count towards ``min_group``: four "don't know" and one score
would otherwise show that one person's score as the group's (n = 1).

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
            f"hidden to protect anonymity: fewer than {self.min_group} people "
            "gave a rating anonymously"
        )

    def __str__(self) -> str:
        return self.reason


def check_disclosure(
    n_named: int, n_anonymous: int, min_group: int, *, n_anonymous_scored: int | None = None
) -> Withheld | None:
    """None if a group with these raters may be shown, else the :class:`Withheld` marker.

    ``n_anonymous`` counts the anonymous people who answered (a score or "don't know"),
    ``n_anonymous_scored`` those of them who gave a score (default: all of them). The
    group is shown if nobody in it is anonymous, or if at least ``min_group`` anonymous
    people gave a score. ``n_named`` is accepted for clarity at the call site: named
    raters never block disclosure.
    """
    scored = n_anonymous if n_anonymous_scored is None else n_anonymous_scored
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    if n_named < 0 or n_anonymous < 0 or scored < 0:
        raise ValueError("counts of raters must not be negative")
    if scored > n_anonymous:
        raise ValueError("more anonymous scores than anonymous raters")
    if n_anonymous == 0 or scored >= min_group:
        return None
    return Withheld(min_group)
