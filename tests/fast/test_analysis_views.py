"""civicnb.analysis.views: self view, other side's view, third parties, gaps, ranking."""

from __future__ import annotations

import dataclasses
import math

import pytest
from analysis_helpers import make_framework, people, person, rate, rate_all

from civicnb.analysis import RoundAnalysis, Thresholds, analyse_round, rank_pairs
from civicnb.analysis.views import PairView, priority
from civicnb.errors import NotFoundError
from civicnb.records import Participant, Rating, Side

approx = pytest.approx

FW = make_framework()
L1, L2 = people("L", Side.LA, 2)
C1, C2 = people("C", Side.CSO, 2)
O1 = person("O1", Side.OTHER, named=True)  # one third party, named with consent
EVERYONE = [L1, L2, C1, C2, O1]


def scenario_a() -> list[Rating]:
    """Two raters per side (analysed with min_group=2), one third party."""
    return [
        # LA-01 (about the LA): LA says 4, 5; CSO says 2, 3; third party 3
        *rate_all([L1, L2, C1, C2, O1], "LA-01", [4, 5, 2, 3, 3]),
        # CSO-I (about the CSO): CSO says 4, 4; LA says 1, 5
        *rate_all([C1, C2, L1, L2], "CSO-I", [4, 4, 1, 5]),
        # LA-02: LA 3, 3; CSO 3, 4
        *rate_all([L1, L2, C1, C2], "LA-02", [3, 3, 3, 4]),
        # CSO-II: CSO 5, 5; LA don't know twice
        *rate_all([C1, C2, L1, L2], "CSO-II", [5, 5, None, None]),
    ]


def analyse_a(thresholds: Thresholds | None = None) -> RoundAnalysis:
    return analyse_round(FW, EVERYONE, scenario_a(), min_group=2, thresholds=thresholds)


def test_question_views() -> None:
    a = analyse_a()
    q = a.question("LA-01")
    assert q.about is Side.LA and q.pair_id == "P01" and q.strand_id == "I"
    assert q.self_view.raters is Side.LA and q.other_side.raters is Side.CSO
    assert q.self_view.mean == 4.5  # (4+5)/2
    assert q.other_side.mean == 2.5  # (2+3)/2
    assert q.third_party.raters is Side.OTHER and q.third_party.mean == 3.0
    assert q.gap == 2.0  # 4.5 - 2.5: the LA rates itself higher than the CSO rates it
    assert q.large_gap and q.flags == ("large_gap",)
    # LA {4,5}: mean 4.5, 1 + log2(1 - 0.5/4) = 0.80736; CSO {2,3} the same
    assert q.lowest_agreement == approx(1 + math.log2(0.875))
    assert not q.low_agreement

    q = a.question("CSO-I")
    assert q.about is Side.CSO
    assert q.self_view.raters is Side.CSO and q.self_view.mean == 4.0
    assert q.other_side.raters is Side.LA and q.other_side.mean == 3.0  # (1+5)/2
    assert q.gap == 1.0  # 4 - 3: exactly the threshold counts as large
    assert q.other_side.agreement == 0.0  # split 1 / 5
    assert q.low_agreement and q.large_gap
    assert q.third_party.stats is not None and q.third_party.stats.n_answers == 0

    q = a.question("LA-02")
    assert q.gap == -0.5  # 3 - 3.5: the CSO rates the LA higher than the LA does
    assert q.flags == ()

    q = a.question("CSO-II")
    assert q.self_view.mean == 5.0
    # two anonymous "don't know": no score counts towards k, so the group is withheld
    assert not q.other_side.disclosed and q.other_side.stats is None
    assert q.gap is None and not q.large_gap


def test_pair_views() -> None:
    a = analyse_a()
    p1 = a.pair("P01")
    assert p1.questions == (a.question("LA-01"), a.question("CSO-I"))
    assert p1.self_mean == 4.25  # (4.5 + 4.0)/2
    assert p1.mean_gap == 1.5  # (2.0 + 1.0)/2
    assert p1.max_abs_gap == 2.0
    assert p1.lowest_agreement == 0.0
    assert p1.flags == ("large_gap", "low_agreement")

    p2 = a.pair("P02")
    assert p2.self_mean == 4.0  # (3 + 5)/2
    assert p2.mean_gap == -0.5  # only LA-02 has a gap
    assert p2.max_abs_gap == 0.5
    # LA {3,3}: 1; CSO {3,4}: 0.80736; CSO-II: CSO {5,5}: 1, LA: no scores
    assert p2.lowest_agreement == approx(0.80736, abs=1e-5)
    assert p2.flags == ()

    p3 = a.pair("P03")  # nobody answered
    assert (p3.self_mean, p3.mean_gap, p3.max_abs_gap, p3.lowest_agreement) == (None,) * 4


