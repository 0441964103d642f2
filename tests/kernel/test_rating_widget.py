"""RatingGroup's Python side: validation of values set from Python and of state sent by
the browser over the comm channel (simulated), without a browser or a kernel."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("anywidget")

import traitlets

from civicnb.assets import widget_file, widgets_dir
from civicnb.framework import load_framework
from civicnb.ui.rating import DEFAULT_LABELS, RatingGroup, scale_labels

pytestmark = pytest.mark.kernel


class Spy:
    """Collects the messages a widget sends to the front-end."""

    def __init__(self, widget: RatingGroup) -> None:
        self.sent: list[dict[str, Any]] = []
        widget._send = self._send  # type: ignore[method-assign]

    def _send(self, msg: dict[str, Any], buffers: Any = None) -> None:
        self.sent.append(msg)

    def states(self, method: str = "update") -> list[dict[str, Any]]:
        return [m["state"] for m in self.sent if m.get("method") == method]


def browser_sends(widget: RatingGroup, state: Any) -> None:
    """Simulate an ``update`` comm message from the front-end."""
    widget._handle_msg({"content": {"data": {"method": "update", "state": state}}, "buffers": []})


@pytest.fixture
def w() -> RatingGroup:
    return RatingGroup(legend="How well?")


def test_defaults(w: RatingGroup) -> None:
    assert (w.value, w.dont_know, w.score, w.answered) == (0, False, None, False)
    assert w.labels == list(DEFAULT_LABELS)
    assert w.dont_know_label == "Don't know"
    assert "export default" in w._esm and "textContent" in w._esm
    assert "innerHTML" not in w._esm.replace("never innerHTML", "")
    assert ".civicnb-rating" in w._css


def test_assets_found() -> None:
    assert (widgets_dir() / "rating" / "rating.js").is_file()
    assert widget_file("rating", "rating.css").read_text(encoding="utf-8")


def test_for_question_in_both_languages() -> None:
    fw = load_framework("pamphlet")
    q = fw.question("CSO-III")
    en = RatingGroup.for_question(q, fw, lang="en")
    es = RatingGroup.for_question(q, fw, lang="es")
    assert en.legend == f"III. {q.text.en}" and es.legend == f"III. {q.text.es}"
    assert en.labels[0] == "1 — Not at all" and en.labels[4] == "5 — Very well"
    assert es.labels == scale_labels(fw.scale, "es")
    assert (es.dont_know_label, es.lang) == ("No sé", "es")
    assert RatingGroup.for_question(q, fw, numbered=False).legend == q.text.en


@pytest.mark.parametrize("bad", [-1, 6, 99, 2.5, "3", None, True])
def test_python_rejects_bad_values(w: RatingGroup, bad: Any) -> None:
    with pytest.raises(traitlets.TraitError):
        w.value = bad
    assert w.value == 0


def test_value_and_dont_know_exclude_each_other(w: RatingGroup) -> None:
    w.value = 3
    assert (w.score, w.dont_know, w.answered) == (3, False, True)
    w.dont_know = True
    assert (w.value, w.score, w.dont_know, w.answered) == (0, None, True, True)
    w.value = 5
    assert (w.value, w.dont_know) == (5, False)
    w.set_answer(None, dont_know=True)
    assert (w.value, w.dont_know) == (0, True)
    w.set_answer(2)
    assert (w.value, w.dont_know) == (2, False)
    w.set_answer(None)
    assert (w.value, w.dont_know, w.answered) == (0, False, False)
    with pytest.raises(traitlets.TraitError):
        w.set_answer(3, dont_know=True)
    with pytest.raises(traitlets.TraitError):
        RatingGroup(legend="x", value=3, dont_know=True)


def test_text_limits() -> None:
    RatingGroup(legend="x" * 2000)
    with pytest.raises(traitlets.TraitError, match="limit is 2,000"):
        RatingGroup(legend="x" * 2001)
    w = RatingGroup(legend="ok")
    with pytest.raises(traitlets.TraitError):
        w.legend = "y" * 100_000
    assert w.legend == "ok"
    with pytest.raises(traitlets.TraitError):
        w.hint = "h" * 2001
    with pytest.raises(traitlets.TraitError):
        w.legend = "nul\x00"
    with pytest.raises(traitlets.TraitError, match="5 labels"):
        w.labels = ["a", "b"]
    with pytest.raises(traitlets.TraitError):
        w.labels = ["a", "b", "c", "d", "e" * 201]
    with pytest.raises(traitlets.TraitError):
        w.labels = ["a", "b", "c", "d", " "]
    with pytest.raises(traitlets.TraitError):
        w.dont_know_label = ""
    with pytest.raises(traitlets.TraitError):
        w.description_id = 'x" onmouseover="alert(1)'
    w.description_id = "help-1 help-2"
    with pytest.raises(traitlets.TraitError):
        w.lang = "<es>"
    w.lang = "es-CO"


def test_markup_is_kept_as_text() -> None:
    payload = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    w = RatingGroup(legend=payload, hint=payload)
    assert w.legend == payload  # stored as given; the front-end sets it with textContent


def test_browser_can_choose_a_value(w: RatingGroup) -> None:
    spy = Spy(w)
    browser_sends(w, {"value": 4, "dont_know": False})
    assert (w.value, w.dont_know) == (4, False)
    assert spy.states("update") == []  # nothing to correct
    browser_sends(w, {"value": 0, "dont_know": True})
    assert (w.value, w.dont_know) == (0, True)


@pytest.mark.parametrize(
    "state",
    [
        {"value": 7},
        {"value": -1},
        {"value": 10**18},
        {"value": "3"},
        {"value": 2.5},
        {"value": True},
        {"value": None},
        {"value": [3]},
        {"dont_know": "yes"},
        {"dont_know": 1},
    ],
)
def test_browser_cannot_send_bad_values(w: RatingGroup, state: dict[str, Any]) -> None:
    w.value = 2
    spy = Spy(w)
    browser_sends(w, state)
    assert (w.value, w.dont_know) == (2, False)
    # and the browser is told the true state
    sent = spy.states("update")
    assert sent and sent[-1]["value"] == 2 and sent[-1]["dont_know"] is False


def test_browser_cannot_change_anything_else(w: RatingGroup) -> None:
    spy = Spy(w)
    browser_sends(
        w,
        {
            "legend": "x" * 100_000,
            "labels": ["a"] * 1000,
            "disabled": True,
            "_esm": "alert(1)",
            "hint": "<b>",
            "not_a_trait": 1,
        },
    )
    assert w.legend == "How well?"
    assert w.labels == list(DEFAULT_LABELS)
    assert w.disabled is False and w.hint == ""
    assert "alert(1)" not in w._esm
    sent = spy.states("update")
    assert sent and sent[-1]["legend"] == "How well?" and sent[-1]["disabled"] is False


def test_browser_inconsistent_state_is_made_consistent(w: RatingGroup) -> None:
    browser_sends(w, {"value": 3, "dont_know": True})  # "don't know" wins
    assert (w.value, w.dont_know) == (0, True)
    spy = Spy(w)
    browser_sends(w, {"value": 5})  # a number clears "don't know"
    assert (w.value, w.dont_know) == (5, False)
    assert spy.states("update")[-1]["dont_know"] is False


def test_browser_garbage_messages(w: RatingGroup) -> None:
    w.value = 1
    for state in ("value=5", None, [1, 2], 42):
        browser_sends(w, state)
    assert w.value == 1


def test_observers_see_browser_changes(w: RatingGroup) -> None:
    seen: list[tuple[str, Any]] = []
    w.observe(lambda c: seen.append((c["name"], c["new"])), names=["value", "dont_know"])
    browser_sends(w, {"value": 2, "dont_know": False})
    browser_sends(w, {"value": 99})
    browser_sends(w, {"value": 0, "dont_know": True})
    assert seen == [("value", 2), ("value", 0), ("dont_know", True)]
