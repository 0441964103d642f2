"""Joining, answering (saved on every change), and taking the workbook away and back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from civicnb.api import create_demo, new_locality
from civicnb.errors import InputError, NotFoundError, WorkbookError
from civicnb.framework import load_framework
from civicnb.html.charts import RadarSeries, radar_svg
from civicnb.records import Side
from civicnb.store import Store
from civicnb.workshop.participation import ParticipantSession, join, merge_workbook
from civicnb.workspace import Workspace, init_workspace

FW = load_framework("pamphlet")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = init_workspace(tmp_path / "ws")
    new_locality("Girón", workspace=w, language="es")
    return w


@pytest.fixture
def store(ws: Workspace) -> Iterator[Store]:
    with ws.open_store() as s:
        yield s


def _session(store: Store, side: Side = Side.LA, name: str = "Ana") -> ParticipantSession:
    loc = store.get_locality("giron")
    person = join(store, loc, side, name, named=False)
    return ParticipantSession.resume(store, FW, loc, person.id)


def test_answers_save_field_by_field(store: Store) -> None:
    s = _session(store)
    s.save("LA-01", score=4)
    s.save("LA-01", note="Plan de desarrollo <b>2024</b>")
    r = s.answers()["LA-01"]
    assert (r.score, r.dont_know, r.note) == (4, False, "Plan de desarrollo <b>2024</b>")
    s.save("LA-01", dont_know=True)
    r = s.answers()["LA-01"]
    assert (r.score, r.dont_know, r.note) == (None, True, "Plan de desarrollo <b>2024</b>")
    s.save("LA-01", score=2)
    assert (s.answers()["LA-01"].score, s.answers()["LA-01"].dont_know) == (2, False)
    # a note written before any rating is kept and counts as unanswered
    s.save("LA-02", note="todavía no sé")
    assert not s.answers()["LA-02"].answered


def test_bad_values_change_nothing(store: Store) -> None:
    s = _session(store)
    s.save("LA-03", score=3, note="ok")
    for bad in ({"score": 6}, {"score": 0}, {"note": "x" * 5001}, {"would_help": "a\x00b"}):
        with pytest.raises(InputError):
            s.save("LA-03", **bad)  # type: ignore[arg-type]
    r = s.answers()["LA-03"]
    assert (r.score, r.note, r.would_help) == (3, "ok", "")
    with pytest.raises(NotFoundError):
        s.save("LA-99", score=3)


def test_resume_after_reload_and_bad_links(store: Store) -> None:
    s = _session(store)
    s.save("LA-04", score=5)
    again = ParticipantSession.resume(store, FW, s.locality, s.participant.id)
    assert again.answers()["LA-04"].score == 5
    with pytest.raises(InputError, match="join again"):
        ParticipantSession.resume(store, FW, s.locality, "no-such-person")


def test_progress_counts_own_side(store: Store) -> None:
    s = _session(store, Side.CSO, "Luz")
    s.save("CSO-I", score=3)
    s.save("CSO-II", dont_know=True)
    s.save("LA-01", score=1)  # the other column does not count towards progress
    prog = s.progress()
    assert prog["I"] == (2, 3)
    assert prog["II"] == (0, 3)


def test_merge_workbook_back_into_a_fresh_workspace(tmp_path: Path, store: Store) -> None:
    s = _session(store)
    s.save("LA-01", score=4, note="a")
    mine = s.my_records()
    assert [p.id for p in mine.participants] == [s.participant.id]
    # a new Binder session: empty workspace
    fresh = init_workspace(tmp_path / "fresh")
    with fresh.open_store() as other:
        assert merge_workbook(other, mine) == {"participants": 1, "ratings": 1}
        back = ParticipantSession.resume(other, FW, other.get_locality("giron"), s.participant.id)
        assert back.answers()["LA-01"].note == "a"
        # merging again adds nothing; a newer answer in the file wins
        assert merge_workbook(other, mine)["ratings"] == 0
    s.save("LA-01", score=5)
    with fresh.open_store() as other:
        assert merge_workbook(other, s.my_records())["ratings"] == 1
        again = ParticipantSession.resume(other, FW, other.get_locality("giron"), s.participant.id)
        assert again.answers()["LA-01"].score == 5


def test_merge_refuses_a_namesake_locality(tmp_path: Path, store: Store) -> None:
    s = _session(store)
    other_ws = init_workspace(tmp_path / "other")
    new_locality("Girón", workspace=other_ws)  # same slug, different locality
    with other_ws.open_store() as other, pytest.raises(WorkbookError, match="another locality"):
        merge_workbook(other, s.my_records())


def test_demo_participants_resume(tmp_path: Path) -> None:
    w = tmp_path / "demo"
    create_demo(w)
    ws = init_workspace(w)
    with ws.open_store() as st:
        loc = st.get_locality("villaflor")
        person = st.participants(loc.id)[0]
        sess = ParticipantSession.resume(st, FW, loc, person.id)
        assert sess.round.label == "Seguimiento"
        assert len(sess.answers()) >= 15


def test_radar_chart_is_accessible_and_escaped() -> None:
    svg = radar_svg(
        ["I", "II", "<III>", "IV", "V"],
        [RadarSeries("Mine <script>", [3, 4, None, 2, 5])],
        title="My ratings & more",
        description="Strand I: 3 of 5",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="radar-title">My ratings &amp; more</title>' in svg
    assert "<script>" not in svg and "&lt;III&gt;" in svg
    with pytest.raises(ValueError):
        radar_svg(["a", "b"], [], title="t", description="d")
