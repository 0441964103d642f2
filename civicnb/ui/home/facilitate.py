"""Facilitate a workshop: each open locality's facilitator page, one link each (the
page asks for the key again: a link here never carries it)."""

from __future__ import annotations

from urllib.parse import quote

import ipywidgets as W

from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.ui.home.context import HomeContext
from civicnb.ui.home.public import open_localities
from civicnb.ui.markup import html_widget

__all__ = ["FacilitateSection", "facilitate_section"]


class FacilitateSection(W.VBox):
    def __init__(self, ctx: HomeContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.add_class("civicnb-home-facilitate")
        self.refresh()

    def markup(self) -> str:
        lang = self.ctx.lang
        items = [
            f'<li><a href="{quote(loc.slug)}/facilitator.ipynb?lang={loc.language}">'
            f"{_h(t('hs_facilitate_link', lang, name=loc.name))}</a></li>"
            for loc in open_localities(self.ctx.workspace)
        ]
        body = f"<ul>{''.join(items)}</ul>" if items else f"<p>{_h(t('hs_none_yet', lang))}</p>"
        return f"<h2>{_h(t('hs_facilitate_title', lang))}</h2>{body}"

    def refresh(self) -> None:
        self.children = [html_widget(self.markup())]


def facilitate_section(ctx: HomeContext) -> W.Widget:
    return FacilitateSection(ctx)