def test_strand_views() -> None:
    a = analyse_a()
    assert [s.strand_id for s in a.strands] == ["I", "II", "III", "IV", "V"]  # VI: no pairs
    s = a.strand("I")
    assert [p.pair_id for p in s.pairs] == ["P01", "P02", "P03"]
    assert s.self_mean == approx(4.125)  # (4.5 + 4.0 + 3.0 + 5.0)/4
    assert s.mean_gap == approx(2.5 / 3)  # (2.0 + 1.0 - 0.5)/3
    assert s.mean_abs_gap == approx(3.5 / 3)  # (2.0 + 1.0 + 0.5)/3
    assert s.max_abs_gap == 2.0
    assert s.lowest_agreement == 0.0
    assert (s.n_large_gap, s.n_low_agreement) == (1, 1)
    s2 = a.strand("II")
    assert (s2.self_mean, s2.mean_gap, s2.n_large_gap) == (None, None, 0)


def test_thresholds_are_settings() -> None:
    a = analyse_a(thresholds=Thresholds(large_gap=2.5, low_agreement=0.9))
    assert not a.question("LA-01").large_gap  # 2.0 < 2.5
    assert a.question("LA-01").low_agreement  # 0.807 < 0.9
    assert a.thresholds.large_gap == 2.5


def test_ranking() -> None:
    ranked = rank_pairs(analyse_a())
    assert [r.rank for r in ranked] == list(range(1, 16))
    # P01: 2 flags, priority 2.0/4 + (1 - 0) = 1.5
    # P02: no flag, 0.5/4 + (1 - 0.80736) = 0.31764
    # P03…P15: nothing, 0: in pair order
    assert [r.pair.pair_id for r in ranked] == [f"P{n:02d}" for n in range(1, 16)]
    assert ranked[0].priority == 1.5 and ranked[0].flags == ("large_gap", "low_agreement")
    assert ranked[1].priority == approx(0.125 + 1 - 0.80736, abs=1e-5)
    assert ranked[2].priority == 0.0


def test_ranking_puts_flagged_pairs_first_then_priority_then_number() -> None:
    base = analyse_a().pair("P03")

    def pv(n: int, gap: float | None, agreement: float | None, *flags: str) -> PairView:
        return dataclasses.replace(
            base,
            pair_id=f"P{n:02d}",
            number=n,
            max_abs_gap=gap,
            lowest_agreement=agreement,
            large_gap="large_gap" in flags,
            low_agreement="low_agreement" in flags,
        )

    pairs = [
        pv(1, 0.9, 0.55),  # no flag, 0.225 + 0.45 = 0.675
        pv(2, 0.0, 0.45, "low_agreement"),  # 1 flag, 0 + 0.55 = 0.55
        pv(3, 1.0, 1.0, "large_gap"),  # 1 flag, 0.25 + 0 = 0.25
        pv(4, 2.0, 0.8),  # no flag (say, thresholds raised), 0.5 + 0.2 = 0.7
        pv(5, 0.9, 0.55),  # ties with P01: after it
    ]
    assert priority(pairs[3]) == approx(0.7)
    order = [r.pair.number for r in rank_pairs(reversed(pairs))]
    assert order == [2, 3, 4, 1, 5]


def test_latest_rating_counts_and_round_filter() -> None:
    ratings = [
        rate(L1, "LA-01", 1, minute=1),
        rate(L1, "LA-01", 5, minute=2),  # the later answer replaces the earlier
        rate(L1, "LA-02", 2, round_id="other-round"),
        rate(L1, "LA-03", None),  # a note only: not an answer
        rate("stranger", "LA-01", 1),  # unknown participant: skipped
        rate(L1, "LA-99", 1),  # unknown question: skipped
    ]
    a = analyse_round(FW, [L1], ratings, min_group=1, round_id="r1")
    s = a.question("LA-01").self_view.stats
    assert s is not None and s.counts == (0, 0, 0, 0, 1)
    assert a.question("LA-02").self_view.mean is None
    s3 = a.question("LA-03").self_view.stats
    assert s3 is not None and s3.n_answers == 0
    with pytest.raises(NotFoundError):
        a.question("LA-99")
    with pytest.raises(NotFoundError):
        a.pair("P99")
    with pytest.raises(NotFoundError):
        a.strand("VI")


def test_third_parties_never_enter_the_gap() -> None:
    others = people("X", Side.OTHER, 3, named=True)
    ratings = [
        *rate_all([L1, *others], "LA-01", [5, 1, 1, 1]),
    ]
    a = analyse_round(FW, [L1, *others], ratings, min_group=1)
    q = a.question("LA-01")
    assert q.self_view.mean == 5.0
    assert q.third_party.mean == 1.0
    assert q.other_side.mean is None and q.gap is None


def test_with_the_pamphlet_framework() -> None:
    from civicnb.framework import load_framework

    fw = load_framework("pamphlet")
    la: list[Participant] = people("L", Side.LA, 5)
    cso: list[Participant] = people("C", Side.CSO, 5)
    ratings = [rate(p, q.id, 3) for q in fw.questions for p in la]
    ratings += [rate(p, q.id, 2) for q in fw.questions for p in cso]
    a = analyse_round(fw, la + cso, ratings)
    assert len(a.questions) == 30 and len(a.pairs) == 15 and len(a.strands) == 5
    assert a.question("LA-01").gap == 1.0  # LA rates itself 3, the CSO rates it 2
    assert a.question("CSO-I").gap == -1.0  # CSO rates itself 2, the LA rates it 3
    assert a.pair("P15").mean_gap == 0.0
