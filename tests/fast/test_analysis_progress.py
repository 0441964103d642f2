"""civicnb.analysis.progress: baseline → follow-up, with different people."""

from __future__ import annotations

import pytest
from analysis_helpers import make_framework, people, rate_all

from civicnb.analysis import analyse_round, compare_rounds
from civicnb.records import Rating, Side

approx = pytest.approx
FW = make_framework()
L1, L2, L3, L4 = people("L", Side.LA, 4)
C1, C2, C3, C4 = people("C", Side.CSO, 4)
ALL = [L1, L2, L3, L4, C1, C2, C3, C4]


def baseline() -> list[Rating]:
    return [
        *rate_all([L1, L2, C1, C2], "LA-01", [4, 5, 2, 3]),  # self 4.5, other 2.5, gap 2.0
        *rate_all([C1, C2, L1, L2], "CSO-I", [4, 4, 1, 5]),  # self 4.0, other 3.0, gap 1.0
        *rate_all([L1, L2, C1, C2], "LA-02", [3, 3, 3, 4]),  # self 3.0, other 3.5, gap -0.5
    ]


def follow_up() -> list[Rating]:
    # different people: L3, L4, C3, C4
    return [
        *rate_all([L3, L4, C3, C4], "LA-01", [4, 4, 3, 4]),  # self 4.0, other 3.5, gap 0.5
        *rate_all([C3, C4, L3, L4], "CSO-I", [5, 4, 4, 5]),  # self 4.5, other 4.5, gap 0.0
    ]


def test_progress_by_question_pair_and_strand() -> None:
    before = analyse_round(FW, ALL, baseline(), min_group=2)
    after = analyse_round(FW, ALL, follow_up(), min_group=2)
    pr = compare_rounds(before, after)

    q = pr.question("LA-01")
    assert (q.self_before, q.self_after) == (4.5, 4.0)
    assert q.self_change == -0.5  # 4.0 - 4.5
    assert q.gap_change == -1.5  # 0.5 - 2.0
    assert q.abs_gap_change == -1.5  # |0.5| - |2.0|: views came closer

    q = pr.question("CSO-I")
    assert q.self_change == 0.5  # 4.5 - 4.0
    assert q.gap_change == -1.0  # 0.0 - 1.0

    q = pr.question("LA-02")  # not answered in the follow-up
    assert q.self_before == 3.0 and q.self_after is None
    assert q.self_change is None and q.gap_change is None and q.abs_gap_change is None

    p = pr.pair("P01")
    # self: (4.5+4.0)/2 = 4.25 → (4.0+4.5)/2 = 4.25; gap: (2.0+1.0)/2 = 1.5 → (0.5+0.0)/2
    assert p.self_change == 0.0
    assert p.gap_change == -1.25  # 0.25 - 1.5

    s = pr.strand("I")
    # baseline self means 4.5, 4.0, 3.0 → 11.5/3; follow-up 4.0, 4.5 → 4.25
    assert s.self_change == approx(4.25 - 11.5 / 3)
    # baseline gaps 2.0, 1.0, -0.5 → 2.5/3; follow-up 0.5, 0.0 → 0.25
    assert s.gap_change == approx(0.25 - 2.5 / 3)

    assert [c.id for c in pr.questions][:2] == ["LA-01", "CSO-I"]
    assert len(pr.pairs) == 15 and len(pr.strands) == 5
    with pytest.raises(KeyError):
        pr.pair("P99")


def test_gap_sign_change_shows_in_abs_gap_change() -> None:
    before = analyse_round(FW, ALL, rate_all([L1, C1], "LA-01", [4, 2]), min_group=1)
    after = analyse_round(FW, ALL, rate_all([L3, C3], "LA-01", [2, 3]), min_group=1)
    c = compare_rounds(before, after).question("LA-01")
    assert c.gap_change == -3.0  # (2-3) - (4-2) = -1 - 2
    assert c.abs_gap_change == -1.0  # |-1| - |2|


def test_withheld_in_either_round_gives_no_change() -> None:
    before = analyse_round(FW, ALL, baseline(), min_group=2)
    after = analyse_round(FW, ALL, follow_up(), min_group=5)  # 2 anonymous: withheld
    q = compare_rounds(before, after).question("LA-01")
    assert q.self_before == 4.5 and q.self_after is None and q.self_change is None


def test_items_missing_from_one_analysis() -> None:
    small = make_framework((1, 0, 0, 0, 0))
    before = analyse_round(small, ALL, baseline(), min_group=2)
    after = analyse_round(FW, ALL, follow_up(), min_group=2)
    pr = compare_rounds(before, after)
    assert pr.question("LA-01").self_change == -0.5
    assert pr.question("LA-15").self_before is None
    # a strand only in the baseline is still listed
    pr2 = compare_rounds(after, before)
    assert pr2.strand("V").self_after is None
