"""No untranslated text where people read: every page, export and summary rendered in
the pseudo-locale (tests/fast/pseudo_locale.py) shows nothing outside the markers but
data. A word outside them is English a translator cannot reach."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pseudo_locale import OPEN, PSEUDO, install, leaks, page_leaks, visible, widget_texts, wrap
from widget_helpers import walk

from civicnb.api import create_demo
from civicnb.exchange.codec import to_json
from civicnb.records import LocalityRecords, Side
from civicnb.workshop.participation import join

pytest.importorskip("ipywidgets")
from civicnb.ui.context import PageContext
from civicnb.ui.facilitator import SECTIONS, FacilitatorPage
from civicnb.ui.locality_context import Context
from civicnb.ui.start_page import StartPage
from civicnb.ui.strand_page import StrandPage
from civicnb.ui.summary_page import SummaryPage
from civicnb.ui.workbook_tools import WorkbookTools


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pseudo")
    create_demo(path, notebooks=False)
    return path


@pytest.fixture
def ctx(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    install(monkeypatch)
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setattr("civicnb.ui.facilitator.page.FAILED_KEY_DELAY", 0)
    c = Context.open("villaflor", str(ws_path), PSEUDO, None)
    yield c
    c.store.close()


def _data(records: LocalityRecords) -> list[str]:
    """Every text the locality's records hold (names, notes, titles, labels…): data."""
    out: list[str] = []

    def add(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list | tuple):
            for v in value:
                add(v)
        elif isinstance(value, dict):
            for v in value.values():
                add(v)

    add(to_json(records.locality))
    for name in records.__dataclass_fields__:
        items = getattr(records, name)
        for item in items if isinstance(items, tuple) else ():
            add(to_json(item))
    return out


def _data_of(ctx: Context) -> list[str]:
    """The locality's records, and the framework's source: a published work cited by
    its own title."""
    a = ctx.framework.attribution
    cited = [a.author, a.title, a.publisher, a.url]
    return [*_data(ctx.store.export_locality(ctx.locality.id)), *cited]


def _assert_clean(root: Any, ctx: Context) -> None:
    found = page_leaks(root, _data_of(ctx))
    assert not found, "\n".join(f"{w}: {text!r} -> {words}" for w, text, words in found[:30])


