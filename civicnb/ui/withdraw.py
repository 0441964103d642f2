"""Withdrawal (a participant, on "My summary") and erasure (the facilitator), as small
self-contained widgets over :mod:`civicnb.workshop.erasure`. Both ask for a confirmation first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as W

from civicnb.errors import CivicnbError
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import error_text, t
from civicnb.records import Participant
from civicnb.ui.context import LiveStatus, PageContext
from civicnb.ui.inputs import text_box
from civicnb.ui.markup import close_all, html_widget
from civicnb.workshop.erasure import erase_participant, find_participant, made_reports
from civicnb.workshop.participation import ParticipantSession

if TYPE_CHECKING:
    from civicnb.ui.locality_context import Context

__all__ = ["EraseControl", "WithdrawPanel"]


class WithdrawPanel(W.VBox):
    """ "Withdraw my answers" on a participant's summary page: a button, then a
    confirmation; on "yes" the participant is erased everywhere, the page keeps nothing
    of them (the browser forgets who they were) and says it is done."""

    def __init__(
        self, ctx: Context, session: ParticipantSession, page: PageContext, view: W.Box
    ) -> None:
        lang = ctx.lang
        self.ctx = ctx
        self.session = session
        self.page = page
        self.view = view
        self.start = W.Button(description=t("wd_start", lang))
        self.start.add_class("civicnb-danger")
        self.confirm = W.Button(description=t("wd_confirm", lang), button_style="danger")
        self.cancel = W.Button(description=t("wd_cancel", lang))
        self.question = html_widget(f'<p role="alert">{_h(t("wd_confirm_text", lang))}</p>')
        self.status = LiveStatus()
        self.start.on_click(lambda _b: self._ask())
        self.cancel.on_click(lambda _b: self._back())
        self.confirm.on_click(lambda _b: self._withdraw())
        self.intro = html_widget(
            f"<h2>{_h(t('wd_title', lang))}</h2><p>{_h(t('wd_text', lang))}</p>"
        )
        super().__init__([self.intro, self.start, self.status])
        self.add_class("civicnb-withdraw")
        self.add_class("civicnb-no-print")

    def _ask(self) -> None:
        self.children = [
            self.intro,
            self.question,
            W.HBox([self.confirm, self.cancel], layout=W.Layout(flex_flow="row wrap")),
            self.status,
        ]
        self.cancel.focus()  # the safe choice first; the question is read out (alert)

    def _back(self) -> None:
        self.children = [self.intro, self.start, self.status]
        self.start.focus()

    def _withdraw(self) -> None:
        ctx, lang = self.ctx, self.ctx.lang
        try:
            erase_participant(ctx.store, self.session.participant.id, locality_id=ctx.locality.id)
        except CivicnbError as exc:
            self.status.show(t("error", lang, reason=error_text(exc, lang)), "error")
            return
        kiosk = ctx.kiosk
        ctx.token = None  # their sessions ended with them (erase_participant)
        self.page.drop()  # and the browser forgets the token
        start = f"start.ipynb?{'kiosk=1&' if kiosk else ''}lang={lang}"
        done = html_widget(
            f'<h1>{_h(t("wd_title", lang))}</h1><p role="status">{_h(t("wd_done", lang))}</p>'
            f"<p>{_h(t('wd_reports', lang))}</p>"
            f'<p><a href="{_h(start)}">{_h(t("start", lang))}</a></p>'
        )
        old = list(self.view.children)
        self.view.children = [done]
        close_all(old)  # no widget of the page keeps their answers


class EraseControl(W.VBox):
    """The facilitator's "Erase a participant": their id or name, then a confirmation
    that says who and how many answers; the result lists the reports to remake. No
    list of names is shown (the screen may be on the projector)."""

    def __init__(self, ctx: Context, on_done: Callable[[], None] | None = None) -> None:
        lang = ctx.lang
        self.ctx = ctx
        self.on_done = on_done
        self.who = text_box(description=t("er_who", lang))
        self.who.style.description_width = "initial"
        self.find = W.Button(description=t("er_find", lang))
        self.confirm = W.Button(description=t("er_confirm", lang), button_style="danger")
        self.cancel = W.Button(description=t("er_cancel", lang))
        self.question = html_widget("")
        self.status = LiveStatus()
        self.pending: Participant | None = None
        self.find.on_click(lambda _b: self._ask())
        self.cancel.on_click(lambda _b: self._back())
        self.confirm.on_click(lambda _b: self._erase())
        self.intro = html_widget(
            f"<h2>{_h(t('er_title', lang))}</h2><p>{_h(t('er_text', lang))}</p>"
        )
        super().__init__([])
        self.add_class("civicnb-erase")
        self._back()

    def _back(self) -> None:
        self.pending = None
        self.children = [self.intro, self.who, self.find, self.status]

    def _ask(self) -> None:
        ctx, lang = self.ctx, self.ctx.lang
        try:
            person = find_participant(ctx.store, ctx.locality, self.who.value)
        except CivicnbError as exc:
            self.status.show(t("error", lang, reason=error_text(exc, lang)), "error")
            return
        self.pending = person
        n = len(ctx.store.ratings(participant_id=person.id))
        side = t("side_short_" + person.side.value, lang)
        text = t("er_confirm_text", lang, who=person.name, side=side, n=n)
        self.question.value = f'<p role="alert">{_h(text)}</p>'
        self.children = [
            self.intro,
            self.question,
            W.HBox([self.confirm, self.cancel], layout=W.Layout(flex_flow="row wrap")),
            self.status,
        ]
        self.cancel.focus()

    def _erase(self) -> None:
        ctx, lang = self.ctx, self.ctx.lang
        person = self.pending
        if person is None:
            return
        try:
            done = erase_participant(ctx.store, person.id, locality_id=ctx.locality.id)
        except CivicnbError as exc:
            self.status.show(t("error", lang, reason=error_text(exc, lang)), "error")
            self._back()
            return
        reports = made_reports(ctx.workspace, ctx.locality)
        msg = (
            t("er_done", lang, n=done.answers, sessions=done.sessions, reveals=done.reveals)
            + " "
            + (
                t("er_remake", lang, files=", ".join(str(p) for p in reports))
                if reports
                else t("er_no_reports", lang)
            )
        )
        self.who.value = ""
        self._back()
        self.status.show(msg, "ok")
        if self.on_done is not None:
            self.on_done()
