"""The paper a locality's report is printed on: A4, or US Letter where offices use it.

Which countries use Letter is the Unicode CLDR's data (``supplementalData.xml``,
``<measurementData>``: ``<paperSize type="US-Letter" territories="BZ CA CL CO CR GT MX
NI PA PH PR SV US VE"/>``, A4 for every other territory, "001"). Babel ships CLDR's
territory names but not its paper sizes, so the list is kept here
(:data:`LETTER_TERRITORIES`).

A locality's country is free text (``civicnb new --country``): :func:`territory_of`
reads an ISO 3166 code ("CO") or a country's name in English, Spanish or Portuguese
(Babel's names, "Colombia", "México", "Estados Unidos"; case and accents do not
matter) and a few usual short forms ("USA", "EE. UU."). A country it does not
recognise, or none, gets A4, as most of the world.

>>> paper_for("Colombia"), paper_for("España"), paper_for(""), paper_for("us")
('letter', 'a4', 'a4', 'letter')
>>> page_css("letter")
'@page { size: letter; margin: 12mm 12mm 14mm; }'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final, Literal

from civicnb.errors import InputError

__all__ = [
    "LETTER_TERRITORIES",
    "PAGE_SIZES",
    "PAPERS",
    "Paper",
    "check_paper",
    "page_css",
    "paper_for",
    "territory_of",
]

Paper = Literal["a4", "letter"]
PAPERS: Final = ("a4", "letter")

PAGE_SIZES: Final[dict[str, tuple[float, float]]] = {
    "a4": (595.28, 841.89),  # 210 x 297 mm, in points
    "letter": (612.0, 792.0),  # 8.5 x 11 in
}
"""Width and height of each paper in PDF points (1/72 in)."""

LETTER_TERRITORIES: Final = frozenset(
    ["BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"]
)
"""CLDR's territories whose paper is US Letter (``paperSize type="US-Letter"``)."""

# the same margins on both papers: Letter is 6 mm wider than A4 (what fits A4 fits
# Letter) and 18 mm shorter (a page holds a little less, tables break between rows)
_MARGINS = "12mm 12mm 14mm"

_NAME_LANGUAGES = ("en", "es", "pt", "pt_PT")

_SHORT_FORMS: Final = {
    "usa": "US",
    "eeuu": "US",
    "eua": "US",
    "estados unidos de america": "US",
    "united states of america": "US",
    "estados unidos da america": "US",
    "uk": "GB",
}


def _key(text: str) -> str:
    """Lower case, no accents, no dots, single spaces: "EE. UU." -> "ee uu"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[.\s]+", " ", plain).split())


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for lang in _NAME_LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if code.isalpha() and len(code) == 2:  # not regions such as "419"
                names.setdefault(_key(name), code)
    for short, code in _SHORT_FORMS.items():
        names.setdefault(short, code)
    return names


def territory_of(country: str) -> str | None:
    """The ISO 3166 code of a country given by code or name; ``None`` if unknown.

    >>> territory_of("Colômbia"), territory_of("mexico"), territory_of("EE. UU."), territory_of("?")
    ('CO', 'MX', 'US', None)
    """
    key = _key(country)
    if not key:
        return None
    if len(key) == 2 and key.isalpha():
        return key.upper()
    compact = key.replace(" ", "")
    return _names().get(key) or _names().get(compact)


def paper_for(country: str) -> Paper:
    """The paper of a country (given by code or name): Letter or A4."""
    return "letter" if territory_of(country) in LETTER_TERRITORIES else "a4"


def check_paper(paper: str) -> Paper:
    """``paper`` if it is one of :data:`PAPERS` (any case), else an error saying which."""
    value = paper.strip().lower()
    if value == "a4":
        return "a4"
    if value == "letter":
        return "letter"
    raise InputError(f"unknown paper {paper!r}: use a4 or letter")


def page_css(paper: Paper) -> str:
    """The CSS ``@page`` rule of ``paper`` (Chromium's PDF follows it)."""
    return f"@page {{ size: {check_paper(paper)}; margin: {_MARGINS}; }}"
