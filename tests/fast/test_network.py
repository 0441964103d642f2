"""The network synthesis (civicnb.store.network, civicnb.analysis.network,
civicnb.reports.network) on SQLite, without a kernel: figures computed by hand on four
localities, the small-number rule for a side of k-1 people and for fewer than
min_localities localities, consent to be named, and a generated network of a few
hundred localities checked against each locality's own analysis."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_helpers import Result
from network_helpers import CSO, LA, SCORES, K, add_locality, answer, hand_network

from civicnb.analysis.network import (
    Distribution,
    NetworkWithheld,
    quantile,
    synthesise,
)
from civicnb.analysis.views import analyse_round
from civicnb.demo.network import generate_network
from civicnb.records import Side
from civicnb.reports.network import NetworkReport
from civicnb.store import Store
from civicnb.workspace import Workspace, init_workspace


@pytest.fixture
def hand_ws(tmp_path: Path) -> Iterator[tuple[Workspace, Store]]:
    ws = init_workspace(tmp_path / "ws")
    with ws.open_store() as store:
        hand_network(store)
        yield ws, store


def _synth(store: Store, ws: Workspace, **kw: object):  # type: ignore[no-untyped-def]
    members = store.network_members()
    return synthesise(
        ws.framework("pamphlet"),
        members,
        store.network_view_counts(),
        store.network_participation(),
        **{"min_group": K, "min_localities": 3, **kw},  # type: ignore[arg-type]
    )


def _dist(d: Distribution | NetworkWithheld) -> tuple[float, ...]:
    assert isinstance(d, Distribution), d
    return (d.n, d.minimum, d.q1, d.median, d.q3, d.maximum)


def _block(blocks, block_id):  # type: ignore[no-untyped-def]
    return next(b for b in blocks if b.block_id == block_id)


def test_quantiles_interpolate_between_ranks() -> None:
    assert quantile([2.0, 3.0, 4.5, 4.5], 0.25) == pytest.approx(2.75)
    assert quantile([1.0], 0.75) == 1.0
    assert quantile([1.0, 2.0, 3.0], 0.5) == 2.0


def test_figures_computed_by_hand(hand_ws: tuple[Workspace, Store]) -> None:
    ws, store = hand_ws
    s = _synth(store, ws)
    # pair P01 per locality (own, other, gap, level):
    #   A (4.5, 2.5, 2, 3.5)  B (3, 3, 0, 3)  C (2, 1, 1, 1.5)  D (4.5, 4.5, 0, 4.5)
    p01 = _block(s.pairs, "P01")
    assert _dist(p01.own) == pytest.approx((4, 2.0, 2.75, 3.75, 4.5, 4.5))
    assert _dist(p01.other) == pytest.approx((4, 1.0, 2.125, 2.75, 3.375, 4.5))
    assert _dist(p01.gap) == pytest.approx((4, 0.0, 0.0, 0.5, 1.25, 2.0))
    assert _dist(p01.level) == pytest.approx((4, 1.5, 2.625, 3.25, 3.75, 4.5))
    # strand I has only P01 answered: the same figures; the other strands have none
    assert _dist(_block(s.strands, "I").level) == _dist(p01.level)
    assert isinstance(_block(s.strands, "II").level, NetworkWithheld)
    assert isinstance(_block(s.pairs, "P02").own, NetworkWithheld)
    assert [r.strand_id for r in s.ranking] == ["I"]
    # round 1: four localities, 8 people of each side
    (r1,) = s.rounds
    assert (r1.round_no, r1.localities, r1.people) == (1, 4, {Side.LA: 8, Side.CSO: 8})
    # upper quarter (level >= 3.75): D; lower quarter (<= 2.625): C
    ids = {m.name[-1]: m.id for m in s.members}
    (match,) = s.matches
    assert (match.pair_id, match.peers, match.weak) == ("P01", (ids["D"],), (ids["C"],))
    assert s.progress == ()


def test_progress_between_rounds_by_hand(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "ws")
    with ws.open_store() as store:
        names = {}
        for name, scores in SCORES.items():
            loc, rnds, people = add_locality(store, name, scores, rounds=2 if name != "D" else 1)
            names[name] = loc
            if name != "D":  # round 2: everyone gives 4 to both questions
                answer(store, rnds[1], people, {key: (4, 4) for key in scores})
        s = _synth(store, ws)
    # levels A 3.5 -> 4, B 3 -> 4, C 1.5 -> 4: changes 0.5, 1, 2.5
    changes = [c for c in s.progress if c.strand_id == "I"]
    assert len(changes) == 1
    c = changes[0]
    assert (c.from_round, c.to_round) == (1, 2)
    assert _dist(c.change) == pytest.approx((3, 0.5, 0.75, 1.0, 1.75, 2.5))
    assert (c.improved, c.steady, c.declined) == (3, 0, 0)
    # the latest rounds: A, B, C at 4 (round 2), D at 4.5 (round 1)
    assert _dist(_block(s.pairs, "P01").own) == pytest.approx((4, 4.0, 4.0, 4.0, 4.125, 4.5))
    assert [(r.round_no, r.localities) for r in s.rounds] == [(1, 4), (2, 3)]
    assert s.rounds[1].people == {Side.LA: 6, Side.CSO: 6}


def test_a_side_of_k_minus_one_people_contributes_nothing(tmp_path: Path) -> None:
    """Locality E has K LA people but K-1 CSO people: whatever the CSO person answers,
    no figure of the synthesis or of the report changes."""
    outputs = []
    for cso_score in (1, 5):
        ws = init_workspace(tmp_path / f"ws{cso_score}")
        with ws.open_store() as store:
            hand_network(store)
            scores = {
                (LA, "LA-01"): (5, 5),
                (LA, "CSO-I"): (5, 5),
                (CSO, "LA-01"): (cso_score,) * (K - 1),
                (CSO, "CSO-I"): (cso_score,) * (K - 1),
            }
            add_locality(store, "E", scores, country="Chile")
            store.set_network_consent("locality-e", True)
            s = _synth(store, ws)
            report = NetworkReport(s, ws.framework("pamphlet"), "en", [], [])
            e = next(m.id for m in s.members if m.name == "Locality E")
            s_pos = _synth(store, ws, positions=[e])
            seen = repr((s.pairs, s.strands, s.matches, s_pos.positions))
            seen += "".join(x.markup for x in report.sections())
            for m in s.members:  # ids differ between the two stores: compare by name
                seen = seen.replace(m.id, m.name)
            outputs.append(seen)
            p01 = _block(s.pairs, "P01")
            # E's LA people count (own view of LA-01 = 5, other view of CSO-I = 5), its
            # CSO person does not: E has no gap, and CSO-I's own view has 4 localities
            assert _dist(p01.own)[0] == 5 and _dist(p01.other)[0] == 5
            assert _dist(p01.gap)[0] == 4
            (pos,) = s_pos.positions
            figs = next(r for r in pos.pairs if r.block_id == "P01").figures
            assert (figs.own, figs.other, figs.gap) == (5.0, 5.0, None)
    assert outputs[0] == outputs[1]


def test_fewer_than_min_localities_withholds_every_network_figure(
    hand_ws: tuple[Workspace, Store],
) -> None:
    ws, store = hand_ws
    s = _synth(store, ws, min_localities=5)  # four localities only
    for b in (*s.pairs, *s.strands):
        assert all(
            isinstance(getattr(b, v), NetworkWithheld) for v in ("own", "other", "gap", "level")
        )
    assert isinstance(s.rounds[0].people, NetworkWithheld)
    assert s.ranking == () and s.matches == ()
    report = NetworkReport(s, ws.framework("pamphlet"), "en", [], [])
    pairs = report.pairs().markup
    assert "withheld" in pairs and "fewer than 5 localities" in pairs
    # no figure of the localities in the tables: no decimal number at all
    assert not re.search(r">\d\.\d<", pairs + report.strands().markup)


def test_position_of_a_locality_that_asks(hand_ws: tuple[Workspace, Store]) -> None:
    ws, store = hand_ws
    ids = {m.name[-1]: m.id for m in store.network_members()}
    s = _synth(store, ws, positions=[ids["C"]])
    (pos,) = s.positions
    row = next(r for r in pos.pairs if r.block_id == "P01")
    assert (row.figures.own, row.figures.other, row.figures.gap, row.figures.level) == (
        2.0,
        1.0,
        1.0,
        1.5,
    )
    assert row.place == "low" and row.peers == (ids["D"],)
    report = NetworkReport(s, ws.framework("pamphlet"), "en", [], [])
    html = report.positions().markup
    # C did not consent: its section is "locality A", D (not consenting) is its country
    assert "Locality C" not in html and "locality A" in html
    assert (
        "Locality D" not in html and "a locality in España" not in html
    )  # one locality: no country
    assert "a locality" in html


def test_consent_names_a_locality(hand_ws: tuple[Workspace, Store]) -> None:
    ws, store = hand_ws
    report_before = NetworkReport(_synth(store, ws), ws.framework("pamphlet"), "en", [], [])
    assert "Locality D" not in report_before.matches().markup
    store.set_network_consent("locality-d", True)
    report = NetworkReport(_synth(store, ws), ws.framework("pamphlet"), "en", [], [])
    assert "Locality D" in report.matches().markup
    store.set_network_consent("locality-d", False)
    again = NetworkReport(_synth(store, ws), ws.framework("pamphlet"), "en", [], [])
    assert "Locality D" not in again.matches().markup


# --- a generated network of a few hundred localities ----------------------------------

N = 200


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Store]]:
    ws = init_workspace(tmp_path_factory.mktemp("network") / "ws")
    with ws.open_store() as store:
        generate_network(store, ws.framework("pamphlet"), N, participants=10, seed=7)
        yield ws, store


def test_generated_network_matches_each_locality_s_own_analysis(
    generated: tuple[Workspace, Store],
) -> None:
    ws, store = generated
    fw = ws.framework("pamphlet")
    report = NetworkReport.from_store(store, ws, None, lang="en")
    s = report.synthesis
    assert len(s.members) == N and s.latest == N
    assert [(r.round_no, r.localities, r.people) for r in s.rounds] == [
        (n, N, {Side.LA: 5 * N, Side.CSO: 5 * N}) for n in (1, 2)
    ]
    # each locality's pair figures, as its own report computes them (analysis.views)
    members = store.network_members()
    withheld = 0
    for m in members[:: N // 8]:
        records = store.export_locality(m.slug)
        latest = max(records.rounds, key=lambda r: r.position)
        own = analyse_round(
            fw, records.participants, records.ratings, min_group=m.min_group, round_id=latest.id
        )
        s_one = synthesise(fw, members, store.network_view_counts([m.id]), [], positions=[m.id])
        for row in s_one.positions[0].pairs:
            pv = own.pair(row.block_id)
            assert row.figures.own == pytest.approx(pv.self_mean)
            assert row.figures.gap == pytest.approx(pv.mean_gap)
            others = [v.other_side.mean for v in pv.questions if v.other_side.mean is not None]
            expected = sum(others) / len(others) if others else None
            assert row.figures.other == pytest.approx(expected)
            withheld += sum(v.self_view.withheld is not None for v in pv.questions)
    assert withheld  # 5 people a side, some "don't know": the rule withholds some views
    for b in s.pairs:
        d = b.level
        assert isinstance(d, Distribution) and 0.9 * N < d.n <= N  # a few withheld
        assert d.minimum <= d.q1 <= d.median <= d.q3 <= d.maximum
    for m in s.matches:
        level = _block(s.pairs, m.pair_id).level
        assert isinstance(level, Distribution) and len(m.weak) >= N // 4 - 1


def test_generated_network_report_names_only_consenting_localities(
    generated: tuple[Workspace, Store],
) -> None:
    ws, store = generated
    members = store.network_members()
    asked = [members[1].slug, members[3].slug]  # loc-0002 (anonymous), loc-0004 (named)
    report = NetworkReport.from_store(store, ws, None, lang="en", positions=asked)
    html = "".join(x.markup for x in report.sections())
    named = [m for m in members if m.named]
    anonymous = [m for m in members if not m.named]
    assert named and anonymous
    for m in anonymous:
        assert m.name not in html and m.slug not in html
    peers = {p for match in report.synthesis.matches for p in match.peers}
    shown = [m for m in named if m.id in peers]
    assert shown and all(m.name in html for m in shown)
    # Colombia's localities (1 in 6) all consented (1 in 3); the others' countries show
    assert re.search(r"a locality in (Brasil|España|Ecuador|Perú|Chile)", html)
    assert "Position of locality A (Brasil)" in html  # loc-0002 asked, anonymous
    assert f"Position of {members[3].name}" in html


def test_generated_network_report_in_spanish_and_portuguese(
    generated: tuple[Workspace, Store],
) -> None:
    ws, store = generated
    es = NetworkReport.from_store(store, ws, None, lang="es")
    assert "Eje I" in es.strands().markup and "mirada propia" in es.pairs().markup
    pt = NetworkReport.from_store(store, ws, None, lang="pt")
    assert "Eixo I" in pt.strands().markup and "visão própria" in pt.pairs().markup
    assert "uma localidade (" in pt.matches().markup


def test_themes_shared_by_enough_localities(generated: tuple[Workspace, Store]) -> None:
    ws, store = generated
    report = NetworkReport.from_store(store, ws, None, lang="en")
    harvest = dict(report.harvest_themes)
    assert harvest and all(n >= 5 for n in harvest.values())
    texts = store.network_texts()
    by_word: dict[str, set[str]] = {}
    for x in texts:
        if x.kind == "harvest":
            for w in x.text.split():
                by_word.setdefault(w, set()).add(x.locality_id)
    for theme, n in harvest.items():
        assert n == len(by_word[theme])


def test_network_consent_command(run: Callable[..., Result], tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "ws")
    with ws.open_store() as store:
        hand_network(store)
    res = run("network-consent", "locality-a", "--named", "--workspace", ws.root)
    assert res.status == 0, res.err
    assert "locality-a may be named" in res.out
    with ws.open_store() as store:
        assert {m.slug: m.named for m in store.network_members()}["locality-a"] is True
    res = run(
        "network-consent", "locality-a", "--anonymous", "--lang", "es", "--workspace", ws.root
    )
    assert res.status == 0 and "anónima" in res.out
    with ws.open_store() as store:
        assert {m.slug: m.named for m in store.network_members()}["locality-a"] is False
    res = run("network-consent", "nowhere", "--named", "--workspace", ws.root)
    assert res.status != 0 and "nowhere" in res.err
    res = run("network-report", "--workspace", ws.root)
    assert res.status != 0 and "--all" in res.err


def test_every_word_of_the_network_report_goes_through_the_catalogs(
    hand_ws: tuple[Workspace, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pseudo_locale import OPEN, PSEUDO, install, leaks, visible

    install(monkeypatch)
    ws, store = hand_ws
    store.set_network_consent("locality-d", True)
    ids = {m.name[-1]: m.id for m in store.network_members()}
    s = _synth(store, ws, positions=[ids["C"], ids["D"]])
    report = NetworkReport(s, ws.framework("pamphlet"), PSEUDO, [("ramps", 4)], [])
    data = [m.name for m in s.members] + [m.country for m in s.members] + ["ramps"]
    parts = [(x.id, part) for x in report.sections() for part in visible(x.markup)]
    assert sum(OPEN in part for _, part in parts) > 50
    found = [(where, part, leaks(part, data)) for where, part in parts if leaks(part, data)]
    assert not found, "\n".join(map(str, found[:30]))
