"""The key gate both facilitator pages show (the facilitator's page, the home page's
set-up): a labelled password field, its button, and the "wrong key" line announced."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as W

from civicnb.i18n import t
from civicnb.ui.context import LiveStatus
from civicnb.ui.facilitator.section import stacked

__all__ = ["key_gate"]


def key_gate(
    lang: str, button: str, unlock: Callable[[str], bool], *, wrong: bool = False
) -> list[W.Widget]:
    """The field, the button (labelled ``button``) and the status line; ``unlock(key)``
    is called on a click and the field is emptied when it says no."""
    key = W.Password(description=t("fac_key", lang))
    stacked(key)
    go = W.Button(description=button)
    go.add_class("civicnb-primary")
    status = LiveStatus()
    if wrong:
        status.show(t("fac_wrong_key", lang), "error")

    def attempt(_b: Any = None) -> None:
        if not unlock(key.value):
            key.value = ""
            status.show(t("fac_wrong_key", lang), "error")

    go.on_click(attempt)
    return [key, go, status]
