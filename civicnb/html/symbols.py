"""civicnb's own pictures for easy read: one simple symbol per strand and one per level
of the rating scale, drawn here as inline SVG (no symbol set, no file, no network).

Each picture is an ``<svg role="img">`` whose accessible name (``aria-label`` and a
``<title>``) is the text given; the page always shows a word beside it as well.

>>> svg = level_symbol(3, "Partly")
>>> svg.startswith('<svg role="img" aria-label="Partly"') and "<title>Partly</title>" in svg
True
>>> strand_symbol("IX", "x")
Traceback (most recent call last):
...
ValueError: no symbol for strand 'IX'

This module does no Jupyter imports.
"""

from __future__ import annotations

import math
from urllib.parse import quote

from civicnb.html.safe import html_escape as _h

__all__ = [
    "LEVEL_VALUES",
    "STRAND_SYMBOLS",
    "level_symbol",
    "level_symbols_css",
    "strand_symbol",
]

_INK = "#1d3f8f"  # 9.9:1 on white: the drawing's lines (non-text contrast ≥ 3:1)
_FILL = "#3b6fd8"  # 4.6:1 on white: filled parts
_PAPER = "#ffffff"

LEVEL_VALUES = (0, 1, 2, 3, 4, 5)
"""0 is "don't know"; 1 to 5 the scale's levels."""

# Each strand's picture on a 48 × 48 grid, as SVG elements of our own.
STRAND_SYMBOLS: dict[str, str] = {
    # I, valued outcomes: a target with its centre hit
    "I": (
        f'<circle cx="24" cy="24" r="19" fill="{_PAPER}" stroke="{_INK}" stroke-width="3"/>'
        f'<circle cx="24" cy="24" r="11" fill="none" stroke="{_INK}" stroke-width="3"/>'
        f'<circle cx="24" cy="24" r="4.5" fill="{_FILL}"/>'
    ),
    # II, whole systems: three circles joined to each other
    "II": (
        f'<path d="M12 34 L24 12 L36 34 Z" fill="none" stroke="{_INK}" stroke-width="3"/>'
        f'<circle cx="24" cy="12" r="7" fill="{_FILL}" stroke="{_INK}" stroke-width="2"/>'
        f'<circle cx="12" cy="34" r="7" fill="{_FILL}" stroke="{_INK}" stroke-width="2"/>'
        f'<circle cx="36" cy="34" r="7" fill="{_FILL}" stroke="{_INK}" stroke-width="2"/>'
    ),
    # III, co-producing: two people side by side, building one block
    "III": (
        f'<circle cx="14" cy="11" r="5" fill="{_FILL}"/>'
        f'<circle cx="34" cy="11" r="5" fill="{_FILL}"/>'
        f'<path d="M6 32 Q14 16 22 32 M26 32 Q34 16 42 32" fill="none" stroke="{_INK}" '
        'stroke-width="3" stroke-linecap="round"/>'
        f'<rect x="12" y="34" width="24" height="10" rx="2" fill="{_PAPER}" stroke="{_INK}" '
        'stroke-width="3"/>'
    ),
    # IV, resilience: an umbrella in the rain
    "IV": (
        f'<path d="M6 24 Q24 2 42 24 Z" fill="{_FILL}" stroke="{_INK}" stroke-width="3" '
        'stroke-linejoin="round"/>'
        f'<path d="M24 24 V38 Q24 43 19 42" fill="none" stroke="{_INK}" stroke-width="3" '
        'stroke-linecap="round"/>'
        f'<path d="M8 30 l-2 5 M40 30 l-2 5 M34 36 l-2 5" stroke="{_INK}" stroke-width="2.5" '
        'stroke-linecap="round"/>'
    ),
    # V, inclusion: five people in a circle, all of them in it
    "V": (
        f'<circle cx="24" cy="24" r="15" fill="none" stroke="{_INK}" stroke-width="3"/>'
        + "".join(
            f'<circle cx="{24 + 15 * math.sin(i * 2 * math.pi / 5):.1f}" '
            f'cy="{24 - 15 * math.cos(i * 2 * math.pi / 5):.1f}" r="5.5" fill="{_FILL}" '
            f'stroke="{_INK}" stroke-width="2"/>'
            for i in range(5)
        )
    ),
    # VI, the checklist: a sheet with ticked lines
    "VI": (
        f'<rect x="9" y="5" width="30" height="38" rx="3" fill="{_PAPER}" stroke="{_INK}" '
        'stroke-width="3"/>'
        f'<path d="M14 15 l3 3 l5 -6 M14 26 l3 3 l5 -6 M14 37 l3 3 l5 -6" fill="none" '
        f'stroke="{_FILL}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>'
        f'<path d="M26 16 H34 M26 27 H34 M26 38 H34" stroke="{_INK}" stroke-width="3" '
        'stroke-linecap="round"/>'
    ),
}


