"""The participant pages' logic, without a browser (ipywidgets work without a kernel).

Browser tests (tests/browser) check the same pages served by Voilà in Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from widget_helpers import walk

from civicnb.api import create_demo
from civicnb.i18n import MESSAGES, placeholders
from civicnb.model import Side
from civicnb.participation import join

pytest.importorskip("ipywidgets")
from civicnb.ui import pages
from civicnb.ui.page import PageContext

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages")
    create_demo(path, notebooks=False)
    return path


@pytest.fixture
def ctx(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[pages.Context]:
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    c = pages.Context.open("villaflor", str(ws_path), "en", None)
    yield c
    c.store.close()


def _strand(
    ctx: pages.Context, side: Side, strand: str = "I", name: str = "Ana"
) -> tuple[Any, Any]:
    person = join(ctx.store, ctx.locality, side, name, named=False)
    session = ctx.session(person.id)
    page = pages.StrandPage(ctx, session, ctx.framework.strand(strand), PageContext())
    return page, session


def test_strand_page_lays_out_pairs_la_left(ctx: pages.Context) -> None:
    page, _ = _strand(ctx, Side.CSO)
    forms = [w for w in walk(page) if isinstance(w, pages.QuestionForm)]
    assert [f.question.id for f in forms] == [
        "LA-01",
        "CSO-I",
        "LA-02",
        "CSO-II",
        "LA-03",
        "CSO-III",
    ]
    rows = [w for w in walk(page) if "civicnb-pair" in getattr(w, "_dom_classes", ())]
    assert len(rows) == 3
    assert [f.heading for f in forms[:2]] == [
        "Local authority (LA)",
        "Civil society organisation (CSO)",
    ]
    assert [f.heading_tag for f in forms[:2]] == ["optional for you", "your side"]
    # one widget per question keeps the page light for Voilà: count the models
    models = [w for w in walk(page)]
    assert len(models) < 60, len(models)
    # every rating's accessible name is the question text
    assert forms[0].legend.startswith("1. How well has the LA articulated")
    assert forms[1].legend.startswith("I. How well has the CSO articulated")


def test_a_page_built_in_the_localitys_language_is_relabelled_not_rebuilt(
    ws_path: Path, ctx: pages.Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preheated page is built in Spanish (the locality's language) before the request;
    an English participant gets the same question cards with English texts, as on a page
    built in English from the start: no second set of widgets goes to the browser."""
    person = join(ctx.store, ctx.locality, Side.LA, "Bea", named=False)
    english = pages.StrandPage(
        ctx, ctx.session(person.id), ctx.framework.strand("I"), PageContext(lang="en")
    )
    import ipywidgets as W

    shown: list[Any] = []  # what the kernel displays before the request arrives
    made_after: list[str] = []  # widgets created once the request has arrived
    real_open = W.Widget.open

    def counting_open(self: Any) -> None:
        if shown:
            made_after.append(type(self).__name__)
        real_open(self)

    monkeypatch.setattr(W.Widget, "open", counting_open)
    monkeypatch.setattr(
        pages,
        "display",
        lambda view: shown.extend(w for w in walk(view) if isinstance(w, pages.QuestionForm)),
    )
    monkeypatch.setenv("QUERY_STRING", f"p={person.id}&lang=en")
    page = pages.strand_page("I", "villaflor", workspace=str(ws_path))
    assert isinstance(page, pages.StrandPage)
    got = [f for f in walk(page) if isinstance(f, pages.QuestionForm)]
    want = [f for f in walk(english) if isinstance(f, pages.QuestionForm)]
    assert len(got) == 6 and [id(f) for f in got] == [id(f) for f in shown]
    assert shown[0].session is not None  # the preheated cards are bound to Bea
    texts = ("legend", "labels", "dont_know_label", "lang", "heading", "note_label", "help_label")
    assert [[getattr(f, n) for n in texts] for f in got] == [
        [getattr(f, n) for n in texts] for f in want
    ]
    assert got[0].legend.startswith("1. How well has the LA articulated")
    assert got[0].heading_tag == "your side" and got[0].ui_lang == "en"
    assert page.intro.value == english.intro.value
    assert [h.value for h in page.pair_headings] == [h.value for h in english.pair_headings]
    assert page.children[0].lang == "en"
    # the request costs the kernel no new widget (each would be one more message to relay)
    assert made_after == []


