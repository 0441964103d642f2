"""The report's first pages read as an executive briefing: the cover names the locality,
its organisations, the framework edition and its attribution, and holds the contents
(whose links all resolve); the executive summary shows who took part under the
small-number rule, the widest gaps and closest agreement in words, and an overview chart
with its table and text alternative; no question or pair code stands without its words."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from html import unescape
from html.parser import HTMLParser

import pytest
from test_report_sections import FW, _small

from civicnb.demo import demo_records
from civicnb.framework.model import Framework
from civicnb.records import (
    Locality,
    LocalityRecords,
    Organisation,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.reports.sections import Report


class _Text(HTMLParser):
    """The text a reader meets, in order (SVG text and titles too), styles left out;
    and every element id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.ids: set[str] = set()
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag == "style"
        self.ids |= {v for k, v in attrs if k == "id" and v}

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.parts.append(data)


def _read(html: str) -> _Text:
    p = _Text()
    p.feed(html)
    p.close()
    return p


def _text(html: str) -> str:
    text = " ".join(" ".join(_read(html).parts).split())
    return re.sub(r" ([:;,.)])", r"\1", text)


def _report_html(r: Report) -> str:
    return "".join(s._repr_html_() for s in r.all_sections())


_N = r"([0-9]+|[IVX]+)\b(?![.,][0-9])"  # a question's number, not a figure ("OSC 4,0")
CODES = {
    "en": (r"\b(LA|CSO) " + _N, r"\bPair ([0-9]+)\b"),
    "es": (r"\b(AL|OSC) " + _N, r"\bPar ([0-9]+)\b"),
    "pt": (r"\b(GL|OSC) " + _N, r"\bPar ([0-9]+)\b"),
}


def bare_codes(text: str, fw: Framework, lang: str, *, within: int = 160) -> list[str]:
    """Every question code ("LA 10", "OSC XII") and pair code ("Pair 11", "Par 11") in
    ``text`` that is not followed, within ``within`` characters, by its question's
    short title or text (for a pair: one of its two questions')."""
    question_re, pair_re = CODES[lang]
    side_of = {"LA": Side.LA, "AL": Side.LA, "GL": Side.LA, "CSO": Side.CSO, "OSC": Side.CSO}
    by_code = {(q.side, q.number): q for q in fw.questions}
    bad = []
    for m in re.finditer(question_re, text):
        q = by_code.get((side_of[m[1]], m[2]))
        after = text[m.end() : m.end() + within]
        if q is None or not (q.title.get(lang) in after or q.text.get(lang)[:80] in after):
            bad.append(text[max(0, m.start() - 40) : m.end() + 80])
    pairs = {p.number: p for p in fw.pairs}
    for m in re.finditer(pair_re, text):
        pair = pairs.get(int(m[1]))
        after = text[m.end() : m.end() + within]
        words = [] if pair is None else [q.title.get(lang) for q in pair.questions]
        if not any(w in after for w in words):
            bad.append(text[max(0, m.start() - 40) : m.end() + 80])
    return bad


def test_the_scan_finds_a_bare_code() -> None:
    assert bare_codes("the widest gap: LA 10 (+1.6)", FW, "en")
    assert bare_codes("Par 11 (Eje IV)", FW, "es")
    assert not bare_codes("LA 10: Democratic control in the face of the unexpected", FW, "en")
    text = "Par 11 — Autosuficiencia económica y cuidado de los recursos (administración local)"
    assert not bare_codes(text, FW, "es")


@pytest.mark.parametrize(("demo", "lang"), [("es", "en"), ("es", "es"), ("pt", "pt")])
def test_no_code_without_its_words_in_the_whole_report(demo: str, lang: str) -> None:
    r = Report.from_records(demo_records(FW, demo), FW, lang=lang)
    text = _text(_report_html(r))
    question_re, pair_re = CODES[lang]
    assert len(re.findall(question_re, text)) > 60 and len(re.findall(pair_re, text)) > 15
    bad = bare_codes(text, FW, lang)
    assert not bad, "\n".join(bad[:20])


