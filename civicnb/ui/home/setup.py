"""The set-up panel behind the facilitator key (minimal: a heading and each locality's
facilitator page)."""

from __future__ import annotations

import ipywidgets as W

from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.ui.home.context import HomeContext
from civicnb.ui.markup import html_widget

__all__ = ["setup_panel"]


def setup_panel(ctx: HomeContext) -> W.Widget:
    """The set-up, for the facilitator (built only once the key checked out)."""
    lang = ctx.lang
    with ctx.workspace.open_store() as store:
        localities = store.localities()
    items = "".join(
        f'<li><a href="{_h(loc.slug)}/facilitator.ipynb?lang={lang}">'
        f"{_h(t('hp_fac_page', lang, place=loc.name))}</a></li>"
        for loc in localities
        if (ctx.workspace.locality_dir(loc.slug) / "facilitator.ipynb").is_file()
    )
    panel = html_widget(
        f"<h2>{_h(t('hp_setup', lang))}</h2>" + (f"<ul>{items}</ul>" if items else ""),
        "civicnb-home-setup",
    )
    return panel
