"""The report says who recorded the agreed ratings and the actions (co-facilitation),
escaped, and says nothing of it for records made before (recorded_by "")."""

from __future__ import annotations

from civicnb.framework import load_framework
from civicnb.records import Action, JointRating, Locality, LocalityRecords, Round
from civicnb.reports.sections import Report

FW = load_framework("pamphlet")
NAME = "Ana <b>x</b>"


def _records(by: str) -> LocalityRecords:
    loc = Locality(name="Villa", slug="villa")
    rnd = Round(loc.id, "One")
    return LocalityRecords(
        locality=loc,
        rounds=(rnd,),
        joint_ratings=(JointRating(rnd.id, "P01", 3, "Agreed", recorded_by=by),),
        actions=(Action(loc.id, "Publish the budget", recorded_by=by),),
    )


def test_who_recorded_the_agreed_ratings_and_actions() -> None:
    for lang, said, column in (
        ("en", "recorded by", "Recorded by"),
        ("es", "registrado por", "Registrado por"),
    ):
        r = Report.from_records(_records(NAME), FW, lang=lang)
        agreed = r.strand("I").markup
        assert f"{said} Ana &lt;b&gt;x&lt;/b&gt;" in agreed
        actions = r.actions().markup
        assert column in actions
        assert "Ana &lt;b&gt;x&lt;/b&gt;" in actions
        assert NAME not in agreed + actions


def test_nothing_said_when_not_known() -> None:
    r = Report.from_records(_records(""), FW, lang="en")
    assert "recorded by" not in r.strand("I").markup.lower()
    assert "Recorded by" not in r.actions().markup
