"""The pseudo-locale: a test-only language in which every catalog message and every
framework text is its English wrapped in markers, ``⟦…⟧`` (placeholders kept and
filled, outside the markers). Whatever a page, an export or the command line shows outside the markers
did not come from a catalog or the framework: it must be data (names, numbers, dates,
codes such as "LA-01"), or it is a leak (English a translator cannot reach).

See docs/translating.md ("The pseudo-locale").
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from string import Formatter
from typing import Any

import pytest

PSEUDO = "qps"
"""The pseudo-locale's code (as in Microsoft's qps-ploc; no real language has it)."""
OPEN, CLOSE = "⟦", "⟧"

_WRAPPED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CODE = re.compile(
    r"(?<![\w-])(?:(?:LA|CSO)-(?:\d{2}|[IVXL]+)|P\d{2}|[IVXL]+|civicnb|Voilà|JSON|XLSX|CSV|UTF|MB)(?![\w-])"
)
"""Codes and names that are the same in every language: question ids (LA-01, CSO-IV),
pair ids (P01), strand numerals, civicnb's name, file formats."""


def wrap(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


def wrap_message(message: str) -> str:
    """A catalog message in the pseudo-locale: each stretch of its words in markers, its
    placeholders outside them, so that what fills a placeholder is checked too (an
    English reason inside a translated "Something went wrong: {reason}" is a leak)."""
    out = []
    for literal, name, spec, conversion in Formatter().parse(message):
        if literal.strip():
            out.append(wrap(literal.replace("{", "{{").replace("}", "}}")))
        elif literal:
            out.append(literal)
        if name is not None:
            out.append(
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return "".join(out)


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return wrap_message(message)

    def pgettext(self, context: str, message: str) -> str:
        return wrap_message(message)


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the pseudo-locale for one test: a language of civicnb, its catalog the
    English in markers, the framework's texts too."""
    import civicnb.i18n
    from civicnb.framework.model import Text
    from civicnb.i18n import catalogs

    monkeypatch.setitem(catalogs.LANGUAGES, PSEUDO, wrap("Pseudo"))
    monkeypatch.setitem(catalogs.LOCALES, PSEUDO, "en")  # English number formats
    real = civicnb.i18n.translations

    def translations(lang: str) -> gettext.NullTranslations:
        return _Pseudo() if lang == PSEUDO else real(lang)

    monkeypatch.setattr(civicnb.i18n, "translations", translations)
    real_get = Text.get

    def get(self: Text, lang: str) -> str:
        return wrap(real_get(self, "en")) if lang == PSEUDO else real_get(self, lang)

    monkeypatch.setattr(Text, "get", get)


def leaks(text: str, data: Iterable[str] = ()) -> list[str]:
    """The words of ``text`` that are neither inside markers nor data: the data strings
    (names, notes, titles…) are taken out first, then every ``⟦…⟧`` (innermost first),
    then codes; what words remain leaked."""
    data = [d for d in data if d.strip()]
    shown = text.strip().rstrip("…").strip()
    if len(shown) >= 10 and any(d.startswith(shown) for d in data):
        return []  # data cut short to fit (a long title in a menu)
    for item in sorted(set(data), key=len, reverse=True):
        text = text.replace(item, " ")
    while True:
        stripped = _WRAPPED.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    return _WORD.findall(_CODE.sub(" ", text))


class _Visible(HTMLParser):
    """The text of markup a person reads: text nodes and the attributes read aloud or
    shown (title, alt, aria-label, placeholder), not scripts or styles."""

    READ = frozenset({"title", "alt", "aria-label", "aria-description", "placeholder"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in self.READ and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible(markup: str) -> list[str]:
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    return parser.parts


_NOT_READ = frozenset(
    {
        # widget plumbing and values that are keys, not words
        "lang",
        "query",
        "storage_key",
        "remember",
        "navigate",
        "stored",
        "device",
        "focus",
        "host",
        "option_keys",
        "selected",
        "description_id",
        "heading_tag",
        "status_kind",
        "focus_class",
        "button_style",
        "bar_style",
        "orientation",
        "continuous_update",
        "readout_format",
        "autocomplete",
        "ensure_option",
        "icon",
        "accept",
        "filename",
        "mime",
        "tabbable",
        "kind",
        # what a person typed: data
        "note",
        "would_help",
    }
)


def widget_texts(root: Any) -> Iterator[tuple[str, str]]:
    """``(where, text)`` for every text a person reads in a widget tree: the markup of
    HTML widgets (its visible text), labels, descriptions, placeholders, legends,
    options, status lines… of every widget (traits synced to the browser)."""
    import ipywidgets as W
    from widget_helpers import walk

    for w in walk(root):
        name = type(w).__name__
        for trait in w.trait_names(sync=True):
            if trait.startswith("_") and trait not in ("_options_labels",):
                continue
            if trait in _NOT_READ:
                continue
            value = getattr(w, trait)
            if trait == "value":
                if isinstance(w, W.HTML | W.HTMLMath):
                    for part in visible(value):
                        yield f"{name}.value", part
                elif isinstance(w, W.Label):
                    yield f"{name}.value", value
                continue  # an input's value is what a person typed, or a key
            if trait == "options":
                if "_options_labels" in w.trait_names():
                    continue  # ipywidgets' selections: their labels are read below
                value = [o[1] for o in value if len(o) == 2]  # [key, label] pairs
            for text in _strings(value):
                if "<" in text and ">" in text:
                    for part in visible(text):
                        yield f"{name}.{trait}", part
                else:
                    yield f"{name}.{trait}", text


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def page_leaks(root: Any, data: Iterable[str]) -> list[tuple[str, str, list[str]]]:
    """``(where, text, leaked words)`` for every text of ``root`` that leaks. The
    languages' names, each in itself (the language menu), the links to the page in
    each other language (written in that language) and the languages' BCP 47 tags are
    data too."""
    from civicnb.i18n import LANGUAGES, language_tag, t

    real = [code for code in LANGUAGES if code != PSEUDO]
    data = [
        *data,
        *(LANGUAGES[code] for code in real),
        *(t("hp_this_page", code) for code in real),
        *(language_tag(code) for code in real),
    ]
    out = []
    for where, text in widget_texts(root):
        found = leaks(text, data)
        if found:
            out.append((where, text, found))
    return out
