"""The community's assets and the priorities they serve."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as W

from civicnb.html.reveal import assets_html
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.records import ASSET_CATEGORIES, Asset
from civicnb.ui.facilitator.section import Section, stacked
from civicnb.ui.inputs import text_area
from civicnb.ui.markup import html_widget

if TYPE_CHECKING:
    from civicnb.ui.facilitator.page import FacilitatorPage

__all__ = ["AssetsSection"]


class AssetsSection(Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        self.category = W.Dropdown(
            options=[(t("asset_" + c, lang), c) for c in ASSET_CATEGORIES],
            description=t("fac_category", lang),
        )
        self.description = text_area(description=t("fac_description", lang), rows=2)
        self.priorities = self.outcome_choice(t("fac_priorities", lang))
        stacked(self.category, self.description)
        add = W.Button(description=t("fac_add_asset", lang))
        add.add_class("civicnb-primary")
        add.on_click(self.guarded(self._add))
        self.listing = html_widget("")
        self.children = [
            html_widget(
                f"<h2>{_h(t('fac_assets', lang))}</h2><p>{_h(t('fac_assets_text', lang))}</p>"
            ),
            self.listing,
            html_widget(f"<h3>{_h(t('fac_new_asset', lang))}</h3>"),
            self.category,
            self.description,
            self.priorities,
            add,
            self.status,
        ]
        self.refresh()

    def _add(self) -> str:
        self.rec.save_asset(
            Asset(
                self.ctx.locality.id,
                self.category.value,
                self.description.value,
                outcome_ids=tuple(self.priorities.selected),
            )
        )
        self.description.value = ""
        self.priorities.selected = []
        return f"✓ {t('saved', self.lang)}"

    def refresh(self) -> None:
        outcomes = self.store.outcomes(self.ctx.locality.id)
        self.listing.value = assets_html(
            self.store.assets(self.ctx.locality.id), outcomes, self.lang
        )
        self.priorities.options = self.outcome_options()
