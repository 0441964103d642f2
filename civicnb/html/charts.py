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

__all__ = ["RadarSeries", "radar_svg"]

_LABEL_SIZE = 18
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
) -> str:
    """A radar (spider) chart with one axis per label, scaled 0..maximum; ``None``
    values are gaps in their line (and named in the ``<desc>``, in ``lang``)."""
    n = len(axes)
    if n < 3:
        raise ValueError("a radar chart needs at least three axes")
    pad = 70
    cx = cy = size / 2 + pad
    r = size / 2
    full = size + 2 * pad
    t_id, d_id = f"{chart_id}-title", f"{chart_id}-desc"
    out: list[str] = []
    left, right = 0.0, float(full)  # widened to fit the axes' labels
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
            missing = [axes[i] for i, p in enumerate(points) if p is None]
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
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} 0 {view_width:.0f} {full}" '
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
