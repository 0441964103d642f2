"""civicnb.analysis.coverage and .resilience on small hand-made examples."""

from __future__ import annotations

from analysis_helpers import LOC, make_framework

from civicnb.analysis import coverage, screen_action
from civicnb.records import Action, Activity, Outcome

O1 = Outcome(LOC, "Clean river", "environment", id="O1")
O2 = Outcome(LOC, "Local jobs", "economy", id="O2")
O3 = Outcome(LOC, "Accessible services", "social", id="O3")
O4 = Outcome(LOC, "Inclusive schools", "social", id="O4")
OUTCOMES = [O1, O2, O3, O4]


def test_coverage() -> None:
    acts = [
        Activity(LOC, "River clean-up co-op", outcome_ids=("O1", "O2"), id="A1"),
        Activity(LOC, "Ramps", outcome_ids=("O3", "O3", "ZZ"), id="A2"),  # dup + unknown
        Activity(LOC, "Accessible market", outcome_ids=("O2", "O3"), id="A3"),
        Activity(LOC, "Not linked yet", id="A4"),
    ]
    c = coverage(OUTCOMES, acts)
    assert c.outcome_ids == ("O1", "O2", "O3", "O4")
    assert c.activity_ids == ("A1", "A2", "A3", "A4")
    # O1: A1 → 1; O2: A1, A3 → 2; O3: A2 (once), A3 → 2; O4: none → 0
    assert c.count_by_outcome == {"O1": 1, "O2": 2, "O3": 2, "O4": 0}
    assert c.counts == (1, 2, 2, 0)
    assert c.uncovered == ("O4",)
    assert c.matrix == (
        (True, True, False, False),
        (False, False, True, False),
        (False, True, True, False),
        (False, False, False, False),
    )
    assert c.categories == (("environment", "economy"), ("social",), ("economy", "social"), ())
    # A1: environment + economy; A3: economy + social; A2 only social
    assert [(w.activity_id, w.categories) for w in c.win_win] == [
        ("A1", ("environment", "economy")),
        ("A3", ("economy", "social")),
    ]
    assert c.unknown_links == (("A2", "ZZ"),)


def test_coverage_of_nothing() -> None:
    c = coverage([], [])
    assert c.matrix == () and c.uncovered == () and c.win_win == ()
    c = coverage(OUTCOMES, [])
    assert c.uncovered == ("O1", "O2", "O3", "O4") and c.matrix == ()


def test_screen_action() -> None:
    fw = make_framework()
    action = Action(
        LOC,
        "Co-produce the accessible transport plan",
        outcome_ids=("O1", "O3", "gone"),
        screening={"democracy": True, "economy": True, "wellbeing": False, "nonsense": True},
        id="X1",
    )
    s = screen_action(fw, action, OUTCOMES)
    assert s.action_id == "X1"
    assert s.score == 2  # democracy, economy
    assert s.n_tests == 5
    assert s.share == 0.4  # 2 of 5 (unanswered tests count as not passed)
    assert [t.id for t in s.passed] == ["democracy", "economy"]
    assert [t.id for t in s.failed] == ["wellbeing"]
    assert [t.id for t in s.unanswered] == ["inclusive_culture", "links"]
    assert s.passed[0].test.en == "Will it help democracy?"
    assert s.categories == ("environment", "social")  # O1 environment, O3 social
    assert s.unknown_tests == ("nonsense",)
    assert s.missing_outcomes == ("gone",)


def test_screen_action_unscreened_and_pamphlet_text() -> None:
    from civicnb.framework import load_framework

    fw = load_framework("pamphlet")
    s = screen_action(fw, Action(LOC, "Not screened yet"), [])
    assert (s.score, s.share, s.categories) == (0, 0.0, ())
    assert [t.id for t in s.unanswered] == [
        "democracy",
        "economy",
        "inclusive_culture",
        "wellbeing",
        "links",
    ]
    assert s.unanswered[0].test.en == "Will it enhance local democracy?"
    all_pass = Action(LOC, "Everything", screening={t.id: True for t in s.unanswered})
    assert screen_action(fw, all_pass, []).share == 1.0


def test_framework_without_design_tests() -> None:
    fw = make_framework((1, 1, 1, 0, 1))  # strand IV still carries the tests
    assert screen_action(fw, Action(LOC, "x"), []).n_tests == 5
    from dataclasses import replace

    bare = replace(fw, strands=tuple(replace(s, element_groups=()) for s in fw.strands))
    assert screen_action(bare, Action(LOC, "x"), []).share is None
