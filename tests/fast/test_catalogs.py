"""The gettext catalogs: every language has every message, translated, with the same
placeholders; the shipped .mo files and the template are what `make catalogs` makes."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from civicnb.i18n import LANGUAGES, MESSAGES, message, placeholders, t
from civicnb.i18n.catalogs import DOMAIN, LOCALE_DIR, LOCALES, translations
from civicnb.i18n.extract import extract_messages

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = sorted(lang for lang in LANGUAGES if lang != "en")


def _po(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        return read_po(handle)


def test_every_language_has_a_catalog_and_a_locale() -> None:
    assert set(LOCALES) == set(LANGUAGES)
    assert "en" in LANGUAGES and TRANSLATED
    for lang in TRANSLATED:
        assert (LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file(), lang


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_has_every_message_translated_with_the_same_placeholders(lang: str) -> None:
    catalog = _po(lang)
    entries = {m.context: m for m in catalog if m.id and m.context}
    missing = sorted(set(MESSAGES) - set(entries))
    assert not missing, f"{lang}: not in the catalog (run `make catalogs`): {missing[:10]}"
    stale = sorted(set(entries) - set(MESSAGES))
    assert not stale, f"{lang}: no longer in the code (run `make catalogs`): {stale[:10]}"
    for key, english in MESSAGES.items():
        entry = entries[key]
        assert entry.id == english, f"{lang} {key}: the English changed; run `make catalogs`"
        assert not entry.fuzzy, f"{lang} {key}: fuzzy (the English changed): review it"
        assert isinstance(entry.string, str) and entry.string.strip(), f"{lang} {key}: empty"
        assert placeholders(entry.string) == placeholders(english), (lang, key)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_compiled_catalog_is_the_po_file(lang: str) -> None:
    """The .mo the package ships holds exactly the .po's translations (`make catalogs`
    compiles it; a .po edited without compiling fails here)."""
    po = {(m.context, m.id): m.string for m in _po(lang) if m.id and m.string and not m.fuzzy}
    path = LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.mo"
    mo = gettext.GNUTranslations(io.BytesIO(path.read_bytes()))
    for (context, english), string in po.items():
        assert mo.pgettext(context, english) == string, (lang, context)
    if ("app_name", MESSAGES["app_name"]) in po:
        assert message("app_name", lang) == po[("app_name", MESSAGES["app_name"])]


def test_template_is_what_extraction_gives() -> None:
    """civicnb/locale/civicnb.pot lists the code's messages (`make catalogs` writes it)."""
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as handle:
        template = {(m.context, m.id) for m in read_po(handle) if m.id}
    extracted = {
        (context, english)
        for _file, _line, english, _comments, context in extract_from_dir(
            ROOT,
            [("civicnb/i18n/*.py", "civicnb.i18n.extract:extract_messages")],
            keywords={"pgettext": ((1, "c"), 2)},
        )
    }
    assert template == extracted == set(MESSAGES.items())


def test_extraction_reads_the_tables_and_the_translators_comment() -> None:
    source = b"""X_MESSAGES: dict[str, str] = {
    # the button that shows the room
    "reveal": "Show the room",
    "n": "Pair {n}",
}
OTHER = {"not": "a table"}
"""
    got = list(extract_messages(io.BytesIO(source), {}, [], {}))
    assert got == [
        (3, "pgettext", ("reveal", "Show the room"), ["the button that shows the room"]),
        (4, "pgettext", ("n", "Pair {n}"), []),
    ]


def test_english_is_the_source_and_an_unknown_language_falls_back_to_it() -> None:
    assert t("strand_n", "en", n="IV") == "Strand IV"
    assert t("strand_n", "xx", n="IV") == "Strand IV"
    assert isinstance(translations("en"), gettext.NullTranslations)
    assert t("strand_n", "es", n="IV") == "Eje IV"
