"""What a participant chooses or writes is sent as a custom message ``{"state": …}``
(civicnb.ui.sent_state), not held back by ipywidgets' per-widget throttle: the kernel
applies it with the widget's own checks, does not echo it back, and leaves other
messages alone. The browser side is tests/browser/test_trust.py (a slow server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ipywidgets")
import ipywidgets as W

from civicnb.framework import load_framework
from civicnb.ui.choice import ChoiceGroup as Choices
from civicnb.ui.rating import ChoiceGroup, QuestionCard, RatingGroup

ROOT = Path(__file__).resolve().parents[2]
FW = load_framework("pamphlet")


def _sent(w: Any, content: object) -> list[dict[str, Any]]:
    """Deliver ``content`` as the browser's custom message; what the kernel sends back."""
    out: list[dict[str, Any]] = []
    w._send = lambda msg, buffers=None: out.append(msg)
    w._handle_custom_msg(content, [])
    return out


def test_a_choice_sent_as_a_message_is_taken_and_saved() -> None:
    w = RatingGroup.for_question(FW.question("LA-01"), FW)
    seen: list[tuple[int, bool]] = []
    w.observe(lambda _c: seen.append((w.value, w.dont_know)), names=["value", "dont_know"])
    back = _sent(w, {"state": {"value": 3, "dont_know": False}})
    assert w.value == 3 and seen == [(3, False)]
    assert not back  # no echo: a late one would show an older choice again
    _sent(w, {"state": {"value": 0, "dont_know": True}})
    assert (w.value, w.dont_know) == (0, True)


def test_a_state_sync_would_have_been_echoed() -> None:
    """The control: ipywidgets echoes a trait not tagged ``echo_update=False``."""
    slider = W.IntSlider()
    out: list[dict[str, Any]] = []
    slider._send = lambda msg, buffers=None: out.append(msg)  # type: ignore[method-assign]
    slider.set_state({"value": 4})
    assert [m["method"] for m in out] == ["echo_update"]


@pytest.mark.parametrize(
    "content",
    [
        {"state": {"value": 9}},
        {"state": {"value": "3"}},
        {"state": {"legend": "<b>another question</b>", "disabled": True}},
        {"kind": "anywidget-command", "state_": {"value": 3}},
        ["state", {"value": 3}],
        {"state": ["value", 3]},
        None,
    ],
)
def test_anything_else_changes_nothing(content: object) -> None:
    w = RatingGroup.for_question(FW.question("LA-01"), FW)
    w.value = 2
    legend = w.legend
    _sent(w, content)
    assert (w.value, w.dont_know, w.legend, w.disabled) == (2, False, legend, False)


def test_a_note_sent_as_a_message_is_taken() -> None:
    card = QuestionCard.for_question(FW.question("LA-01"), FW, note_label="Evidence")
    back = _sent(card, {"state": {"note": "The minutes <b>are</b> read"}})
    assert card.note == "The minutes <b>are</b> read" and not back
    _sent(card, {"state": {"would_help": "x" * 200_000}})  # over the browser limit
    assert card.would_help == ""


def test_the_start_pages_choices_and_the_forms_choices() -> None:
    side = ChoiceGroup(legend="I answer for", options=[["LA", "The council"], ["CSO", "A group"]])
    _sent(side, {"state": {"value": "CSO"}})
    assert side.value == "CSO"
    _sent(side, {"state": {"value": "nobody"}})
    assert side.value == "CSO"
    outcomes = Choices("Outcomes it serves", [("Clean river", "o1"), ("Jobs", "o2")])
    _sent(outcomes, {"state": {"selected": ["o2", "o1"]}})
    assert outcomes.selected == ["o1", "o2"]
    _sent(outcomes, {"state": {"selected": ["o9"]}})
    assert outcomes.selected == ["o1", "o2"]


def test_the_browser_code_sends_no_state_sync() -> None:
    """The widgets' browser code sends what a person chose with ``model.send``."""
    for path in [*ROOT.glob("widgets/rating/*.js"), *ROOT.glob("widgets/choice/*.js")]:
        code = path.read_text(encoding="utf-8")
        assert ".save_changes()" not in code, path
        assert "model.send(" in code, path
