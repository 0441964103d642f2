"""The home page's rounds: each locality's rounds (label, date, participants who
answered) and a form to open the next one.

The form calls :func:`civicnb.workshop.rounds.open_round`, the function behind
:func:`civicnb.api.open_round` and ``civicnb round``: one code path, so a round opened
here is the same as one opened on the command line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as W

from civicnb.errors import CivicnbError, ConflictError, RoundClosedError
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import error_text, t
from civicnb.records import Locality, Round
from civicnb.store import Store
from civicnb.ui.context import LiveStatus
from civicnb.ui.home.context import HomeContext
from civicnb.ui.inputs import text_box
from civicnb.ui.markup import html_widget
from civicnb.workshop import rounds as workshop_rounds

__all__ = ["LocalityRounds", "RoundsSection", "answered_per_round", "rounds_section"]


def answered_per_round(store: Store, locality: Locality) -> dict[str, int]:
    """Round id -> how many participants answered at least one question in it."""
    people: dict[str, set[str]] = {}
    for r in store.ratings(locality_id=locality.id):
        if r.answered:
            people.setdefault(r.round_id, set()).add(r.participant_id)
    return {rid: len(ids) for rid, ids in people.items()}


def _rounds_table(rounds: list[Round], counts: dict[str, int], place: str, lang: str) -> str:
    rows = [
        [
            r.label,
            r.date.isoformat() if r.date else "—",
            counts.get(r.id, 0),
            t("rounds_open_state" if i == len(rounds) - 1 else "rounds_closed_state", lang),
        ]
        for i, r in enumerate(rounds)
    ]
    head = [t(k, lang) for k in ("rounds_col_round", "rounds_col_date", "rounds_col_people")]
    head.append(t("rounds_col_state", lang))
    return html_table(head, rows, caption=t("rounds_of", lang, place=place), row_headers=True)


class LocalityRounds(W.VBox):
    """One locality: its rounds, and the form opening the next one."""

    def __init__(self, ctx: HomeContext, locality: Locality) -> None:
        super().__init__()
        self.ctx = ctx
        self.locality = locality
        lang = ctx.lang
        self.table = html_widget("")
        self.label = text_box(description=t("rounds_label", lang))
        self.date = W.DatePicker(description=t("rounds_date", lang))
        for w in (self.label, self.date):
            w.style.description_width = "initial"
            w.add_class("civicnb-stacked")
        self.button = W.Button(description=t("rounds_open_button", lang))
        self.button.add_class("civicnb-primary")
        self.button.on_click(self.submit)
        self.status = LiveStatus()
        self.children = [
            self.table,
            html_widget(f"<h4>{_h(t('rounds_next', lang, place=locality.name))}</h4>"),
            self.label,
            self.date,
            self.button,
            self.status,
        ]
        self.add_class("civicnb-locality-rounds")
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.workspace.open_store() as store:
            rounds = store.rounds(self.locality.id)
            counts = answered_per_round(store, self.locality)
        self.table.value = _rounds_table(rounds, counts, self.locality.name, self.ctx.lang)

    def submit(self, _b: Any = None) -> Round | None:
        """Open the next round with what the form holds; report the outcome."""
        lang = self.ctx.lang
        label = self.label.value
        date = self.date.value if isinstance(self.date.value, dt.date) else None
        try:
            with self.ctx.workspace.open_store() as store:
                loc = store.get_locality(self.locality.id)
                rnd = workshop_rounds.open_round(
                    store, loc, label, date, recorded_by=self.ctx.facilitator
                )
        except ConflictError as exc:
            if isinstance(exc, RoundClosedError) or not label.strip():
                msg = t("rounds_refused", lang, reason=error_text(exc, lang))
            else:
                msg = t("rounds_duplicate", lang, place=self.locality.name, label=label.strip())
            self.status.show(msg, "error")
            return None
        except CivicnbError as exc:
            self.status.show(t("rounds_refused", lang, reason=error_text(exc, lang)), "error")
            return None
        self.label.value = ""
        self.date.value = None
        self.refresh()
        self.status.show(t("rounds_opened", lang, label=rnd.label, place=self.locality.name), "ok")
        self.ctx.refresh()
        return rnd


class RoundsSection(W.VBox):
    """Every locality of the workspace with its rounds (see :class:`LocalityRounds`)."""

    def __init__(self, ctx: HomeContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.add_class("civicnb-rounds")
        self.localities: dict[str, LocalityRounds] = {}
        self.refresh()

    def refresh(self) -> None:
        """Show the workspace's localities (a locality made since is added; the forms of
        the others keep what was typed)."""
        lang = self.ctx.lang
        with self.ctx.workspace.open_store() as store:
            localities = store.localities()
        parts: list[W.Widget] = [
            html_widget(
                f"<h2>{_h(t('rounds_title', lang))}</h2><p>{_h(t('rounds_text', lang))}</p>"
            )
        ]
        if not localities:
            parts.append(html_widget(f"<p>{_h(t('rounds_none', lang))}</p>"))
        for loc in localities:
            block = self.localities.get(loc.id)
            if block is None:
                block = self.localities[loc.id] = LocalityRounds(self.ctx, loc)
            else:
                block.refresh()
            parts.append(html_widget(f"<h3>{_h(loc.name)}</h3>"))
            parts.append(block)
        self.children = parts


def rounds_section(ctx: HomeContext) -> W.Widget:
    """The home page's rounds section (shown behind the facilitator key)."""
    return RoundsSection(ctx)
