"""Easy read on the participant pages: the switch, the easy-read texts with the original
wording one click away, the pictures, and the choice carried in every link (no kernel:
the pages' widgets are built and read in this process)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from widget_helpers import walk

from civicnb.framework import load_framework
from civicnb.html.symbols import level_symbol, level_symbols_css, strand_symbol
from civicnb.records import Side
from civicnb.workshop.participation import join

pytest.importorskip("ipywidgets")
from civicnb.ui.context import PageContext
from civicnb.ui.easy_read import easy_requested
from civicnb.ui.locality_context import Context
from civicnb.ui.question_form import QuestionForm
from civicnb.ui.start_page import StartJoined, StartPage
from civicnb.ui.strand_page import StrandPage, strand_page
from civicnb.ui.summary_page import SummaryPage

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "frameworks"


def _html(root: Any) -> str:
    return "\n".join(str(getattr(w, "value", "")) for w in walk(root) if hasattr(w, "value"))


def _forms(root: Any) -> list[QuestionForm]:
    return [w for w in walk(root) if isinstance(w, QuestionForm)]


def _hrefs(markup: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', markup)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_strand_page_in_easy_read(ctx: Context, lang: str) -> None:
    person = join(ctx.store, ctx.locality, Side.LA, f"Easy {lang}", named=False)
    session = ctx.session(person.id)
    strand = ctx.framework.strand("II")
    page = StrandPage(ctx, session, strand, PageContext())
    assert "civicnb-easy" not in page._dom_classes
    ctx.easy_read = True
    page.relabel(lang, easy=True)
    assert "civicnb-easy" in page._dom_classes
    intro = page.intro.value
    assert strand.easy_read is not None
    from civicnb.html.safe import html_escape

    assert html_escape(strand.easy_read.guiding_question.get(lang)) in intro
    assert html_escape(strand.easy_read.summary.get(lang)) in intro
    # the original wording one click away, and whose adaptation this is
    assert intro.count('<details class="civicnb-original">') == 3  # title, question, summary
    # the strand's named elements stay (strand II: the five keys of whole-systems working)
    for group in strand.element_groups:
        assert html_escape(group.title.get(lang)) in intro
    assert html_escape(strand.guiding_question.get(lang)) in intro
    note = re.search(r'class="civicnb-easy-note"[^>]*>([^<]+)', intro)
    assert note is not None and "civicnb" in note.group(1)
    # a picture for the strand and for each answer, each with a name
    svgs = re.findall(r"<svg [^>]*>", intro)
    assert len(svgs) == 1 + 6
    assert all('role="img"' in s and re.search(r'aria-label="[^"]+"', s) for s in svgs)
    forms = _forms(page)
    for form in forms:
        q = form.question
        assert form.legend == f"{q.number}. {q.wording(lang, easy=True)}"
        assert form.original == q.text.get(lang) and form.original != q.wording(lang, True)
    words = [lv.word(lang, easy=True) for lv in ctx.framework.scale]
    assert forms[0].labels == [f"{i} — {w}" for i, w in enumerate(words, 1)]
    # the choice carries: the page's links say easy=1 and the language; the switch not
    switch = page.switch.value
    assert "easy=1" not in switch and f"lang={lang}" in switch
    page.refresh_nav()
    links = _hrefs(page.nav.value) + _hrefs(page.next_link.value)
    assert links and all("easy=1" in h and f"lang={lang}" in h for h in links), links
    # and back: the original wording, no disclosure, no pictures
    ctx.easy_read = False
    page.relabel(lang, easy=False)
    assert "civicnb-easy" not in page._dom_classes
    assert "<svg" not in page.intro.value and "civicnb-original" not in page.intro.value
    q0 = forms[0].question
    assert forms[0].legend == f"{q0.number}. {q0.text.get(lang)}"
    assert all(f.original == "" for f in forms)
    assert "easy=1" in page.switch.value


def test_a_strand_page_in_portuguese_easy_read(ctx: Context) -> None:
    strand = ctx.framework.strand("IV")
    page = StrandPage(ctx, None, strand, PageContext())
    ctx.easy_read = True
    page.relabel("pt", easy=True)
    assert strand.easy_read is not None
    assert strand.easy_read.summary.pt in page.intro.value
    assert "civicnb-easy-note" in page.intro.value
    for form in _forms(page):
        assert form.legend.endswith(form.question.wording("pt", easy=True))
        assert form.original == form.question.text.pt
    assert _forms(page)[0].labels[2] == "3 — Mais ou menos"
    assert "leitura fácil" in page.switch.value.lower()


def test_a_custom_framework_without_easy_read_shows_the_original(ctx: Context) -> None:
    custom = dataclasses.replace(ctx, framework=load_framework(FIXTURES / "minimal.yaml"))
    custom.easy_read = True
    strand = custom.framework.strand("I")
    page = StrandPage(custom, None, strand, PageContext())
    page.relabel("es", easy=True)
    assert "civicnb-original" not in page.intro.value
    assert strand.guiding_question.es.strip("¿?") in page.intro.value
    assert "civicnb-easy-note" not in page.intro.value
    for form in _forms(page):
        assert form.legend == f"{form.question.number}. {form.question.text.es}"
        assert form.original == ""
    assert [f"{lv.value} — {lv.label.es}" for lv in custom.framework.scale] == _forms(page)[
        0
    ].labels


def test_the_start_page_and_summary_in_easy_read(ctx: Context) -> None:
    ctx.easy_read = True
    ctx.lang = "es"
    start = StartPage(ctx, {})
    start.page.ready = True
    markup = _html(start.root)
    assert "civicnb-easy" in start.root._dom_classes
    assert "Qué hacer" in markup and "Desactivar la lectura fácil" in markup
    assert 'href="start.ipynb?lang=es"' in markup  # the switch: the same page, off
    person = join(ctx.store, ctx.locality, Side.CSO, "Inés", named=False)
    session = ctx.session(person.id)
    joined = StartJoined(ctx, session, "Base")
    markup = _html(joined)
    assert markup.count('role="img"') == 6  # a picture beside each strand
    assert all("easy=1" in h for h in _hrefs(markup) if "strand-" in h or "summary" in h), _hrefs(
        markup
    )
    assert ctx.framework.strand("IV").easy_title("es") in markup
    summary = SummaryPage(ctx, session, PageContext())
    assert "Desactivar la lectura fácil" in _html(summary)


def test_the_address_turns_easy_read_on(
    ws_path: Path, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert easy_requested({"easy": "1"}) is True and easy_requested({"easy": "0"}) is False
    assert easy_requested({}) is None and easy_requested({"easy": "yes"}) is None
    monkeypatch.setattr("civicnb.ui.strand_page.display", lambda view: None)
    monkeypatch.setenv("QUERY_STRING", "lang=es&easy=1")
    page = strand_page("III", "villaflor", workspace=str(ws_path))
    assert isinstance(page, StrandPage)
    assert page.easy and page.lang == "es" and "civicnb-easy" in page._dom_classes
    q = _forms(page)[0].question
    assert _forms(page)[0].legend == f"{q.number}. {q.wording('es', easy=True)}"
    assert "easy=1" in page.next_link.value
    monkeypatch.setenv("QUERY_STRING", "lang=es")
    page = strand_page("III", "villaflor", workspace=str(ws_path))
    assert isinstance(page, StrandPage) and not page.easy
    assert "easy=1" not in page.next_link.value


def test_pictures_are_named_and_escaped() -> None:
    svg = strand_symbol("I", 'Picture: "<b>"')
    assert 'aria-label="Picture: &quot;&lt;b&gt;&quot;"' in svg and "<b>" not in svg
    for value in range(6):
        assert level_symbol(value, "x").count("<title>x</title>") == 1
    with pytest.raises(ValueError, match="level"):
        level_symbol(6, "x")
    # the rating widget's CSS draws the same pictures (widgets/rating/rating.css)
    css = (ROOT / "widgets" / "rating" / "rating.css").read_text(encoding="utf-8")
    assert level_symbols_css() in css
