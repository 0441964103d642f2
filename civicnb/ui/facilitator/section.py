"""What every section of the facilitator's dashboard shares: a ``refresh`` from the
store, button handlers that report their message or error, and small form helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as W

from civicnb.errors import CivicnbError, InputError, RoundClosedError
from civicnb.i18n import error_text, keyed, read_number, t, term
from civicnb.ui.choice import ChoiceGroup
from civicnb.ui.context import LiveStatus
from civicnb.workshop.facilitation import KeyRevoked

if TYPE_CHECKING:
    from civicnb.ui.facilitator.page import FacilitatorPage

__all__ = ["Section", "closed_text", "failure", "offer", "optional_number", "stacked"]


def closed_text(exc: RoundClosedError, lang: str) -> str:
    """What a page says when it tried to write into a round closed since it opened."""
    return t("round_closed", lang, closed=exc.closed, latest=exc.latest)


def failure(exc: CivicnbError, lang: str) -> str:
    """What a page says when a write failed: a revoked key or a round closed since the
    page opened, in the page's language; any other error with its reason."""
    if isinstance(exc, KeyRevoked):
        return t("cofac_revoked", lang)
    if isinstance(exc, RoundClosedError):
        return closed_text(exc, lang)
    return t("error", lang, reason=error_text(exc, lang))


def stacked(*widgets: W.Widget) -> None:
    for w in widgets:
        w.style.description_width = "initial"
        w.layout.width = "100%"
        w.add_class("civicnb-stacked")


def offer(dropdown: W.Dropdown, options: list[tuple[str, str]]) -> bool:
    """Give ``dropdown`` these options, keeping what was chosen when it is still offered
    (ipywidgets would jump to the first option). True when the choice changed."""
    old = dropdown.value
    if tuple(dropdown.options) == tuple(options):
        return False
    dropdown.options = options
    if any(value == old for _, value in options):
        dropdown.value = old
    return bool(dropdown.value != old)


def optional_number(text: str, what: str, lang: str) -> float | None:
    """An optional number typed in a form: "1,200" on an English page, "1.200" or
    "12,5" on a Spanish one (the other notation is accepted too). ``what`` is the key of
    the field's label."""
    if not text.strip():
        return None
    try:
        return read_number(text, lang)
    except ValueError:
        field = term(what)
        raise keyed(InputError, "err_typed_number", field=field, text=text.strip()) from None


class Section(W.VBox):
    """One part of the dashboard: rebuilt from the store by ``refresh``."""

    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__()
        self.fac = fac
        self.ctx = fac.ctx
        self.lang = fac.ctx.lang
        self.store = fac.ctx.store
        self.round = fac.round
        self.rec = fac.recorder
        """Every record of the deliberation is written through it (stamped with who
        holds the page's key; refused once that key is revoked)."""
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
            except CivicnbError as exc:  # incl. the next round opened since, a revoked key
                self.status.show(failure(exc, self.lang), "error")
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
