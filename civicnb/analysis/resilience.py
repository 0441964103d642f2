"""Screening an action against strand IV's resilience design tests.

The framework's strand IV names five resilience dimensions, each with a design test
("Will it…?"). An action's ``screening`` records, per test id, whether it passes.

Each test has three states (:data:`VERDICTS`): it *passes*, it *fails*, or it is
*not assessed* (the group has not discussed it: the test id is absent from
``screening``; a form starts every test at "not assessed"). :func:`screening_from`
turns the three states into an action's ``screening``, :func:`verdict` reads one back.

``score`` = tests passed; ``share = score / number of tests``. A test not assessed is
neither a pass nor a fail: it is listed apart (``unanswered``), and it does not add to
the score, so "passes 2 of 5" with 3 not assessed reads the same as with 3 failed; the
share is of all tests, not of those answered (a screening nobody finished never looks
better than it is). The screening also lists the triple-bottom-line categories served
by the action's linked outcomes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from civicnb.errors import InputError
from civicnb.framework.model import Framework, Text
from civicnb.records import TBL_CATEGORIES, Action, Outcome

__all__ = [
    "FAILS",
    "NOT_ASSESSED",
    "PASSES",
    "VERDICTS",
    "DesignTest",
    "Screening",
    "screen_action",
    "screening_from",
    "verdict",
]

PASSES = "passes"
FAILS = "fails"
NOT_ASSESSED = "not_assessed"
VERDICTS = (PASSES, FAILS, NOT_ASSESSED)
"""The three states of a design test, in the order a form offers them."""


def screening_from(verdicts: Mapping[str, str]) -> dict[str, bool]:
    """An action's ``screening`` from one verdict per design test id: "passes" → True,
    "fails" → False, "not_assessed" → left out.

    >>> screening_from({"E1": "passes", "E2": "fails", "E3": "not_assessed"})
    {'E1': True, 'E2': False}
    """
    out: dict[str, bool] = {}
    for test_id, v in verdicts.items():
        if v not in VERDICTS:
            got = str(v)[:40]
            raise InputError(
                f"a design test is passes, fails or not_assessed (got {got!r} for {test_id!r})"
            )
        if v != NOT_ASSESSED:
            out[test_id] = v == PASSES
    return out


def verdict(action: Action, test_id: str) -> str:
    """The verdict recorded for one design test: "passes", "fails" or "not_assessed"."""
    v = action.screening.get(test_id)
    return NOT_ASSESSED if v is None else PASSES if v else FAILS


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
