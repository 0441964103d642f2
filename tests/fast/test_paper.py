"""The booklet, the one-page checklist and the attribution as HTML (no browser): every
question of the edition in the chosen language, escaped place names, large print's
sizes, the checklist with a participant's answers on strand VI's page, "About these
questions" on every page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from widget_helpers import walk

from civicnb.framework import load_framework
from civicnb.html.attribution import attribution_html
from civicnb.html.booklet import LARGE_PT, booklet_html, checklist_page_html
from civicnb.html.checklist import checklist_section_html, checklist_table
from civicnb.records import Side
from civicnb.workshop.participation import join

XSS = "<img src=x onerror=alert(1)>"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


@pytest.mark.parametrize("edition", ["pamphlet", "blog"])
@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_booklet_holds_every_question_and_guiding_question(edition: str, lang: str) -> None:
    import html as std

    fw = load_framework(edition)
    doc = std.unescape(booklet_html(fw, lang, place="Villaflor", round_label="2026"))
    for q in fw.questions:
        assert q.text.get(lang) in doc, q.id
    for s in fw.strands:
        assert s.guiding_question.get(lang) in doc, s.id
    # a box per level and one for "don't know" for each of the 30 questions
    assert doc.count('class="levels"') == 30
    assert doc.count('<span class="box"></span>') == 30 * 6 + 3  # + the cover's 3 sides
    assert fw.attribution.author in doc and fw.attribution.note is not None
    assert fw.attribution.note.get(lang) in doc


def test_the_booklet_escapes_the_place_and_fetches_nothing() -> None:
    doc = booklet_html(load_framework("pamphlet"), "en", place=XSS, round_label=XSS)
    assert XSS not in doc and "&lt;img src=x" in doc
    assert not re.search(r"""(src|href)=["']?https?:""", doc) and "@import" not in doc


def test_large_print_sets_the_body_at_18_pt_in_one_column() -> None:
    fw = load_framework("pamphlet")
    normal = booklet_html(fw, "en", place="V", round_label="R")
    large = booklet_html(fw, "en", place="V", round_label="R", large_print=True)
    body = re.compile(r"body \{[^}]*font-size: ([\d.]+)pt")
    assert float(body.search(large)[1]) == LARGE_PT >= 18  # type: ignore[index]
    assert float(body.search(normal)[1]) < 18  # type: ignore[index]
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)pt", large)]
    assert min(sizes) >= 18  # nothing in large print is smaller than the body
    assert "grid-template-columns: 1fr;" in large and "1fr 1fr" in normal


def test_paper_size() -> None:
    fw = load_framework("pamphlet")
    assert "size: Letter" in booklet_html(fw, "en", place="V", round_label="R", paper="Letter")
    assert "size: A4" in checklist_page_html(fw, "en", place="V", round_label="R")
    with pytest.raises(ValueError, match="A4, Letter"):
        booklet_html(fw, "en", place="V", round_label="R", paper="A5")


def test_the_checklist_has_fifteen_pairs_as_the_pamphlet_sets_them_out() -> None:
    fw = load_framework("pamphlet")
    table = checklist_table(fw, "es")
    rows = re.findall(r"<tr>(.*?)</tr>", table)
    assert len(rows) == 16  # the header and the pairs
    assert "Administración local (AL)" in rows[0] and "(OSC)" in rows[0]
    for row, pair in zip(rows[1:], fw.pairs, strict=True):
        la, cso = re.findall(r"<td>(.*?)</td>", row)
        assert f"{pair.la.number}." in la and f"{pair.cso.number}." in cso
        assert la.count("civicnb-box") == cso.count("civicnb-box") == 6
    page = checklist_page_html(fw, "es", place="Villaflor", round_label="2026")
    assert "Villaflor" in page and "David Towell" in page and "traducción propia" in page
    section = checklist_section_html(fw, "pt", marks={"LA-01": "Acordado: 4"})
    assert "<h2>" in section and '<span class="civicnb-answer">Acordado: 4</span>' in section
    assert "civicnb-box" not in section and "civicnb-box" not in checklist_section_html(fw, "en")
    assert checklist_section_html(fw, "en").count("<tr>") == 16


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_spanish_and_portuguese_say_translation(lang: str) -> None:
    for edition in ("pamphlet", "blog"):
        about = _text(attribution_html(load_framework(edition), lang))
        assert {"es": "traducción propia de civicnb", "pt": "tradução própria do civicnb"}[
            lang
        ] in about
        assert "David Towell" in about and "2014" in about


# --- the pages --------------------------------------------------------------------------

pytest.importorskip("ipywidgets")
from civicnb.ui.context import PageContext  # noqa: E402
from civicnb.ui.locality_context import Context  # noqa: E402


def _markup(root: Any) -> str:
    return " ".join(w.value for w in walk(root) if isinstance(getattr(w, "value", None), str))


def _footer(root: Any) -> str:
    found = [
        w.value for w in walk(root) if "civicnb-about-footer" in getattr(w, "_dom_classes", ())
    ]
    assert len(found) == 1, "one 'About these questions' footer"
    last = root.children[-1]
    assert last.value == found[0], "the footer is the page's last part"
    return str(found[0])


