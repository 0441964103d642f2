"""A compact, accessible box plot: one row per distribution across localities.

An ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (the caller says in words
what it shows, and shows the same numbers as a table). Each row is a whisker from the
minimum to the maximum, a box from the lower to the upper quartile and a bar at the
median; a row without a distribution (withheld) is drawn empty with its label. All text
is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from civicnb.analysis.network import Distribution

__all__ = ["BoxRow", "boxplot_svg"]

_ROW = 22
_LABEL_W = 150
_PLOT_W = 360
_PAD = 10


@dataclass(frozen=True, slots=True)
class BoxRow:
    label: str
    dist: Distribution | None
    colour: str = "#1d4ed8"


def boxplot_svg(
    rows: Sequence[BoxRow],
    *,
    title: str,
    description: str,
    low: float = 1.0,
    high: float = 5.0,
    chart_id: str = "boxplot",
) -> str:
    """Horizontal box plots of ``rows`` on a scale from ``low`` to ``high`` (ticks at
    every whole number)."""
    if high <= low:
        raise ValueError("the scale's high end must be above its low end")
    height = _PAD * 2 + _ROW * (len(rows) + 1)
    width = _LABEL_W + _PLOT_W + _PAD * 2

    def x(v: float) -> float:
        v = min(high, max(low, v))
        return _LABEL_W + _PAD + (v - low) / (high - low) * _PLOT_W

    cid = escape(chart_id, quote=True)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{cid}-title {cid}-desc" '
        'class="civicnb-boxplot">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
    ]
    axis_y = _PAD + _ROW * len(rows) + 4
    tick = int(low) if low == int(low) else int(low) + 1
    while tick <= high:
        tx = x(tick)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{_PAD}" x2="{tx:.1f}" y2="{axis_y}" stroke="#d1d5db"/>'
            f'<text x="{tx:.1f}" y="{axis_y + 14}" font-size="11" text-anchor="middle" '
            f'fill="#374151">{tick}</text>'
        )
        tick += 1
    for i, row in enumerate(rows):
        top = _PAD + i * _ROW
        mid = top + _ROW / 2
        parts.append(
            f'<text x="{_LABEL_W}" y="{mid + 4:.1f}" font-size="12" text-anchor="end" '
            f'fill="#111827">{escape(row.label)}</text>'
        )
        d = row.dist
        if d is None:
            continue
        c = escape(row.colour, quote=True)
        parts.append(
            f'<line x1="{x(d.minimum):.1f}" y1="{mid:.1f}" x2="{x(d.maximum):.1f}" '
            f'y2="{mid:.1f}" stroke="{c}" stroke-width="1.5"/>'
            f'<rect x="{x(d.q1):.1f}" y="{top + 5}" width="{max(1.0, x(d.q3) - x(d.q1)):.1f}" '
            f'height="{_ROW - 10}" fill="#ffffff" stroke="{c}" stroke-width="1.5"/>'
            f'<line x1="{x(d.median):.1f}" y1="{top + 3}" x2="{x(d.median):.1f}" '
            f'y2="{top + _ROW - 3}" stroke="{c}" stroke-width="3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
