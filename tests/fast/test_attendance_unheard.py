"""Who's not here, as the source asks it: whose voice and contribution are not being
fully recognised, for groups in the room too. The facilitator records a note for a group
present (stored, in the workbook export and import) and the report shows it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from widget_helpers import walk

from civicnb.api import create_demo
from civicnb.errors import InputError, WorkbookError
from civicnb.exchange.codec import from_json, to_json
from civicnb.framework import load_framework
from civicnb.records import Attendance, Locality, LocalityRecords, Round
from civicnb.reports.sections import Report

FW = load_framework("pamphlet")
XSS = "<img src=x onerror=alert(1)>"


def _records() -> LocalityRecords:
    loc = Locality(name="Villa", slug="villa")
    rnd = Round(loc.id, "One", position=0)
    return LocalityRecords(
        locality=loc,
        rounds=(rnd,),
        attendance=(
            Attendance(rnd.id, "Youth", True, False, "Visit the youth club"),
            Attendance(rnd.id, "Deaf people", True, True, unheard_note="No interpreter " + XSS),
            Attendance(rnd.id, "Traders", True, True),  # here, nothing noted
        ),
    )


def test_the_report_shows_a_group_here_but_not_fully_heard() -> None:
    markup = Report.from_records(_records(), FW, lang="en").attendance().markup
    assert "Youth" in markup and "Visit the youth club" in markup  # not here, as before
    assert "Here, but not fully heard" in markup
    assert "<strong>Deaf people</strong>: No interpreter &lt;img" in markup
    assert XSS not in markup
    assert "Traders" not in markup  # present and nothing noted: not listed
    es = Report.from_records(_records(), FW, lang="es").attendance().markup
    assert "Presentes, pero no del todo escuchados" in es and "Deaf people" in es


def test_nothing_noted_shows_no_heading() -> None:
    recs = _records()
    plain = tuple(
        Attendance(a.round_id, a.group, True, a.present, a.outreach_note, id=a.id)
        for a in recs.attendance
    )
    recs = LocalityRecords(locality=recs.locality, rounds=recs.rounds, attendance=plain)
    markup = Report.from_records(recs, FW, lang="en").attendance().markup
    assert "not fully heard" not in markup and "Youth" in markup


def test_the_note_travels_with_the_workbook_and_older_workbooks_load() -> None:
    a = _records().attendance[1]
    data = to_json(a)
    assert data["unheard_note"] == "No interpreter " + XSS
    assert from_json(Attendance, data, "attendance[1]") == a
    del data["unheard_note"]  # a workbook written before the field
    assert from_json(Attendance, data, "attendance[1]").unheard_note == ""
    with pytest.raises(WorkbookError, match="attendance"):
        from_json(Attendance, {**data, "unheard_note": "x" * 5001}, "attendance[1]")


def test_a_note_too_long_is_refused() -> None:
    rnd = _records().rounds[0]
    with pytest.raises(InputError):
        Attendance(rnd.id, "Youth", unheard_note="x" * 5001)


# --- the facilitator's page ------------------------------------------------------------

pytest.importorskip("ipywidgets")
from civicnb.ui.context import PageContext  # noqa: E402
from civicnb.ui.facilitator import FacilitatorPage  # noqa: E402
from civicnb.ui.facilitator.attendance import AttendanceSection  # noqa: E402
from civicnb.ui.locality_context import Context  # noqa: E402


@pytest.fixture
def ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    create_demo(tmp_path, notebooks=False)
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.setattr("civicnb.ui.facilitator.page.FAILED_KEY_DELAY", 0)
    c = Context.open("villaflor", str(tmp_path), "en", None)
    yield c
    c.store.close()


def _text(w: Any) -> str:
    return " ".join(str(getattr(x, "value", "")) for x in walk(w) if hasattr(x, "value"))


def test_the_facilitator_notes_a_group_here_but_not_fully_heard(ctx: Context) -> None:
    page = FacilitatorPage(ctx, PageContext())
    assert page.unlock(ctx.workspace.facilitator_key())
    page.open_section("fac_tab_attendance")
    att = page.sections["fac_tab_attendance"]
    assert isinstance(att, AttendanceSection)
    row = att.rows.children[0]
    group = att.store.attendance(page.round.id)[0].group
    row.present.value = False
    assert row.unheard.layout.display == "none" and row.note.layout.display != "none"
    row.present.value = True  # here: the question becomes whose voice is not heard
    assert row.unheard.layout.display != "none" and row.note.layout.display == "none"
    row.unheard.value = "Spoke last, nobody answered " + XSS
    stored = {a.group: a for a in ctx.store.attendance(page.round.id)}[group]
    assert stored.present and stored.unheard_note == "Spoke last, nobody answered " + XSS
    assert stored.recorded_by  # stamped like every record of the page
    summary = att.missing.value
    assert (
        "Here, but not fully heard" in summary and "Spoke last, nobody answered &lt;img" in summary
    )
    # a new page (a restarted server) finds it again
    again = FacilitatorPage(ctx, PageContext())
    assert again.unlock(ctx.workspace.facilitator_key())
    again.open_section("fac_tab_attendance")
    assert "Spoke last, nobody answered &lt;img" in _text(again.sections["fac_tab_attendance"])
