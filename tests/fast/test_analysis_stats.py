"""civicnb.analysis.stats on hand-computed examples, plus properties."""

from __future__ import annotations

import math

import pytest
from analysis_helpers import rate
from hypothesis import given
from hypothesis import strategies as st

from civicnb.analysis.stats import consensus, question_stats, stats_from_counts
from civicnb.records import Rating

approx = pytest.approx


def _ratings(scores: list[int | None], *, note_only: int = 0) -> list[Rating]:
    out = [rate(f"p{i}", "LA-01", s, dont_know=s is None) for i, s in enumerate(scores)]
    out += [rate(f"n{i}", "LA-01", None) for i in range(note_only)]
    return out


def test_worked_example() -> None:
    # scores 1, 2, 2, 3, 5, one "don't know", one note-only answer (ignored)
    s = question_stats(_ratings([1, 2, 2, 3, 5, None], note_only=1))
    assert s.n == 5
    assert s.n_dont_know == 1
    assert s.n_answers == 6
    assert s.dont_know_share == approx(1 / 6)  # 1 of 6 answers
    assert s.distribution == {1: 1, 2: 2, 3: 1, 4: 0, 5: 1}
    assert s.mean == approx(2.6)  # (1+2+2+3+5)/5 = 13/5
    assert s.median == 2.0  # 1 2 [2] 3 5
    # deviations -1.6 -0.6 -0.6 0.4 2.4; squares 2.56+0.36+0.36+0.16+5.76 = 9.2; /5 = 1.84
    assert s.sd == approx(math.sqrt(1.84))
    # Cns = 1 + (1/5)[log2(1-1.6/4) + 2 log2(1-0.6/4) + log2(1-0.4/4) + log2(1-2.4/4)]
    #     = 1 + (1/5)[log2 0.6 + 2 log2 0.85 + log2 0.9 + log2 0.4]
    #     = 1 + (1/5)(-0.73697 - 0.46893 - 0.15200 - 1.32193) = 1 - 0.53597 = 0.46403
    assert s.agreement == approx(0.46403, abs=1e-5)


def test_even_count_median_and_two_point_split() -> None:
    s = question_stats(_ratings([2, 4]))
    assert s.median == 3.0  # (2+4)/2
    assert s.mean == 3.0
    assert s.sd == 1.0  # sqrt((1+1)/2)
    assert s.agreement == approx(1 + math.log2(0.75))  # |2-3|/4 = |4-3|/4 = 0.25 → 0.58496


def test_agreement_extremes() -> None:
    assert question_stats(_ratings([3, 3, 3])).agreement == 1.0  # unanimous
    # half 1, half 5: mean 3, each term log2(1 - 2/4) = -1 → 1 - 1 = 0
    assert question_stats(_ratings([1, 5, 1, 5])).agreement == 0.0
    # spread evenly 1..5: 1 + (2 log2 .5 + 2 log2 .75 + 0)/5 = 1 + (-2 - 0.83007)/5 = 0.43399
    assert consensus([1, 1, 1, 1, 1]) == approx(0.43399, abs=1e-5)


def test_single_rater() -> None:
    s = question_stats(_ratings([4]))
    assert (s.n, s.mean, s.median, s.sd, s.agreement) == (1, 4.0, 4.0, 0.0, 1.0)
    assert s.dont_know_share == 0.0


def test_all_dont_know() -> None:
    s = question_stats(_ratings([None, None, None]))
    assert s.n == 0 and s.n_dont_know == 3
    assert s.dont_know_share == 1.0
    assert (s.mean, s.median, s.sd, s.agreement) == (None, None, None, None)
    assert s.distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}


def test_no_ratings() -> None:
    s = question_stats([])
    assert s.n == 0 and s.n_dont_know == 0
    assert s.dont_know_share is None
    assert s.mean is None and s.agreement is None
    # note-only ratings are not answers
    assert question_stats(_ratings([], note_only=2)) == s


def test_stats_from_counts_checks_its_input() -> None:
    with pytest.raises(ValueError):
        stats_from_counts([1, 2, 3])
    with pytest.raises(ValueError):
        stats_from_counts([1, 0, 0, 0, -1])
    assert stats_from_counts([0, 0, 2, 0, 0], 1).counts == (0, 0, 2, 0, 0)


counts_strategy = st.lists(st.integers(0, 50), min_size=5, max_size=5).filter(lambda c: sum(c))


@given(counts_strategy, st.integers(0, 10))
def test_properties(counts: list[int], dont_know: int) -> None:
    s = stats_from_counts(counts, dont_know)
    present = [score for score, c in zip(range(1, 6), counts, strict=True) if c]
    assert s.agreement is not None and 0.0 <= s.agreement <= 1.0
    assert s.mean is not None and min(present) - 1e-9 <= s.mean <= max(present) + 1e-9
    assert s.median is not None and min(present) <= s.median <= max(present)
    assert s.sd is not None and 0.0 <= s.sd <= 2.0 + 1e-9  # at most half the range
    assert (s.agreement == 1.0) == (len(present) == 1)


@given(st.lists(st.integers(1, 5), min_size=1, max_size=30))
def test_question_stats_matches_the_statistics_module(scores: list[int]) -> None:
    import statistics

    s = question_stats(_ratings(list(scores)))
    assert s.mean == approx(statistics.fmean(scores))
    assert s.median == approx(statistics.median(scores))
    assert s.sd == approx(statistics.pstdev(scores), abs=1e-9)
