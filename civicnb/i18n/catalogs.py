"""The compiled gettext catalogs (``civicnb/locale/<locale>/LC_MESSAGES/civicnb.mo``).

English is the source language: its words are in ``civicnb/i18n/*.py`` and every other
language is a catalog made from them (``make catalogs``; docs/translating.md). Each
message's ``msgctxt`` is its key, its ``msgid`` the English.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

__all__ = ["DOMAIN", "LANGUAGES", "LOCALES", "LOCALE_DIR", "translations"]

DOMAIN = "civicnb"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Where the catalogs are: ``<locale>/LC_MESSAGES/civicnb.po`` and its ``.mo``."""

LANGUAGES = {"en": "English", "es": "Español", "pt": "Português (Brasil)"}
"""The languages civicnb speaks: code -> the language's name in itself. Adding one is a
catalog, the framework's texts and an entry here and in :data:`LOCALES`
(docs/translating.md)."""

LOCALES = {"en": "en", "es": "es", "pt": "pt_BR"}
"""civicnb's language code -> the catalog's (and Babel's) locale."""


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of ``lang``; for English (or a code civicnb does not have), the
    null catalog that gives back the English."""
    locale = LOCALES.get(lang)
    if locale is None or locale == "en":
        return gettext.NullTranslations()
    with (LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)
