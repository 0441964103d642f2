""" "About these questions": the framework's attribution at the foot of every
participant and facilitator page (a closed disclosure; :mod:`civicnb.html.attribution`).

Pages replace their children as the participant goes on (the form, then the joined
view; the "not joined" notice): :func:`with_about` keeps the footer last.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as W

from civicnb.framework.model import Framework
from civicnb.html.attribution import attribution_html
from civicnb.ui.markup import html_widget

__all__ = ["ABOUT_CLASS", "about_widget", "with_about"]

ABOUT_CLASS = "civicnb-about-footer"


def about_widget(fw: Framework, lang: str) -> W.HTML:
    """The attribution of ``fw`` in ``lang``; set ``value`` again to change language."""
    return html_widget(attribution_html(fw, lang), ABOUT_CLASS)


def with_about(view: W.Box, children: Sequence[W.Widget]) -> list[W.Widget]:
    """``children`` followed by the footer ``view`` has now (if any)."""
    footer = [c for c in view.children if ABOUT_CLASS in c._dom_classes]
    return [*(c for c in children if c not in footer), *footer]
