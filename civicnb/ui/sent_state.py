"""What a person chooses or writes in civicnb's own widgets reaches the kernel as a
message of its own, so that none of it is held back and lost.

ipywidgets holds a widget's next state sync back in the browser until the kernel has
answered the previous one (a throttle per widget). On a busy server the answer can take
seconds; a participant who changes their choice, or writes a note, and then goes to the
next strand, closes the page before the held-back state is sent: the store keeps the
first choice and no note. A widget's custom messages are not held back.

So the browser code of our widgets (``widgets/rating/*.js``, ``widgets/choice/*.js``)
sends ``{"state": {trait: value, ...}}`` with ``model.send`` instead of
``model.save_changes``, and :func:`take_sent_state` has the kernel apply it with the
widget's own ``set_state``, which takes only the traits the browser may change, and only
well-formed. Those traits are tagged ``echo_update=False``: the kernel does not echo them
back, as it would a state sync, and a slow echo cannot show an older choice again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["take_sent_state"]


def take_sent_state(widget: Any) -> None:
    """Have ``widget`` apply the state its browser code sends as a custom message."""
    widget.on_msg(_apply)


def _apply(widget: Any, content: object, _buffers: object) -> None:
    """A custom message ``{"state": {...}}``: applied as the browser's state (anything
    else, e.g. anywidget's own messages, is left alone)."""
    if isinstance(content, Mapping):
        state = content.get("state")
        if isinstance(state, Mapping):
            widget.set_state(dict(state))
