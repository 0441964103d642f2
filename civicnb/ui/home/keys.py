"""The home page's "Facilitators and their keys": per locality, its facilitators (name,
since when, active or revoked), "Add a facilitator" that shows the new key ONCE with the
address of the facilitator page, and "Revoke" per facilitator after a confirmation.

Keys are made and revoked by :mod:`civicnb.workshop.facilitators` (only their hash is
stored); the key shown after adding is in this page's widgets only until the next
change. See ``docs/cofacilitation.md``.
"""

from __future__ import annotations

import ipywidgets as W

from civicnb.errors import CivicnbError
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import error_text, t
from civicnb.records import Facilitator, Locality
from civicnb.ui.context import LiveStatus
from civicnb.ui.home.context import HomeContext
from civicnb.ui.inputs import text_box
from civicnb.ui.markup import html_widget
from civicnb.workshop.facilitators import (
    add_facilitator,
    facilitator_address,
    revoke_facilitator,
)

__all__ = ["KeysSection", "keys_section"]


def _stacked(w: W.Widget) -> None:
    w.style.description_width = "initial"
    w.layout.width = "100%"


class _LocalityKeys(W.VBox):
    """One locality's facilitators, the form to add one, a revoke button per active
    key (with a confirmation step)."""

    def __init__(self, section: KeysSection, locality: Locality) -> None:
        self.section = section
        self.ctx = section.ctx
        self.locality = locality
        lang = self.ctx.lang
        self.heading = html_widget(f"<h3>{_h(t('cofac_locality', lang, place=locality.name))}</h3>")
        self.listing = html_widget("")
        self.revokes = W.VBox([])
        self.name = text_box(description=t("cofac_new_name", lang, place=locality.name))
        _stacked(self.name)
        self.add = W.Button(description=t("cofac_add", lang))
        self.add.add_class("civicnb-primary")
        self.add.on_click(lambda _b: self._add())
        self.new_key = html_widget("", "civicnb-new-key")
        """The key just made, shown once (cleared at the next change)."""
        self.status = LiveStatus()
        super().__init__()
        self.add_class("civicnb-locality-keys")
        self.refresh()

    def refresh(self) -> None:
        lang = self.ctx.lang
        with self.ctx.workspace.open_store() as store:
            found = store.facilitators(self.locality.id)
        if found:
            rows = [
                [
                    f.name,
                    f.created_at.date().isoformat(),
                    t("cofac_active", lang)
                    if f.active
                    else t("cofac_revoked_on", lang, date=_date(f)),
                ]
                for f in found
            ]
            head = [t(k, lang) for k in ("cofac_name", "cofac_since", "cofac_state")]
            self.listing.value = html_table(
                head, rows, label=t("cofac_locality", lang, place=self.locality.name)
            )
        else:
            self.listing.value = f"<p>{_h(t('cofac_none', lang))}</p>"
        self.revokes.children = [self._revoke_button(f) for f in found if f.active]
        self.children = [
            self.heading,
            self.listing,
            self.revokes,
            self.name,
            self.add,
            self.new_key,
            self.status,
        ]

    def _revoke_button(self, f: Facilitator) -> W.Button:
        b = W.Button(description=t("cofac_revoke", self.ctx.lang, name=f.name))
        b.add_class("civicnb-revoke")
        b.on_click(lambda _b: self._ask(f))
        return b

    def _ask(self, f: Facilitator) -> None:
        """The confirmation step: the question, "Yes, revoke" and "No" (focused)."""
        lang = self.ctx.lang
        self.new_key.value = ""
        question = html_widget(
            f'<p role="alert">{_h(t("cofac_revoke_confirm", lang, name=f.name))}</p>'
        )
        yes = W.Button(description=t("cofac_revoke_yes", lang, name=f.name), button_style="danger")
        no = W.Button(description=t("cofac_revoke_no", lang))
        yes.on_click(lambda _b: self._revoke(f))
        no.on_click(lambda _b: self.refresh())
        self.children = [
            self.heading,
            self.listing,
            question,
            W.HBox([yes, no], layout=W.Layout(flex_flow="row wrap")),
            self.status,
        ]
        no.focus()

    def _revoke(self, f: Facilitator) -> None:
        lang = self.ctx.lang
        try:
            with self.ctx.workspace.open_store() as store:
                done = revoke_facilitator(store, f.id)
        except CivicnbError as exc:
            self.refresh()
            self.status.show(t("error", lang, reason=error_text(exc, lang)), "error")
            return
        self.refresh()
        self.status.show(t("cofac_revoked_done", lang, name=done.name), "ok")

    def _add(self) -> None:
        lang = self.ctx.lang
        self.new_key.value = ""
        try:
            with self.ctx.workspace.open_store() as store:
                f, key = add_facilitator(store, self.locality, self.name.value)
        except CivicnbError as exc:
            self.status.show(t("error", lang, reason=error_text(exc, lang)), "error")
            return
        self.name.value = ""
        self.refresh()
        url = facilitator_address(self.locality, key)
        said = t("cofac_added", lang, name=f.name, key=key, url=url)
        self.new_key.value = (
            f'<div role="alert"><p>{_h(said)}</p>'
            f"<p><code>{_h(key)}</code></p>"
            f'<p><a href="{_h(url)}">{_h(url)}</a></p>'
            f"<p><strong>{_h(t('cofac_key_once', lang))}</strong></p></div>"
        )
        self.status.show(t("cofac_added_short", lang, name=f.name), "ok")


def _date(f: Facilitator) -> str:
    return f.revoked_at.date().isoformat() if f.revoked_at else ""


class KeysSection(W.VBox):
    """Every locality's facilitators and their keys (see the module)."""

    def __init__(self, ctx: HomeContext) -> None:
        self.ctx = ctx
        self.localities: dict[str, _LocalityKeys] = {}
        super().__init__()
        self.add_class("civicnb-keys")
        self.refresh()

    def refresh(self) -> None:
        """Show every locality of the workspace (a new one gets its part)."""
        lang = self.ctx.lang
        with self.ctx.workspace.open_store() as store:
            localities = store.localities()
        parts: list[W.Widget] = [
            html_widget(
                f"<h2>{_h(t('cofac_keys_title', lang))}</h2><p>{_h(t('cofac_keys_text', lang))}</p>"
            )
        ]
        for loc in localities:
            part = self.localities.get(loc.id)
            if part is None:
                part = self.localities[loc.id] = _LocalityKeys(self, loc)
            parts.append(part)
        if not localities:
            parts.append(html_widget(f"<p>{_h(t('cofac_no_localities', lang))}</p>"))
        self.children = parts


def keys_section(ctx: HomeContext) -> W.Widget:
    """The home page's section of facilitators and their keys."""
    return KeysSection(ctx)
