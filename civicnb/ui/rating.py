"""The rating control: one checklist question, 1–5 or "don't know".

:class:`RatingGroup` is an anywidget whose front-end (``widgets/rating/rating.js`` and
``rating.css``) renders a real ``<fieldset>``: the question as its ``<legend>``, five
labelled native radio buttons and a sixth, "Don't know", all sharing one ``name``.
Keyboard and screen-reader behaviour is the browser's own (see
``docs/accessibility.md``).

The browser can send *any* state over the widget channel, so this class trusts none
of it: only ``value`` and ``dont_know`` are accepted from the front-end, and only when
they are well-formed (anything else is ignored and the true state is sent back).
Values set from Python are validated too (a :class:`traitlets.TraitError` for a value
outside 0..5, a legend over 2,000 characters…).

>>> from civicnb.framework import load_framework
>>> fw = load_framework("pamphlet")
>>> w = RatingGroup.for_question(fw.question("LA-01"), fw, lang="es")
>>> w.labels[0], w.dont_know_label
('1 — Nada', 'No sé')
>>> w.value = 4
>>> w.score, w.dont_know
(4, False)
>>> w.dont_know = True
>>> w.score, w.value
(None, 0)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import anywidget
import traitlets

from civicnb.assets import widget_file
from civicnb.framework.model import Framework, Question, ScaleLevel
from civicnb.i18n import language_tag
from civicnb.records import MAX_TEXT
from civicnb.ui.sent_state import take_sent_state

__all__ = [
    "DEFAULT_DONT_KNOW",
    "DEFAULT_LABELS",
    "MAX_LABEL",
    "MAX_LEGEND",
    "ChoiceGroup",
    "QuestionCard",
    "RatingGroup",
    "scale_labels",
]

MAX_LEGEND = MAX_TEXT
"""Longest legend (question text) accepted: 2,000 characters."""
MAX_LABEL = 200
"""Longest option label accepted."""
MAX_HINT = MAX_TEXT

DEFAULT_LABELS = (
    "1 — Not at all",
    "2 — A little",
    "3 — Partly",
    "4 — Well",
    "5 — Very well",
)
DEFAULT_DONT_KNOW = "Don't know"

_ID_LIST = re.compile(r"^(?:[A-Za-z][A-Za-z0-9_:.-]{0,99})(?: [A-Za-z][A-Za-z0-9_:.-]{0,99}){0,4}$")

_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$")

#: What the browser may change. Everything else is ours: a browser that sends another
#: key (a new legend, labels, ``disabled``, even ``_esm``) is ignored.
_FROM_BROWSER = frozenset({"value", "dont_know"})


def scale_labels(scale: Sequence[ScaleLevel], lang: str = "en") -> list[str]:
    """The five option labels for a framework's scale: ``'1 — Not at all'``…"""
    levels = sorted(scale, key=lambda s: s.value)
    if [s.value for s in levels] != [1, 2, 3, 4, 5]:
        raise ValueError("a rating scale has exactly the levels 1, 2, 3, 4 and 5")
    return [f"{s.value} — {s.label.get(lang)}" for s in levels]


def _valid_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


