"""The room live: the join link and QR code, counts of people per side and strand, and
erasing a participant."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as W

from civicnb.errors import CivicnbError
from civicnb.html.qr import join_url, only_this_computer, qr_svg
from civicnb.html.reveal import room_html
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.ui.facilitator.section import Section, failure
from civicnb.ui.markup import html_widget
from civicnb.ui.withdraw import EraseControl
from civicnb.workshop.facilitation import revealed_strands, room_counts
from civicnb.workshop.participation import device_counts

if TYPE_CHECKING:
    from civicnb.ui.facilitator.page import FacilitatorPage

__all__ = ["RoomSection"]


class _FacilitatorErase(EraseControl):
    """Erasing a participant, refused once the page's key is revoked."""

    def __init__(self, section: RoomSection) -> None:
        self.section = section
        super().__init__(section.ctx, on_done=section.refresh)

    def _erase(self) -> None:
        try:
            self.section.rec.check()
        except CivicnbError as exc:
            self.status.show(failure(exc, self.ctx.lang), "error")
            return
        super()._erase()


class RoomSection(Section):
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
        self.counts = html_widget("")
        again = W.Button(description=t("fac_refresh", lang))
        again.on_click(lambda _b: self.refresh())
        self.children = [
            html_widget(join, "civicnb-join"),
            html_widget(f"<h2>{_h(t('fac_room', lang))}</h2><p>{_h(t('fac_room_text', lang))}</p>"),
            self.counts,
            again,
            _FacilitatorErase(self),  # privacy: erase a participant
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
