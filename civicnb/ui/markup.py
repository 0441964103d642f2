"""``ipywidgets.HTML`` of our own markup, and closing a tree of widgets.

Markup given to :func:`html_widget` is built from our own constants with every
participant text escaped (:mod:`civicnb.html.safe`): ``W.HTML`` runs script.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as W

__all__ = ["close_all", "html_widget"]


def html_widget(markup: str, *classes: str) -> W.HTML:
    """An ``ipywidgets.HTML`` showing ``markup`` (already escaped), with CSS classes."""
    w = W.HTML(markup)
    for c in classes:
        w.add_class(c)
    return w


def close_all(widgets: Iterable[W.Widget]) -> None:
    """Close ``widgets`` and every widget inside them: the browser keeps no model of
    them (e.g. of the previous participant's answers)."""
    for w in widgets:
        close_all(getattr(w, "children", ()))
        w.close()
