"""Attacks on the small-number rule (k), driven the way the pages drive the library:
participants join and save through :mod:`civicnb.workshop.participation`, the facilitator
reveals through :func:`civicnb.workshop.facilitation.reveal_strand` (as the facilitator page
does), and "check the room" is :func:`civicnb.workshop.facilitation.reveal_view` rendered by
:func:`civicnb.html.reveal.reveal_html` (as the participants' strand pages do).

Each test is one attack of issue 18, item 6; each must fail against the rule in
``docs/privacy.md``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from workshop_helpers import Workshop

from civicnb.cli import main
from civicnb.records import Side
from civicnb.workshop.facilitation import reveal_strand
from civicnb.workspace import Workspace

K = 5
SECRET = "my secret evidence"


@pytest.fixture
def shop(ws: Workspace) -> Iterator[Workshop]:
    with ws.open_store() as store:
        yield Workshop(ws, store, k=K)


# --- a. sybils joining during a revealed strand -----------------------------------------------


def test_a_four_anonymous_joins_after_the_reveal_do_not_expose_the_fifth(shop: Workshop) -> None:
    victim = shop.join(Side.CSO, "Victim")
    victim.save("LA-01", score=2, note=SECRET)
    shop.reveal()
    before = shop.room()
    assert SECRET not in before
    assert not shop.group("LA-01", Side.CSO).disclosed
    # the attacker joins four times from the join link and rates
    for i in range(4):
        fake = shop.join(Side.CSO, f"fake {i}")
        fake.save("LA-01", score=5, note=f"fake note {i}")
    after = shop.room()  # "check the room"
    assert after == before
    assert SECRET not in after and "fake note" not in after
    assert not shop.group("LA-01", Side.CSO).disclosed
    # nor by asking the facilitator to hide and reveal again: four new people < k
    shop.hide()
    shop.reveal()
    assert shop.room() == before


def test_a_snapshot_is_taken_at_first_view_when_revealed_without_the_framework(
    shop: Workshop,
) -> None:
    # an older caller reveals with the store only: the first look freezes the view
    victim = shop.join(Side.CSO, "Victim")
    victim.save("LA-01", score=2, note=SECRET)
    reveal_strand(shop.store, shop.round.id, "I")
    first = shop.room()
    for i in range(4):
        shop.join(Side.CSO, f"fake {i}").save("LA-01", score=5)
    assert shop.room() == first and SECRET not in first


def test_a_sybils_turning_anonymous_after_the_reveal_change_nothing(shop: Workshop) -> None:
    # four made-up people join *named* (named people never block a group), then turn
    # anonymous after the reveal, hoping the group of one real person crosses k
    fakes = [shop.join(Side.CSO, f"fake {i}") for i in range(4)]
    for f in fakes:
        shop.store.update_participant(replace(f.participant, named=True))
        f.save("LA-01", score=5)
    shop.join(Side.CSO, "Victim").save("LA-01", score=2, note=SECRET)
    shop.reveal()
    before = shop.room()
    assert not shop.group("LA-01", Side.CSO).disclosed
    for f in fakes:
        shop.store.update_participant(replace(f.participant, named=False))
    assert shop.room() == before and SECRET not in before
    assert not shop.group("LA-01", Side.CSO).disclosed


def test_a_named_note_goes_when_consent_is_withdrawn(shop: Workshop) -> None:
    named = shop.join(Side.LA, "Nora Named", named=True)
    named.save("LA-01", score=4, note="Nora's evidence")
    shop.reveal()
    assert "Nora Named" in shop.room() and "Nora&#x27;s evidence" in shop.room()
    shop.store.update_participant(replace(named.participant, named=False))
    html = shop.room()
    assert "Nora" not in html


# --- b. differencing by rating after a reveal -----------------------------------------------


def test_b_rating_after_a_reveal_does_not_change_what_the_room_sees(shop: Workshop) -> None:
    early = [shop.join(Side.CSO, f"cso {i}") for i in range(K)]
    for s, score in zip(early, (1, 2, 3, 4, 5), strict=True):
        s.save("LA-01", score=score)
    shop.reveal()
    before = shop.room()
    assert "1: 1, 2: 1, 3: 1, 4: 1, 5: 1" in before
    late = shop.join(Side.CSO, "late")
    late.save("LA-01", score=5, note="late evidence")
    early[0].save("LA-01", score=4)  # a change of mind after the reveal
    after = shop.room()  # "check the room" again
    assert after == before
    assert "late evidence" not in after
    # hide and reveal again: one new person is fewer than k, the old snapshot is shown
    shop.hide()
    shop.reveal()
    assert shop.room() == before


def test_b_a_new_snapshot_needs_k_more_anonymous_scores(shop: Workshop) -> None:
    early = [shop.join(Side.CSO, f"cso {i}") for i in range(K)]
    for s in early:
        s.save("LA-01", score=3)
    shop.reveal()
    before = shop.room()
    assert "1: 0, 2: 0, 3: 5, 4: 0, 5: 0" in before
    for i in range(K - 1):
        shop.join(Side.CSO, f"new {i}").save("LA-01", score=1)
    shop.hide()
    shop.reveal()
    assert shop.room() == before  # k - 1 new people: still the old view
    shop.join(Side.CSO, "the k-th").save("LA-01", score=1)
    shop.hide()
    shop.reveal()
    now = shop.room()
    assert "1: 5, 2: 0, 3: 5, 4: 0, 5: 0" in now  # k new people: the room is updated


def test_b_the_report_shows_revealed_strands_as_the_room_saw_them(
    shop: Workshop, ws: Workspace
) -> None:
    from civicnb.reports.sections import Report

    early = [shop.join(Side.CSO, f"cso {i}") for i in range(K)]
    for s, score in zip(early, (1, 2, 3, 4, 5), strict=True):
        s.save("LA-01", score=score)
        s.save("LA-04", score=score)  # strand II: never revealed
    shop.reveal()
    late = shop.join(Side.CSO, "late")
    late.save("LA-01", score=5)
    late.save("LA-04", score=5)
    report = Report.load("giron", workspace=ws)
    seen = report.analysis.question("LA-01").other_side.stats
    assert seen is not None and seen.counts == (1, 1, 1, 1, 1)  # as revealed
    live = report.analysis.question("LA-04").other_side.stats
    assert live is not None and live.counts == (1, 1, 1, 1, 2)  # not revealed: all answers
    # the records themselves (what a report embeds for import) stay complete
    with ws.open_store() as store:
        assert len(store.ratings(participant_id=late.participant.id)) == 2


# --- c. "don't know" does not count towards k ---------------------------------------------------


def test_c_four_dont_know_and_one_score_show_nothing_of_that_one(shop: Workshop) -> None:
    for i in range(4):
        shop.join(Side.LA, f"dk {i}").save("LA-01", dont_know=True)
    one = shop.join(Side.LA, "the one")
    one.save("LA-01", score=1, note=SECRET)
    shop.reveal()
    html = shop.room()
    g = shop.group("LA-01", Side.LA)
    assert not g.disclosed and g.stats is None
    assert SECRET not in html
    assert "Not shown, to protect anonymity" in html


# --- d. the CSV meant for sharing ----------------------------------------------------------


def test_d_shared_csv_has_no_participant_rows_and_suppresses_small_groups(
    shop: Workshop, ws: Workspace, tmp_path: Path
) -> None:
    for i, score in enumerate((1, 2, 3, 4, 5)):
        shop.join(Side.LA, f"la anon {i}").save("LA-01", score=score, note=f"la note {i}")
    for i in range(2):
        shop.join(Side.CSO, f"cso anon {i}").save("LA-01", score=1, note=f"cso note {i}")
    out = tmp_path / "shared.csv"
    assert main(["--workspace", str(ws.root), "export", "giron", "--format", "csv",
                 "-o", str(out)]) == 0  # fmt: skip
    text = out.read_text(encoding="utf-8-sig")
    assert "note" not in text.lower().replace("n_dont_know", "")
    for p in shop.store.participants(shop.loc.id):
        assert p.id not in text and p.name not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "participant_id" not in rows[0] and "score" not in rows[0]
    la = next(r for r in rows if r["question_id"] == "LA-01" and r["raters_side"] == "LA")
    assert la["n"] == "5" and la["mean"] == "3.0" and la["withheld"] == "no"
    assert [la[f"n_score_{i}"] for i in range(1, 6)] == ["1"] * 5
    cso = next(r for r in rows if r["question_id"] == "LA-01" and r["raters_side"] == "CSO")
    assert cso["withheld"] == "yes"
    assert cso["n"] == cso["mean"] == cso["n_score_1"] == ""
    # the facilitator's full table is still there, asked for by name
    full = tmp_path / "full.csv"
    assert main(["--workspace", str(ws.root), "export", "giron", "--format", "csv", "--full",
                 "-o", str(full)]) == 0  # fmt: skip
    text = full.read_text(encoding="utf-8-sig")
    assert "cso note 0" in text and "participant_id" in text
