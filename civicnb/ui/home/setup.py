"""The set-up panel behind the facilitator key (or on a temporary session): the home
page's sections, each headed (h2), in the order a facilitator goes through them.

The sections are listed in :func:`sections`, one function ``(HomeContext) -> Widget``
each. When one changes the localities (a locality created, a round opened), it calls
its context's ``refresh``: the public list and every section with a ``refresh()`` method
are redrawn (that method must not call the context's ``refresh`` in turn).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import ipywidgets as W

from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.ui.home.context import HomeContext
from civicnb.ui.home.create import create_section
from civicnb.ui.home.facilitate import facilitate_section
from civicnb.ui.home.keys import keys_section
from civicnb.ui.home.rounds import rounds_section
from civicnb.ui.home.takeaway import takeaway_section
from civicnb.ui.markup import html_widget

__all__ = ["SetupPanel", "sections", "setup_panel"]

Section = Callable[[HomeContext], W.Widget]


def sections() -> list[Section]:
    """The set-up's sections, in the page's (and the keyboard's) order."""
    return [
        facilitate_section,  # each locality's facilitator page
        create_section,  # create a locality
        rounds_section,  # open the next round
        keys_section,  # co-facilitators' keys
        takeaway_section,  # make the report and take it away
    ]


class SetupPanel(W.VBox):
    """The sections, sharing a context whose ``refresh`` redraws them all."""

    def __init__(self, ctx: HomeContext) -> None:
        super().__init__()
        self.outer = ctx
        self.ctx = replace(ctx, refresh=self.refresh)
        parts: list[W.Widget] = []
        if ctx.temporary:
            parts.append(
                html_widget(
                    f'<p class="civicnb-warning" role="note">{_h(t("hs_temporary", ctx.lang))}</p>'
                )
            )
        self.sections = [make(self.ctx) for make in sections()]
        self.children = [*parts, *self.sections]
        self.add_class("civicnb-home-setup")

    def refresh(self) -> None:
        """Redraw the home page's public list, then every section that can be redrawn."""
        self.outer.refresh()
        for section in self.sections:
            redraw = getattr(section, "refresh", None)
            if callable(redraw):
                redraw()


def setup_panel(ctx: HomeContext) -> W.Widget:
    """The set-up, for the facilitator (built only once the key checked out)."""
    return SetupPanel(ctx)
