"""The participant pages' logic, without a browser (ipywidgets work without a kernel).

Browser tests (tests/browser) check the same pages served by Voilà in Chromium.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from widget_helpers import walk

from civicnb.records import Side
from civicnb.workshop.participation import join

pytest.importorskip("ipywidgets")
from civicnb.ui.context import PageContext
from civicnb.ui.environment import request_query
from civicnb.ui.locality_context import Context
from civicnb.ui.question_form import QuestionForm
from civicnb.ui.start_page import StartJoined, StartPage
from civicnb.ui.strand_page import StrandPage, strand_page
from civicnb.ui.summary_page import SummaryPage, my_figures, summary_page, summary_text

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def _sign_in(page: PageContext, store: Any, pid: str, kiosk: bool = False) -> str:
    """What a browser holding a live session does on display: send its token."""
    from civicnb.workshop.participation import start_session

    token = start_session(store, pid, kiosk=kiosk)
    page.stored = json.dumps({"s": token, "lang": "en"})
    page.ready = True
    return token


def _strand(ctx: Context, side: Side, strand: str = "I", name: str = "Ana") -> tuple[Any, Any]:
    person = join(ctx.store, ctx.locality, side, name, named=False)
    session = ctx.session(person.id)
    page = StrandPage(ctx, session, ctx.framework.strand(strand), PageContext())
    return page, session


def test_strand_page_lays_out_pairs_la_left(ctx: Context) -> None:
    page, _ = _strand(ctx, Side.CSO)
    forms = [w for w in walk(page) if isinstance(w, QuestionForm)]
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
    ws_path: Path, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preheated page is built in Spanish (the locality's language) before the request;
    an English participant gets the same question cards with English texts, as on a page
    built in English from the start: no second set of widgets goes to the browser."""
    person = join(ctx.store, ctx.locality, Side.LA, "Bea", named=False)
    english = StrandPage(
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
        "civicnb.ui.strand_page.display",
        lambda view: shown.extend(w for w in walk(view) if isinstance(w, QuestionForm)),
    )
    monkeypatch.setenv("QUERY_STRING", "lang=en")
    page = strand_page("I", "villaflor", workspace=str(ws_path))
    assert isinstance(page, StrandPage)
    _sign_in(page.children[0], ctx.store, person.id)
    got = [f for f in walk(page) if isinstance(f, QuestionForm)]
    want = [f for f in walk(english) if isinstance(f, QuestionForm)]
    assert len(got) == 6 and [id(f) for f in got] == [id(f) for f in shown]
    assert shown[0].session is not None  # the preheated cards are bound to Bea
    texts = ("legend", "labels", "dont_know_label", "lang", "heading", "note_label", "help_label")
    assert [[getattr(f, n) for n in texts] for f in got] == [
        [getattr(f, n) for n in texts] for f in want
    ]
    assert got[0].legend.startswith("1. How well has the LA articulated")
    assert got[0].heading_tag == "your side" and got[0].ui_lang == "en"

    def no_ids(markup: str) -> str:
        return re.sub(r"id='civicnb-main-\d+'", "", markup)

    assert no_ids(page.intro.value) == no_ids(english.intro.value)
    assert [h.value for h in page.pair_headings] == [h.value for h in english.pair_headings]
    assert page.children[0].lang == "en"
    # the request costs the kernel no new widget (each would be one more message to relay)
    assert made_after == []


def test_answers_save_on_change_and_come_back(ctx: Context) -> None:
    page, session = _strand(ctx, Side.LA)
    forms = {f.question.id: f for f in walk(page) if isinstance(f, QuestionForm)}
    forms["LA-01"].value = 4
    assert forms["LA-01"].status_text.startswith("✓ Saved at ")
    forms["LA-01"].note = "Plan de desarrollo " + XSS
    forms["CSO-I"].dont_know = True
    forms["LA-02"].would_help = "Más presupuesto"
    stored = session.answers()
    assert stored["LA-01"].score == 4 and stored["LA-01"].note.endswith(XSS)
    assert stored["CSO-I"].dont_know and stored["LA-02"].would_help == "Más presupuesto"
    # a revisit (a new page for the same participant) shows the saved answers
    again = StrandPage(
        ctx, ctx.session(session.participant.id), ctx.framework.strand("I"), PageContext()
    )
    forms2 = {f.question.id: f for f in walk(again) if isinstance(f, QuestionForm)}
    assert forms2["LA-01"].value == 4
    assert forms2["LA-01"].note.endswith(XSS)
    assert forms2["CSO-I"].dont_know is True
    # progress in the navigation: 1 of 3 own-side questions answered in strand I
    assert "Strand I (1/3)" in again.nav.value