class RatingGroup(anywidget.AnyWidget):
    """A question with five labelled choices (1–5) and "don't know".

    ``value`` is 0 (nothing chosen, or "don't know") or 1–5; ``dont_know`` is True
    when "don't know" is chosen (then ``value`` is 0). Choosing a number clears
    ``dont_know``; choosing "don't know" sets ``value`` to 0. Observe ``value`` and
    ``dont_know`` (``w.observe(fn, names=["value", "dont_know"])``) to save answers.
    """

    _esm = widget_file("rating", "rating.js")
    _css = widget_file("rating", "rating.css")

    value = traitlets.Int(0).tag(sync=True, echo_update=False)
    dont_know = traitlets.Bool(False).tag(sync=True, echo_update=False)
    legend = traitlets.Unicode("").tag(sync=True)
    labels = traitlets.List(traitlets.Unicode(), default_value=list(DEFAULT_LABELS)).tag(sync=True)
    dont_know_label = traitlets.Unicode(DEFAULT_DONT_KNOW).tag(sync=True)
    hint = traitlets.Unicode("").tag(sync=True)
    """Optional help text shown under the legend and linked with aria-describedby."""
    description_id = traitlets.Unicode("").tag(sync=True)
    """Optional id(s) of other elements on the page that describe the question
    (added to aria-describedby)."""
    disabled = traitlets.Bool(False).tag(sync=True)
    lang = traitlets.Unicode("").tag(sync=True)
    """Language of the question and labels when it differs from the page's
    (``lang`` attribute on the fieldset; WCAG 3.1.2), e.g. 'es'; '' = the page's."""

    def __init__(self, legend: str = "", **kwargs: Any) -> None:
        if kwargs.get("dont_know") is True and kwargs.get("value"):
            raise traitlets.TraitError('a rating is either a value or "don\'t know", not both')
        super().__init__(legend=legend, **kwargs)
        take_sent_state(self)  # the browser sends its choice as a message of its own

    # -- construction from framework data -------------------------------------------

    @classmethod
    def for_question(
        cls,
        question: Question,
        framework: Framework,
        lang: str = "en",
        *,
        numbered: bool = True,
        **kwargs: Any,
    ) -> RatingGroup:
        """A rating group for one framework question, in ``lang`` (a code of
        :data:`civicnb.i18n.LANGUAGES`)."""
        text = question.text.get(lang)
        legend = f"{question.number}. {text}" if numbered else text
        kwargs.setdefault("lang", language_tag(lang))
        return cls(
            legend=legend,
            labels=scale_labels(framework.scale, lang),
            dont_know_label=framework.dont_know.get(lang),
            **kwargs,
        )

    # -- the answer ---------------------------------------------------------------------

    @property
    def score(self) -> int | None:
        """The chosen score 1–5, or None (nothing chosen, or "don't know")."""
        return self.value if self.value else None

    @property
    def answered(self) -> bool:
        """True when a score or "don't know" is chosen."""
        return bool(self.value) or self.dont_know

    def set_answer(self, score: int | None, dont_know: bool = False) -> None:
        """Show a stored answer (e.g. a :class:`civicnb.records.Rating`'s score)."""
        if dont_know and score is not None:
            raise traitlets.TraitError('a rating is either a score or "don\'t know", not both')
        with self.hold_sync():
            if dont_know:
                self.dont_know = True
            else:
                self.value = 0 if score is None else score
                self.dont_know = False

    # -- validation of values set from Python -------------------------------------------

    @traitlets.validate("value")
    def _check_value(self, proposal: traitlets.Bunch) -> int:
        v = proposal["value"]
        if not _valid_int(v) or not 0 <= v <= 5:
            raise traitlets.TraitError(
                f"a rating value is a whole number from 0 (none) to 5 (got {v!r})"
            )
        return int(v)

    @traitlets.validate("legend")
    def _check_legend(self, proposal: traitlets.Bunch) -> str:
        return _check_text("legend", proposal["value"], MAX_LEGEND)

    @traitlets.validate("hint")
    def _check_hint(self, proposal: traitlets.Bunch) -> str:
        return _check_text("hint", proposal["value"], MAX_HINT)

    @traitlets.validate("dont_know_label")
    def _check_dont_know_label(self, proposal: traitlets.Bunch) -> str:
        text = _check_text("don't-know label", proposal["value"], MAX_LABEL)
        if not text.strip():
            raise traitlets.TraitError("the don't-know label must not be empty")
        return text

    @traitlets.validate("labels")
    def _check_labels(self, proposal: traitlets.Bunch) -> list[str]:
        labels = list(proposal["value"])
        if len(labels) != 5:
            raise traitlets.TraitError(f"a rating has 5 labels (got {len(labels)})")
        out = [_check_text("label", x, MAX_LABEL) for x in labels]
        if any(not x.strip() for x in out):
            raise traitlets.TraitError("rating labels must not be empty")
        return out

    @traitlets.validate("description_id")
    def _check_description_id(self, proposal: traitlets.Bunch) -> str:
        v = proposal["value"]
        if v and not _ID_LIST.match(v):
            raise traitlets.TraitError(
                f"description_id must be up to 5 HTML ids separated by spaces (got {v[:40]!r})"
            )
        return str(v)

    @traitlets.validate("lang")
    def _check_lang(self, proposal: traitlets.Bunch) -> str:
        v = proposal["value"]
        if v and not _LANG.match(v):
            raise traitlets.TraitError(f"not a language code: {v[:20]!r}")
        return str(v)

    # -- keep value and dont_know consistent ----------------------------------------------

    @traitlets.observe("value")
    def _value_changed(self, change: traitlets.Bunch) -> None:
        if change["new"] and self.dont_know:
            self.dont_know = False

    @traitlets.observe("dont_know")
    def _dont_know_changed(self, change: traitlets.Bunch) -> None:
        if change["new"] and self.value:
            self.value = 0

    # -- state from the browser: trust nothing -------------------------------------------

    def set_state(self, sync_data: Mapping[str, Any]) -> None:
        """Apply state received from the front-end, keeping only well-formed
        ``value``/``dont_know``; anything else is ignored and corrected in the browser."""
        if not isinstance(sync_data, Mapping):
            return
        clean: dict[str, Any] = {}
        rejected: set[str] = set()
        for key, new in sync_data.items():
            if key == "value" and _valid_int(new) and 0 <= new <= 5:
                clean["value"] = int(new)
            elif key == "dont_know" and isinstance(new, bool):
                clean["dont_know"] = new
            elif isinstance(key, str) and key in self.keys:
                rejected.add(key)
            # unknown keys are dropped silently
        if clean.get("dont_know") is True:
            clean["value"] = 0
        elif clean.get("value"):
            clean["dont_know"] = False
        if clean:
            super().set_state(clean)
        # tell the browser the true state of whatever it sent that we did not take as is
        sent_back = {k for k in sync_data if k in rejected}
        for key in _FROM_BROWSER:
            if key not in sync_data or sync_data[key] != clean.get(key):
                sent_back.add(key)
        if sent_back and (rejected or clean):
            self.send_state(sorted(sent_back))


