"""The facilitator's page: the room live, the reveal, and the records of the
deliberation (agreed ratings, actions, outcomes, activities, assets, the World Café
harvest, celebrations, who's not here).

Nothing but the key form is built until a facilitator key checks out
(:func:`civicnb.workshop.facilitation.facilitator_for_key`: the workspace's key or an
active key of this locality's co-facilitators): without it the kernel holds no
names, notes, counts or aggregates and offers no action. Every record goes through the
store, so it is in the exported workbook and survives a restart of the server; it is
written through the page's :class:`~civicnb.workshop.facilitation.Recorder`, which stamps
it with the key holder's name and refuses once that key is revoked.

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
import time

import ipywidgets as W
from IPython.display import display

from civicnb.errors import CivicnbError
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import LANGUAGES, t
from civicnb.records import Round
from civicnb.ui.about import about_widget, with_about
from civicnb.ui.context import PageContext
from civicnb.ui.environment import is_interactive, request_query
from civicnb.ui.facilitator.actions import ActionsSection
from civicnb.ui.facilitator.assets import AssetsSection
from civicnb.ui.facilitator.attendance import AttendanceSection
from civicnb.ui.facilitator.cafe import CafeSection
from civicnb.ui.facilitator.celebrations import CelebrationsSection
from civicnb.ui.facilitator.entry import EntrySection
from civicnb.ui.facilitator.gate import key_gate
from civicnb.ui.facilitator.outcomes import OutcomesSection
from civicnb.ui.facilitator.reveal import RevealSection
from civicnb.ui.facilitator.room import RoomSection
from civicnb.ui.facilitator.section import Section
from civicnb.ui.locality_context import Context
from civicnb.ui.markup import html_widget
from civicnb.ui.nav import SectionNav
from civicnb.ui.static import static_facilitator
from civicnb.workshop.facilitation import Holder, Recorder, facilitator_for_key
from civicnb.workshop.participation import current_round

__all__ = ["SECTIONS", "FacilitatorPage", "facilitator_page"]


REFRESH_SECONDS = 5.0
"""How often the room's counts refresh themselves."""
FAILED_KEY_DELAY = 0.5
"""Seconds a wrong key costs (slows guessing from the room's network)."""


SECTIONS: tuple[tuple[str, type[Section]], ...] = (
    ("fac_tab_room", RoomSection),
    ("fac_tab_reveal", RevealSection),
    ("fac_tab_actions", ActionsSection),
    ("fac_tab_outcomes", OutcomesSection),
    ("fac_tab_assets", AssetsSection),
    ("fac_tab_cafe", CafeSection),
    ("fac_tab_celebrations", CelebrationsSection),
    ("fac_tab_attendance", AttendanceSection),
    ("fac_tab_entry", EntrySection),
)


class FacilitatorPage(W.VBox):
    """The key form; after the right key, the dashboard."""

    def __init__(self, ctx: Context, page: PageContext, round_label: str | None = None) -> None:
        self.ctx = ctx
        self.page = page
        self.round: Round = current_round(ctx.store, ctx.locality, round_label)
        self.sections: dict[str, Section] = {}
        self.key = ""
        self.key_holder: Holder | None = None
        """Who opened the dashboard (None until a key checks out)."""
        self._timer: asyncio.TimerHandle | None = None
        super().__init__([page, about_widget(ctx.framework, ctx.lang)])
        self.add_class("civicnb-page")
        self.show_gate()

    # the key ----------------------------------------------------------------------------

    def show_gate(self, wrong: bool = False) -> None:
        lang = self.ctx.lang
        self.children = with_about(
            self,
            [
                self.page,
                html_widget(
                    f"<h1>{_h(t('fac_title', lang, place=self.ctx.locality.name))}</h1>"
                    f"<p>{_h(t('fac_key_text', lang))}</p>"
                ),
                *key_gate(lang, t("fac_open", lang), self.unlock, wrong=wrong),
            ],
        )

    @property
    def recorder(self) -> Recorder:
        """Writes the deliberation's records as the key's holder."""
        if self.key_holder is None:
            raise RuntimeError("the dashboard is not open")
        return Recorder(self.ctx.store, self.key_holder)

    def unlock(self, candidate: str | None) -> bool:
        """Show the dashboard if ``candidate`` is the workspace's facilitator key or an
        active key of one of this locality's facilitators."""
        holder = facilitator_for_key(
            self.ctx.workspace, self.ctx.store, self.ctx.locality, candidate
        )
        if holder is None:
            time.sleep(FAILED_KEY_DELAY)
            return False
        assert isinstance(candidate, str)
        self.key_holder = holder
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
        holder = self.key_holder
        # the workspace's own key: "lead facilitator" in the page's language (what it
        # records is in the locality's)
        who = "" if holder is None else holder.name
        if holder is not None and holder.facilitator_id is None:
            who = t("lead_facilitator", lang)
        header = html_widget(
            f"<h1>{_h(t('fac_title', lang, place=self.ctx.locality.name))}</h1>"
            f'<p class="civicnb-place">{_h(t("round", lang, label=self.round.label))}</p>'
            f'<p class="civicnb-signed-in">{_h(t("cofac_signed_in", lang, name=who))}</p>'
        )
        self.children = with_about(self, [self.page, header, self.chooser, self.holder])
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
        static_facilitator(ctx)
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
