"""Descriptive statistics of the answers to one checklist question.

Everything is computed from the five score counts (how many people gave 1, 2, 3, 4,
5) and the number of "don't know" answers, so a group of any size costs the same.

Agreement is Tastle & Wierman's *consensus* measure for ordinal (Likert) data
(W. J. Tastle and M. J. Wierman, "Consensus and dissention: A measure of ordinal
dispersion", *International Journal of Approximate Reasoning* 45(3), 2007)::

    Cns = 1 + Σ_i p_i · log2(1 − |i − μ| / d)

where ``p_i`` is the share of scored answers equal to ``i`` (1…5), ``μ`` their mean
and ``d = 5 − 1 = 4`` the width of the scale. Cns is 1 when everyone gave the same
score and 0 when the answers are split half and half between 1 and 5.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from civicnb.records import Rating

__all__ = [
    "SCALE",
    "QuestionStats",
    "consensus",
    "question_stats",
    "stats_from_counts",
]

SCALE = (1, 2, 3, 4, 5)
"""The rating scale."""
_WIDTH = SCALE[-1] - SCALE[0]


@dataclass(frozen=True, slots=True)
class QuestionStats:
    """The answers of one group of raters to one question.

    ``mean``, ``median``, ``sd`` and ``agreement`` are None when nobody gave a score
    (``n == 0``); ``dont_know_share`` is None when nobody answered at all.
    """

    counts: tuple[int, int, int, int, int]
    """How many scored 1, 2, 3, 4, 5."""
    n_dont_know: int
    mean: float | None
    median: float | None
    sd: float | None
    """Population standard deviation (divides by n)."""
    agreement: float | None
    """Tastle & Wierman consensus, 0 (split between 1 and 5) … 1 (unanimous)."""

    @property
    def n(self) -> int:
        """Number of scored answers (don't know excluded)."""
        return sum(self.counts)

    @property
    def n_answers(self) -> int:
        """Scored answers plus don't know."""
        return self.n + self.n_dont_know

    @property
    def dont_know_share(self) -> float | None:
        """Share of all answers (don't know included) that are "don't know"."""
        total = self.n_answers
        return None if total == 0 else self.n_dont_know / total

    @property
    def distribution(self) -> dict[int, int]:
        """``{1: count, …, 5: count}``, all five keys."""
        return dict(zip(SCALE, self.counts, strict=True))


def consensus(counts: Sequence[int]) -> float | None:
    """Tastle & Wierman's consensus of the five score counts (None if all zero)."""
    n = sum(counts)
    if n == 0:
        return None
    return _consensus(counts, n, sum(s * c for s, c in zip(SCALE, counts, strict=True)) / n)


def _consensus(counts: Sequence[int], n: int, mean: float) -> float:
    total = 0.0
    for s, c in zip(SCALE, counts, strict=True):
        if c:
            # 1 - |s - mean|/d > 0 whenever c > 0: mean lies strictly inside the scale
            # as soon as two different scores are present.
            total += c * math.log2(max(1.0 - abs(s - mean) / _WIDTH, 1e-300))
    return min(1.0, max(0.0, 1.0 + total / n))


def _median(counts: Sequence[int], n: int) -> float:
    # the k-th smallest score (0-based), for k = (n-1)//2 and n//2
    def kth(k: int) -> int:
        seen = 0
        for s, c in zip(SCALE, counts, strict=True):
            seen += c
            if k < seen:
                return s
        raise AssertionError("unreachable")  # pragma: no cover

    lo, hi = kth((n - 1) // 2), kth(n // 2)
    return (lo + hi) / 2


def stats_from_counts(counts: Sequence[int], n_dont_know: int = 0) -> QuestionStats:
    """Statistics from the five score counts (scores 1…5) and the don't-know count."""
    if len(counts) != len(SCALE) or any(c < 0 for c in counts) or n_dont_know < 0:
        raise ValueError("counts must be five non-negative numbers (scores 1 to 5)")
    c5 = (counts[0], counts[1], counts[2], counts[3], counts[4])
    n = sum(c5)
    if n == 0:
        return QuestionStats(c5, n_dont_know, None, None, None, None)
    mean = (c5[0] + 2 * c5[1] + 3 * c5[2] + 4 * c5[3] + 5 * c5[4]) / n
    var = sum(c * (s - mean) ** 2 for s, c in zip(SCALE, c5, strict=True) if c) / n
    return QuestionStats(
        counts=c5,
        n_dont_know=n_dont_know,
        mean=mean,
        median=_median(c5, n),
        sd=math.sqrt(var),
        agreement=_consensus(c5, n, mean),
    )


def question_stats(ratings: Iterable[Rating]) -> QuestionStats:
    """Statistics of the given ratings (normally: one question, one group, one round).

    Ratings with neither a score nor "don't know" (a note only) are ignored.
    """
    counts = [0, 0, 0, 0, 0]
    dont_know = 0
    for r in ratings:
        if r.score is not None:
            counts[r.score - 1] += 1
        elif r.dont_know:
            dont_know += 1
    return stats_from_counts(counts, dont_know)