def test_a_bad_note_is_refused_and_kept_in_the_box(ctx: Context) -> None:
    page, session = _strand(ctx, Side.LA, "II")
    form = next(f for f in walk(page) if isinstance(f, QuestionForm))
    form.note = "x" * 6000
    assert form.status_kind == "error" and "5,000" in form.status_text
    assert form.note == "x" * 6000  # nothing typed is lost
    assert form.question.id not in session.answers()


def test_the_browser_cannot_push_oversized_or_foreign_state(ctx: Context) -> None:
    page, session = _strand(ctx, Side.LA, "IV")
    form = next(f for f in walk(page) if isinstance(f, QuestionForm))
    form.set_state({"note": "y" * 200_000, "legend": "<b>hacked</b>", "value": 9})
    assert form.note == "" and not form.legend.startswith("<b>") and form.value == 0
    form.set_state({"note": "evidencia", "value": 3})
    assert session.answers()[form.question.id].note == "evidencia"
    assert session.answers()[form.question.id].score == 3


def test_participant_text_is_escaped_in_the_header(ctx: Context) -> None:
    page, _ = _strand(ctx, Side.LA, name=XSS)
    markup = " ".join(
        w.value for w in walk(page) if hasattr(w, "value") and isinstance(w.value, str)
    )
    assert "<script>" not in markup and "<img src=x" not in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup


def test_strand_vi_shows_the_checklist(ctx: Context) -> None:
    page, session = _strand(ctx, Side.CSO, "VI")
    session.save("CSO-IV", score=2)
    html = " ".join(w.value for w in walk(page) if isinstance(getattr(w, "value", None), str))
    assert "The fifteen pairs of questions" in html
    assert not [w for w in walk(page) if isinstance(w, QuestionForm)]


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
    monkeypatch.setattr("civicnb.ui.strand_page.display", lambda view: shown.append(view))
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    c = Context.open("villaflor", str(ws_path), "es", None)
    person = join(c.store, c.locality, Side.CSO, "Eva", named=False)
    monkeypatch.setenv("QUERY_STRING", "lang=en")
    page = strand_page("VI", "villaflor", workspace=str(ws_path))
    assert isinstance(page, StrandPage) and page.room is None
    _sign_in(page.children[0], c.store, person.id)
    c.store.close()
    assert [m for m in made if m.startswith("after:")] == []
    on_page = {id(w) for w in walk(page)}
    assert [type(w).__name__ for w in made_views if id(w) not in on_page] == []  # none idle
    assert "The fifteen pairs of questions" in page.checklist.value  # English, not Spanish
    assert "Strand I, Pair 1" in page.checklist.value
    # the table scrolls in its own region on a narrow screen, as every table does
    assert 'role="region" tabindex="0" aria-label="The fifteen pairs' in page.checklist.value


def test_summary_figures_and_text(ctx: Context) -> None:
    person = join(ctx.store, ctx.locality, Side.LA, "Beto", named=True)
    session = ctx.session(person.id)
    session.save("LA-01", score=2)
    session.save("LA-02", score=4)
    session.save("LA-04", score=5)
    session.save("CSO-I", score=1)
    session.save("LA-07", dont_know=True)
    figures = {f.strand_id: f for f in my_figures(session)}
    assert figures["I"].own_mean == 3.0 and figures["I"].other_mean == 1.0
    assert figures["II"].own_mean == 5.0 and figures["III"].own_mean is None
    assert figures["III"].dont_know == 1
    text = summary_text(list(figures.values()), ctx.framework, "en")
    assert "You answered 4 of 15" in text
    assert "highest average is for Strand II" in text and "lowest for Strand I" in text
    assert '"don\'t know" 1 times' in text
    page = SummaryPage(ctx, session, PageContext())
    assert 'role="img"' in page.body.value and "<table" in page.body.value
    assert "<caption>My average rating per strand</caption>" in page.body.value


def _choice(root: Any, legend: str) -> Any:
    return next(w for w in walk(root) if getattr(w, "legend", None) == legend)


