"""Text boxes whose value reaches the kernel before a button's click does.

ipywidgets' ``Text`` and ``Textarea`` send their value on every keystroke by default
(``continuous_update=True``). The browser then throttles each widget: while one update
of a box waits for the kernel, the next keystrokes of that box are held back and sent
only when the kernel answers. A button's click is not held back. On a busy server
(thirty people in the room, two cores) a facilitator who types a note and clicks
"Save" at once has the click reach the kernel before the held-back keystrokes, and
what is saved is the note's first letter (seen in CI: "P" for "Publish them").

The boxes made here send their value once, when it is changed and the box is left
(Tab, a click elsewhere, Enter in a one-line box). Leaving the box happens before the
click, so the value always arrives first; and the kernel is not woken at each
keystroke. Every text box of civicnb's pages is made here (a test checks the source).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W

__all__ = ["text_area", "text_box"]


def text_box(description: str = "", **kwargs: Any) -> W.Text:
    """A one-line ``ipywidgets.Text`` that sends its value when the box is left."""
    return W.Text(description=description, continuous_update=False, **kwargs)


def text_area(description: str = "", rows: int = 2, **kwargs: Any) -> W.Textarea:
    """An ``ipywidgets.Textarea`` of ``rows`` lines that sends its value when left."""
    return W.Textarea(description=description, rows=rows, continuous_update=False, **kwargs)
