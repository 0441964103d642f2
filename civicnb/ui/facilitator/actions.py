"""The actions agreed, each screened against the design tests, and their status."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

import ipywidgets as W

from civicnb.analysis import screen_action
from civicnb.analysis.resilience import NOT_ASSESSED, VERDICTS, screening_from
from civicnb.errors import InputError
from civicnb.html.reveal import actions_html, carried_actions_html
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.records import ACTION_STATUSES, Action
from civicnb.ui.choice import ChoiceGroup
from civicnb.ui.facilitator.section import Section, offer, stacked
from civicnb.ui.inputs import text_area, text_box
from civicnb.ui.markup import html_widget
from civicnb.workshop.rounds import carried_actions

if TYPE_CHECKING:
    from civicnb.ui.facilitator.page import FacilitatorPage

__all__ = ["ActionsSection"]


class ActionsSection(Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        fw = self.ctx.framework
        self.text = text_area(description=t("fac_action_text", lang), rows=2)
        self.strand_of = W.Dropdown(
            options=[(t("fac_none", lang), "")]
            + [(f"{t('strand_n', lang, n=s.id)}: {s.title.get(lang)}", s.id) for s in fw.strands],
            description=t("col_strand", lang),
        )
        self.owner = text_box(description=t("fac_owner", lang))
        self.due = W.DatePicker(description=t("fac_due", lang))
        self.state = W.Dropdown(
            options=[(t("status_" + s, lang), s) for s in ACTION_STATUSES],
            description=t("fac_status", lang),
        )
        self.outcomes = self.outcome_choice(t("fac_outcomes", lang))
        verdicts = [(t("fac_verdict_" + v, lang), v) for v in VERDICTS]
        self.tests = [
            (
                e.id,
                ChoiceGroup(
                    f"{e.title.get(lang)}: {e.test.get(lang)}",
                    verdicts,
                    multiple=False,
                    selected=[NOT_ASSESSED],
                    inline=True,
                ),
            )
            for e in fw.design_tests
            if e.test is not None
        ]
        self.reasons = text_area(description=t("fac_reasons", lang), rows=2)
        stacked(self.text, self.strand_of, self.owner, self.due, self.state, self.reasons)
        add = W.Button(description=t("fac_add_action", lang))
        add.add_class("civicnb-primary")
        add.on_click(self.guarded(self._add))
        self.which = W.Dropdown(description=t("fac_action", lang))
        self.new_state = W.Dropdown(
            options=[(t("status_" + s, lang), s) for s in ACTION_STATUSES],
            description=t("fac_new_status", lang),
        )
        stacked(self.which, self.new_state)
        change = W.Button(description=t("fac_change_status", lang))
        change.on_click(self.guarded(self._change))
        self.listing = html_widget("")
        self.carried = html_widget("")
        self.children = [
            html_widget(
                f"<h2>{_h(t('fac_actions', lang))}</h2><p>{_h(t('fac_actions_text', lang))}</p>"
            ),
            self.carried,
            self.listing,
            html_widget(f"<h3>{_h(t('fac_new_action', lang))}</h3>"),
            self.text,
            self.strand_of,
            self.owner,
            self.due,
            self.state,
            self.outcomes,
            html_widget(f"<h4>{_h(t('fac_design_tests', lang))}</h4>"),
            *[box for _, box in self.tests],
            self.reasons,
            add,
            html_widget(f"<h3>{_h(t('fac_update_action', lang))}</h3>"),
            self.which,
            self.new_state,
            change,
            self.status,
        ]
        self.refresh()

    def _add(self) -> str:
        due = self.due.value
        action = Action(
            self.ctx.locality.id,
            self.text.value,
            strand=self.strand_of.value,
            owner=self.owner.value,
            due=due if isinstance(due, dt.date) else None,
            status=self.state.value,
            round_id=self.round.id,
            outcome_ids=tuple(self.outcomes.selected),
            screening=screening_from({tid: box.choice or NOT_ASSESSED for tid, box in self.tests}),
            screening_notes=self.reasons.value,
        )
        self.rec.save_action(action)
        score = screen_action(self.ctx.framework, action, self.store.outcomes(self.ctx.locality.id))
        self.text.value = ""
        self.reasons.value = ""
        self.owner.value = ""
        self.outcomes.selected = []
        for _, box in self.tests:
            box.choice = NOT_ASSESSED
        if score.unanswered:
            return t(
                "fac_action_added_unassessed",
                self.lang,
                score=score.score,
                total=score.n_tests,
                n=len(score.unanswered),
            )
        return t("fac_action_added", self.lang, score=score.score, total=score.n_tests)

    def _change(self) -> str:
        if not self.which.value:
            raise InputError(t("fac_pick_action", self.lang))
        for a in self.store.actions(self.ctx.locality.id):
            if a.id == self.which.value:
                self.rec.save_action(replace(a, status=self.new_state.value))
                return f"✓ {t('saved', self.lang)}"
        raise InputError(t("fac_pick_action", self.lang))

    def refresh(self) -> None:
        outcomes = self.store.outcomes(self.ctx.locality.id)
        actions = self.store.actions(self.ctx.locality.id)
        screenings = {a.id: screen_action(self.ctx.framework, a, outcomes) for a in actions}
        self.listing.value = actions_html(actions, screenings, outcomes, self.lang)
        labels = {r.id: r.label for r in self.store.rounds(self.ctx.locality.id)}
        carried = carried_actions(self.store, self.ctx.locality, self.round)
        self.carried.value = carried_actions_html(carried, labels, self.lang)
        self.outcomes.options = self.outcome_options()
        offer(self.which, [(a.text[:80], a.id) for a in actions])
