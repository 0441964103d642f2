"""The report's sections from records, without a kernel: hand-computed figures, the
small-number rule, escaping, text alternatives and tables for charts, both languages."""

from __future__ import annotations

import re
from html import escape

import pytest

from civicnb.demo import demo_records
from civicnb.errors import InputError
from civicnb.framework import load_framework
from civicnb.records import (
    Action,
    JointRating,
    Locality,
    LocalityRecords,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.reports.sections import Report

FW = load_framework("pamphlet")
XSS = "<img src=x onerror=alert(1)>"


def _small(min_group: int = 2) -> LocalityRecords:
    """Two rounds; strand I only. Round 2: LA rate LA-01 at 4 and 5 (mean 4.5), CSO rate
    LA-01 at 2 and 2 (other view 2.0): gap +2.5. CSO rate CSO-I at 3, 3; LA rate it 3."""
    loc = Locality(name="Villa " + XSS, slug="villa", min_group=min_group)
    r1 = Round(loc.id, "One", position=0)
    r2 = Round(loc.id, "Two", position=1)
    la = [Participant(loc.id, Side.LA, f"la{i}") for i in range(2)]
    cso = [Participant(loc.id, Side.CSO, f"cso{i}") for i in range(2)]
    ratings = [
        Rating(r2.id, la[0].id, "LA-01", score=4),
        Rating(r2.id, la[1].id, "LA-01", score=5),
        Rating(r2.id, cso[0].id, "LA-01", score=2),
        Rating(r2.id, cso[1].id, "LA-01", score=2),
        Rating(r2.id, cso[0].id, "CSO-I", score=3),
        Rating(r2.id, cso[1].id, "CSO-I", score=3),
        Rating(r2.id, la[0].id, "CSO-I", score=3),
        Rating(r1.id, la[0].id, "LA-01", score=2),
        Rating(r1.id, la[1].id, "LA-01", score=3),
        Rating(r1.id, cso[0].id, "CSO-I", score=3),
        Rating(r1.id, cso[1].id, "CSO-I", score=3),
    ]
    joint = (JointRating(r2.id, "P01", 3, "Agreed " + XSS),)
    action = Action(
        loc.id, "Publish " + XSS, status="proposed", screening={FW.design_tests[0].id: True}
    )
    return LocalityRecords(
        locality=loc,
        rounds=(r1, r2),
        participants=tuple(la + cso),
        ratings=tuple(ratings),
        joint_ratings=joint,
        actions=(action,),
    )


def test_summary_is_computed_from_the_data() -> None:
    r = Report.from_records(_small(), FW, lang="en")
    assert r.round.label == "Two" and r.compare_to is not None and r.compare_to.label == "One"
    text = r.summary().markup
    # LA-01 is the widest gap: LA 4.5 on itself, CSO 2.0 on it
    assert "Triple bottom line responsibility (local authority): 4.5 / 2.0 / +2.5" in text
    # self views: strand I rose from (2.5 + 3.0) / 2 = 2.75 to (4.5 + 3.0) / 2 = 3.75
    assert "Strand I: Defining valued outcomes: own view 2.8 → 3.8 (+1.0)" in text


def test_strand_section_chart_table_and_agreed() -> None:
    r = Report.from_records(_small(), FW, lang="en")
    html = r.strand("I").markup
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert (
        svg and 'role="img"' in svg.group() and "<title" in svg.group() and "<desc" in svg.group()
    )
    # the text alternative names each question in words
    assert (
        "LA 1: Triple bottom line responsibility: local authority 4.5, civil society 2.0"
        in svg.group()
    )
    assert ">Triple bottom line responsibility</div></foreignObject>" in svg.group()
    assert "<caption>The chart&#x27;s figures: Strand I" in html  # the same numbers as a table
    assert "Agreed &lt;img src=x" in html and "agreed rating 3" in html
    assert "<img src=x" not in html
    assert "+2.5 — large gap" in html


def test_small_number_rule_withholds() -> None:
    r = Report.from_records(_small(min_group=5), FW, lang="en")
    html = r.strand("I").markup
    assert "withheld" in html and "4.5" not in html
    assert "No figures can be shown" in r.summary().markup


def test_round_choice_and_errors() -> None:
    recs = _small()
    assert Report.from_records(recs, FW, round="One", lang="en").compare_to is None
    assert Report.from_records(recs, FW, compare_to="none", lang="en").compare_to is None
    with pytest.raises(InputError, match="no round 'Three'"):
        Report.from_records(recs, FW, round="Three")
    with pytest.raises(InputError, match="language"):
        Report.from_records(recs, FW, lang="fr")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_section_of_the_demo(lang: str) -> None:
    records = demo_records(FW)
    r = Report.from_records(records, FW, lang=lang)
    sections = r.all_sections()
    assert [s.id for s in sections][:3] == ["cover", "summary", "strand-I"]
    assert len(sections) == 18
    for s in sections:
        assert "<script" not in s.markup and "onerror=" not in s.markup.replace("onerror=alert", "")
        assert s._repr_html_().startswith('<section class="civicnb-report-section"')
    charts = sum(s.markup.count("<svg") for s in sections)
    assert charts == 6  # the overview chart, strands I-V
    words = {"en": "Progress across rounds", "es": "Avance entre rondas"}[lang]
    assert any(words in s.markup for s in sections)


def test_the_report_checklist_shows_every_pair_with_its_two_views() -> None:
    r = Report.from_records(_small(), FW, lang="en")
    html = r.checklist().markup
    assert 'id="sec-checklist"' in html
    assert html.count("<tr>") == 1 + 15  # a header row and the fifteen pairs
    for strand in FW.strands:
        for pair in strand.pairs:
            for q in (pair.la, pair.cso):
                assert escape(q.text.get("en"))[:40] in html
    # LA-01: the local authority's own view 4.5, the civil society's view of it 2.0
    row = html[html.index(escape(FW.question("LA-01").text.get("en"))[:40]) :]
    assert row.index("4.5 / 2.0") < row.index("</td>")
    assert ("sec-checklist", "The civic partnership checklist: fifteen pairs") in r.contents_entries()
    withheld = Report.from_records(_small(min_group=5), FW, lang="en").checklist().markup
    assert "4.5" not in withheld and "withheld / withheld" in withheld