def test_start_page_joins_and_remembers(ctx: Context) -> None:
    from civicnb.workshop.participation import session_participant

    start = StartPage(ctx, {})
    # nothing but the footer (the attribution) until the browser says what it holds
    assert start.root.children == (start.page, start.about)
    start.page.ready = True  # it holds no session: the form
    widgets = list(walk(start.root))
    side = _choice(start.root, "I answer for")
    name = next(w for w in widgets if getattr(w, "description", "") == "Your name or a pseudonym")
    begin = next(w for w in widgets if getattr(w, "description", "") == "Begin")
    status = next(w for w in widgets if type(w).__name__ == "LiveStatus")
    begin.click()
    assert "choose the side" in status.text  # nothing chosen yet: a clear message
    side.value = "CSO"
    name.value = "  Luz  "
    begin.click()
    joined = next(w for w in walk(start.root) if isinstance(w, StartJoined))
    # the address names nobody; the browser keeps a session token, not the id
    assert start.page.query == "lang=en"
    token = json.loads(start.page.remember)["s"]
    pid = session_participant(ctx.store, token)
    assert pid is not None and ctx.store.get_participant(pid).name == "Luz"
    assert pid not in start.page.remember
    links = " ".join(w.value for w in walk(joined) if isinstance(getattr(w, "value", None), str))
    assert "strand-I.ipynb?lang=en" in links and pid not in links and "p=" not in links
    assert start.page.focus.startswith(joined.heading_id + " ")  # focus to the new heading
    # a page opened later in this browser sends the token: straight to the joined view
    again = StartPage(ctx, {})
    assert not any(isinstance(w, StartJoined) for w in walk(again.root))
    again.page.stored = start.page.remember
    again.page.ready = True
    assert any(isinstance(w, StartJoined) for w in walk(again.root))
    # the browser's word is checked, never trusted: an id or a made-up token is nobody
    for stored in (
        f'{{"p": "{pid}", "lang": "es"}}',
        '{"s": "' + "A" * 43 + '"}',
        '{"s": "../../etc"}',
    ):
        fresh = StartPage(ctx, {})
        fresh.page.stored = stored
        fresh.page.ready = True
        assert not any(isinstance(w, StartJoined) for w in walk(fresh.root)), stored
    # "Forget me on this device" ends the session: the token names nobody any more
    _button(again.root, "Forget me on this device").click()
    assert session_participant(ctx.store, token) is None
    assert again.page.forget is True and again.page.remember == ""
    assert not any(isinstance(w, StartJoined) for w in walk(again.root))