def test_summary_headings_gaps_in_words_and_progress() -> None:
    r = Report.from_records(_small(), FW, lang="en")
    html = r.summary().markup
    text = _text(html)
    for heading in (
        "Executive summary",
        "Who took part",
        "The widest gaps",
        "The closest agreement",
        "What the sides agreed",
        "Actions, owners and dates",
        "Progress since One",
        "Every pair at a glance",
    ):
        assert f">{heading}</h" in html, heading
    assert 'id="sec-summary"' in html
    # LA-01: LA rate it 4 and 5 (4.5), CSO 2 and 2 (2.0): gap +2.5; CSO-I: CSO 3 and 3,
    # one LA person rated it: withheld (k = 2)
    assert (
        "Pair 1 — Triple bottom line responsibility (local authority): 4.5 / 2.0 / +2.5 "
        "Goals as valued outcomes (civil society): 3.0 / withheld / no data"
    ) in text
    assert "No other pair has both sides' figures yet." in text
    assert (
        "Pair 1: Triple bottom line responsibility / Goals as valued outcomes: agreed rating 3"
        in text
    )
    assert "Publish <img src=x onerror=alert(1)> — no owner yet, no date yet (Proposed)" in text
    assert "<img src=x" not in html
    # strand I: own views 2.5 and 3.0 -> 2.75, then 4.5 and 3.0 -> 3.75
    assert (
        "Strand I: Defining valued outcomes: own view 2.8 → 3.8 (+1.0); gap no data → +2.5." in text
    )
    assert "Strand II" not in text  # a strand without figures gets no sentence


def test_the_three_widest_gaps_and_closest_pairs_of_the_demo() -> None:
    r = Report.from_records(demo_records(FW), FW, lang="en")
    by_gap = sorted(
        (p for p in r.analysis.pairs if p.max_abs_gap is not None),
        key=lambda p: (-(p.max_abs_gap or 0), p.number),
    )
    text = _text(r.summary().markup)
    widest = text.split("The widest gaps", 1)[1].split("The closest agreement", 1)[0]
    shown = [int(n) for n in re.findall(r"Pair ([0-9]+) —", widest)]
    assert shown == [p.number for p in by_gap[:3]]
    for p in by_gap[:3]:
        pair = FW.pair(p.pair_id)
        assert pair.la.title.en in widest and pair.cso.title.en in widest
    closest = text.split("The closest agreement", 1)[1].split("What the sides agreed", 1)[0]
    near = [int(n) for n in re.findall(r"Pair ([0-9]+) —", closest)]
    assert len(near) == 3 and not set(near) & set(shown)
    gaps = {p.number: p.max_abs_gap or 0 for p in by_gap}
    assert max(gaps[n] for n in near) <= min(gaps[n] for n in shown)


def _people(k: int) -> LocalityRecords:
    """LA: organisation A with three anonymous people, B with one; CSO: one named
    person (named: shown); other: nobody."""
    loc = Locality(name="Sample", slug="sample", min_group=k)
    rnd = Round(loc.id, "One")
    a, b = Organisation(loc.id, Side.LA, "Org A"), Organisation(loc.id, Side.LA, "Org B")
    la = [Participant(loc.id, Side.LA, f"a{i}", organisation_id=a.id) for i in range(3)]
    la.append(Participant(loc.id, Side.LA, "b0", organisation_id=b.id))
    cso = [Participant(loc.id, Side.CSO, "Named", named=True)]
    ratings = [Rating(rnd.id, p.id, "LA-01", score=3) for p in [*la, *cso]]
    return LocalityRecords(
        locality=loc,
        rounds=(rnd,),
        organisations=(a, b),
        participants=(*la, *cso),
        ratings=tuple(ratings),
    )


def test_participation_under_the_small_number_rule() -> None:
    shown = _text(Report.from_records(_people(2), FW, lang="en").summary().markup)
    # B (one person) is withheld; then A is withheld too, or 4 - 1 would give B away
    assert "Local authority: answered: 4 — Org A: withheld; Org B: withheld" in shown
    assert "Civil society: answered: 1" in shown  # everyone named: shown
    few = _text(Report.from_records(_people(5), FW, lang="en").summary().markup)
    assert "Local authority: answered: withheld" in few and "answered: 4" not in few
    assert "Civil society: answered: 1" in few
    three = _text(Report.from_records(_people(3), FW, lang="en").summary().markup)
    assert "Local authority: answered: 4 — Org A: withheld; Org B: withheld" in three
    one = _text(Report.from_records(_people(1), FW, lang="en").summary().markup)
    assert "Local authority: answered: 4 — Org A: 3; Org B: 1" in one


