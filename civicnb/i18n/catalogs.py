"""The compiled gettext catalogs (``civicnb/locale/<locale>/LC_MESSAGES/civicnb.mo``).

English is the source language: its words are in ``civicnb/i18n/*.py`` and every other
language is a catalog made from them (``make catalogs``; docs/translating.md). Each
message's ``msgctxt`` is its key, its ``msgid`` the English.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALES",
    "LOCALE_DIR",
    "language_name",
    "language_tag",
    "translations",
]

DOMAIN = "civicnb"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Where the catalogs are: ``<locale>/LC_MESSAGES/civicnb.po`` and its ``.mo``."""

LANGUAGES = {"en": "English", "es": "Español", "pt": "Português (Brasil)"}
"""The languages civicnb speaks: code -> the language's name in itself. Adding one is a
catalog, the framework's texts and an entry here and in :data:`LOCALES`
(docs/translating.md)."""

LOCALES = {"en": "en", "es": "es", "pt": "pt_BR"}
"""civicnb's language code -> the catalog's (and Babel's) locale."""


def language_tag(lang: str) -> str:
    """The BCP 47 tag of civicnb's language ``lang``, for HTML's ``lang`` and
    ``hreflang`` attributes: the locale with a hyphen (``pt`` -> ``pt-BR``); English
    for a code civicnb does not have.

    >>> [language_tag(code) for code in LANGUAGES]
    ['en', 'es', 'pt-BR']
    """
    return LOCALES.get(lang, "en").replace("_", "-")


def language_name(code: str, lang: str) -> str:
    """The name of civicnb's language ``code`` in the language ``lang`` (Babel's CLDR
    names: no catalog needed); ``code`` itself when civicnb does not have it.

    >>> language_name("pt", "es"), language_name("es", "pt"), language_name("en", "en")
    ('portugués (Brasil)', 'espanhol', 'English')
    """
    if code not in LOCALES:
        return code
    from babel import Locale

    name: str = Locale.parse(LOCALES[code]).get_display_name(LOCALES.get(lang, "en")) or code
    return name


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of ``lang``; for English (or a code civicnb does not have), the
    null catalog that gives back the English."""
    locale = LOCALES.get(lang)
    if locale is None or locale == "en":
        return gettext.NullTranslations()
    with (LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)