def test_old_participant_links_grant_nothing(
    ws_path: Path, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``?p=`` address (browser history, a screenshot, a projector) is not an identity."""
    person = join(ctx.store, ctx.locality, Side.LA, "Vista", named=False)
    ctx.session(person.id).save("LA-01", score=2, note="nota de Vista")
    monkeypatch.setenv("QUERY_STRING", f"p={person.id}&lang=en")
    start = StartPage(ctx, {"p": person.id, "lang": "en"})
    start.page.ready = True  # this browser holds no session
    assert not any(isinstance(w, StartJoined) for w in walk(start.root))
    assert "Vista" not in _markup(start.root)
    strand = strand_page("I", "villaflor", workspace=str(ws_path))
    summary = summary_page("villaflor", workspace=str(ws_path))
    for view in (strand, summary):
        assert view is not None
        view.children[0].ready = True
        text = _markup(view)
        assert "You have not joined yet" in text and "Vista" not in text
        assert not [w for w in walk(view) if isinstance(w, QuestionForm)]
    assert ctx.session(person.id).answers()["LA-01"].note == "nota de Vista"


def test_sessions_expire(ctx: Context) -> None:
    from datetime import timedelta

    from civicnb.records import utcnow
    from civicnb.workshop.participation import (
        KIOSK_IDLE,
        PERSONAL_LIFETIME,
        session_info,
        start_session,
    )

    pid = join(ctx.store, ctx.locality, Side.LA, "Reloj", named=False).id
    personal = start_session(ctx.store, pid)
    kiosk = start_session(ctx.store, pid, kiosk=True)
    soon = utcnow() + KIOSK_IDLE - timedelta(minutes=1)
    assert session_info(ctx.store, kiosk, now=soon) is not None
    later = utcnow() + KIOSK_IDLE + timedelta(minutes=1)
    assert session_info(ctx.store, kiosk, now=later) is None  # a kiosk left idle ends
    assert session_info(ctx.store, kiosk) is None  # and stays ended
    assert session_info(ctx.store, personal, now=later) is not None  # a workshop lasts
    end = utcnow() + PERSONAL_LIFETIME + timedelta(minutes=1)
    assert session_info(ctx.store, personal, now=end) is None


def test_devices_are_counted(ctx: Context) -> None:
    from civicnb.workshop.participation import device_counts, new_device_token, start_session

    before = device_counts(ctx.store, ctx.locality.id)
    laptop, phone = new_device_token(), new_device_token()
    for name, device in (("D1", laptop), ("D2", laptop), ("D3", phone), ("D4", laptop)):
        pid = join(ctx.store, ctx.locality, Side.CSO, name, named=False).id
        start_session(ctx.store, pid, kiosk=True, device=device)
    people, devices = device_counts(ctx.store, ctx.locality.id)
    assert (people - before[0], devices - before[1]) == (4, 2)
    # the facilitator's room panel says it
    from civicnb.ui.facilitator import FacilitatorPage

    room = FacilitatorPage(ctx, PageContext())
    assert room.unlock(ctx.workspace.facilitator_key())
    text = _markup(room)
    assert f"{people} people joined from {devices} devices." in text


def test_query_string_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "p=abc&lang=es&junk=" + "x" * 5000)
    assert request_query() == {"p": "abc", "lang": "es"}


# --- kiosk mode (a shared device) ---------------------------------------------------------


def _markup(root: Any) -> str:
    return " ".join(w.value for w in walk(root) if isinstance(getattr(w, "value", None), str))


def _button(root: Any, label: str) -> Any:
    return next(w for w in walk(root) if getattr(w, "description", "") == label)


def test_kiosk_start_page_uses_a_token_and_next_participant_ends_it(ctx: Context) -> None:
    from civicnb.workshop.participation import kiosk_participant

    start = StartPage(ctx, {"kiosk": "1", "lang": "en"})
    start.page.ready = True
    assert start.page.query == "kiosk=1&lang=en"
    assert "This device is shared" in _markup(start.root)
    _choice(start.root, "I answer for").value = "LA"
    next(
        w for w in walk(start.root) if getattr(w, "description", "") == "Your name or a pseudonym"
    ).value = "Kiosko Uno"
    _button(start.root, "Begin").click()
    assert any(isinstance(w, StartJoined) for w in walk(start.root))
    assert start.page.query == "kiosk=1&lang=en"  # the address names nobody
    token = json.loads(start.page.remember)["s"]
    pid = kiosk_participant(ctx.store, token)
    assert pid is not None and ctx.store.get_participant(pid).name == "Kiosko Uno"
    links = _markup(start.root)
    assert "strand-I.ipynb?kiosk=1&amp;lang=en" in links
    assert "summary.ipynb?kiosk=1&amp;lang=en" in links
    assert "p=" not in links and pid not in links and token not in links
    assert not any(
        getattr(w, "description", "") == "Forget me on this device" for w in walk(start.root)
    )
    # another page of this kiosk (the browser sends the token) comes back to the joined view
    again = StartPage(ctx, {"kiosk": "1"})
    again.page.stored = start.page.remember
    again.page.ready = True
    assert any(isinstance(w, StartJoined) for w in walk(again.root))

    # "Next participant": the token dies, the page is cleared, the browser leaves
    _button(start.root, "Next participant").click()
    assert kiosk_participant(ctx.store, token) is None
    assert start.root.children[0] is start.page and len(start.root.children) == 2
    assert "Kiosko Uno" not in _markup(start.root)
    assert start.page.navigate == "start.ipynb?kiosk=1&lang=en"
    assert start.page.forget is True and start.page.remember == ""
    assert start.page.storage_key == f"civicnb:{ctx.locality.id}"
    # the dead token shows the empty form, and is dropped from the browser
    dead = StartPage(ctx, {"kiosk": "1"})
    dead.page.stored = json.dumps({"s": token})
    dead.page.ready = True
    assert not any(isinstance(w, StartJoined) for w in walk(dead.root))
    assert dead.page.forget is True


def test_kiosk_start_page_ignores_ids_and_personal_sessions(ctx: Context) -> None:
    pid = join(ctx.store, ctx.locality, "CSO", "Recordada", named=False).id
    start = StartPage(ctx, {"kiosk": "1", "p": pid})
    _sign_in(start.page, ctx.store, pid)  # someone's own (not kiosk) session
    assert not any(isinstance(w, StartJoined) for w in walk(start.root))
    assert "Recordada" not in _markup(start.root)


def test_kiosk_participant_pages_resolve_tokens_only(
    ws_path: Path, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civicnb.workshop.participation import end_kiosk_session, start_kiosk_session

    person = join(ctx.store, ctx.locality, "LA", "Turno", named=False)
    session = ctx.session(person.id)
    session.save("LA-01", score=4, note="nota de Turno")
    token = start_kiosk_session(ctx.store, person.id)
    held = json.dumps({"s": token, "lang": "en"})

    def open_page(stored: str, which: str = "strand", strand: str = "I") -> Any:
        monkeypatch.setenv("QUERY_STRING", "kiosk=1&lang=en")
        if which == "strand":
            view = strand_page(strand, "villaflor", workspace=str(ws_path))
        else:
            view = summary_page("villaflor", workspace=str(ws_path))
        assert view is not None
        view.children[0].stored = stored
        view.children[0].ready = True
        return view

    view = open_page(held)
    assert isinstance(view, StrandPage)
    links = _markup(view)  # the nav (English: rebuilt from the Spanish locality's page)
    assert 'href="strand-II.ipynb?kiosk=1&amp;lang=en"' in links
    assert "p=" not in links and person.id not in links and token not in links
    assert "civicnb-kiosk" in view.children[1]._dom_classes
    assert _button(view, "Next participant")
    summary = open_page(held, "summary")
    checklist = _markup(open_page(held, strand="VI"))
    assert 'href="strand-III.ipynb?kiosk=1&amp;lang=en"' in checklist
    assert _button(summary, "Next participant") and person.id not in _markup(summary)

    # "Next participant" on a strand page: the page is cleared and the token is dead
    _button(view, "Next participant").click()
    assert "nota de Turno" not in _markup(view) and "Turno" not in _markup(view)
    assert not [w for w in walk(view) if isinstance(w, QuestionForm)]
    page = view.children[0]
    assert page.navigate == "start.ipynb?kiosk=1&lang=en"
    for which in ("strand", "summary"):
        dead = open_page(held, which)
        text = _markup(dead)
        assert (
            "You have not joined yet" in text and 'href="start.ipynb?kiosk=1&amp;lang=en"' in text
        )
        assert "Turno" not in text
    assert end_kiosk_session(ctx.store, token) is False


def test_an_ended_session_saves_nothing_in_another_tab(
    ws_path: Path, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two tabs of one kiosk: "Next participant" in one; the other refuses every save."""
    from civicnb.workshop.participation import start_kiosk_session

    person = join(ctx.store, ctx.locality, "LA", "Dos pestañas", named=False)
    token = start_kiosk_session(ctx.store, person.id)
    held = json.dumps({"s": token, "lang": "es"})
    tabs = []
    for _ in range(2):
        monkeypatch.setenv("QUERY_STRING", "kiosk=1&lang=es")
        view = strand_page("I", "villaflor", workspace=str(ws_path))
        assert view is not None
        view.children[0].stored = held
        view.children[0].ready = True
        tabs.append(view)
    first = {f.question.id: f for f in walk(tabs[0]) if isinstance(f, QuestionForm)}
    first["LA-01"].value = 3
    assert first["LA-01"].status_kind == "ok"
    _button(tabs[1], "Siguiente participante").click()
    first["LA-01"].value = 5
    first["LA-02"].note = "escrito tras el cambio de turno"
    for qid in ("LA-01", "LA-02"):
        assert first[qid].status_kind == "error"
        assert first[qid].status_text.startswith("No se guardó — esta sesión ha terminado")
    answers = ctx.session(person.id).answers()
    assert answers["LA-01"].score == 3 and "LA-02" not in answers
    # nor does it hand out the previous person's workbook
    tools = tabs[0].tools
    got: list[Any] = []
    tools.download_json.send = lambda *a, **k: got.append(a)  # type: ignore[method-assign]
    tools.download_json._handle(None, {"event": "download"}, [])
    assert got == [] and tools.status.text.startswith("Esta sesión ha terminado")


def test_any_refused_save_says_not_saved(ctx: Context) -> None:
    """A value the library refuses (even with an unexpected error, e.g. a lone surrogate
    the database cannot encode) never leaves "Saved" on the card."""
    page, session = _strand(ctx, Side.LA, "III")
    form = next(f for f in walk(page) if isinstance(f, QuestionForm))
    form.note = "bien"
    assert form.status_kind == "ok"
    first = form.status_text
    form.would_help = "más"
    assert form.status_kind == "ok" and form.status_text != first  # announced again
    form.note = "mal \ud800 escrito"
    assert form.status_kind == "error" and form.status_text.startswith("Not saved: ")
    assert form.note == "mal \ud800 escrito"  # kept in the box
    assert session.answers()[form.question.id].note == "bien"


def test_each_strand_ends_with_a_link_to_the_next(ctx: Context) -> None:
    page, _ = _strand(ctx, Side.LA, "II")
    assert 'href="strand-III.ipynb?lang=en"' in page.next_link.value
    assert "Next: Strand III" in page.next_link.value
    last, _ = _strand(ctx, Side.LA, "VI")
    assert 'href="summary.ipynb?lang=en"' in last.next_link.value


# --- "upload a workbook to continue": only one's own answers -------------------------------


def _upload(tools: Any, doc: dict[str, Any], name: str = "workbook.json") -> None:
    raw = json.dumps(doc).encode("utf-8")
    tools.upload.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(raw),
            "content": raw,
            "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        },
    )


