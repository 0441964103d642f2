"""Small helpers shared by the facilitator's modules (sides in display order, the
languages of built-in texts)."""

from __future__ import annotations

from civicnb.errors import InputError
from civicnb.i18n import LANGUAGES
from civicnb.records import Side

__all__ = ["SIDES", "check_lang"]


SIDES = (Side.LA, Side.CSO, Side.OTHER)
"""The sides in the order they are shown."""


def check_lang(lang: str) -> str:
    """``lang`` if civicnb has built-in facilitator texts in it, else InputError."""
    if lang not in LANGUAGES:
        raise InputError(f"language must be one of {', '.join(LANGUAGES)} (got {lang!r})")
    return lang