def test_answers_save_on_change_and_come_back(ctx: pages.Context) -> None:
    page, session = _strand(ctx, Side.LA)
    forms = {f.question.id: f for f in walk(page) if isinstance(f, pages.QuestionForm)}
    forms["LA-01"].value = 4
    assert forms["LA-01"].status_text.endswith("Saved")
    forms["LA-01"].note = "Plan de desarrollo " + XSS
    forms["CSO-I"].dont_know = True
    forms["LA-02"].would_help = "Más presupuesto"
    stored = session.answers()
    assert stored["LA-01"].score == 4 and stored["LA-01"].note.endswith(XSS)
    assert stored["CSO-I"].dont_know and stored["LA-02"].would_help == "Más presupuesto"
    # a revisit (a new page for the same participant) shows the saved answers
    again = pages.StrandPage(
        ctx, ctx.session(session.participant.id), ctx.framework.strand("I"), PageContext()
    )
    forms2 = {f.question.id: f for f in walk(again) if isinstance(f, pages.QuestionForm)}
    assert forms2["LA-01"].value == 4
    assert forms2["LA-01"].note.endswith(XSS)
    assert forms2["CSO-I"].dont_know is True
    # progress in the navigation: 1 of 3 own-side questions answered in strand I
    assert "Strand I (1/3)" in again.nav.value


def test_a_bad_note_is_refused_and_kept_in_the_box(ctx: pages.Context) -> None:
    page, session = _strand(ctx, Side.LA, "II")
    form = next(f for f in walk(page) if isinstance(f, pages.QuestionForm))
    form.note = "x" * 6000
    assert form.status_kind == "error" and "5,000" in form.status_text
    assert form.note == "x" * 6000  # nothing typed is lost
    assert form.question.id not in session.answers()


def test_the_browser_cannot_push_oversized_or_foreign_state(ctx: pages.Context) -> None:
    page, session = _strand(ctx, Side.LA, "IV")
    form = next(f for f in walk(page) if isinstance(f, pages.QuestionForm))
    form.set_state({"note": "y" * 200_000, "legend": "<b>hacked</b>", "value": 9})
    assert form.note == "" and not form.legend.startswith("<b>") and form.value == 0
    form.set_state({"note": "evidencia", "value": 3})
    assert session.answers()[form.question.id].note == "evidencia"
    assert session.answers()[form.question.id].score == 3


def test_participant_text_is_escaped_in_the_header(ctx: pages.Context) -> None:
    page, _ = _strand(ctx, Side.LA, name=XSS)
    markup = " ".join(
        w.value for w in walk(page) if hasattr(w, "value") and isinstance(w.value, str)
    )
    assert "<script>" not in markup and "<img src=x" not in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup


def test_strand_vi_shows_the_checklist(ctx: pages.Context) -> None:
    page, session = _strand(ctx, Side.CSO, "VI")
    session.save("CSO-IV", score=2)
    html = " ".join(w.value for w in walk(page) if isinstance(getattr(w, "value", None), str))
    assert "The fifteen pairs of questions" in html
    assert not [w for w in walk(page) if isinstance(w, pages.QuestionForm)]