def _one(value: float | None, sign: str = "") -> str:
    """A figure as the report shows it: one decimal, halves rounded up."""
    assert value is not None
    d = Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{d:{sign}}"


def test_overview_chart_has_a_table_and_a_text_alternative_with_every_value() -> None:
    r = Report.from_records(demo_records(FW), FW, lang="en")
    html = r.summary().markup
    svg = re.search(r'<svg[^>]*class="civicnb-gapchart".*?</svg>', html, re.S)
    assert svg and 'role="img"' in svg.group()
    desc = _text(re.search(r"<desc[^>]*>(.*?)</desc>", svg.group(), re.S)[1])  # type: ignore[index]
    assert 'aria-labelledby="report-overview-title report-overview-desc"' in svg.group()
    table = html.split('class="civicnb-exec-figures"', 1)[1]
    assert "<caption>The overview chart&#x27;s figures</caption>" in table
    rows = [unescape(x) for x in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]
    assert len(rows) == 30  # every question of the fifteen pairs
    for pair in FW.pairs:
        pv = r.analysis.pair(pair.id)
        for q, v in ((pair.la, pv.la), (pair.cso, pv.cso)):
            own = "withheld" if v.self_view.withheld else _one(v.self_view.mean)
            other = "withheld" if v.other_side.withheld else _one(v.other_side.mean)
            gap = "no data" if v.gap is None else _one(v.gap, "+")
            label = f"{'LA' if q.side == Side.LA else 'CSO'} {q.number}: {q.title.en}"
            item = f"{label}: own view {own}, other side's view {other}, gap {gap}"
            assert item in desc, item
            row = next(x for x in rows if label in x)
            assert [c for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)][1:] == [
                own,
                other,
                gap,
            ]


def test_cover_names_the_locality_its_organisations_edition_and_attribution() -> None:
    records = demo_records(FW)
    r = Report.from_records(records, FW, lang="en")
    html = r.cover().markup
    text = _text(html)
    assert "<h1>Villaflor</h1>" in html and r.title == "Villaflor"
    assert r.full_title == "Villaflor — civic partnership report, round Seguimiento"
    assert "Round Seguimiento, held on 2025-10-17" in text
    assert "Compared with the round Línea de base." in text
    for org in records.organisations:
        assert org.name in text
    assert FW.title.en in text
    a = FW.attribution
    assert f"{a.author}, {a.title} ({a.publisher}, {a.year})" in text
    assert a.note is not None and a.note.en in text
    es = _text(Report.from_records(records, FW, lang="es").cover().markup)
    assert FW.title.es in es and a.note.es in es and "La alianza" in es


def test_the_contents_link_to_every_section() -> None:
    r = Report.from_records(demo_records(FW), FW, lang="en")
    html = _report_html(r)
    nav = re.search(r'<nav class="civicnb-toc" aria-labelledby="([^"]+)">(.*?)</nav>', html, re.S)
    assert nav and f'<h2 id="{nav[1]}">Contents</h2>' in nav[2]
    items = re.findall(
        r'<li><a href="#([^"]+)">([^<]+)</a> <span class="civicnb-toc-page"></span></li>', nav[2]
    )
    ids = _read(html).ids
    assert len(items) == 18 and [i for i, _ in items][:2] == ["sec-summary", "sec-strand-I"]
    for anchor, title in items:
        assert anchor in ids, anchor
        assert re.search(rf'<h2 id="{anchor}">{re.escape(title)}</h2>', html), anchor
    headings = re.findall(r'<h2 id="(sec-[^"]+)"', html)
    assert {i for i, _ in items} == set(headings) - {"sec-contents"}


def test_a_framework_without_short_titles_shows_the_question() -> None:
    from dataclasses import replace

    q = FW.question("LA-01")
    assert q.title.en == "Triple bottom line responsibility"
    bare = replace(q, short=None)
    assert bare.title == q.text