def _counts(store: Any) -> tuple[int, int, int, int]:
    localities = store.localities()
    people = sum(len(store.participants(loc.id)) for loc in localities)
    ratings = len(store.ratings())
    joint = sum(len(store.export_locality(loc.id).joint_ratings) for loc in localities)
    return len(localities), people, ratings, joint


def test_an_upload_merges_only_the_pages_participant(ctx: Context) -> None:
    """A workbook naming another locality, other participants or the room's records is
    refused on a participant page, with a clear message, and nothing changes."""
    import dataclasses

    from civicnb.exchange import workbook_to_dict
    from civicnb.records import Locality, LocalityRecords, Rating
    from civicnb.workshop.participation import participant_records

    page, session = _strand(ctx, Side.LA, "I", name="Subida")
    me = session.participant
    session.save("LA-01", score=2)
    version = ctx.framework.version
    whole = workbook_to_dict(ctx.store.export_locality(ctx.locality.id), framework_version=version)
    other_place = Locality("Otro Lugar", "otro-lugar", language="es")
    other_records = dataclasses.replace(
        ctx.store.export_locality(ctx.locality.id),
        locality=other_place,
        rounds=tuple(
            dataclasses.replace(r, locality_id=other_place.id)
            for r in ctx.store.rounds(ctx.locality.id)
        ),
        organisations=(),
        participants=(),
        ratings=(),
        joint_ratings=(),
        outcomes=(),
        activities=(),
        actions=(),
        assets=(),
        harvest_notes=(),
        attendance=(),
        celebrations=(),
    )
    another_place = workbook_to_dict(other_records, framework_version=version)
    mine = participant_records(ctx.store, ctx.locality, me)
    with_room = dataclasses.replace(
        mine, joint_ratings=ctx.store.export_locality(ctx.locality.id).joint_ratings
    )
    assert with_room.joint_ratings, "the demo has agreed ratings"
    before = _counts(ctx.store)
    for doc, says in (
        (whole, "another participant's answers"),
        (another_place, "Otro Lugar"),
        (workbook_to_dict(with_room, framework_version=version), "the room's records"),
    ):
        _upload(page.tools, doc)
        assert page.tools.status.kind == "error", page.tools.status.text
        assert says in page.tools.status.text
        assert _counts(ctx.store) == before
    with pytest.raises(Exception, match=r"not found|no locality|unknown"):
        ctx.store.get_locality("otro-lugar")
    # one's own workbook, with a newer answer, comes back
    newer = dataclasses.replace(
        mine,
        ratings=tuple(
            dataclasses.replace(r, score=5, updated_at=utcnow_later())
            for r in mine.ratings
            if isinstance(r, Rating)
        ),
    )
    assert isinstance(newer, LocalityRecords)
    _upload(page.tools, workbook_to_dict(newer, framework_version=version))
    assert page.tools.status.kind == "ok", page.tools.status.text
    assert session.answers()["LA-01"].score == 5
    assert _counts(ctx.store)[:2] == before[:2]


def utcnow_later() -> Any:
    from datetime import timedelta

    from civicnb.records import utcnow

    return utcnow() + timedelta(seconds=5)
