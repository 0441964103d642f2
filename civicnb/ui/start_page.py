"""The start page: language, side (organisation and role, where the locality has
organisations), name or pseudonym and consent; then the way into the strands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as W
from IPython.display import display

from civicnb.errors import CivicnbError
from civicnb.html.attribution import attribution_html
from civicnb.html.orientation import orientation_html
from civicnb.html.safe import html_escape as _h
from civicnb.html.symbols import strand_symbol
from civicnb.i18n import LANGUAGES, error_text, language_tag, t
from civicnb.records import Participant, Side
from civicnb.ui.about import about_widget
from civicnb.ui.context import LiveStatus, PageContext, heading_id
from civicnb.ui.easy_read import EASY_CLASS, start_intro_html, switch_html
from civicnb.ui.environment import in_jupyterlab, is_interactive, request_query
from civicnb.ui.inputs import text_box
from civicnb.ui.kiosk import add_kiosk_bar
from civicnb.ui.locality_context import Context
from civicnb.ui.markup import html_widget
from civicnb.ui.organisation_choice import OrganisationChoice
from civicnb.ui.participant_page import header_widget, nav_widget
from civicnb.ui.rating import ChoiceGroup
from civicnb.ui.static import static_start
from civicnb.ui.workbook_tools import workbook_tools
from civicnb.workshop.participation import (
    ParticipantSession,
    current_round,
    end_session,
    join,
    start_session,
)

__all__ = ["StartJoined", "StartPage", "start_page"]


class StartPage:
    """Language, side, name or pseudonym and consent; then the way into the strands.

    Nobody is identified by the address: once the browser has said which session token
    it holds (``PageContext.ready``), a live session shows the joined view.
    """

    def __init__(self, ctx: Context, query: dict[str, str]) -> None:
        self.ctx = ctx
        self.round = current_round(ctx.store, ctx.locality, ctx.round_label)
        ctx.kiosk = ctx.kiosk or query.get("kiosk") == "1"
        self.page = PageContext(
            lang=ctx.lang,
            title=f"{t('start', ctx.lang)} · {ctx.locality.name}",
            storage_key=ctx.storage_key,
        )
        self.about = about_widget(ctx.framework, ctx.lang)
        self.root = W.VBox([self.page, self.about])
        self.root.add_class("civicnb-page")
        if ctx.easy_read:
            self.root.add_class(EASY_CLASS)
        # the form or the joined view once the browser has said which session it holds
        # (a form that turned into someone's page under one's fingers would be worse)
        self.page.when_ready(self._identify)

    def _identify(self) -> None:
        """The browser has said which session it holds: a live one continues."""
        kiosk = self.ctx.kiosk
        session = self.ctx.identify(self.page)
        if session is not None and kiosk and not self.ctx.kiosk:
            # the kiosk start page never shows someone's own (non-kiosk) session
            self.ctx.kiosk, self.ctx.token = True, None
            session = None
        if session is None:
            self.show_form()
            self.page.focus_heading(self.heading_id)
            return
        self.show_joined(session.participant)

    def _set(self, widgets: Sequence[W.Widget]) -> None:
        self.about.value = attribution_html(self.ctx.framework, self.ctx.lang)
        self.root.children = [self.page, *widgets, self.about]

    # the form ---------------------------------------------------------------------

    def show_form(self) -> None:
        lang = self.ctx.lang
        self.page.lang = lang
        kiosk = self.ctx.kiosk
        self.page.query = self.ctx.query(lang)
        language = ChoiceGroup(
            legend=t("language", lang),
            # each language by its own name, in its own language
            options=[[code, name, language_tag(code)] for code, name in LANGUAGES.items()],
            value=lang,
        )
        side = ChoiceGroup(
            legend=t("side", lang),
            options=[[s.value, t(f"side_{s.value}", lang)] for s in Side],
            value="",
        )
        orgs = OrganisationChoice(self.ctx.store.organisations(self.ctx.locality.id), lang)
        side.observe(lambda change: orgs.for_side(change["new"]), names="value")
        name = text_box(description=t("name", lang))
        name.style.description_width = "initial"
        name.add_class("civicnb-stacked")
        hint = html_widget(f'<p class="civicnb-hint">{_h(t("name_hint", lang))}</p>')
        consent = W.Checkbox(value=False, description=t("consent", lang), indent=False)
        consent.layout.width = "auto"
        consent.add_class("civicnb-consent")
        begin = W.Button(description=t("begin", lang))
        begin.add_class("civicnb-primary")
        status = LiveStatus()

        def switch_language(change: dict[str, Any]) -> None:
            if change["new"] not in LANGUAGES:
                return
            self.ctx.lang = change["new"]
            self.show_form()
            self.page.focus_heading(self.heading_id)

        def go(_b: Any) -> None:
            if not side.value:
                status.show(t("side_required", lang), "error")
                return
            if not name.value.strip():
                status.show(t("name_required", lang), "error")
                return
            org, role, rates = orgs.chosen(side.value)
            try:
                person = join(
                    self.ctx.store,
                    self.ctx.locality,
                    side.value,
                    name.value,
                    consent.value,
                    organisation_id=org,
                    role=role,
                    rates_organisation_id=rates,
                )
            except CivicnbError as exc:
                status.show(t("error", lang, reason=error_text(exc, lang)), "error")
                return
            self.show_joined(person)

        language.observe(switch_language, names="value")
        begin.on_click(go)
        self.heading_id = heading_id()
        round_text = t("round", lang, label=self.round.label)
        welcome = (
            start_intro_html(self.ctx, lang, round_text, self.heading_id)
            if self.ctx.easy_read
            else f'<h1 id="{self.heading_id}">{_h(self.ctx.locality.name)}: {_h(t("app_name", lang))}</h1>'
            f'<p class="civicnb-place">{_h(round_text)}</p>'
            f"<p>{_h(t('welcome_text', lang, place=self.ctx.locality.name))}</p>"
            + orientation_html(self.ctx.framework, lang)
        )
        intro = html_widget(
            welcome
            + (f'<p class="civicnb-hint">{_h(t("kiosk_form_note", lang))}</p>' if kiosk else "")
            + (
                f'<p class="civicnb-hint civicnb-lab-kiosk">{_h(t("lab_kiosk", lang))}</p>'
                if in_jupyterlab()
                else ""
            )
        )
        extra = [orgs] if orgs.available else []  # no organisations: the form as before
        switch = html_widget(switch_html(self.ctx, "start.ipynb", lang))
        self._set([switch, intro, language, side, *extra, name, hint, consent, begin, status])

    # joined -----------------------------------------------------------------------

    def show_joined(self, person: Participant) -> None:
        ctx = self.ctx
        if not ctx.token:
            # a new session for this device: the browser keeps its token, the address
            # only the language
            ctx.token = start_session(
                ctx.store, person.id, kiosk=ctx.kiosk, device=self.page.device or None
            )
        self.page.keep(ctx.token, ctx.lang)
        self.page.query = ctx.query()
        session = ctx.session(person.id)
        joined = StartJoined(ctx, session, self.round.label)
        if ctx.kiosk:
            self._set([joined])
            add_kiosk_bar(ctx, self.page, self.root)
        else:
            other = W.Button(description=t("forget_me", ctx.lang))

            def forget(_b: Any) -> None:
                end_session(ctx.store, ctx.token)
                ctx.token = None
                self.page.drop()
                self.show_form()
                self.page.focus_heading(self.heading_id)

            other.on_click(forget)
            self._set([joined, other])
        self.page.focus_heading(joined.heading_id)


class StartJoined(W.VBox):
    """What a participant sees on the start page once they have joined."""

    def __init__(self, ctx: Context, session: ParticipantSession, round_label: str) -> None:
        lang = ctx.lang
        person = session.participant
        progress = session.progress()
        q = "?" + _h(ctx.query(lang))
        items = []
        easy = ctx.easy_read
        for s in ctx.framework.strands:
            done, total = progress[s.id]
            extra = f" — {_h(t('progress', lang, done=done, total=total))}" if total else ""
            title = s.easy_title(lang) if easy else s.title.get(lang)
            # easy read: each strand's picture beside its link
            picture = strand_symbol(s.id, t("easy_picture", lang, what=title), 48) if easy else ""
            items.append(
                f'<li>{picture}<span><a href="strand-{s.id}.ipynb{q}">{_h(t("strand_n", lang, n=s.id))}: '
                f"{_h(title)}</a>{extra}</span></li>"
            )
        self.heading_id = heading_id()
        body = html_widget(
            f'<h1 id="{self.heading_id}">{_h(ctx.locality.name)}: {_h(t("app_name", lang))}</h1>'
            f"<p>{_h(t('easy_go_on' if easy else 'go_to_strands', lang))}</p>"
            f"<ol class='civicnb-strand-list{' civicnb-easy-strands' if easy else ''}'>{''.join(items)}</ol>"
            f'<p><a href="summary.ipynb{q}">{_h(t("my_summary", lang))}</a></p>'
            + (f'<p class="civicnb-hint">{_h(t("lab_links", lang))}</p>' if in_jupyterlab() else "")
        )
        super().__init__(
            [
                nav_widget(lang, ctx.who(person.id), "start", progress),
                html_widget(switch_html(ctx, "start.ipynb", lang)),
                header_widget(ctx, person, round_label),
                body,
                workbook_tools(ctx, session, lambda: None),
            ]
        )


def start_page(
    locality: str, *, workspace: str = "", round: str = "", lang: str = "", store_url: str = ""
) -> StartPage | None:
    """Show the start page (see :class:`StartPage`)."""
    ctx = Context.open(locality, workspace, lang, round)
    if not is_interactive():
        static_start(ctx)
        return None
    query = request_query()
    if query.get("lang") in LANGUAGES:
        ctx.lang = query["lang"]
    ctx.easy_read = query.get("easy") == "1"  # easy read carries like the language
    page = StartPage(ctx, query)
    display(page.root)
    return page