def test_strand_vi_shows_the_checklist_with_the_participants_answers(ctx: Context) -> None:
    from civicnb.ui.strand_page import StrandPage

    person = join(ctx.store, ctx.locality, Side.LA, "Luz", named=False)
    session = ctx.session(person.id)
    session.save("LA-01", score=4)
    session.save("CSO-IV", dont_know=True)
    page = StrandPage(ctx, session, ctx.framework.strand("VI"), PageContext())
    assert page.checklist is not None
    html = page.checklist.value
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    assert len(rows) == 16
    first = rows[1]
    assert ctx.framework.question("LA-01").text.en.replace("'", "&#x27;") in first
    assert "Your answer: 4 · Well" in first
    assert "Your answer: Don&#x27;t know" in rows[4]
    assert "Your answer: Not answered yet" in rows[2]
    assert 'href="strand-I.ipynb?lang=en"' in first and "Strand I, Pair 1" in first
    assert "civicnb-box" not in html  # answers, not boxes to tick


def test_every_page_ends_with_about_these_questions(ws_path: Path, ctx: Context) -> None:
    from civicnb.ui.facilitator import FacilitatorPage
    from civicnb.ui.start_page import StartPage
    from civicnb.ui.strand_page import StrandPage
    from civicnb.ui.summary_page import SummaryPage

    person = join(ctx.store, ctx.locality, Side.CSO, "Eva", named=False)
    session = ctx.session(person.id)
    start = StartPage(ctx, {})
    start.show_form()
    pages: list[Any] = [start.root]
    pages += [StrandPage(ctx, session, s, PageContext()) for s in ctx.framework.strands]
    summary = SummaryPage(ctx, session)
    pages.append(summary)
    pages.append(FacilitatorPage(ctx, PageContext()))
    for root in pages:
        if root is summary:  # the summary page's footer is on the page that holds it
            continue
        about = _text(_footer(root))
        assert "About these questions" in about and "David Towell" in about
        assert "civicnb's own translation" in about


def test_the_footer_follows_the_page_and_its_language(
    ws_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page functions as Voilà runs them: the summary's footer, the "not joined"
    notice keeps it, a page asked for in Portuguese says so in Portuguese."""
    import html

    from civicnb.i18n import t
    from civicnb.ui.strand_page import strand_page
    from civicnb.ui.summary_page import summary_page

    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setattr("civicnb.ui.strand_page.display", lambda view: None)
    monkeypatch.setattr("civicnb.ui.summary_page.display", lambda view: None)
    monkeypatch.setenv("QUERY_STRING", "lang=pt")
    for view in (
        strand_page("II", "villaflor", workspace=str(ws_path)),
        summary_page("villaflor", workspace=str(ws_path)),
    ):
        assert view is not None
        page = view.children[0]
        page.stored, page.ready = "", True  # nobody joined on this browser
        assert html.escape(t("not_joined", "pt")) in _markup(view)
        about = _text(_footer(view))
        assert "Sobre estas perguntas" in about and "tradução própria do civicnb" in about


def test_print_says_what_to_do_when_it_cannot(
    ws_path: Path, tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One line on stderr, exit 1, nothing written: an unknown locality, large print of
    the one-page checklist, no Chromium, a folder that does not exist."""
    out = tmp_path / "b.pdf"
    cases = [
        (["print", "nowhere", "-o", out], "nowhere"),
        (["print", "villaflor", "--checklist", "--large-print", "-o", out], "--large-print"),
        (["print", "villaflor", "--checklist", "--easy-read", "-o", out], "--easy-read"),
        (["print", "villaflor", "-o", tmp_path / "missing" / "b.pdf"], "create it first"),
    ]
    for args, words in cases:
        res = run(*args, "--workspace", ws_path)
        assert res.status == 1 and words in res.err and len(res.err.strip().splitlines()) == 1
    monkeypatch.setenv("CIVICNB_CHROMIUM", str(tmp_path / "no-chromium"))
    res = run("print", "villaflor", "-o", out, "--workspace", ws_path)
    assert res.status == 1 and "CIVICNB_CHROMIUM" in res.err
    assert not out.exists()
    res = run("print", "villaflor", "--paper", "A5", "-o", out, "--workspace", ws_path)
    assert res.status == 2  # a usage error: click's choices


def test_the_static_copies_end_with_about_these_questions(
    ws_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages' copies stored by papermill (read in JupyterLab) carry it too, as text."""
    from civicnb.ui.facilitator import facilitator_page
    from civicnb.ui.start_page import start_page
    from civicnb.ui.strand_page import strand_page
    from civicnb.ui.summary_page import summary_page

    monkeypatch.setenv("CIVICNB_STATIC", "1")
    monkeypatch.delenv("CIVICNB_INTERACTIVE", raising=False)
    shown: list[Any] = []
    monkeypatch.setattr("civicnb.ui.static.display", shown.append)
    w = str(ws_path)
    assert start_page("villaflor", workspace=w, lang="es") is None
    assert strand_page("III", "villaflor", workspace=w, lang="es") is None
    assert summary_page("villaflor", workspace=w, lang="es") is None
    assert facilitator_page("villaflor", workspace=w, lang="es") is None
    assert len(shown) == 4
    for out in shown:
        tail = out.data.rsplit("---", 1)[1]
        assert "**Acerca de estas preguntas**" in tail and "David Towell" in tail
        assert "traducción propia de civicnb" in tail
