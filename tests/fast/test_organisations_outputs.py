"""The per-organisation breakdown where it is shown: the reveal (facilitator and room),
the report's "By organisation" section, `civicnb summary` and the shared CSV. Below k it
says so and shows no number; at or above k it shows the figures."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from workshop_helpers import Workshop

from civicnb.api import export_locality
from civicnb.html.reveal import reveal_html
from civicnb.records import Organisation, Side
from civicnb.reports.sections import Report
from civicnb.reports.summary import locality_summary
from civicnb.workshop.facilitation import frozen_records, reveal_view
from civicnb.workshop.participation import ParticipantSession, join
from civicnb.workspace import Workspace

K = 2


class Room:
    """Strand I, k = 2: the CSO organisations Alba (2 people: shown) and Brisa (1 person:
    withheld), one CSO person of no organisation; two LA officers rating Alba."""

    def __init__(self, shop: Workshop) -> None:
        self.shop = shop
        st, loc = shop.store, shop.loc
        self.alba = st.add_organisation(Organisation(loc.id, Side.CSO, "Alba <b>"))
        self.brisa = st.add_organisation(Organisation(loc.id, Side.CSO, "Brisa"))
        st.add_organisation(Organisation(loc.id, Side.LA, "Secretaría"))

        def person(side: Side, name: str, **kw: object) -> ParticipantSession:
            p = join(st, loc, side, name, False, **kw)  # type: ignore[arg-type]
            return ParticipantSession(st, shop.fw, loc, shop.round, p)

        for name, score in (("a1", 5), ("a2", 4)):
            person(Side.CSO, name, organisation_id=self.alba.id).save("CSO-I", score=score)
        person(Side.CSO, "b1", organisation_id=self.brisa.id).save("CSO-I", score=1)
        person(Side.CSO, "n1").save("CSO-I", score=3)
        for name, score in (("l1", 2), ("l2", 3)):
            officer = person(Side.LA, name, role="officer", rates_organisation_id=self.alba.id)
            officer.save("CSO-I", score=score)


@pytest.fixture
def room(ws: Workspace) -> Iterator[Room]:
    with ws.open_store() as store:
        yield Room(Workshop(ws, store, k=K))


def _row(html: str, name: str) -> str:
    m = re.search(rf"<th scope=\"row\">{re.escape(name)}</th>(.*?)</tr>", html, re.S)
    assert m is not None, name
    return m.group(1)


def test_reveal_shows_alba_and_withholds_brisa(room: Room) -> None:
    shop = room.shop
    shop.reveal("I")
    view = reveal_view(shop.store, shop.fw, shop.loc, shop.round, "I", lang="en")
    assert view.organisations is not None
    q = view.organisations.organisation(room.alba.id).question("CSO-I")
    assert q.own.mean == 4.5 and q.others.mean == 2.5 and q.gap == 2.0
    html = reveal_html(view, shop.fw, "en")
    assert "By organisation" in html
    alba = _row(html, "Alba &lt;b&gt;")  # the name is data, escaped
    assert "4.5 (n = 2)" in alba and "2.5 (n = 2)" in alba and "+2.0" in alba
    brisa = _row(html, "Brisa")
    assert "fewer than 2" in brisa
    assert not re.search(r"\d", re.sub(r"<[^>]+>", "", brisa).replace("fewer than 2", ""))
    # the organisation nobody answered for is not listed
    assert "Secretaría" not in html
    es = reveal_html(
        reveal_view(shop.store, shop.fw, shop.loc, shop.round, "I", lang="es"), shop.fw, "es"
    )
    assert "Por organización" in es and "menos de 2" in _row(es, "Brisa")


def test_report_section_by_organisation(room: Room) -> None:
    shop = room.shop
    records = frozen_records(shop.store, shop.fw, shop.store.export_locality(shop.loc.slug))
    section = Report.from_records(records, shop.fw, lang="en").organisations()
    assert (
        section.id == "organisations"
        and '<h2 id="sec-organisations">By organisation</h2>' in section.markup
    )
    assert "4.5 (n = 2)" in _row(section.markup, "Alba &lt;b&gt;")
    brisa = _row(section.markup, "Brisa")
    assert "fewer than 2" in brisa and "n = " not in brisa and "1.0" not in brisa
    assert "organisations" in [s.id for s in Report.from_records(records, shop.fw).all_sections()]


def test_report_section_without_organisations(ws: Workspace) -> None:
    with ws.open_store() as store:
        shop = Workshop(ws, store, k=K)
        records = store.export_locality(shop.loc.slug)
    section = Report.from_records(records, shop.fw, lang="es").organisations()
    assert "Ninguna organización participó" in section.markup and "<table" not in section.markup


def test_summary_by_organisation(room: Room) -> None:
    text = locality_summary(room.shop.loc.slug, workspace=room.shop.ws, lang="en")
    block = text.split("By organisation", 1)[1].split("\n\n", 1)[0]
    assert "Alba <b> (CSO)" in block and "own 4.5, others' 2.5, gap +2.0" in block
    brisa = block.split("Brisa (CSO)", 1)[1]
    assert "own fewer than 2, others' -, gap -" in brisa.splitlines()[1]
    assert "Secretaría" not in block


def test_shared_csv_rows_per_organisation(room: Room, tmp_path: Path) -> None:
    shop = room.shop
    path = export_locality(shop.loc.slug, workspace=shop.ws, fmt="csv", out=tmp_path / "s.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["question_id"] == "CSO-I"]
    side = [r for r in rows if r["organisation"] == ""]
    assert {r["raters_side"] for r in side} == {"CSO", "LA"}  # the side level as before
    alba = [r for r in rows if r["organisation"] == "Alba <b>"]
    assert [(r["raters_side"], r["withheld"], r["mean"], r["n"]) for r in alba] == [
        ("CSO", "no", "4.5", "2"),
        ("LA", "no", "2.5", "2"),
    ]
    brisa = [r for r in rows if r["organisation"] == "Brisa"]
    assert len(brisa) == 1 and brisa[0]["withheld"] == "yes"
    numbers = (
        "n",
        "n_dont_know",
        "mean",
        "sd",
        "agreement",
        *(f"n_score_{i}" for i in range(1, 6)),
    )
    assert all(brisa[0][c] == "" for c in numbers)
