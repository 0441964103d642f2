"""Accessible choices for forms: a named group of checkboxes or radio buttons.

:class:`ChoiceGroup` is an anywidget whose front-end (``widgets/choice/choice.js`` and
``choice.css``) renders a real ``<fieldset>`` with the question as its ``<legend>`` and
native inputs: checkboxes (``multiple=True``: each one a Tab stop, Space ticks it, no
Ctrl-click as in a multiple ``<select>``) or radio buttons sharing one ``name``
(``multiple=False``: one Tab stop, arrows within). Labels are set as text, never markup.

The browser may send ``selected`` only, and only a list of known keys (one at most for
radio buttons); anything else is ignored and the true state is sent back.

>>> w = ChoiceGroup("Outcomes it serves", [("Clean river", "o1"), ("Jobs", "o2")])
>>> w.selected = ["o2"]
>>> w.selected
['o2']
>>> w.options = [("Jobs", "o2"), ("Parks", "o3")]  # what was ticked and still exists stays
>>> w.selected
['o2']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import anywidget
import traitlets

from civicnb.assets import widget_file
from civicnb.ui.sent_state import take_sent_state

__all__ = ["ChoiceGroup"]

MAX_OPTIONS = 500
MAX_LABEL = 1_000


class ChoiceGroup(anywidget.AnyWidget):
    """A ``<fieldset>`` of checkboxes (``multiple``) or radio buttons; ``selected`` is
    the list of chosen keys, in the order of the options."""

    _esm = widget_file("choice", "choice.js")
    _css = widget_file("choice", "choice.css")

    legend = traitlets.Unicode("").tag(sync=True)
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    option_keys = traitlets.List(traitlets.Unicode()).tag(sync=True)
    selected = traitlets.List(traitlets.Unicode()).tag(sync=True, echo_update=False)
    multiple = traitlets.Bool(True).tag(sync=True)
    empty = traitlets.Unicode("").tag(sync=True)
    """Shown instead of the inputs when there are no options (e.g. "No outcomes yet")."""
    inline = traitlets.Bool(False).tag(sync=True)
    """Options side by side (short labels such as passes / fails / not assessed)."""

    def __init__(
        self,
        legend: str,
        options: Sequence[tuple[str, str]] = (),
        *,
        multiple: bool = True,
        selected: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(legend=legend, multiple=multiple, **kwargs)
        self.options = options
        self.selected = list(selected)
        take_sent_state(self)  # the browser sends its choice as a message of its own

    @property
    def options(self) -> list[tuple[str, str]]:
        return list(zip(self.labels, self.option_keys, strict=True))

    @options.setter
    def options(self, options: Sequence[tuple[str, str]]) -> None:
        pairs = [(str(label), str(key)) for label, key in options]
        if len(pairs) > MAX_OPTIONS:
            raise traitlets.TraitError(f"at most {MAX_OPTIONS} options (got {len(pairs)})")
        keys = [k for _, k in pairs]
        if len(set(keys)) != len(keys):
            raise traitlets.TraitError("option keys must be different from each other")
        with self.hold_sync():
            self.option_keys = keys
            self.labels = [label[:MAX_LABEL] for label, _ in pairs]
            self.selected = [k for k in self.selected if k in keys]

    @property
    def choice(self) -> str:
        """The chosen key of a radio group ('' when none)."""
        return self.selected[0] if self.selected else ""

    @choice.setter
    def choice(self, key: str) -> None:
        self.selected = [key] if key else []

    @traitlets.validate("selected")
    def _check_selected(self, proposal: traitlets.Bunch) -> list[str]:
        chosen = set(proposal["value"])
        unknown = chosen - set(self.option_keys)
        if unknown:
            raise traitlets.TraitError(f"not an option: {sorted(unknown)[0][:40]!r}")
        if not self.multiple and len(chosen) > 1:
            raise traitlets.TraitError("only one choice in a group of radio buttons")
        return [k for k in self.option_keys if k in chosen]

    def set_state(self, sync_data: Mapping[str, Any]) -> None:
        """State from the browser: only a well-formed ``selected`` is taken."""
        if not isinstance(sync_data, Mapping):
            return
        new = sync_data.get("selected")
        ok = (
            isinstance(new, list)
            and all(isinstance(k, str) and k in self.option_keys for k in new)
            and (self.multiple or len(new) <= 1)
        )
        if ok:
            super().set_state({"selected": new})
        if not ok or set(sync_data) - {"selected"}:
            self.send_state(["selected"])
