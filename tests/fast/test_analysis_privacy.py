"""The small-number rule in civicnb.analysis: withheld groups never leak."""

from __future__ import annotations

import dataclasses

import pytest
from analysis_helpers import make_framework, people, rate_all

from civicnb.analysis import Withheld, analyse_round
from civicnb.analysis.privacy import check_disclosure
from civicnb.records import Side

FW = make_framework()


@pytest.mark.parametrize(
    ("named", "anonymous", "k", "disclosed"),
    [
        (0, 0, 5, True),  # nobody: nothing to protect
        (0, 4, 5, False),  # 4 anonymous < 5
        (0, 5, 5, True),
        (3, 0, 5, True),  # named-only small group
        (2, 3, 5, False),  # mixed: the 3 anonymous could be worked out
        (2, 5, 5, True),
        (0, 1, 1, True),  # k = 1: everything is shown
    ],
)
def test_check_disclosure(named: int, anonymous: int, k: int, disclosed: bool) -> None:
    assert (check_disclosure(named, anonymous, k) is None) is disclosed


def test_check_disclosure_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        check_disclosure(0, 1, 0)
    with pytest.raises(ValueError):
        check_disclosure(-1, 1, 5)


def test_withheld_carries_no_numbers_about_people() -> None:
    assert [f.name for f in dataclasses.fields(Withheld)] == ["min_group"]
    assert "5" in Withheld(5).reason and str(Withheld(5)) == Withheld(5).reason


def test_small_anonymous_side_is_withheld_and_the_gap_with_it() -> None:
    la = people("L", Side.LA, 4)  # 4 anonymous: fewer than 5
    cso = people("C", Side.CSO, 5)  # 5 anonymous: enough
    ratings = [
        # LA split 1/5 (agreement 0), CSO 3 each
        *rate_all(la + cso, "LA-01", [1, 5, 1, 5, 3, 3, 3, 3, 3]),
        *rate_all(la + cso, "CSO-I", [2, 2, 2, 2, 4, 4, 4, 4, 4]),
    ]
    a = analyse_round(FW, la + cso, ratings)  # default k = 5
    q = a.question("LA-01")
    assert not q.self_view.disclosed
    assert q.self_view.stats is None and q.self_view.mean is None
    assert q.self_view.agreement is None
    assert q.self_view.withheld == Withheld(5)
    assert q.other_side.disclosed and q.other_side.mean == 3.0
    assert q.gap is None and not q.large_gap
    # the withheld group's 0 agreement does not show through the flags either
    assert q.lowest_agreement == 1.0 and not q.low_agreement
    p = a.pair("P01")
    assert p.max_abs_gap is None and p.lowest_agreement == 1.0 and p.flags == ()
    # CSO-I: CSO (self) shown, LA (other side) withheld
    q2 = a.question("CSO-I")
    assert q2.self_view.mean == 4.0 and not q2.other_side.disclosed and q2.gap is None
    # strand figures only use what is shown: self means 4.0 (CSO-I) only
    s = a.strand("I")
    assert s.self_mean == 4.0 and s.mean_gap is None


def test_named_only_small_group_is_shown() -> None:
    la = people("L", Side.LA, 2, named=True)  # two named officials
    cso = people("C", Side.CSO, 5)
    ratings = rate_all(la + cso, "LA-01", [4, 4, 2, 2, 2, 3, 3])
    a = analyse_round(FW, la + cso, ratings)
    q = a.question("LA-01")
    assert q.self_view.disclosed and q.self_view.mean == 4.0
    # CSO: 2, 2, 2, 3, 3 → 12/5 = 2.4; gap 4.0 - 2.4 = 1.6
    assert q.other_side.mean == pytest.approx(2.4)
    assert q.gap == pytest.approx(1.6) and q.large_gap


def test_named_plus_few_anonymous_is_withheld() -> None:
    la = people("N", Side.LA, 2, named=True) + people("A", Side.LA, 3)
    a = analyse_round(FW, la, rate_all(la, "LA-01", [5, 5, 1, 2, 3]))
    assert not a.question("LA-01").self_view.disclosed
    # with a locality's own k of 3, the three anonymous raters are enough
    a3 = analyse_round(FW, la, rate_all(la, "LA-01", [5, 5, 1, 2, 3]), min_group=3)
    assert a3.question("LA-01").self_view.mean == 3.2  # (5+5+1+2+3)/5
    assert a3.min_group == 3


def test_dont_know_does_not_count_towards_k() -> None:
    # attack: 4 anonymous "don't know" + 1 score used to show n = 1, i.e. that person's score
    la = people("L", Side.LA, 5)
    a = analyse_round(FW, la, rate_all(la, "LA-01", [4, None, None, None, None]))
    g = a.question("LA-01").self_view
    assert not g.disclosed and g.stats is None and g.mean is None
    # five anonymous scores plus "don't know" answers: shown, the don't-knows counted apart
    ten = people("M", Side.LA, 7)
    a = analyse_round(FW, ten, rate_all(ten, "LA-01", [4, 4, 3, 5, 2, None, None]))
    s = a.question("LA-01").self_view.stats
    assert s is not None and s.n == 5 and s.n_dont_know == 2


@pytest.mark.parametrize(
    ("named", "anonymous", "scored", "k", "disclosed"),
    [
        (0, 5, 1, 5, False),  # 4 don't know + 1 score
        (0, 5, 0, 5, False),  # all don't know: it would say what each anonymous answered
        (0, 6, 5, 5, True),
        (3, 0, 0, 5, True),  # named only
        (3, 1, 0, 5, False),  # one anonymous "don't know" among named people
    ],
)
def test_check_disclosure_counts_scores(
    named: int, anonymous: int, scored: int, k: int, disclosed: bool
) -> None:
    got = check_disclosure(named, anonymous, k, n_anonymous_scored=scored)
    assert (got is None) is disclosed


def test_check_disclosure_rejects_more_scores_than_raters() -> None:
    with pytest.raises(ValueError):
        check_disclosure(0, 1, 5, n_anonymous_scored=2)


def test_third_parties_follow_the_same_rule() -> None:
    others = people("X", Side.OTHER, 2)
    a = analyse_round(FW, others, rate_all(others, "LA-01", [1, 5]))
    t = a.question("LA-01").third_party
    assert t.raters is Side.OTHER and not t.disclosed and t.stats is None
    five = people("X", Side.OTHER, 5)
    a5 = analyse_round(FW, five, rate_all(five, "LA-01", [1, 2, 3, 4, 5]))
    assert a5.question("LA-01").third_party.mean == 3.0