def _svg(body: str, label: str, size: int, css_class: str) -> str:
    name = _h(label)
    return (
        f'<svg role="img" aria-label="{name}" class="{css_class}" width="{size}" '
        f'height="{size}" viewBox="0 0 48 48" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{name}</title>{body}</svg>'
    )


def strand_symbol(strand_id: str, label: str, size: int = 64) -> str:
    """The picture of strand ``strand_id`` ('I'…'VI'), named ``label``."""
    try:
        body = STRAND_SYMBOLS[strand_id]
    except KeyError:
        raise ValueError(f"no symbol for strand {strand_id!r}") from None
    return _svg(body, label, size, "civicnb-symbol civicnb-symbol-strand")


def _level_body(value: int) -> str:
    """A circle filled by quarters: empty for 1, full for 5; a question mark for 0."""
    ring = f'<circle cx="24" cy="24" r="19" fill="{_PAPER}" stroke="{_INK}" stroke-width="3"/>'
    if value == 0:
        return (
            ring + f'<path d="M18 19 Q18 12 24 12 Q30 12 30 18 Q30 22 24 25 V29" fill="none" '
            f'stroke="{_INK}" stroke-width="3.5" stroke-linecap="round"/>'
            f'<circle cx="24" cy="35" r="2.5" fill="{_INK}"/>'
        )
    if value == 5:
        return ring + f'<circle cx="24" cy="24" r="16" fill="{_FILL}"/>'
    if value == 1:
        return ring
    angle = (value - 1) * math.pi / 2  # a quarter of the circle more for each level
    x = 24 + 16 * math.sin(angle)
    y = 24 - 16 * math.cos(angle)
    large = 1 if angle > math.pi else 0
    return ring + (f'<path d="M24 24 L24 8 A16 16 0 {large} 1 {x:.1f} {y:.1f} Z" fill="{_FILL}"/>')


def level_symbol(value: int, label: str, size: int = 44) -> str:
    """The picture of a rating level (1 to 5: a circle filled by quarters; 0: "don't
    know", a question mark), named ``label``."""
    if value not in LEVEL_VALUES:
        raise ValueError(f"no symbol for level {value!r}")
    return _svg(_level_body(value), label, size, "civicnb-symbol civicnb-symbol-level")


def level_symbols_css() -> str:
    """The rating widget's CSS that shows each level's picture beside its word on a
    page in easy read (``.civicnb-easy``): decorative there, the word being the radio's
    label. Kept in ``widgets/rating/rating.css`` (tests/fast/test_easy_read.py checks
    that it is this)."""
    rules = []
    # the options are the levels 1 to 5, then "don't know" (widgets/rating/rating.js)
    for child, value in ((1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 0)):
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">'
            f"{_level_body(value)}</svg>"
        )
        rules.append(
            f".civicnb-easy .civicnb-rating__option:nth-child({child}) "
            f".civicnb-rating__text::before {{\n"
            f'  background-image: url("data:image/svg+xml,{quote(svg, safe=" =:/,.-")}");\n}}'
        )
    return "\n".join(rules) + "\n"