def test_the_pseudo_locale_finds_a_leak(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself: English outside markers is found; markers, data and codes are
    not; a placeholder's value is outside the markers, so English put there is found."""
    from civicnb.errors import InputError
    from civicnb.i18n import error_text, t

    install(monkeypatch)
    assert leaks("Round: ⟦Strand ⟦Defining⟧ 3⟧") == ["Round"]
    assert leaks("⟦Saved at 10:42⟧ LA-01 P04 IV 3,5 2025-10-17 Ana", ["Ana"]) == []
    assert t("strand_n", PSEUDO, n=3) == "⟦Strand ⟧3"
    english = InputError("participant name is too long")
    assert leaks(t("error", PSEUDO, reason=str(english))) == [
        "participant",
        "name",
        "is",
        "too",
        "long",
    ]
    too_long = InputError(
        "x", key="err_too_long", values={"field": "name", "length": 1, "limit": 2}
    )
    assert leaks(t("error", PSEUDO, reason=error_text(too_long, PSEUDO))) == ["name"]


def test_participant_pages(ctx: Context) -> None:
    start = StartPage(ctx, {})
    start.page.ready = True
    _assert_clean(start.root, ctx)
    kiosk = StartPage(ctx, {"kiosk": "1"})
    kiosk.page.ready = True
    _assert_clean(kiosk.root, ctx)
    person = join(ctx.store, ctx.locality, Side.LA, "Quimey", named=True)
    session = ctx.session(person.id)
    session.save("LA-01", score=2, note="Nota de Quimey")
    session.save("CSO-I", dont_know=True)
    for strand in ctx.framework.strands:
        _assert_clean(StrandPage(ctx, session, strand, PageContext()), ctx)
    _assert_clean(SummaryPage(ctx, session, PageContext()), ctx)
    widgets = list(walk(start.root))
    side = next(w for w in widgets if getattr(w, "legend", "") == wrap("I answer for"))
    name = next(
        w for w in widgets if getattr(w, "description", "") == wrap("Your name or a pseudonym")
    )
    begin = next(w for w in widgets if getattr(w, "description", "") == wrap("Begin"))
    side.value, name.value = "CSO", "Ayelén"
    begin.click()
    assert any(type(w).__name__ == "StartJoined" for w in walk(start.root))
    _assert_clean(start.root, ctx)  # the joined view: links, workbook, "forget me"


def test_facilitator_page(ctx: Context) -> None:
    from civicnb.ui.facilitator.reveal import RevealSection

    page = FacilitatorPage(ctx, PageContext())
    _assert_clean(page, ctx)  # the key form
    assert page.unlock(ctx.workspace.facilitator_key())
    _assert_clean(page, ctx)
    for key, _ in SECTIONS:
        page.open_section(key)
        _assert_clean(page.sections[key], ctx)
    reveal = page.sections["fac_tab_reveal"]
    assert isinstance(reveal, RevealSection)
    for strand in ("I", "II"):
        reveal.strand.value = strand
        reveal.guarded(reveal._reveal)()
        _assert_clean(reveal, ctx)
        assert any("civicnb-pair" in str(text) or "⟦" in text for _, text in widget_texts(reveal))
    # the room's view on a participant's page, once a strand is revealed
    person = join(ctx.store, ctx.locality, Side.OTHER, "Nahuel", named=False)
    strand = StrandPage(ctx, ctx.session(person.id), ctx.framework.strand("I"), PageContext())
    room = [text for _, text in widget_texts(strand) if "⟦The room" in text]
    assert room  # the room's view is there
    _assert_clean(strand, ctx)


def test_errors_a_page_shows_are_in_its_language(ctx: Context) -> None:
    """A refused name, a bad number and a bad upload: the message a person reads comes
    from the catalog, the values it names being data."""
    start = StartPage(ctx, {})
    start.page.ready = True
    widgets = list(walk(start.root))
    side = next(w for w in widgets if getattr(w, "legend", "") == wrap("I answer for"))
    name = next(
        w for w in widgets if getattr(w, "description", "") == wrap("Your name or a pseudonym")
    )
    begin = next(w for w in widgets if getattr(w, "description", "") == wrap("Begin"))
    status = next(w for w in widgets if type(w).__name__ == "LiveStatus")
    side.value = "LA"
    name.value = "N" * 500
    begin.click()
    assert wrap("Something went wrong: ") in status.text and "500" in status.text
    assert leaks(status.text) == [], status.text

    page = FacilitatorPage(ctx, PageContext())
    assert page.unlock(ctx.workspace.facilitator_key())
    page.open_section("fac_tab_outcomes")
    outs = page.sections["fac_tab_outcomes"]
    outs.title.value = "Plaza accesible"
    outs.baseline.value = "abc"
    outs.guarded(outs._add_outcome)()
    assert outs.status.kind == "error" and "abc" in outs.status.text
    assert leaks(outs.status.text, ["abc"]) == [], outs.status.text

    person = join(ctx.store, ctx.locality, Side.CSO, "Rayén", named=False)
    tools = WorkbookTools(ctx, PSEUDO)
    tools.bind(ctx.session(person.id), lambda: None)
    for raw in (b"", b"{not json", b'{"schema_version": 99}', b"[1, 2]"):
        tools.upload.value = (
            {
                "name": "mine.json",
                "type": "application/json",
                "size": len(raw),
                "content": raw,
                "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            },
        )
        assert tools.status.kind == "error"
        assert leaks(tools.status.text, ["mine.json"]) == [], tools.status.text


# --- exports and the command line's summary ---------------------------------------------

_WORD_COLUMNS = (
    "side",
    "participant_side",
    "question_side",
    "raters_side",
    "dont_know",
    "withheld",
    "named",
    "expected",
    "present",
    "status",
    "category",
    "role",
    "screening",
)
"""Columns whose values are words (yes/no, sides, statuses…), not data."""


def _records(ws_path: Path) -> tuple[LocalityRecords, Any]:
    from civicnb.workspace import open_workspace

    ws = open_workspace(ws_path)
    with ws.open_store() as store:
        records = store.export_locality("villaflor")
    return records, ws.framework(records.locality.edition)


def test_xlsx_sheet_names_headers_and_words(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    from civicnb.exchange.tables import xlsx_bytes

    install(monkeypatch)
    records, framework = _records(ws_path)
    data = _data(records)
    book = load_workbook(io.BytesIO(xlsx_bytes(records, framework, PSEUDO)), read_only=True)
    assert len(book.sheetnames) == 14
    checked = 0
    for sheet in book.worksheets:
        assert leaks(sheet.title) == [], sheet.title
        rows = list(sheet.iter_rows(values_only=True))
        head = [str(h) for h in rows[0]]
        assert all(h.startswith("⟦") and leaks(h) == [] for h in head), head
        columns = {wrap(c): c for c in (*_WORD_COLUMNS, "field")}
        words = [i for i, h in enumerate(head) if h in columns]
        for row in rows[1:]:
            for i in words:
                value = row[i]
                if isinstance(value, str) and value:
                    checked += 1
                    assert leaks(value, data) == [], (sheet.title, head[i], value)
    assert checked > 100  # sides, yes/no, statuses… of the demo


def test_csv_headers_and_words(
    ws_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from civicnb.exchange.tables import write_csv, write_shared_csv

    install(monkeypatch)
    records, framework = _records(ws_path)
    for write in (write_csv, write_shared_csv):
        path = write(records, framework, tmp_path / "out.csv", PSEUDO)
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        head = rows[0]
        assert all(h.startswith("⟦") and leaks(h) == [] for h in head), head
        words = [i for i, h in enumerate(head) if h in {wrap(c) for c in _WORD_COLUMNS}]
        assert words
        for row in rows[1:]:
            for i in words:
                assert leaks(row[i]) == [], (head[i], row[i])


def test_the_summary(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from civicnb.reports.summary import locality_summary
    from civicnb.workspace import open_workspace

    install(monkeypatch)
    records, _ = _records(ws_path)
    text = locality_summary("villaflor", workspace=open_workspace(ws_path), lang=PSEUDO)
    assert text.count("\n") > 20
    found = [(line, leaks(line, _data(records))) for line in text.splitlines()]
    assert not [f for f in found if f[1]], [f for f in found if f[1]]


def test_errors_in_spanish_and_english_on_the_command_line() -> None:
    """The same refusal: English for the command line (``str``), Spanish on a Spanish
    page, with the field's name and the numbers in Spanish too."""
    from civicnb.errors import InputError
    from civicnb.i18n import error_text
    from civicnb.records import Locality, Participant

    loc = Locality("Villaflor", "villaflor", language="es")
    with pytest.raises(InputError) as caught:
        Participant(loc.id, Side.LA, "N" * 1500)
    err = caught.value
    assert str(err).startswith("participant name is 1,500 characters long; the limit is")
    shown = error_text(err, "es")
    assert shown.startswith("el nombre del participante tiene 1.500 caracteres; el límite es")
    assert shown.endswith("acórtelo")
    assert error_text(err, "en") == str(err)
    assert error_text(ValueError("library words"), "es") == "ValueError"


def test_the_home_page(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workspace's home page, public part and the set-up behind the key (where
    trainers and facilitators create localities, open rounds and take reports away)."""
    from civicnb.ui.home import HomePage
    from civicnb.workspace import open_workspace

    install(monkeypatch)
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    ws = open_workspace(ws_path)
    records, _ = _records(ws_path)
    data = _data(records)
    page = HomePage(ws, PSEUDO)
    found = page_leaks(page, data)
    assert not found, found[:20]
    assert page.unlock(ws.facilitator_key())
    found = page_leaks(page, data)
    assert not found, "\n".join(f"{w}: {text!r} -> {words}" for w, text, words in found[:30])


def test_every_error_key_is_a_catalog_message() -> None:
    """The keys errors are raised with (``keyed(..., "err_…")``, ``key="…"``) and the
    fields they name are catalog messages with the placeholders given."""
    import re

    import civicnb
    from civicnb.i18n import MESSAGES

    root = Path(civicnb.__file__).parent
    used = set()
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'keyed\(\s*\w+,\s*"(\w+)"', text))
        used |= set(re.findall(r'\bkey="(\w+)"', text))
        used |= {f"field_{k}" for k in re.findall(r'_field\("(\w+)"\)', text)}
        used |= set(re.findall(r'\bterm\("(\w+)"\)', text))
    assert len(used) > 30
    assert not sorted(k for k in used if k not in MESSAGES)


def test_the_report_sections(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's sections (HTML and PDF are made from them)."""
    from civicnb.reports.sections import Report

    install(monkeypatch)
    records, framework = _records(ws_path)
    data = [*_data(records), framework.attribution.author, framework.attribution.title]
    data.append(framework.attribution.publisher)
    report = Report.from_records(records, framework, lang=PSEUDO)
    parts = [(s.id, part) for s in report.all_sections() for part in visible(s.markup)]
    assert sum(OPEN in part for _, part in parts) > 50
    found = [(where, part, leaks(part, data)) for where, part in parts if leaks(part, data)]
    assert not found, "\n".join(map(str, found[:30]))


def test_participant_pages_in_easy_read(ctx: Context) -> None:
    """Easy read's words (the switch, the note, "Original wording", how to answer, the
    start page's steps) are in the catalog too."""
    ctx.easy_read = True
    start = StartPage(ctx, {})
    start.page.ready = True
    _assert_clean(start.root, ctx)
    person = join(ctx.store, ctx.locality, Side.CSO, "Quimey E", named=True)
    session = ctx.session(person.id)
    for strand in ctx.framework.strands:
        page = StrandPage(ctx, session, strand, PageContext())
        page.relabel(PSEUDO, easy=True)
        _assert_clean(page, ctx)
    _assert_clean(SummaryPage(ctx, session, PageContext()), ctx)