def _check_text(what: str, value: object, limit: int) -> str:
    if not isinstance(value, str):
        raise traitlets.TraitError(f"the {what} must be text (got {type(value).__name__})")
    if len(value) > limit:
        raise traitlets.TraitError(
            f"the {what} has {len(value):,} characters; the limit is {limit:,}"
        )
    if "\x00" in value:
        raise traitlets.TraitError(f"the {what} contains a NUL character")
    return value


MAX_BROWSER_TEXT = 100_000
"""Longest note accepted from the browser at all; the model's own limit (5,000) is
checked when saving, with a message, and the text stays in the box."""


class QuestionCard(RatingGroup):
    """One question as one widget: a heading, the rating group, the evidence note,
    "what would help" and a polite status line. Fewer widgets per page means less for
    Voilà to relay when thirty people open a strand at once.

    The browser may send ``value``, ``dont_know``, ``note`` and ``would_help`` only.
    """

    heading = traitlets.Unicode("").tag(sync=True)
    heading_tag = traitlets.Unicode("").tag(sync=True)
    note = traitlets.Unicode("").tag(sync=True, echo_update=False)
    would_help = traitlets.Unicode("").tag(sync=True, echo_update=False)
    note_label = traitlets.Unicode("Evidence").tag(sync=True)
    help_label = traitlets.Unicode("What would help?").tag(sync=True)
    max_note = traitlets.Int(5_000).tag(sync=True)
    status_text = traitlets.Unicode("").tag(sync=True)
    status_kind = traitlets.Unicode("").tag(sync=True)
    original = traitlets.Unicode("").tag(sync=True)
    """In easy read: the question's original wording, behind a disclosure under the
    (easy-read) legend; '' shows none."""
    original_label = traitlets.Unicode("Original wording").tag(sync=True)

    @traitlets.validate("original")
    def _check_original(self, proposal: traitlets.Bunch) -> str:
        return _check_text("original wording", proposal["value"], MAX_LEGEND)

    text_refused = traitlets.Unicode("Not saved: the text has a broken character").tag(sync=True)
    """Shown by the browser itself, instead of sending, when a note is not well-formed
    text (a lone surrogate, which the connection to the kernel would drop silently)."""

    def show_status(self, text: str, kind: str = "ok") -> None:
        with self.hold_sync():
            self.status_kind = kind
            self.status_text = text

    def set_state(self, sync_data: Mapping[str, Any]) -> None:
        if not isinstance(sync_data, Mapping):
            return
        texts: dict[str, Any] = {}
        rest: dict[str, Any] = {}
        for key, new in sync_data.items():
            if key in ("note", "would_help"):
                if isinstance(new, str) and len(new) <= MAX_BROWSER_TEXT:
                    texts[key] = new
                else:
                    self.send_state([key])  # refused: the browser gets the true state back
            else:
                rest[key] = new
        if texts:
            super(RatingGroup, self).set_state(texts)
        if rest:
            super().set_state(rest)


class ChoiceGroup(anywidget.AnyWidget):
    """One question with a few named choices (e.g. the start page's language and side):
    a ``<fieldset>`` whose ``<legend>`` is the question and whose native radios share one
    name (one Tab stop, arrow keys within). Front-end: ``widgets/rating/choice.js``.

    ``options`` is a list of ``[value, label]`` (or ``[value, label, lang]``: a label
    in another language than the page's, e.g. a language's own name, with its BCP 47
    tag); ``value`` is "" (nothing chosen) or one of the options' values. The browser
    may send ``value`` only, and only a known one.
    """

    _esm = widget_file("rating", "choice.js")
    _css = widget_file("rating", "rating.css")

    legend = traitlets.Unicode("").tag(sync=True)
    options = traitlets.List(traitlets.List(traitlets.Unicode())).tag(sync=True)
    value = traitlets.Unicode("").tag(sync=True, echo_update=False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        take_sent_state(self)  # the browser sends its choice as a message of its own

    @traitlets.validate("value")
    def _check_choice(self, proposal: traitlets.Bunch) -> str:
        v = proposal["value"]
        if v and v not in {o[0] for o in self.options}:
            raise traitlets.TraitError(f"not one of the choices: {str(v)[:40]!r}")
        return str(v)

    def set_state(self, sync_data: Mapping[str, Any]) -> None:
        """Only a known ``value`` is taken from the browser; anything else is ignored."""
        if not isinstance(sync_data, Mapping):
            return
        value = sync_data.get("value")
        if isinstance(value, str) and value in {o[0] for o in self.options}:
            super().set_state({"value": value})
        elif "value" in sync_data:
            self.send_state("value")
