"""The home page's rounds section, driven without a browser: the rounds of each
locality, opening the next one (the same records as ``civicnb round``), a duplicate
label refused with the store unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as W
import pytest
from cli_helpers import Result, db_dump
from widget_helpers import walk

import civicnb.workshop.rounds as rounds_mod
from civicnb.records import LocalityRecords, Outcome, Side
from civicnb.ui.home.context import HomeContext
from civicnb.ui.home.rounds import LocalityRounds, rounds_section
from civicnb.workshop.participation import ParticipantSession, join
from civicnb.workspace import Workspace, open_workspace

Run = Callable[..., Result]


def _new(run: Run, ws: Path) -> Workspace:
    assert run("init", "--workspace", ws).status == 0
    assert run("new", "Girón", "--workspace", ws).status == 0
    w = open_workspace(ws)
    with w.open_store() as store:
        loc = store.get_locality("giron")
        store.save_outcome(Outcome(loc.id, "Clean river", "environment", current=3.0, id="o1"))
        person = join(store, loc, Side.CSO, "Eva", False)
        rnd = store.rounds(loc.id)[0]
        session = ParticipantSession(store, w.framework(loc.edition), loc, rnd, person)
        session.save(session.framework.strands[0].questions[0].id, score=3)
    return w


def _block(section: W.Widget) -> LocalityRounds:
    return next(w for w in walk(section) if isinstance(w, LocalityRounds))


def _html(section: W.Widget) -> str:
    return "".join(w.value for w in walk(section) if isinstance(w, W.HTML))


def _shape(records: LocalityRecords) -> Any:
    """The records without their generated ids (two workspaces, same story)."""

    def plain(rec: Any) -> Any:
        d = dataclasses.asdict(rec)
        for k in ("id", "round_id", "locality_id", "created_at", "updated_at", "participant_id"):
            d.pop(k, None)
        return d

    return (
        [plain(r) for r in records.rounds],
        sorted((plain(a) for a in records.attendance), key=repr),
        [plain(r) for r in records.outcome_readings],
        [plain(o) for o in records.outcomes],
    )


def test_the_section_lists_rounds_and_opens_the_next(tmp_path: Path, run: Run) -> None:
    ws = _new(run, tmp_path / "ws")
    refreshed: list[bool] = []
    ctx = HomeContext(ws, "es", facilitator="Marta", refresh=lambda: refreshed.append(True))
    section = rounds_section(ctx)
    html = _html(section)
    assert "Rondas de Girón" in html and "Baseline" in html
    assert "<td>1</td>" in html  # Eva answered the baseline
    block = _block(section)
    # labelled inputs: every input says what it is for
    assert block.label.description == "Nombre de la nueva ronda"
    assert block.date.description == "Fecha (opcional)"
    block.label.value = "Seguimiento"
    block.date.value = dt.date(2026, 3, 1)
    block.button.click()
    assert block.status.kind == "ok", block.status.text
    assert "Ronda Seguimiento abierta" in block.status.text
    assert refreshed == [True]
    assert block.label.value == ""
    html = _html(section)
    assert "Seguimiento" in html and "2026-03-01" in html and "cerrada (solo lectura)" in html
    with ws.open_store() as store:
        assert [r.label for r in store.rounds(store.get_locality("giron").id)] == [
            "Baseline",
            "Seguimiento",
        ]


def test_a_duplicate_label_is_refused_and_changes_nothing(tmp_path: Path, run: Run) -> None:
    ws = _new(run, tmp_path / "ws")
    refreshed: list[bool] = []
    block = _block(rounds_section(HomeContext(ws, "en", refresh=lambda: refreshed.append(True))))
    before = db_dump(tmp_path / "ws")
    block.label.value = "baseline"
    block.button.click()
    assert block.status.kind == "error"
    assert block.status.text == (
        "Girón already has a round labelled baseline: choose another label. Nothing was changed."
    )
    block.label.value = ""
    block.button.click()
    assert block.status.kind == "error" and "needs a label" in block.status.text
    assert db_dump(tmp_path / "ws") == before
    assert refreshed == []


def test_cli_and_section_make_the_same_records(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One code path: both go through workshop.rounds.open_round, with the same result."""
    calls: list[str] = []
    real = rounds_mod.open_round

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(rounds_mod, "open_round", spy)
    by_cli = _new(run, tmp_path / "a")
    by_page = _new(run, tmp_path / "b")
    res = run("round", "giron", "Follow-up", "--date", "2026-03-01", "--workspace", tmp_path / "a")
    assert res.status == 0, res.err
    block = _block(rounds_section(HomeContext(by_page, "en")))
    block.label.value = "Follow-up"
    block.date.value = dt.date(2026, 3, 1)
    block.button.click()
    assert calls == ["Follow-up", "Follow-up"]
    shapes = []
    for w in (by_cli, by_page):
        with w.open_store() as store:
            shapes.append(_shape(store.export_locality("giron")))
    assert shapes[0] == shapes[1]
    assert shapes[0][0][1]["label"] == "Follow-up"
    assert shapes[0][2] == [{"outcome_id": "o1", "value": 3.0, "recorded_by": ""}]
