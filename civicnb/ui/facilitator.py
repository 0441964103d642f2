"""The facilitator's page: the room live, the reveal, and the records of the
deliberation (agreed ratings, actions, outcomes, activities, assets, the World Café
harvest, celebrations, who's not here).

Nothing but the key form is built until the facilitator key checks out
(:func:`civicnb.workshop.facilitation.check_facilitator_key`): without it the kernel holds no
names, notes, counts or aggregates and offers no action. Every record goes through the
store, so it is in the exported workbook and survives a restart of the server.

Nothing typed is lost by moving between sections: each section is built once and kept
(its forms keep what was typed, valid or not, as a draft); the agreed ratings and the
attendance save on change as participant pages do, and coming back to a section
refreshes what comes from the store without overwriting a draft. The sections are a
:class:`~civicnb.ui.nav.SectionNav` (``aria-current`` on the current one); opening one
moves focus to its heading.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import ipywidgets as W
from IPython.display import Markdown, display

from civicnb.analysis import coverage, screen_action
from civicnb.analysis.resilience import NOT_ASSESSED, VERDICTS, screening_from
from civicnb.errors import CivicnbError, InputError
from civicnb.html.qr import join_url, only_this_computer, qr_svg
from civicnb.html.reveal import (
    actions_html,
    assets_html,
    attendance_html,
    celebrations_html,
    coverage_html,
    outcomes_html,
    pair_reveal_html,
    reveal_intro_html,
    room_html,
)
from civicnb.html.safe import html_escape as _h
from civicnb.html.safe import markdown_text, scroll_region
from civicnb.i18n import LANGUAGES, read_number, t
from civicnb.records import (
    ACTION_STATUSES,
    ASSET_CATEGORIES,
    TBL_CATEGORIES,
    Action,
    Activity,
    Asset,
    Attendance,
    Celebration,
    HarvestNote,
    JointRating,
    Outcome,
    Round,
)
from civicnb.ui.choice import ChoiceGroup
from civicnb.ui.context import LiveStatus, PageContext
from civicnb.ui.nav import SectionNav
from civicnb.ui.pages import Context, _html, is_interactive, request_query
from civicnb.ui.rating import RatingGroup, scale_labels
from civicnb.ui.withdraw import EraseControl
from civicnb.workshop.facilitation import (
    add_default_attendance,
    check_facilitator_key,
    common_themes,
    hide_strand,
    reveal_strand,
    reveal_view,
    revealed_strands,
    room_counts,
    tag_theme,
    whos_not_here,
)
from civicnb.workshop.participation import current_round, device_counts

__all__ = ["FacilitatorPage", "facilitator_page"]

REFRESH_SECONDS = 5.0
"""How often the room's counts refresh themselves."""
FAILED_KEY_DELAY = 0.5
"""Seconds a wrong key costs (slows guessing from the room's network)."""


def _stacked(*widgets: W.Widget) -> None:
    for w in widgets:
        w.style.description_width = "initial"
        w.layout.width = "100%"
        w.add_class("civicnb-stacked")


def _offer(dropdown: W.Dropdown, options: list[tuple[str, str]]) -> bool:
    """Give ``dropdown`` these options, keeping what was chosen when it is still offered
    (ipywidgets would jump to the first option). True when the choice changed."""
    old = dropdown.value
    if tuple(dropdown.options) == tuple(options):
        return False
    dropdown.options = options
    if any(value == old for _, value in options):
        dropdown.value = old
    return bool(dropdown.value != old)


def _number(text: str, what: str, lang: str) -> float | None:
    """An optional number typed in a form: "1,200" on an English page, "1.200" or
    "12,5" on a Spanish one (the other notation is accepted too)."""
    if not text.strip():
        return None
    try:
        return read_number(text, lang)
    except ValueError:
        raise InputError(f"{what} must be a number (got {text.strip()!r})") from None


