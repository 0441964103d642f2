"""Celebrations: what the partnership is proud of."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as W

from civicnb.html.reveal import celebrations_html
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.records import Celebration
from civicnb.ui.facilitator.section import Section, stacked
from civicnb.ui.inputs import text_area
from civicnb.ui.markup import html_widget

if TYPE_CHECKING:
    from civicnb.ui.facilitator.page import FacilitatorPage

__all__ = ["CelebrationsSection"]


class CelebrationsSection(Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        self.text = text_area(description=t("fac_celebrate", lang), rows=2)
        stacked(self.text)
        add = W.Button(description=t("fac_add_celebration", lang))
        add.add_class("civicnb-primary")
        add.on_click(self.guarded(self._add))
        self.listing = html_widget("")
        self.children = [
            html_widget(
                f"<h2>{_h(t('fac_celebrations', lang))}</h2><p>{_h(t('fac_celebrations_text', lang))}</p>"
            ),
            self.listing,
            self.text,
            add,
            self.status,
        ]
        self.refresh()

    def _add(self) -> str:
        self.rec.add_celebration(Celebration(self.ctx.locality.id, self.round.id, self.text.value))
        self.text.value = ""
        return f"✓ {t('saved', self.lang)}"

    def refresh(self) -> None:
        self.listing.value = celebrations_html(
            self.store.celebrations(self.ctx.locality.id), self.lang
        )
