"""A design test not assessed is not a fail (issue 18, item 20), and the radar draws a
missing answer as missing, not as 0 (below "1 — Not at all")."""

from __future__ import annotations

import re

import pytest

from civicnb.analysis import screen_action
from civicnb.errors import InputError
from civicnb.framework import load_framework
from civicnb.html.charts import RadarSeries, radar_svg
from civicnb.records import Action

FW = load_framework("pamphlet")


def test_three_states_through_the_library() -> None:
    from civicnb.analysis.resilience import screening_from, verdict

    ids = [e.id for e in FW.design_tests]
    screening = screening_from(
        {ids[0]: "passes", ids[1]: "fails", **{i: "not_assessed" for i in ids[2:]}}
    )
    assert screening == {ids[0]: True, ids[1]: False}
    action = Action("loc1", "Huertas", screening=screening)
    assert [verdict(action, i) for i in ids[:3]] == ["passes", "fails", "not_assessed"]
    s = screen_action(FW, action, [])
    # not assessed is neither a pass nor a fail; the score is passes out of all tests
    assert (s.score, len(s.failed), len(s.unanswered), s.n_tests) == (1, 1, 3, 5)
    assert s.share == pytest.approx(1 / 5)
    with pytest.raises(InputError, match="passes, fails or not_assessed"):
        screening_from({ids[0]: "maybe"})


def _numbers(points: str) -> list[tuple[float, float]]:
    return [tuple(map(float, p.split(","))) for p in points.split()]  # type: ignore[misc]


def test_radar_draws_a_missing_answer_as_a_gap() -> None:
    axes = ["I", "II", "<III>", "IV", "V"]
    full = radar_svg(axes, [RadarSeries("All", [3, 4, 1, 2, 5])], title="t", description="d")
    assert full.count("<polygon") == 5 + 1 and full.count("<circle") == 5
    svg = radar_svg(
        axes,
        [RadarSeries("Mine <script>", [3, 4, None, 2, 5])],
        title="t",
        description="Strand I: 3.",
    )
    # no filled shape through the centre: the five grid rings only, and four points
    assert svg.count("<polygon") == 5
    assert svg.count("<circle") == 4
    centre = 70 + 180
    for cx, cy in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg):
        assert (float(cx), float(cy)) != (centre, centre)
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(lines) == 1 and len(_numbers(lines[0])) == 4  # IV, V, I, II: one stretch
    assert all(p != (centre, centre) for p in _numbers(lines[0]))
    desc = re.search(r"<desc[^>]*>(.*)</desc>", svg)
    assert desc is not None
    assert desc.group(1) == (
        "Strand I: 3. Mine &lt;script&gt;: no answer for &lt;III&gt;; "
        "the line leaves a gap there instead of a point."
    )
    es = radar_svg(
        axes, [RadarSeries("Mías", [None, 4, None, 2, 5])], title="t", description="d", lang="es"
    )
    assert "Mías: sin respuesta en I, &lt;III&gt;" in es
    # II alone between two gaps is a point without a line; IV–V one stretch
    lines = re.findall(r'<polyline points="([^"]+)"', es)
    assert [len(_numbers(x)) for x in lines] == [2]
    assert es.count("<circle") == 3
