"""Accessible SVG charts, drawn without matplotlib (participant kernels stay light).

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that says in
words what the chart shows; callers also show the same numbers as a data table. All
text placed in the SVG is escaped.

A missing value (``None``: no answer) is drawn as missing, not as 0: the line stops
before that axis and starts again after it (no point, no fill across the gap), and the
chart's text alternative says which axes have no value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from civicnb.i18n import t

__all__ = ["GapRow", "RadarSeries", "gap_chart_svg", "radar_svg", "wrap_words"]

_LABEL_SIZE = 18
_SUBLABEL_SIZE = 13
_SUBLABEL_CHARS = 24
_LABEL_EM = 0.62  # a generous average glyph width of a sans-serif font, in em


@dataclass(frozen=True, slots=True)
class RadarSeries:
    """One line of a radar chart: a value (or None: no answer) per axis."""

    label: str
    values: Sequence[float | None]
    colour: str = "#1d4ed8"
    dash: str = ""


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    return cx + radius * math.sin(angle), cy - radius * math.cos(angle)


def radar_svg(
    axes: Sequence[str],
    series: Sequence[RadarSeries],
    *,
    title: str,
    description: str,
    maximum: float = 5.0,
    size: int = 360,
    chart_id: str = "radar",
    lang: str = "en",
    sublabels: Sequence[str] = (),
    names: Sequence[str] = (),
) -> str:
    """A radar (spider) chart with one axis per label, scaled 0..maximum; ``None``
    values are gaps in their line (and named in the ``<desc>``, in ``lang``).
    ``sublabels`` (one per axis, optional): words in a smaller font beside each axis's
    label (a question's short title beside its code), wrapped on a few lines.
    ``names`` (optional, one per axis): how the ``<desc>`` names an axis that has no
    value (default: its label)."""
    n = len(axes)
    if n < 3:
        raise ValueError("a radar chart needs at least three axes")
    if sublabels and len(sublabels) != n:
        raise ValueError("a radar chart needs one sublabel per axis")
    pad = 70
    cx = cy = size / 2 + pad
    r = size / 2
    full = size + 2 * pad
    t_id, d_id = f"{chart_id}-title", f"{chart_id}-desc"
    out: list[str] = []
    left, right = 0.0, float(full)  # widened to fit the axes' labels
    top, bottom = 0.0, float(full)  # likewise, for the sublabels' lines
    # grid rings 1..maximum
    for level in range(1, int(maximum) + 1):
        ring = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (_point(cx, cy, r * level / maximum, 2 * math.pi * i / n) for i in range(n))
        )
        out.append(f'<polygon points="{ring}" fill="none" stroke="#9ca3af" stroke-width="1"/>')
    for i, label in enumerate(axes):
        angle = 2 * math.pi * i / n
        x, y = _point(cx, cy, r, angle)
        out.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#9ca3af"/>'
        )
        lx, ly = _point(cx, cy, r + 24, angle)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        width = _LABEL_EM * _LABEL_SIZE * len(label)
        start = {"start": lx, "end": lx - width, "middle": lx - width / 2}[anchor]
        left, right = min(left, start - 8), max(right, start + width + 8)
        out.append(
            f'<text x="{lx:.1f}" y="{ly + 6:.1f}" text-anchor="{anchor}" font-size="{_LABEL_SIZE}" '
            f'fill="#111827">{escape(label)}</text>'
        )
        if sublabels:
            # one HTML box that wraps the words itself: the title stays one text
            lines = len(wrap_words(sublabels[i], _SUBLABEL_CHARS, max_lines=4))
            box_w = _LABEL_EM * _SUBLABEL_SIZE * _SUBLABEL_CHARS
            box_h = lines * (_SUBLABEL_SIZE + 3) + 4
            above = ly < cy - 5  # the upper labels grow upwards, away from the chart
            by = ly - _LABEL_SIZE + 2 - box_h if above else ly + 10
            bx = {"start": lx, "end": lx - box_w, "middle": lx - box_w / 2}[anchor]
            left, right = min(left, bx - 8), max(right, bx + box_w + 8)
            top, bottom = min(top, by - 4), max(bottom, by + box_h + 4)
            align = {"start": "left", "end": "right", "middle": "center"}[anchor]
            out.append(
                f'<foreignObject x="{bx:.1f}" y="{by:.1f}" width="{box_w:.0f}" '
                f'height="{box_h:.0f}"><div xmlns="http://www.w3.org/1999/xhtml" '
                f'style="font-size:{_SUBLABEL_SIZE}px;line-height:{_SUBLABEL_SIZE + 3}px;'
                f'text-align:{align};color:#374151">{escape(sublabels[i])}</div></foreignObject>'
            )
    notes: list[str] = []
    for line in series:
        points: list[tuple[float, float] | None] = []
        for i, value in enumerate(line.values):
            if value is None:
                points.append(None)
                continue
            v = max(0.0, min(maximum, float(value)))
            points.append(_point(cx, cy, r * v / maximum, 2 * math.pi * i / n))
        colour = escape(line.colour)
        dash = f' stroke-dasharray="{escape(line.dash)}"' if line.dash else ""
        label = f"<title>{escape(line.label)}</title>"
        present = [p for p in points if p is not None]
        if len(present) == len(points):
            polygon = " ".join(f"{x:.1f},{y:.1f}" for x, y in present)
            out.append(
                f'<polygon points="{polygon}" fill="{colour}" fill-opacity="0.15" '
                f'stroke="{colour}" stroke-width="3"{dash}>{label}</polygon>'
            )
        else:
            named = names or axes
            missing = [named[i] for i, p in enumerate(points) if p is None]
            notes.append(t("radar_missing", lang, series=line.label, axes=", ".join(missing)))
            for run in _runs(points):
                polyline = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                out.append(
                    f'<polyline points="{polyline}" fill="none" stroke="{colour}" '
                    f'stroke-width="3"{dash}>{label}</polyline>'
                )
        out.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>' for x, y in present)
    out.append("</svg>")
    view_width = right - left
    view_height = bottom - top
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{left:.0f} {top:.0f} {view_width:.0f} {view_height:.0f}" '
        f'width="100%" style="max-width:{view_width:.0f}px" role="img" '
        f'aria-labelledby="{t_id} {d_id}" class="civicnb-radar">'
        f'<title id="{t_id}">{escape(title)}</title>'
        f'<desc id="{d_id}">{escape(" ".join([description, *notes]))}</desc>'
    )
    return head + "".join(out)


def _runs(
    points: Sequence[tuple[float, float] | None],
) -> list[list[tuple[float, float]]]:
    """The stretches of a closed line between its gaps (``None``), each with two points
    or more; the last stretch joins the first across the chart's starting axis."""
    n = len(points)
    start = next((i for i, p in enumerate(points) if p is None), None)
    if start is None:
        return [[p for p in points if p is not None]]
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for k in range(1, n + 1):  # walk once round, beginning just after a gap
        p = points[(start + k) % n]
        if p is None:
            if len(current) > 1:
                runs.append(current)
            current = []
        else:
            current.append(p)
    if len(current) > 1:
        runs.append(current)
    return runs


def wrap_words(text: str, width: int, max_lines: int = 3) -> list[str]:
    """``text`` on lines of at most ``width`` characters (a longer word stands alone),
    at most ``max_lines`` of them, the last ending "…" when the text is longer."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, width - 1)].rstrip() + "…"
    return lines


@dataclass(frozen=True, slots=True)
class GapRow:
    """One line of a gap chart: a side's own view of a question and the other side's
    view of it (``None``: no figure, drawn as missing), the gap as text."""

    label: str
    own: float | None
    other: float | None
    gap_text: str
    colour: str = "#1d4ed8"
    group_start: bool = False
    """A thin rule above this line (the first question of a new pair)."""


_GAP_WIDTH = 680
_GAP_LABEL_W = 318
_GAP_PLOT = (_GAP_LABEL_W + 12, _GAP_WIDTH - 58)
_GAP_ROW = 8.6
_GAP_FONT = 8.5
_GAP_CHARS = 62


def gap_chart_svg(
    rows: Sequence[GapRow],
    *,
    title: str,
    description: str,
    own_label: str,
    other_label: str,
    gap_label: str,
    chart_id: str = "gaps",
    minimum: float = 1.0,
    maximum: float = 5.0,
) -> str:
    """A compact dot chart: a line per row, a filled dot at the own view, a ring at the
    other side's view, a bar between them (the gap, also written at the right end).
    The ``<title>`` and ``<desc>`` (the caller's words, with every value) make it a
    text alternative; callers show the same numbers as a table too."""
    if not rows:
        raise ValueError("a gap chart needs at least one row")
    x0, x1 = _GAP_PLOT
    span = maximum - minimum

    def x(value: float) -> float:
        v = max(minimum, min(maximum, float(value)))
        return x0 + (x1 - x0) * (v - minimum) / span

    t_id, d_id = f"{chart_id}-title", f"{chart_id}-desc"
    out: list[str] = []
    # the legend (over the labels) and the scale (over the plot) on one line
    legend_y = 12
    out.append(f'<circle cx="4" cy="{legend_y - 3}" r="4" fill="#374151"/>')
    out.append(f'<text x="12" y="{legend_y}" font-size="{_GAP_FONT}">{escape(own_label)}</text>')
    ring_x = 12 + _LABEL_EM * _GAP_FONT * len(own_label) + 14
    out.append(
        f'<circle cx="{ring_x:.1f}" cy="{legend_y - 3}" r="3.5" fill="#fff" '
        'stroke="#374151" stroke-width="1.5"/>'
    )
    out.append(
        f'<text x="{ring_x + 8:.1f}" y="{legend_y}" font-size="{_GAP_FONT}">'
        f"{escape(other_label)}</text>"
    )
    scale_y = legend_y
    out.append(
        f'<text x="{_GAP_WIDTH - 2}" y="{scale_y}" font-size="{_GAP_FONT}" '
        f'text-anchor="end">{escape(gap_label)}</text>'
    )
    first_row = scale_y + 6
    y = float(first_row)
    centres: list[float] = []
    for row in rows:
        if row.group_start and centres:
            y += 2
        centres.append(y + _GAP_ROW / 2)
        y += _GAP_ROW
    height = y + 2
    for level in range(int(minimum), int(maximum) + 1):
        gx = x(level)
        out.append(
            f'<line x1="{gx:.1f}" y1="{first_row}" x2="{gx:.1f}" y2="{height - 2:.1f}" '
            'stroke="#d1d5db" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{gx:.1f}" y="{scale_y}" font-size="{_GAP_FONT}" '
            f'text-anchor="middle">{level}</text>'
        )
    for row, cy in zip(rows, centres, strict=True):
        if row.group_start and cy > first_row + _GAP_ROW:
            ry = cy - _GAP_ROW / 2 - 2
            out.append(
                f'<line x1="0" y1="{ry:.1f}" x2="{_GAP_WIDTH}" y2="{ry:.1f}" '
                'stroke="#e5e7eb" stroke-width="1"/>'
            )
        label = row.label if len(row.label) <= _GAP_CHARS else row.label[: _GAP_CHARS - 1] + "…"
        out.append(
            f'<text x="0" y="{cy + 3.5:.1f}" font-size="{_GAP_FONT}" fill="#111827">'
            f"{escape(label)}</text>"
        )
        colour = escape(row.colour)
        if row.own is not None and row.other is not None:
            out.append(
                f'<line x1="{x(row.own):.1f}" y1="{cy:.1f}" x2="{x(row.other):.1f}" '
                f'y2="{cy:.1f}" stroke="{colour}" stroke-width="3" stroke-opacity="0.45"/>'
            )
        if row.other is not None:
            out.append(
                f'<circle cx="{x(row.other):.1f}" cy="{cy:.1f}" r="3.5" fill="#fff" '
                f'stroke="{colour}" stroke-width="1.5"/>'
            )
        if row.own is not None:
            out.append(f'<circle cx="{x(row.own):.1f}" cy="{cy:.1f}" r="4" fill="{colour}"/>')
        out.append(
            f'<text x="{_GAP_WIDTH - 2}" y="{cy + 3.5:.1f}" font-size="{_GAP_FONT}" '
            f'text-anchor="end" fill="#111827">{escape(row.gap_text)}</text>'
        )
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_GAP_WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-labelledby="{t_id} {d_id}" class="civicnb-gapchart">'
        f'<title id="{t_id}">{escape(title)}</title>'
        f'<desc id="{d_id}">{escape(description)}</desc>'
    )
    return head + "".join(out) + "</svg>"
