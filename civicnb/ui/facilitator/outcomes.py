"""The outcomes wanted and the activities serving them (strands I and V), with the
activities × outcomes matrix."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import ipywidgets as W

from civicnb.analysis import coverage
from civicnb.errors import InputError
from civicnb.html.reveal import coverage_html, outcomes_html
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.records import TBL_CATEGORIES, Activity, Outcome
from civicnb.ui.facilitator.section import Section, offer, optional_number, stacked
from civicnb.ui.inputs import text_box
from civicnb.ui.markup import html_widget
from civicnb.workshop.rounds import last_readings

if TYPE_CHECKING:
    from civicnb.ui.facilitator.page import FacilitatorPage

__all__ = ["OutcomesSection"]


class OutcomesSection(Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        self.title = text_box(description=t("fac_outcome", lang))
        self.category = W.Dropdown(
            options=[(t("tbl_" + c, lang), c) for c in TBL_CATEGORIES],
            description=t("fac_category", lang),
        )
        self.indicator = text_box(description=t("fac_indicator", lang))
        self.baseline = text_box(description=t("fac_baseline", lang))
        self.target = text_box(description=t("fac_target", lang))
        self.current = text_box(description=t("fac_current", lang))
        add = W.Button(description=t("fac_add_outcome", lang))
        add.add_class("civicnb-primary")
        add.on_click(self.guarded(self._add_outcome))
        self.activity = text_box(description=t("fac_activity", lang))
        self.lead = text_box(description=t("fac_lead", lang))
        self.serves = self.outcome_choice(t("fac_serves_outcomes", lang))
        stacked(
            self.title,
            self.category,
            self.indicator,
            self.baseline,
            self.target,
            self.current,
            self.activity,
            self.lead,
        )
        add_activity = W.Button(description=t("fac_add_activity", lang))
        add_activity.add_class("civicnb-primary")
        add_activity.on_click(self.guarded(self._add_activity))
        # this round's indicator value of an outcome (the last round's is shown beside it)
        self.which = W.Dropdown(description=t("fac_outcome", lang))
        self.value = text_box(description=t("fac_current", lang))
        stacked(self.which, self.value)
        set_value = W.Button(description=t("fac_set_value", lang))
        set_value.on_click(self.guarded(self._set_value))
        self.outcome_list = html_widget("")
        self.matrix = html_widget("")
        self.children = [
            html_widget(f"<h2>{_h(t('fac_outcomes_title', lang))}</h2><p>{_h(t('fac_outcomes_text', lang))}</p>"),
            self.outcome_list,
            html_widget(f"<h3>{_h(t('fac_new_outcome', lang))}</h3>"),
            self.title, self.category, self.indicator, self.baseline, self.target, self.current,
            add,
            html_widget(f"<h3>{_h(t('fac_value_title', lang))}</h3>"),
            self.which, self.value, set_value,
            html_widget(f"<h2>{_h(t('fac_matrix_title', lang))}</h2><p>{_h(t('fac_matrix_text', lang))}</p>"),
            self.matrix,
            html_widget(f"<h3>{_h(t('fac_new_activity', lang))}</h3>"),
            self.activity, self.lead, self.serves,
            add_activity,
            self.status,
        ]  # fmt: skip
        self.refresh()

    def _add_outcome(self) -> str:
        lang = self.lang
        outcome = Outcome(
            self.ctx.locality.id,
            self.title.value,
            self.category.value,
            indicator=self.indicator.value,
            baseline=optional_number(self.baseline.value, "fac_baseline", lang),
            target=optional_number(self.target.value, "fac_target", lang),
            current=optional_number(self.current.value, "fac_current", lang),
        )
        self.rec.save_outcome(outcome)
        for w in (self.title, self.indicator, self.baseline, self.target, self.current):
            w.value = ""
        return f"✓ {t('saved', lang)}"

    def _set_value(self) -> str:
        lang = self.lang
        for o in self.store.outcomes(self.ctx.locality.id):
            if o.id == self.which.value:
                value = optional_number(self.value.value, "fac_current", lang)
                self.rec.save_outcome(replace(o, current=value))
                self.value.value = ""
                return f"✓ {t('saved', lang)}"
        raise InputError(t("fac_pick_outcome", lang))

    def _add_activity(self) -> str:
        self.rec.save_activity(
            Activity(
                self.ctx.locality.id,
                self.activity.value,
                lead=self.lead.value,
                outcome_ids=tuple(self.serves.selected),
            )
        )
        self.activity.value = ""
        self.lead.value = ""
        self.serves.selected = []
        return f"✓ {t('saved', self.lang)}"

    def refresh(self) -> None:
        outcomes = self.store.outcomes(self.ctx.locality.id)
        activities = self.store.activities(self.ctx.locality.id)
        last = last_readings(self.store, self.ctx.locality, self.round)
        self.outcome_list.value = outcomes_html(outcomes, self.lang, last)
        offer(self.which, [(o.title, o.id) for o in outcomes])
        self.matrix.value = coverage_html(
            coverage(outcomes, activities), outcomes, activities, self.lang
        )
        self.serves.options = self.outcome_options()
