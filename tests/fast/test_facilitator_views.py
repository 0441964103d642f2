"""The facilitator's page without a kernel: the HTML of the room, the reveal and the
records (escaped, withheld under the small-number rule, uncovered outcomes and win-win
activities named in words), theme tagging, the join link and QR code, and what
``civicnb serve`` tells kernels and the facilitator."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from civicnb.analysis import coverage, screen_action
from civicnb.errors import InputError
from civicnb.framework import load_framework
from civicnb.html.qr import join_url, qr_svg
from civicnb.html.reveal import (
    actions_html,
    assets_html,
    attendance_html,
    celebrations_html,
    coverage_html,
    reveal_html,
    room_html,
)
from civicnb.i18n import (
    LANGUAGES,
    MESSAGES,
    message,
    number,
    percent,
    placeholders,
    read_number,
    score,
)
from civicnb.records import (
    Action,
    Activity,
    Asset,
    Attendance,
    Celebration,
    HarvestNote,
    Locality,
    Outcome,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.store import Store, open_store
from civicnb.workshop.facilitation import (
    reveal_strand,
    reveal_view,
    room_counts,
    tag_theme,
)

FW = load_framework("pamphlet")
XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture
def room(tmp_path: Path) -> tuple[Store, Locality, Round, list[Participant]]:
    store = open_store(tmp_path / "s.db", create=True)
    loc = store.add_locality(Locality(name="Villa", slug="villa", min_group=3))
    rnd = store.add_round(Round(locality_id=loc.id, label="Base"))
    people = []
    for i in range(3):
        people.append(store.add_participant(Participant(loc.id, Side.LA, f"LA anon {i}")))
    for i in range(2):  # two anonymous CSO people: fewer than k=3
        people.append(store.add_participant(Participant(loc.id, Side.CSO, f"CSO anon {i}")))
    named = store.add_participant(Participant(loc.id, Side.CSO, "Named " + XSS, named=True))
    people.append(named)
    for p, value in zip(people, (4, 5, 4, 1, 2, 2), strict=True):
        for qid in ("LA-01", "CSO-I"):
            store.save_rating(
                Rating(rnd.id, p.id, qid, score=value, note=f"note of {p.name} {XSS}")
            )
    return store, loc, rnd, people


def test_room_html_is_counts_only(room: tuple[Store, Locality, Round, list[Participant]]) -> None:
    store, loc, rnd, _ = room
    html = room_html(room_counts(store, FW, loc, rnd), FW, "en", frozenset())
    assert "Participants: 6" in html
    assert "anon" not in html and "note of" not in html and "Named" not in html
    # strand I: 3 LA answered LA-01 only (1 of 3 own questions) -> some
    assert "0 / 3 / 0" in html
    assert html.count("Blind") == 5


def test_reveal_html_escapes_and_withholds(
    room: tuple[Store, Locality, Round, list[Participant]],
) -> None:
    store, loc, rnd, _ = room
    reveal_strand(store, rnd.id, "I")
    html = reveal_html(reveal_view(store, FW, loc, rnd, "I", lang="en"), FW, "en")
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # LA: 3 anonymous = k: shown with pseudonyms; CSO: 2 anonymous < k: withheld, and
    # their anonymous notes too; the named CSO participant's note is shown with the name
    assert "LA participant (anonymous)" in html
    assert "Not shown, to protect anonymity: fewer than 3" in html
    assert "CSO participant" not in html and "CSO anon" not in html
    assert "Named &lt;img" in html
    assert "Some notes are not shown, to protect anonymity." in html
    assert re.search(r"To discuss 1: pair \d", html)
    # LA's own view of LA-01: 4, 5, 4 -> 4.3; distribution named for screen readers
    assert "4.3" in html
    assert 'aria-label="Ratings given: 1: 0, 2: 0, 3: 0, 4: 2, 5: 1"' in html


def test_reveal_html_spanish(room: tuple[Store, Locality, Round, list[Participant]]) -> None:
    store, loc, rnd, _ = room
    reveal_strand(store, rnd.id, "I")
    html = reveal_html(reveal_view(store, FW, loc, rnd, "I", lang="es"), FW, "es")
    assert "Para discutir 1" in html and "Participante AL (anónimo)" in html
    # numbers in Spanish notation: LA's mean of 4, 5, 4 is 4,3; agreement as "NN %"
    assert "<td>4,3</td>" in html and "<td>4.3</td>" not in html
    assert re.search(r"<td>\d+\xa0%</td>", html)


def test_scores_in_each_language() -> None:
    assert [score(v, "—", "en") for v in (3.25, 4.95, None)] == ["3.3", "5.0", "—"]
    assert [score(v, "—", "es") for v in (3.25, 4.95, 2)] == ["3,3", "5,0", "2,0"]
    assert score(1.25, "", "es", signed=True) == "+1,3"  # halves away from zero, by hand
    assert score(-1.25, "", "en", signed=True) == "-1.3"
    assert score(-0.04, "", "en", signed=True) == "0.0"  # never "-0.0" nor "+0.0"
    assert score(0.125, "", "es", digits=2) == "0,13"
    assert score(3.5, "", "xx") == "3.5"  # an unknown language falls back to English
    assert number(120.0, "es") == "120" and number(12.5, "es") == "12,5"
    assert percent(0.456, "en") == "46%" and percent(0.456, "es") == "46\xa0%"


def test_numbers_typed_in_either_notation() -> None:
    """A thousands separator is not read as a decimal sign ("1,200" was 1.2)."""
    assert read_number("1,200", "en") == 1200 and read_number("1.200", "es") == 1200
    assert read_number("12,5", "es") == 12.5 and read_number("12.5", "es") == 12.5
    assert read_number("12,5", "en") == 12.5 and read_number("1.234,5", "es") == 1234.5
    assert read_number(" 1 200,5 ", "es") == 1200.5 and read_number("-3", "en") == -3
    for bad in ("abc", "NaN", "inf", "1,2,3.4.5", ""):
        with pytest.raises(ValueError):
            read_number(bad, "en")


def test_records_html_escape_and_mark_in_words() -> None:
    loc = "loc1"
    o1 = Outcome(loc, "Jobs " + XSS, "economy")
    o2 = Outcome(loc, "Clean river", "environment")
    o3 = Outcome(loc, "Nobody works on this", "social")
    a1 = Activity(loc, "Green jobs", outcome_ids=(o1.id, o2.id))
    a2 = Activity(loc, "River walk", outcome_ids=(o2.id,))
    cov = coverage([o1, o2, o3], [a1, a2])
    html = coverage_html(cov, [o1, o2, o3], [a1, a2], "en")
    assert "<script>" not in html
    assert "Outcomes no activity serves: Nobody works on this." in html
    assert "Win-win activities: Green jobs." in html
    assert html.count("<strong>no activity</strong>") == 1
    assert html.count("<strong>win-win</strong>") == 1
    tests = FW.design_tests
    action = Action(
        loc,
        "Do " + XSS,
        owner="Mayor",
        due=dt.date(2027, 1, 31),
        outcome_ids=(o1.id,),
        screening={tests[0].id: True, tests[1].id: False},
        screening_notes="because " + XSS,
    )
    scr = {action.id: screen_action(FW, action, [o1, o2, o3])}
    html = actions_html([action], scr, [o1, o2, o3], "en")
    assert "<script>" not in html and "1 of 5 design tests" in html
    assert "Does not pass: " + tests[1].title.en in html
    assert "Triple bottom line: Economy" in html and "2027-01-31" in html
    assert "<script>" not in assets_html([Asset(loc, "natural", "River " + XSS)], [o1], "en")
    cel = celebrations_html([Celebration(loc, None, "We did it " + XSS)], "en")
    assert "We did it &lt;img" in cel
    missing = attendance_html([Attendance("r1", "Young people", outreach_note="Via schools")], "en")
    assert "Young people" in missing and "Via schools" in missing
    assert "Every expected group is here." in attendance_html([], "en")


def test_tag_theme_tags_notes_that_mention_it(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db", create=True)
    loc = store.add_locality(Locality(name="Villa", slug="villa"))
    rnd = store.add_round(Round(locality_id=loc.id, label="Base"))
    n1 = store.add_harvest_note(HarvestNote(rnd.id, "1", "La Movilidad es un reto"))
    n2 = store.add_harvest_note(HarvestNote(rnd.id, "2", "movilidád y rampas", themes=("Rampas",)))
    n3 = store.add_harvest_note(HarvestNote(rnd.id, "3", "inmovilidad no cuenta"))
    n4 = store.add_harvest_note(HarvestNote(rnd.id, "4", "ya está", themes=("movilidad",)))
    assert tag_theme(store, rnd.id, "  Movilidad ") == 2
    themes = {n.id: n.themes for n in store.harvest_notes(rnd.id)}
    assert themes[n1.id] == ("Movilidad",)
    assert themes[n2.id] == ("Rampas", "Movilidad")
    assert themes[n3.id] == ()  # a word inside another word is not a mention
    assert themes[n4.id] == ("movilidad",)  # already tagged: unchanged
    assert tag_theme(store, rnd.id, "movilidad") == 0
    with pytest.raises(InputError):
        tag_theme(store, rnd.id, "   ")


def test_join_url_and_qr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CIVICNB_PUBLIC_URL", raising=False)
    assert join_url("villa") is None
    monkeypatch.setenv("CIVICNB_PUBLIC_URL", "http://192.168.1.20:8866/voila/render/")
    url = join_url("villa", "es")
    assert url == "http://192.168.1.20:8866/voila/render/villa/start.ipynb?lang=es"
    svg = qr_svg(url, 'QR code of "x" <y>')
    assert svg.startswith('<svg role="img" aria-label="QR code of &quot;x&quot; &lt;y&gt;"')
    assert "<path" in svg
    monkeypatch.setenv("CIVICNB_PUBLIC_URL", "javascript:alert(1)")
    assert join_url("villa") is None


def test_serve_plan_tells_the_public_address_and_the_facilitator_url(tmp_path: Path) -> None:
    from civicnb.api import init, new_locality
    from civicnb.serving.serve import plan

    ws = init(tmp_path / "ws")
    new_locality("Villa Nueva", workspace=ws.root)
    assert (ws.localities_dir / "villa-nueva" / "facilitator.ipynb").exists()
    p = plan(ws, port=8899)
    assert p.env["CIVICNB_PUBLIC_URL"] == "http://127.0.0.1:8899/voila/render"
    assert p.facilitator_urls == {
        "villa-nueva": "http://127.0.0.1:8899/voila/render/villa-nueva/facilitator.ipynb?key="
        + ws.facilitator_key()
    }


def test_facilitation_messages_in_every_language() -> None:
    fac = [k for k in MESSAGES if k.startswith(("fac_", "room_", "tbl_", "status_", "asset_"))]
    assert len(fac) > 100
    for lang in LANGUAGES:
        for key in fac:
            assert placeholders(message(key, lang)) == placeholders(MESSAGES[key]), (lang, key)
