"""Per-organisation views (civicnb.analysis.organisations): each organisation's own view
and the others' view of it, under the small-number rule per organisation, and the
differencing rule (the side minus the shown organisations never reveals a small group)."""

from __future__ import annotations

import dataclasses

from analysis_helpers import LOC, make_framework, people, rate_all
from hypothesis import given, settings
from hypothesis import strategies as st

from civicnb.analysis import analyse_round
from civicnb.analysis.organisations import ProtectsOthers, analyse_organisations
from civicnb.analysis.privacy import check_disclosure
from civicnb.records import Organisation, Participant, Side

FW = make_framework()
ALBA = Organisation(LOC, Side.CSO, "Alba", id="org-alba")
BRISA = Organisation(LOC, Side.CSO, "Brisa", id="org-brisa")
COUNCIL = Organisation(LOC, Side.LA, "Councillors", id="org-council")
ORGS = (ALBA, BRISA, COUNCIL)


def _of(ps: list[Participant], org: Organisation | None = None, rates: str | None = None):
    return [
        dataclasses.replace(p, organisation_id=org.id if org else None, rates_organisation_id=rates)
        for p in ps
    ]


def test_own_and_others_view_at_or_above_k_are_shown_with_the_gap() -> None:
    alba = _of(people("a", Side.CSO, 3), ALBA)
    brisa = _of(people("b", Side.CSO, 3), BRISA)
    la = _of(people("l", Side.LA, 3), COUNCIL, rates=ALBA.id)
    ratings = (
        rate_all(alba, "CSO-I", [5, 5, 4])
        + rate_all(brisa, "CSO-I", [2, 2, 2])
        + rate_all(la, "CSO-I", [2, 3, 1])
    )
    a = analyse_organisations(FW, ORGS, alba + brisa + la, ratings, min_group=3)
    q = a.organisation(ALBA.id).question("CSO-I")
    assert q.own.disclosed and q.own.stats is not None and q.own.stats.counts == (0, 0, 0, 1, 2)
    assert q.own.raters is Side.CSO and q.others.raters is Side.LA
    assert q.others.mean == 2.0 and q.gap is not None and abs(q.gap - (14 / 3 - 2)) < 1e-9
    b = a.organisation(BRISA.id).question("CSO-I")
    assert b.own.mean == 2.0
    # nobody of the LA side rates Brisa: an empty view, shown as empty, no gap
    assert b.others.disclosed and b.others.stats is not None and b.others.stats.n_answers == 0
    assert b.gap is None
    # an organisation is analysed on its own side's column only
    assert a.organisation(COUNCIL.id).questions[0].question_id == "LA-01"
    assert {q.question_id for q in a.organisation(ALBA.id).questions} == {
        q.id for q in FW.questions if q.side is Side.CSO
    }
    # the side-level views are those of analyse_round, untouched by organisations
    side = analyse_round(FW, alba + brisa + la, ratings, min_group=3).question("CSO-I")
    assert side.self_view.stats is not None and side.self_view.stats.n == 6


def test_below_k_is_withheld_and_carries_no_number() -> None:
    alba = _of(people("a", Side.CSO, 2), ALBA)
    brisa = _of(people("b", Side.CSO, 5), BRISA)
    la = _of(people("l", Side.LA, 2), None, rates=ALBA.id)
    ratings = (
        rate_all(alba, "CSO-I", [5, 1])
        + rate_all(brisa, "CSO-I", [3, 3, 3, 4, 4])
        + rate_all(la, "CSO-I", [1, 1])
    )
    a = analyse_organisations(FW, ORGS, alba + brisa + la, ratings, min_group=3)
    q = a.organisation(ALBA.id).question("CSO-I")
    for g in (q.own, q.others):
        assert not g.disclosed and g.stats is None and g.mean is None
        assert g.withheld is not None and "fewer than 3" in g.withheld.reason
    assert q.gap is None
    # Brisa has 5 >= 3 but the side (7) minus Brisa would be Alba's 2: Brisa is withheld too
    b = a.organisation(BRISA.id).question("CSO-I")
    assert isinstance(b.own.withheld, ProtectsOthers) and b.own.stats is None


def test_named_raters_do_not_count_towards_k() -> None:
    alba = _of(people("a", Side.CSO, 2, named=True), ALBA)
    a = analyse_organisations(FW, ORGS, alba, rate_all(alba, "CSO-II", [4, 2]), min_group=5)
    assert a.organisation(ALBA.id).question("CSO-II").own.mean == 3.0


