"""Kiosk mode: a shared device whose participant sessions end with "Next participant"."""

from __future__ import annotations

from typing import Any

import ipywidgets as W

from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.ui.context import PageContext
from civicnb.ui.environment import in_jupyterlab
from civicnb.ui.locality_context import Context
from civicnb.ui.markup import close_all, html_widget
from civicnb.workshop.participation import end_session

__all__ = ["add_kiosk_bar"]


def add_kiosk_bar(ctx: Context, page: PageContext, view: W.Box) -> None:
    """Kiosk mode: put "Next participant" at the top of a participant's page. It ends the
    kiosk session (every page opened with its token then shows the "not joined" notice),
    clears the page and goes to a fresh start page, replacing the history entry.

    In JupyterLab there is no kiosk mode (a shared device shows Voilà pages): a notice
    says so instead of the bar."""
    token = ctx.token
    if not token or not ctx.kiosk:
        return
    lang = ctx.lang
    if in_jupyterlab():
        text = _h(t("lab_kiosk", lang))
        notice = html_widget(f'<p class="civicnb-hint civicnb-lab-kiosk">{text}</p>')
        view.children = [page, notice, *(c for c in view.children if c is not page)]
        return
    button = W.Button(description=t("kiosk_next", lang))
    button.add_class("civicnb-primary")
    button.add_class("civicnb-kiosk-next")
    bar = W.VBox([html_widget(f"<p>{_h(t('kiosk_explain', lang))}</p>"), button])
    bar.add_class("civicnb-kiosk")
    bar.add_class("civicnb-no-print")

    def next_participant(_b: Any) -> None:
        end_session(ctx.store, token)
        ctx.token = None
        old = [c for c in view.children if c is not page]
        view.children = [page, html_widget(f'<p role="status">{_h(t("kiosk_clearing", lang))}</p>')]
        close_all(old)  # the browser keeps no model of the previous participant's answers
        page.leave(f"start.ipynb?kiosk=1&lang={lang}", storage_key=ctx.storage_key)

    button.on_click(next_participant)
    view.children = [page, bar, *(c for c in view.children if c is not page)]