class _Section(W.VBox):
    """One part of the dashboard: rebuilt from the store by ``refresh``."""

    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__()
        self.fac = fac
        self.ctx = fac.ctx
        self.lang = fac.ctx.lang
        self.store = fac.ctx.store
        self.round = fac.round
        self.status = LiveStatus()
        self.add_class("civicnb-section")
        self.marker = "civicnb-" + type(self).__name__.lower()
        """A class of this section only: focus goes to its first heading when opened."""
        self.add_class(self.marker)

    def guarded(self, action: Callable[[], str | None]) -> Callable[[Any], None]:
        """A button handler: run ``action``, report its message or the error, refresh."""

        def run(_b: Any = None) -> None:
            try:
                message = action()
            except CivicnbError as exc:
                self.status.show(t("error", self.lang, reason=str(exc)), "error")
                return
            self.refresh()
            if message:
                self.status.show(message, "ok")

        return run

    def refresh(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def outcome_options(self) -> list[tuple[str, str]]:
        return [(o.title, o.id) for o in self.store.outcomes(self.ctx.locality.id)]

    def outcome_choice(self, legend: str) -> ChoiceGroup:
        """Outcomes to link, as checkboxes (no Ctrl-click)."""
        return ChoiceGroup(legend, empty=t("fac_no_outcomes", self.lang))


# --- the room -------------------------------------------------------------------------------


class RoomSection(_Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        url = join_url(self.ctx.locality.slug, lang)
        if url:
            join = (
                f"<h2>{_h(t('fac_join', lang))}</h2><p>{_h(t('fac_join_text', lang))}</p>"
                f'<p class="civicnb-join-url"><a href="{_h(url)}">{_h(url)}</a></p>'
                f'<div class="civicnb-qr">{qr_svg(url, t("fac_qr_label", lang, url=url))}</div>'
            )
            if only_this_computer(url):
                join += f'<p class="civicnb-join-local">{_h(t("fac_join_local", lang))}</p>'
        else:
            join = f"<h2>{_h(t('fac_join', lang))}</h2><p>{_h(t('fac_join_unknown', lang))}</p>"
        self.counts = _html("")
        again = W.Button(description=t("fac_refresh", lang))
        again.on_click(lambda _b: self.refresh())
        self.children = [
            _html(join, "civicnb-join"),
            _html(f"<h2>{_h(t('fac_room', lang))}</h2><p>{_h(t('fac_room_text', lang))}</p>"),
            self.counts,
            again,
            EraseControl(self.ctx, on_done=self.refresh),  # privacy: erase a participant
        ]
        self.refresh()

    def refresh(self) -> None:
        counts = room_counts(self.store, self.ctx.framework, self.ctx.locality, self.round)
        revealed = revealed_strands(self.store, self.round.id)
        self.counts.value = room_html(counts, self.ctx.framework, self.lang, revealed)
        people, devices = device_counts(self.store, self.ctx.locality.id)
        self.counts.value += (
            f'<p class="civicnb-devices">'
            f"{_h(t('fac_devices', self.lang, people=people, devices=devices))}</p>"
        )


# --- the reveal and the agreed ratings ---------------------------------------------------


class JointForm(W.VBox):
    """The agreed rating of one pair and the narrative behind it.

    Saved on change (a rating chosen, the narrative left), like a participant's answers;
    the button saves again. What could not be saved stays in the form as a draft, and
    :meth:`load` (coming back to the section) never overwrites a draft.
    """

    def __init__(self, section: RevealSection, pair_id: str, current: JointRating | None) -> None:
        lang = section.lang
        fw = section.ctx.framework
        pair = fw.pair(pair_id)
        self.section = section
        self.pair_id = pair_id
        self.lang = lang
        self.score = RatingGroup(
            legend=t("fac_agreed_rating", lang, n=pair.number),
            labels=scale_labels(fw.scale, lang),
            dont_know_label=t("fac_not_agreed", lang),
            lang=lang,
        )
        self.narrative = W.Textarea(
            description=t("fac_narrative", lang, n=pair.number), rows=3, continuous_update=False
        )
        _stacked(self.narrative)
        save = W.Button(description=t("fac_save_agreed", lang, n=pair.number))
        save.add_class("civicnb-primary")
        self.status = LiveStatus()
        self._stored: tuple[int | None, str] = (None, "")
        self._quiet = False
        self.load(current)
        self.score.observe(self._changed, names=["value", "dont_know"])
        self.narrative.observe(self._changed, names="value")
        save.on_click(lambda _b: self.save())
        super().__init__(
            [
                _html(f"<h4>{_h(t('fac_agreed_title', lang, n=pair.number))}</h4>"),
                self.score,
                self.narrative,
                save,
                self.status,
            ]
        )
        self.add_class("civicnb-joint")

    def agreed(self) -> tuple[int | None, str]:
        """What the form shows: (score or None, narrative)."""
        return self.score.score, self.narrative.value

    @property
    def draft(self) -> bool:
        """True while the form holds something the store does not."""
        return self.agreed() != self._stored

    def load(self, current: JointRating | None) -> None:
        """Show the stored agreement, unless the form holds a draft."""
        if self.draft:
            return
        score, narrative = (current.score, current.narrative) if current else (None, "")
        self._quiet = True
        try:
            self.score.set_answer(score, dont_know=score is None)
            self.narrative.value = narrative
        finally:
            self._quiet = False
        self._stored = (score, narrative)

    def _changed(self, _change: Any) -> None:
        if not self._quiet and self.draft:
            self.save()

    def save(self) -> None:
        score, narrative = self.agreed()
        sec = self.section
        try:
            sec.store.save_joint_rating(JointRating(sec.round.id, self.pair_id, score, narrative))
        except CivicnbError as exc:
            self.status.show(t("error", self.lang, reason=str(exc)), "error")
            return
        self._stored = (score, narrative)
        self.status.show(f"✓ {t('saved', self.lang)}", "ok")


class RevealSection(_Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        fw = self.ctx.framework
        self.strand = W.Dropdown(
            options=[
                (f"{t('strand_n', lang, n=s.id)}: {s.title.get(lang)}", s.id)
                for s in fw.strands
                if s.pairs
            ],
            description=t("fac_strand", lang),
        )
        _stacked(self.strand)
        reveal = W.Button(description=t("fac_reveal", lang))
        reveal.add_class("civicnb-primary")
        hide = W.Button(description=t("fac_hide", lang))
        reveal.on_click(self.guarded(self._reveal))
        hide.on_click(self.guarded(self._hide))
        self.body = W.VBox([])
        self.forms: dict[str, JointForm] = {}
        """One form per pair, kept for the page's life (drafts survive)."""
        self.strand.observe(lambda _c: self.refresh(), names="value")
        self.children = [
            _html(
                f"<h2>{_h(t('fac_reveal_title', lang))}</h2><p>{_h(t('fac_reveal_text', lang))}</p>"
            ),
            self.strand,
            W.HBox([reveal, hide], layout=W.Layout(flex_flow="row wrap")),
            self.status,
            self.body,
        ]
        self.refresh()

    def _reveal(self) -> str:
        reveal_strand(  # the snapshot the room sees is taken now (docs/privacy.md)
            self.store,
            self.round.id,
            self.strand.value,
            framework=self.ctx.framework,
            locality=self.ctx.locality,
        )
        return t("fac_now_revealed", self.lang, n=self.strand.value)

    def _hide(self) -> str:
        hide_strand(self.store, self.round.id, self.strand.value)
        return t("fac_now_hidden", self.lang, n=self.strand.value)

    def refresh(self) -> None:
        lang = self.lang
        sid = self.strand.value
        if sid not in revealed_strands(self.store, self.round.id):
            self.body.children = [
                _html(f'<p role="note">{_h(t("fac_still_hidden", lang, n=sid))}</p>')
            ]
            return
        fw = self.ctx.framework
        reveal = reveal_view(self.store, fw, self.ctx.locality, self.round, sid, lang=lang)
        joint = {j.pair_id: j for j in self.store.joint_ratings(self.round.id)}
        parts: list[W.Widget] = [_html(reveal_intro_html(reveal, fw, lang))]
        for pr in reveal.pairs:
            parts.append(_html(pair_reveal_html(pr, fw, lang), "civicnb-reveal"))
            pid = pr.pair.pair_id
            form = self.forms.get(pid)
            if form is None:
                form = self.forms[pid] = JointForm(self, pid, joint.get(pid))
            else:
                form.load(joint.get(pid))
            parts.append(form)
        self.body.children = parts


# --- actions ------------------------------------------------------------------------------


class ActionsSection(_Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        fw = self.ctx.framework
        self.text = W.Textarea(description=t("fac_action_text", lang), rows=2)
        self.strand_of = W.Dropdown(
            options=[(t("fac_none", lang), "")]
            + [(f"{t('strand_n', lang, n=s.id)}: {s.title.get(lang)}", s.id) for s in fw.strands],
            description=t("col_strand", lang),
        )
        self.owner = W.Text(description=t("fac_owner", lang))
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
        self.reasons = W.Textarea(description=t("fac_reasons", lang), rows=2)
        _stacked(self.text, self.strand_of, self.owner, self.due, self.state, self.reasons)
        add = W.Button(description=t("fac_add_action", lang))
        add.add_class("civicnb-primary")
        add.on_click(self.guarded(self._add))
        self.which = W.Dropdown(description=t("fac_action", lang))
        self.new_state = W.Dropdown(
            options=[(t("status_" + s, lang), s) for s in ACTION_STATUSES],
            description=t("fac_new_status", lang),
        )
        _stacked(self.which, self.new_state)
        change = W.Button(description=t("fac_change_status", lang))
        change.on_click(self.guarded(self._change))
        self.listing = _html("")
        self.children = [
            _html(f"<h2>{_h(t('fac_actions', lang))}</h2><p>{_h(t('fac_actions_text', lang))}</p>"),
            self.listing,
            _html(f"<h3>{_h(t('fac_new_action', lang))}</h3>"),
            self.text,
            self.strand_of,
            self.owner,
            self.due,
            self.state,
            self.outcomes,
            _html(f"<h4>{_h(t('fac_design_tests', lang))}</h4>"),
            *[box for _, box in self.tests],
            self.reasons,
            add,
            _html(f"<h3>{_h(t('fac_update_action', lang))}</h3>"),
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
        self.store.save_action(action)
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
                self.store.save_action(replace(a, status=self.new_state.value))
                return f"✓ {t('saved', self.lang)}"
        raise InputError(t("fac_pick_action", self.lang))

    def refresh(self) -> None:
        outcomes = self.store.outcomes(self.ctx.locality.id)
        actions = self.store.actions(self.ctx.locality.id)
        screenings = {a.id: screen_action(self.ctx.framework, a, outcomes) for a in actions}
        self.listing.value = actions_html(actions, screenings, outcomes, self.lang)
        self.outcomes.options = self.outcome_options()
        _offer(self.which, [(a.text[:80], a.id) for a in actions])


# --- outcomes and activities (strands I and V) -------------------------------------------


class OutcomesSection(_Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        self.title = W.Text(description=t("fac_outcome", lang))
        self.category = W.Dropdown(
            options=[(t("tbl_" + c, lang), c) for c in TBL_CATEGORIES],
            description=t("fac_category", lang),
        )
        self.indicator = W.Text(description=t("fac_indicator", lang))
        self.baseline = W.Text(description=t("fac_baseline", lang))
        self.target = W.Text(description=t("fac_target", lang))
        self.current = W.Text(description=t("fac_current", lang))
        add = W.Button(description=t("fac_add_outcome", lang))
        add.add_class("civicnb-primary")
        add.on_click(self.guarded(self._add_outcome))
        self.activity = W.Text(description=t("fac_activity", lang))
        self.lead = W.Text(description=t("fac_lead", lang))
        self.serves = self.outcome_choice(t("fac_serves_outcomes", lang))
        _stacked(
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
        self.outcome_list = _html("")
        self.matrix = _html("")
        self.children = [
            _html(f"<h2>{_h(t('fac_outcomes_title', lang))}</h2><p>{_h(t('fac_outcomes_text', lang))}</p>"),
            self.outcome_list,
            _html(f"<h3>{_h(t('fac_new_outcome', lang))}</h3>"),
            self.title, self.category, self.indicator, self.baseline, self.target, self.current,
            add,
            _html(f"<h2>{_h(t('fac_matrix_title', lang))}</h2><p>{_h(t('fac_matrix_text', lang))}</p>"),
            self.matrix,
            _html(f"<h3>{_h(t('fac_new_activity', lang))}</h3>"),
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
            baseline=_number(self.baseline.value, t("fac_baseline", lang), lang),
            target=_number(self.target.value, t("fac_target", lang), lang),
            current=_number(self.current.value, t("fac_current", lang), lang),
        )
        self.store.save_outcome(outcome)
        for w in (self.title, self.indicator, self.baseline, self.target, self.current):
            w.value = ""
        return f"✓ {t('saved', lang)}"

    def _add_activity(self) -> str:
        self.store.save_activity(
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
        self.outcome_list.value = outcomes_html(outcomes, self.lang)
        self.matrix.value = coverage_html(
            coverage(outcomes, activities), outcomes, activities, self.lang
        )
        self.serves.options = self.outcome_options()


class AssetsSection(_Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        self.category = W.Dropdown(
            options=[(t("asset_" + c, lang), c) for c in ASSET_CATEGORIES],
            description=t("fac_category", lang),
        )
        self.description = W.Textarea(description=t("fac_description", lang), rows=2)
        self.priorities = self.outcome_choice(t("fac_priorities", lang))
        _stacked(self.category, self.description)
        add = W.Button(description=t("fac_add_asset", lang))
        add.add_class("civicnb-primary")
        add.on_click(self.guarded(self._add))
        self.listing = _html("")
        self.children = [
            _html(f"<h2>{_h(t('fac_assets', lang))}</h2><p>{_h(t('fac_assets_text', lang))}</p>"),
            self.listing,
            _html(f"<h3>{_h(t('fac_new_asset', lang))}</h3>"),
            self.category,
            self.description,
            self.priorities,
            add,
            self.status,
        ]
        self.refresh()

    def _add(self) -> str:
        self.store.save_asset(
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


# --- World Café, celebrations, who's not here ----------------------------------------------


def _themes(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(p.split()) for p in text.split(",") if p.strip()))


class CafeSection(_Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        self.table = W.Text(description=t("fac_table", lang))
        self.cafe_round = W.BoundedIntText(
            value=1, min=1, max=20, description=t("fac_cafe_round", lang)
        )
        self.text = W.Textarea(description=t("fac_harvest_text", lang), rows=3)
        self.tags = W.Text(description=t("fac_themes_input", lang))
        _stacked(self.table, self.cafe_round, self.text, self.tags)
        add = W.Button(description=t("fac_add_note", lang))
        add.add_class("civicnb-primary")
        add.on_click(self.guarded(self._add))
        self.notes = _html("")
        self.themes = _html("")
        self.theme = W.Text(description=t("fac_theme", lang))
        self.note_pick = W.Dropdown(description=t("fac_note", lang))
        self.note_tags = W.Text(description=t("fac_themes_input", lang))
        _stacked(self.theme, self.note_pick, self.note_tags)
        tag = W.Button(description=t("fac_tag_theme", lang))
        tag.on_click(self.guarded(self._tag))
        retag = W.Button(description=t("fac_save_themes", lang))
        retag.on_click(self.guarded(self._retag))
        self._quiet = False
        self.note_pick.observe(self._picked, names="value")
        self.children = [
            _html(f"<h2>{_h(t('fac_cafe', lang))}</h2><p>{_h(t('fac_cafe_text', lang))}</p>"),
            self.themes,
            self.theme,
            tag,
            self.notes,
            _html(f"<h3>{_h(t('fac_new_note', lang))}</h3>"),
            self.table,
            self.cafe_round,
            self.text,
            self.tags,
            add,
            _html(f"<h3>{_h(t('fac_edit_themes', lang))}</h3>"),
            self.note_pick,
            self.note_tags,
            retag,
            self.status,
        ]
        self.refresh()

    def _add(self) -> str:
        self.store.add_harvest_note(
            HarvestNote(
                self.round.id,
                self.table.value,
                self.text.value,
                cafe_round=int(self.cafe_round.value),
                themes=_themes(self.tags.value),
            )
        )
        self.text.value = ""
        self.tags.value = ""
        return f"✓ {t('saved', self.lang)}"

    def _tag(self) -> str:
        n = tag_theme(self.store, self.round.id, self.theme.value)
        self.theme.value = ""
        return t("fac_tagged", self.lang, n=n)

    def _retag(self) -> str:
        for note in self.store.harvest_notes(self.round.id):
            if note.id == self.note_pick.value:
                self.store.save_harvest_note(replace(note, themes=_themes(self.note_tags.value)))
                return f"✓ {t('saved', self.lang)}"
        raise InputError(t("fac_pick_note", self.lang))

    def _picked(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        for note in self.store.harvest_notes(self.round.id):
            if note.id == change["new"]:
                self.note_tags.value = ", ".join(note.themes)

    def refresh(self) -> None:
        lang = self.lang
        notes = self.store.harvest_notes(self.round.id)
        themes = common_themes(notes, lang)
        items = "".join(f"<li>{_h(name)} ({n})</li>" for name, n in themes)
        self.themes.value = f"<h3>{_h(t('fac_common_themes', lang))}</h3>" + (
            f"<ol>{items}</ol>" if items else f"<p>{_h(t('fac_no_themes', lang))}</p>"
        )
        rows = "".join(
            f"<tr><td>{_h(n.table)}</td><td>{n.cafe_round}</td><td>{_h(n.text)}</td>"
            f"<td>{_h(', '.join(n.themes) or '—')}</td></tr>"
            for n in notes
        )
        head = "".join(
            f'<th scope="col">{_h(t(k, lang))}</th>'
            for k in ("fac_table", "fac_cafe_round", "fac_harvest_text", "fac_themes")
        )
        self.notes.value = f"<h3>{_h(t('fac_harvest', lang))}</h3>" + (
            scroll_region(
                t("fac_harvest", lang),
                f'<table class="civicnb-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>',
            )
            if notes
            else f"<p>{_h(t('fac_no_notes', lang))}</p>"
        )
        # the note being re-tagged stays chosen, and its themes as typed (a draft)
        self._quiet = True
        try:
            changed = _offer(
                self.note_pick,
                [(f"{n.table} · {n.cafe_round}: {n.text[:60]}", n.id) for n in notes],
            )
        finally:
            self._quiet = False
        if changed:
            self._picked({"new": self.note_pick.value})


class CelebrationsSection(_Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        self.text = W.Textarea(description=t("fac_celebrate", lang), rows=2)
        _stacked(self.text)
        add = W.Button(description=t("fac_add_celebration", lang))
        add.add_class("civicnb-primary")
        add.on_click(self.guarded(self._add))
        self.listing = _html("")
        self.children = [
            _html(
                f"<h2>{_h(t('fac_celebrations', lang))}</h2><p>{_h(t('fac_celebrations_text', lang))}</p>"
            ),
            self.listing,
            self.text,
            add,
            self.status,
        ]
        self.refresh()

    def _add(self) -> str:
        self.store.add_celebration(
            Celebration(self.ctx.locality.id, self.round.id, self.text.value)
        )
        self.text.value = ""
        return f"✓ {t('saved', self.lang)}"

    def refresh(self) -> None:
        self.listing.value = celebrations_html(
            self.store.celebrations(self.ctx.locality.id), self.lang
        )


class _AttendanceRow(W.VBox):
    """One stakeholder group: present or not, and the outreach note (saved on change;
    a note that cannot be saved stays in the box as a draft)."""

    def __init__(self, section: AttendanceSection, a: Attendance) -> None:
        lang = section.lang
        self.draft = False
        present = W.Checkbox(
            value=a.present, description=t("fac_present", lang, group=a.group), indent=False
        )
        present.layout.width = "auto"
        note = W.Text(
            value=a.outreach_note,
            description=t("fac_outreach", lang, group=a.group),
            continuous_update=False,
        )
        _stacked(note)
        self.present, self.note = present, note

        def save(_c: Any) -> None:
            try:
                section.store.save_attendance(
                    Attendance(a.round_id, a.group, True, present.value, note.value, id=a.id)
                )
            except CivicnbError as exc:
                self.draft = True
                section.status.show(t("error", lang, reason=str(exc)), "error")
                return
            self.draft = False
            section.status.show(f"✓ {t('saved', lang)}", "ok")
            section._summary()

        present.observe(save, names="value")
        note.observe(save, names="value")
        super().__init__([present, note])
        self.add_class("civicnb-attendance")


class AttendanceSection(_Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        add_default_attendance(self.store, self.round.id, lang)
        self.rows = W.VBox([])
        self.row_of: dict[str, _AttendanceRow] = {}
        """The row of each group, kept while it holds a note that could not be saved."""
        self.group = W.Text(description=t("fac_new_group", lang))
        _stacked(self.group)
        add = W.Button(description=t("fac_add_group", lang))
        add.on_click(self.guarded(self._add))
        self.drop = W.Dropdown(description=t("fac_group", lang))
        _stacked(self.drop)
        remove = W.Button(description=t("fac_remove_group", lang))
        remove.on_click(self.guarded(self._remove))
        self.missing = _html("")
        self.children = [
            _html(
                f"<h2>{_h(t('fac_whos_not_here', lang))}</h2><p>{_h(t('fac_attendance_text', lang))}</p>"
            ),
            self.rows,
            self.missing,
            _html(f"<h3>{_h(t('fac_edit_groups', lang))}</h3>"),
            self.group,
            add,
            self.drop,
            remove,
            self.status,
        ]
        self.refresh()

    def _add(self) -> str:
        self.store.save_attendance(Attendance(self.round.id, self.group.value, True, False))
        self.group.value = ""
        return f"✓ {t('saved', self.lang)}"

    def _remove(self) -> str:
        if not self.drop.value:
            raise InputError(t("fac_pick_group", self.lang))
        self.store.delete_attendance(self.drop.value)
        return f"✓ {t('saved', self.lang)}"

    def _summary(self) -> None:
        self.missing.value = attendance_html(whos_not_here(self.store, self.round.id), self.lang)

    def refresh(self) -> None:
        records = [a for a in self.store.attendance(self.round.id) if a.expected]
        rows: list[_AttendanceRow] = []
        for a in records:
            row = self.row_of.get(a.id)
            if row is None or not row.draft:
                row = self.row_of[a.id] = _AttendanceRow(self, a)
            rows.append(row)
        self.rows.children = rows
        _offer(self.drop, [(a.group, a.id) for a in records])
        self._summary()


# --- the page -------------------------------------------------------------------------------

SECTIONS: tuple[tuple[str, type[_Section]], ...] = (
    ("fac_tab_room", RoomSection),
    ("fac_tab_reveal", RevealSection),
    ("fac_tab_actions", ActionsSection),
    ("fac_tab_outcomes", OutcomesSection),
    ("fac_tab_assets", AssetsSection),
    ("fac_tab_cafe", CafeSection),
    ("fac_tab_celebrations", CelebrationsSection),
    ("fac_tab_attendance", AttendanceSection),
)


class FacilitatorPage(W.VBox):
    """The key form; after the right key, the dashboard."""

    def __init__(self, ctx: Context, page: PageContext, round_label: str | None = None) -> None:
        self.ctx = ctx
        self.page = page
        self.round: Round = current_round(ctx.store, ctx.locality, round_label)
        self.sections: dict[str, _Section] = {}
        self.key = ""
        self._timer: asyncio.TimerHandle | None = None
        super().__init__([page])
        self.add_class("civicnb-page")
        self.show_gate()

    # the key ----------------------------------------------------------------------------

    def show_gate(self, wrong: bool = False) -> None:
        lang = self.ctx.lang
        key = W.Password(description=t("fac_key", lang))
        _stacked(key)
        go = W.Button(description=t("fac_open", lang))
        go.add_class("civicnb-primary")
        status = LiveStatus()
        if wrong:
            status.show(t("fac_wrong_key", lang), "error")

        def attempt(_b: Any = None) -> None:
            if not self.unlock(key.value):
                key.value = ""
                status.show(t("fac_wrong_key", lang), "error")

        go.on_click(attempt)
        self.children = [
            self.page,
            _html(
                f"<h1>{_h(t('fac_title', lang, place=self.ctx.locality.name))}</h1>"
                f"<p>{_h(t('fac_key_text', lang))}</p>"
            ),
            key,
            go,
            status,
        ]

    def unlock(self, candidate: str | None) -> bool:
        """Show the dashboard if ``candidate`` is the facilitator key."""
        if not check_facilitator_key(self.ctx.workspace, candidate):
            time.sleep(FAILED_KEY_DELAY)
            return False
        assert candidate is not None
        self.key = candidate.strip()
        self.page.query = f"key={self.key}&lang={self.ctx.lang}"
        self.show_dashboard()
        return True

    # the dashboard ---------------------------------------------------------------------

    def show_dashboard(self) -> None:
        lang = self.ctx.lang
        self.chooser = SectionNav(
            t("fac_sections", lang), [(t(key, lang), key) for key, _ in SECTIONS]
        )
        self.chooser.add_class("civicnb-sections")
        self.holder = W.VBox([])
        self.chooser.observe(lambda c: self.open_section(c["new"], focus=True), names="value")
        header = _html(
            f"<h1>{_h(t('fac_title', lang, place=self.ctx.locality.name))}</h1>"
            f'<p class="civicnb-place">{_h(t("round", lang, label=self.round.label))}</p>'
        )
        self.children = [self.page, header, self.chooser, self.holder]
        self.open_section(SECTIONS[0][0])
        self._schedule()

    def open_section(self, key: str, *, focus: bool = False) -> None:
        """Show the section ``key``: built once and kept, so what was typed in it stays;
        shown again, it refreshes what comes from the store (drafts are kept). With
        ``focus``, the browser's focus moves to its heading."""
        section = self.sections.get(key)
        if section is None:
            cls = dict(SECTIONS)[key]
            section = cls(self)
            self.sections[key] = section
        elif self.holder.children != (section,):
            section.refresh()
        self.holder.children = [section]
        if self.chooser.value != key:
            self.chooser.value = key  # its observer calls back here: nothing more to do
        if focus:
            self.chooser.focus(section.marker)

    def _schedule(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not in a kernel's event loop: refresh by hand only
            return
        self._timer = loop.call_later(REFRESH_SECONDS, self._tick)

    def _tick(self) -> None:
        room = self.sections.get("fac_tab_room")
        if room is not None and self.holder.children == (room,):
            with contextlib.suppress(CivicnbError):
                room.refresh()
        self._schedule()


def facilitator_page(
    locality: str, *, workspace: str = "", round: str = "", lang: str = "", store_url: str = ""
) -> FacilitatorPage | None:
    """Show the facilitator's page (the key comes from ``?key=`` or the form)."""
    ctx = Context.open(locality, workspace, lang, round)
    if not is_interactive():
        display(
            Markdown(
                f"# {markdown_text(t('fac_title', ctx.lang, place=ctx.locality.name))}"
                f"\n\n*{markdown_text(t('fac_static', ctx.lang))}*"
            )
        )
        return None
    query = request_query()
    if query.get("lang") in LANGUAGES:
        ctx.lang = query["lang"]
    page = PageContext(lang=ctx.lang, title=t("fac_title", ctx.lang, place=ctx.locality.name))
    view = FacilitatorPage(ctx, page, round or None)
    display(view)
    key = query.get("key")
    if key and not view.unlock(key):
        view.show_gate(wrong=True)
    return view