def test_strand_vi_has_no_room_and_makes_no_widget_on_request(
    ws_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Strand VI has no pairs, so nothing to reveal: no room panel is made at preheat,
    and its checklist (in the participant's language) costs no widget on request."""
    import ipywidgets as W

    made: list[str] = []
    made_views: list[Any] = []
    shown: list[Any] = []
    real_open = W.Widget.open

    def counting_open(self: Any) -> None:
        made.append(("after:" if shown else "") + type(self).__name__)
        if isinstance(self, W.DOMWidget):
            made_views.append(self)
        real_open(self)

    monkeypatch.setattr(W.Widget, "open", counting_open)
    monkeypatch.setattr(pages, "display", lambda view: shown.append(view))
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    c = pages.Context.open("villaflor", str(ws_path), "es", None)
    person = join(c.store, c.locality, Side.CSO, "Eva", named=False)
    c.store.close()
    monkeypatch.setenv("QUERY_STRING", f"p={person.id}&lang=en")
    page = pages.strand_page("VI", "villaflor", workspace=str(ws_path))
    assert isinstance(page, pages.StrandPage) and page.room is None
    assert [m for m in made if m.startswith("after:")] == []
    on_page = {id(w) for w in walk(page)}
    assert [type(w).__name__ for w in made_views if id(w) not in on_page] == []  # none idle
    assert "The fifteen pairs of questions" in page.checklist.value  # English, not Spanish
    assert "Strand I, Pair 1" in page.checklist.value
    # the table scrolls in its own region on a narrow screen, as every table does
    assert 'role="region" tabindex="0" aria-label="The fifteen pairs' in page.checklist.value


def test_summary_figures_and_text(ctx: pages.Context) -> None:
    person = join(ctx.store, ctx.locality, Side.LA, "Beto", named=True)
    session = ctx.session(person.id)
    session.save("LA-01", score=2)
    session.save("LA-02", score=4)
    session.save("LA-04", score=5)
    session.save("CSO-I", score=1)
    session.save("LA-07", dont_know=True)
    figures = {f.strand_id: f for f in pages.my_figures(session)}
    assert figures["I"].own_mean == 3.0 and figures["I"].other_mean == 1.0
    assert figures["II"].own_mean == 5.0 and figures["III"].own_mean is None
    assert figures["III"].dont_know == 1
    text = pages.summary_text(list(figures.values()), ctx.framework, "en")
    assert "You answered 4 of 15" in text
    assert "highest average is for Strand II" in text and "lowest for Strand I" in text
    assert '"don\'t know" 1 times' in text
    page = pages.SummaryPage(ctx, session, PageContext())
    assert 'role="img"' in page.body.value and "<table" in page.body.value
    assert "<caption>My average rating per strand</caption>" in page.body.value


def test_start_page_joins_and_remembers(ctx: pages.Context) -> None:
    start = pages.StartPage(ctx, {})
    widgets = list(walk(start.root))
    side = next(w for w in widgets if getattr(w, "description", "") == "I answer for")
    name = next(w for w in widgets if getattr(w, "description", "") == "Your name or a pseudonym")
    begin = next(w for w in widgets if getattr(w, "description", "") == "Begin")
    status = next(w for w in widgets if type(w).__name__ == "LiveStatus")
    begin.click()
    assert "choose the side" in status.text  # nothing chosen yet: a clear message
    side.value = "CSO"
    name.value = "  Luz  "
    begin.click()
    joined = next(w for w in walk(start.root) if isinstance(w, pages.StartJoined))
    pid = start.page.query.split("&")[0].removeprefix("p=")
    assert ctx.store.get_participant(pid).name == "Luz"
    assert '"p": "' + pid in start.page.remember
    links = " ".join(w.value for w in walk(joined) if isinstance(getattr(w, "value", None), str))
    assert f"strand-I.ipynb?p={pid}&amp;lang=en" in links
    # a reload with the identity in the address goes straight to the joined view
    again = pages.StartPage(ctx, {"p": pid})
    assert any(isinstance(w, pages.StartJoined) for w in walk(again.root))
    # the browser's stored identity is checked, never trusted blindly
    fresh = pages.StartPage(ctx, {})
    fresh.page.stored = '{"p": "../../etc", "lang": "xx"}'
    assert fresh.page.remembered() == {}
    fresh.page.stored = f'{{"p": "{pid}", "lang": "es"}}'
    assert any(getattr(w, "description", "") == "Continue as Luz" for w in walk(fresh.root))


def test_query_string_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "p=abc&lang=es&junk=" + "x" * 5000)
    assert pages.request_query() == {"p": "abc", "lang": "es"}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, entry in MESSAGES.items():
        assert set(entry) == {"en", "es"}, key
        assert entry["en"].strip() and entry["es"].strip(), key
        assert placeholders(entry["en"]) == placeholders(entry["es"]), key


# --- kiosk mode (a shared device) ---------------------------------------------------------


def _markup(root: Any) -> str:
    return " ".join(w.value for w in walk(root) if isinstance(getattr(w, "value", None), str))


def _button(root: Any, label: str) -> Any:
    return next(w for w in walk(root) if getattr(w, "description", "") == label)


def test_kiosk_start_page_uses_a_token_and_keeps_nothing_in_the_browser(ctx: pages.Context) -> None:
    from civicnb.participation import kiosk_participant

    start = pages.StartPage(ctx, {"kiosk": "1", "lang": "en"})
    assert start.page.storage_key == ""  # localStorage is neither read nor written
    assert start.page.query == "kiosk=1&lang=en"
    assert "This device is shared" in _markup(start.root)
    next(
        w for w in walk(start.root) if getattr(w, "description", "") == "I answer for"
    ).value = "LA"
    next(
        w for w in walk(start.root) if getattr(w, "description", "") == "Your name or a pseudonym"
    ).value = "Kiosko Uno"
    _button(start.root, "Begin").click()
    assert any(isinstance(w, pages.StartJoined) for w in walk(start.root))
    query = dict(part.split("=", 1) for part in start.page.query.split("&"))
    assert set(query) == {"k", "kiosk", "lang"} and query["kiosk"] == "1"
    token = query["k"]
    pid = kiosk_participant(ctx.store, token)
    assert pid is not None and ctx.store.get_participant(pid).name == "Kiosko Uno"
    assert start.page.remember == ""
    links = _markup(start.root)
    assert f"strand-I.ipynb?k={token}&amp;kiosk=1&amp;lang=en" in links
    assert f"summary.ipynb?k={token}&amp;kiosk=1&amp;lang=en" in links
    assert "p=" not in links and pid not in links
    assert not any(getattr(w, "description", "") == "I am someone else" for w in walk(start.root))
    # a reload with the token in the address comes back to the joined view
    again = pages.StartPage(ctx, {"k": token, "kiosk": "1"})
    assert any(isinstance(w, pages.StartJoined) for w in walk(again.root))

    # "Next participant": the token dies, the page is cleared, the browser leaves
    _button(start.root, "Next participant").click()
    assert kiosk_participant(ctx.store, token) is None
    assert start.root.children[0] is start.page and len(start.root.children) == 2
    assert "Kiosko Uno" not in _markup(start.root)
    assert start.page.navigate == "start.ipynb?kiosk=1&lang=en"
    assert start.page.forget is True and start.page.remember == ""
    assert start.page.storage_key == f"civicnb:{ctx.locality.id}"
    # the dead token shows the empty form, and drops the token from the address
    dead = pages.StartPage(ctx, {"k": token, "kiosk": "1"})
    assert not any(isinstance(w, pages.StartJoined) for w in walk(dead.root))
    assert dead.page.query == "kiosk=1&lang=en"


def test_kiosk_start_page_ignores_ids_and_the_browsers_memory(ctx: pages.Context) -> None:
    pid = join(ctx.store, ctx.locality, "CSO", "Recordada", named=False).id
    start = pages.StartPage(ctx, {"kiosk": "1", "p": pid})
    assert not any(isinstance(w, pages.StartJoined) for w in walk(start.root))
    start.page.stored = f'{{"p": "{pid}", "lang": "en"}}'
    assert not any("Continue as" in getattr(w, "description", "") for w in walk(start.root))
    assert "Recordada" not in _markup(start.root)


def test_kiosk_participant_pages_resolve_tokens_only(
    ws_path: Path, ctx: pages.Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civicnb.participation import end_kiosk_session, start_kiosk_session

    person = join(ctx.store, ctx.locality, "LA", "Turno", named=False)
    session = ctx.session(person.id)
    session.save("LA-01", score=4, note="nota de Turno")
    token = start_kiosk_session(ctx.store, person.id)

    def open_page(query: str, which: str = "strand", strand: str = "I") -> Any:
        monkeypatch.setenv("QUERY_STRING", query)
        if which == "strand":
            view = pages.strand_page(strand, "villaflor", workspace=str(ws_path))
        else:
            view = pages.summary_page("villaflor", workspace=str(ws_path))
        assert view is not None
        return view

    view = open_page(f"k={token}&kiosk=1&lang=en")
    assert isinstance(view, pages.StrandPage)
    links = _markup(view)  # the nav (English: rebuilt from the Spanish locality's page)
    assert f'href="strand-II.ipynb?k={token}&amp;kiosk=1&amp;lang=en"' in links
    assert "p=" not in links and person.id not in links
    assert "civicnb-kiosk" in view.children[1]._dom_classes
    assert _button(view, "Next participant")
    summary = open_page(f"k={token}&kiosk=1&lang=en", "summary")
    checklist = _markup(open_page(f"k={token}&kiosk=1&lang=en", strand="VI"))
    assert f'href="strand-III.ipynb?k={token}&amp;kiosk=1&amp;lang=en"' in checklist
    assert "p=" not in checklist
    assert _button(summary, "Next participant") and person.id not in _markup(summary)

    # "Next participant" on a strand page: the page is cleared and the token is dead
    _button(view, "Next participant").click()
    assert "nota de Turno" not in _markup(view) and "Turno" not in _markup(view)
    assert not [w for w in walk(view) if isinstance(w, pages.QuestionForm)]
    page = view.children[0]
    assert page.navigate == "start.ipynb?kiosk=1&lang=en"
    for which in ("strand", "summary"):
        dead = open_page(f"k={token}&kiosk=1&lang=en", which)
        text = _markup(dead)
        assert (
            "You have not joined yet" in text and 'href="start.ipynb?kiosk=1&amp;lang=en"' in text
        )
        assert "Turno" not in text
    # in kiosk mode a participant id in the address is not enough
    assert "You have not joined yet" in _markup(open_page(f"p={person.id}&kiosk=1&lang=en"))
    # outside kiosk mode it still is (and the links carry p=)
    plain = open_page(f"p={person.id}&lang=en")
    assert f'href="strand-II.ipynb?p={person.id}&amp;lang=en"' in _markup(plain)
    assert not any(getattr(w, "description", "") == "Next participant" for w in walk(plain))
    assert end_kiosk_session(ctx.store, token) is False
