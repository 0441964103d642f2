"""The start page's organisation and role questions: which organisation of their side a
participant takes part for (or none), on the local authority's side whether they are an
elected member or an officer, and which organisation of the other side their answers
about its column are about (or that side as a whole).

Each is a :class:`~civicnb.ui.rating.ChoiceGroup` (a ``<fieldset>`` with a ``<legend>``
and native radios, like the side question), rebuilt when the side changes. The browser
can only choose one of the options listed; :func:`civicnb.workshop.participation.join`
and the store check the organisations again.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as W

from civicnb.errors import InputError
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.records import Organisation, Side
from civicnb.ui.markup import html_widget
from civicnb.ui.rating import ChoiceGroup

__all__ = ["OrganisationChoice"]

NONE = "~none"
"""The option value of "no organisation" / "the other side as a whole" / "not said"."""


def _other(side: Side) -> Side | None:
    return {Side.LA: Side.CSO, Side.CSO: Side.LA}.get(side)


class OrganisationChoice(W.VBox):
    """The organisation, role and "whom I rate" questions for the chosen side."""

    def __init__(self, organisations: Iterable[Organisation], lang: str) -> None:
        super().__init__([])
        self.lang = lang
        self.by_side: dict[Side, list[Organisation]] = {s: [] for s in Side}
        for o in organisations:
            self.by_side[o.side].append(o)
        self.side: Side | None = None
        self.own: ChoiceGroup | None = None
        self.role: ChoiceGroup | None = None
        self.rates: ChoiceGroup | None = None
        self.add_class("civicnb-organisation-choice")
        self.for_side("")

    @property
    def available(self) -> bool:
        """True if the locality has organisations (else the start page is as before)."""
        return any(self.by_side.values())

    def for_side(self, value: str) -> None:
        """Show the questions for the side chosen (``value``: a side's value or "")."""
        lang = self.lang
        self.own = self.role = self.rates = None
        try:
            side = Side.parse(value) if value else None
        except InputError:
            side = None
        self.side = side
        if not self.available:
            self.children = []
            return
        if side is None:
            self.children = [
                html_widget(f'<p class="civicnb-hint">{_h(t("org_choose_side", lang))}</p>')
            ]
            return
        parts: list[W.Widget] = []
        mine = self.by_side[side]
        if mine:
            self.own = ChoiceGroup(
                legend=t("org_legend", lang),
                options=[[NONE, t("org_none", lang)], *([o.id, o.name] for o in mine)],
                value=NONE,
            )
            parts.append(self.own)
        if side is Side.LA:
            self.role = ChoiceGroup(
                legend=t("role_legend", lang),
                options=[
                    [NONE, t("role_none", lang)],
                    ["elected", t("role_elected", lang)],
                    ["officer", t("role_officer", lang)],
                ],
                value=NONE,
            )
            parts.append(self.role)
        other = _other(side)
        theirs = self.by_side[other] if other is not None else []
        if other is not None and theirs:
            name = t(f"side_the_{other.value}", lang)
            self.rates = ChoiceGroup(
                legend=t("rates_legend", lang, side=name),
                options=[
                    [NONE, t("rates_whole", lang, side=name)],
                    *([o.id, o.name] for o in theirs),
                ],
                value=NONE,
            )
            parts.append(self.rates)
        self.children = parts

    def chosen(self, side_value: str) -> tuple[str | None, str, str | None]:
        """(organisation id, role, id of the organisation rated) as chosen, for
        :func:`~civicnb.workshop.participation.join`; nothing chosen if the questions
        shown are not for ``side_value``."""

        def value(group: ChoiceGroup | None) -> str | None:
            return None if group is None or group.value in ("", NONE) else str(group.value)

        if self.side is None or self.side.value != side_value:
            return None, "", None
        return value(self.own), value(self.role) or "", value(self.rates)