def test_differencing_one_withheld_organisation_protected() -> None:
    """The case of the issue: a side whose figure is shown, with exactly one withheld
    organisation and nobody else, would give the withheld one away as side − shown."""
    alba = _of(people("a", Side.CSO, 4), ALBA)
    brisa = _of(people("b", Side.CSO, 2), BRISA)
    everyone = alba + brisa
    ratings = rate_all(alba, "CSO-I", [4, 4, 4, 4]) + rate_all(brisa, "CSO-I", [1, 2])
    side = analyse_round(FW, everyone, ratings, min_group=3).question("CSO-I").self_view
    assert side.disclosed  # 6 anonymous scorers >= 3: the side's figure is shown
    a = analyse_organisations(FW, ORGS, everyone, ratings, min_group=3)
    alba_q = a.organisation(ALBA.id).question("CSO-I")
    brisa_q = a.organisation(BRISA.id).question("CSO-I")
    assert brisa_q.own.withheld is not None and not isinstance(brisa_q.own.withheld, ProtectsOthers)
    # Alba alone would be enough (4 >= 3), but side − Alba = Brisa: withheld to protect it
    assert isinstance(alba_q.own.withheld, ProtectsOthers) and alba_q.own.mean is None
    # with a third person of no organisation, side − Alba has 3 people: Alba is shown
    extra = people("n", Side.CSO, 1)
    more = ratings + rate_all(extra, "CSO-I", [3])
    a2 = analyse_organisations(FW, ORGS, everyone + extra, more, min_group=3)
    assert a2.organisation(ALBA.id).question("CSO-I").own.mean == 4.0
    assert not a2.organisation(BRISA.id).question("CSO-I").own.disclosed


def test_differencing_on_the_others_view() -> None:
    """The same rule among the raters of the other side (those rating the side as a
    whole are the remainder)."""
    la_alba = _of(people("l", Side.LA, 3), None, rates=ALBA.id)
    la_whole = _of(people("w", Side.LA, 1), None, rates=None)
    everyone = la_alba + la_whole
    ratings = rate_all(la_alba, "CSO-I", [2, 2, 2]) + rate_all(la_whole, "CSO-I", [5])
    a = analyse_organisations(FW, ORGS, everyone, ratings, min_group=3)
    assert isinstance(a.organisation(ALBA.id).question("CSO-I").others.withheld, ProtectsOthers)
    a1 = analyse_organisations(FW, ORGS, la_alba, ratings[:3], min_group=3)
    assert a1.organisation(ALBA.id).question("CSO-I").others.mean == 2.0  # remainder empty


def test_organisations_of_the_wrong_side_and_third_parties_are_not_counted() -> None:
    wrong = _of(people("x", Side.LA, 3), ALBA)  # claims a CSO organisation as their own
    third = [dataclasses.replace(p, rates_organisation_id=ALBA.id) for p in people("t", "other", 3)]
    ratings = rate_all(wrong, "CSO-I", [1, 1, 1]) + rate_all(third, "CSO-I", [1, 1, 1])
    a = analyse_organisations(FW, ORGS, wrong + third, ratings, min_group=1)
    q = a.organisation(ALBA.id).question("CSO-I")
    assert q.own.stats is not None and q.own.stats.n_answers == 0
    assert q.others.stats is not None and q.others.stats.n_answers == 0
    assert not a.any_answers


# --- the rule, for any room ------------------------------------------------------------------

_person = st.tuples(
    st.sampled_from([Side.LA, Side.CSO]),
    st.booleans(),  # named
    st.sampled_from([None, ALBA.id, BRISA.id, COUNCIL.id]),  # their organisation
    st.sampled_from([None, ALBA.id, BRISA.id, COUNCIL.id]),  # whom they rate
    st.one_of(st.none(), st.integers(1, 5)),  # score of CSO-I (None: don't know)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_person, max_size=14), st.integers(1, 4))
def test_no_shown_figure_reveals_a_small_group(rows: list, k: int) -> None:
    """For any room: every shown organisation passes the rule on its own, and whenever
    the side's figure is shown, the side minus the shown organisations passes it too
    (or is nobody). Withheld views carry no statistics."""
    by_id = {o.id: o for o in ORGS}
    ps, ratings = [], []
    for i, (side, named, own, rates, _score) in enumerate(rows):
        own = own if own and by_id[own].side is side else None
        rates = rates if rates and by_id[rates].side is not side else None
        p = Participant(LOC, side, f"p{i}", named, id=f"p{i}", organisation_id=own,
                        rates_organisation_id=rates)  # fmt: skip
        ps.append(p)
    for p, row in zip(ps, rows, strict=True):
        ratings += rate_all([p], "CSO-I", [row[4]])
    a = analyse_organisations(FW, ORGS, ps, ratings, min_group=k)
    side_view = analyse_round(FW, ps, ratings, min_group=k).question("CSO-I")
    for view_name, raters, attr in (
        ("own", Side.CSO, "organisation_id"),
        ("others", Side.LA, "rates_organisation_id"),
    ):
        side = side_view.self_view if raters is Side.CSO else side_view.other_side
        shown = set()
        for org in (ALBA, BRISA):
            g = getattr(a.organisation(org.id).question("CSO-I"), view_name)
            members = [p for p in ps if p.side is raters and getattr(p, attr) == org.id]
            if g.disclosed:
                shown.add(org.id)
                assert g.stats is not None
                assert g.stats.n_answers == len(members)
                anon = [p for p in members if not p.named]
                scored = [p for p in anon if rows[ps.index(p)][4] is not None]
                assert check_disclosure(0, len(anon), k, n_anonymous_scored=len(scored)) is None
            else:
                assert g.stats is None and g.mean is None
        if side.disclosed:
            rest = [p for p in ps if p.side is raters and getattr(p, attr) not in shown]
            anon = [p for p in rest if not p.named]
            scored = [p for p in anon if rows[ps.index(p)][4] is not None]
            assert not rest or (
                check_disclosure(0, len(anon), k, n_anonymous_scored=len(scored)) is None
            )
