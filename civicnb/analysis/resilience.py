"""Screening an action against strand IV's resilience design tests.

The framework's strand IV names five resilience dimensions, each with a design test
("Will it…?"). An action's ``screening`` records, per test id, whether it passes.

``score`` = tests passed; ``share = score / number of tests`` (unanswered tests count
as not passed: the share is of all tests, not of those answered). The screening also
lists the triple-bottom-line categories served by the action's linked outcomes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from civicnb.framework.model import Framework, Text
from civicnb.model import TBL_CATEGORIES, Action, Outcome

__all__ = ["DesignTest", "Screening", "screen_action"]


@dataclass(frozen=True, slots=True)
class DesignTest:
    id: str
    title: Text
    test: Text


@dataclass(frozen=True, slots=True)
class Screening:
    action_id: str
    passed: tuple[DesignTest, ...]
    failed: tuple[DesignTest, ...]
    unanswered: tuple[DesignTest, ...]
    categories: tuple[str, ...]
    """Triple-bottom-line categories the linked outcomes serve (environment, economy,
    social order)."""
    unknown_tests: tuple[str, ...] = ()
    """Screening keys that are not design tests of this framework (ignored)."""
    missing_outcomes: tuple[str, ...] = ()
    """Linked outcome ids not among the outcomes given (ignored)."""

    @property
    def n_tests(self) -> int:
        return len(self.passed) + len(self.failed) + len(self.unanswered)

    @property
    def score(self) -> int:
        """Number of design tests passed."""
        return len(self.passed)

    @property
    def share(self) -> float | None:
        """Tests passed / all tests (None if the framework has no design tests)."""
        return self.score / self.n_tests if self.n_tests else None


def screen_action(framework: Framework, action: Action, outcomes: Iterable[Outcome]) -> Screening:
    """Screen ``action`` against ``framework``'s design tests (see the module docs)."""
    passed: list[DesignTest] = []
    failed: list[DesignTest] = []
    unanswered: list[DesignTest] = []
    known: set[str] = set()
    for e in framework.design_tests:
        assert e.test is not None  # design_tests only lists elements with a test
        t = DesignTest(e.id, e.title, e.test)
        known.add(e.id)
        verdict = action.screening.get(e.id)
        (unanswered if verdict is None else passed if verdict else failed).append(t)
    by_id = {o.id: o for o in outcomes}
    served = {by_id[o].category for o in action.outcome_ids if o in by_id}
    return Screening(
        action_id=action.id,
        passed=tuple(passed),
        failed=tuple(failed),
        unanswered=tuple(unanswered),
        categories=tuple(c for c in TBL_CATEGORIES if c in served),
        unknown_tests=tuple(k for k in action.screening if k not in known),
        missing_outcomes=tuple(o for o in action.outcome_ids if o not in by_id),
    )
