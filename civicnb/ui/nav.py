"""The sections of a page as a navigation of buttons that says which one is current.

ipywidgets' ToggleButtons cannot set ARIA: :class:`SectionNav` (an anywidget; front-end
``widgets/nav/nav.js``) renders ``<nav aria-label=…>`` with one native ``<button>`` per
section (Tab, Enter and Space work as everywhere); the current one has
``aria-current="true"``. After Python has shown the new section it calls
:meth:`SectionNav.focus` with a class that marks the section: the browser moves focus to
the first heading inside it (once it is on the page; the heading gets
``tabindex="-1"``), so a keyboard or screen-reader user lands at the
top of what they opened instead of on the button (or on ``<body>``).

The browser may send ``value`` only, and only one of the keys.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import anywidget
import traitlets

from civicnb.assets import widget_file

__all__ = ["SectionNav"]

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,99}$")


class SectionNav(anywidget.AnyWidget):
    _esm = widget_file("nav", "nav.js")
    _css = widget_file("nav", "nav.css")

    label = traitlets.Unicode("").tag(sync=True)
    """The navigation's accessible name (``aria-label``)."""
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    option_keys = traitlets.List(traitlets.Unicode()).tag(sync=True)
    value = traitlets.Unicode("").tag(sync=True)
    focus_class = traitlets.Unicode("").tag(sync=True)
    focus_seq = traitlets.Int(0).tag(sync=True)
    """Bumped by :meth:`focus`: the browser then focuses the first heading inside the
    element of class ``focus_class``."""

    def __init__(self, label: str, options: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(
            label=label,
            labels=[str(text) for text, _ in options],
            option_keys=[str(key) for _, key in options],
            **kwargs,
        )
        if not self.value and self.option_keys:
            self.value = self.option_keys[0]

    @traitlets.validate("value")
    def _check_value(self, proposal: traitlets.Bunch) -> str:
        v = proposal["value"]
        if v not in self.option_keys:
            raise traitlets.TraitError(f"not a section: {str(v)[:40]!r}")
        return str(v)

    def focus(self, css_class: str) -> None:
        """Move the browser's focus to the first heading inside the element that has
        this class, as soon as it is on the page."""
        if not _ID.match(css_class):
            raise traitlets.TraitError(f"not a class name: {css_class[:40]!r}")
        with self.hold_sync():
            self.focus_class = css_class
            self.focus_seq += 1

    def set_state(self, sync_data: Mapping[str, Any]) -> None:
        """State from the browser: only ``value``, and only a known key."""
        if not isinstance(sync_data, Mapping):
            return
        new = sync_data.get("value")
        if isinstance(new, str) and new in self.option_keys:
            super().set_state({"value": new})
        else:
            self.send_state(["value"])
