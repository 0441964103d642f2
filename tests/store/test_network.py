"""The network's aggregates and consent, on SQLite and PostgreSQL: the GROUP BY rows
equal the counts made in Python from each locality's exported records, chunks of
localities give the same rows as the whole store, consent goes with its locality."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

import civicnb.store.base as store_base
from civicnb.analysis.network import synthesise
from civicnb.demo.network import generate_network
from civicnb.errors import NotFoundError
from civicnb.framework import load_framework
from civicnb.records import Side
from civicnb.store import Store
from civicnb.store import schema as s
from civicnb.store.network import ViewCounts

N = 30


@pytest.fixture
def network(store: Store) -> Store:
    generate_network(store, load_framework("pamphlet"), N, participants=10, rounds=2, seed=3)
    return store


def _expected(store: Store, slug: str) -> list[ViewCounts]:
    """The rows of one locality, counted in Python from its records."""
    rec = store.export_locality(slug)
    number = {
        r.id: i for i, r in enumerate(sorted(rec.rounds, key=lambda r: (r.position, r.id)), 1)
    }
    people = {p.id: p for p in rec.participants}
    acc: dict[tuple[int, str, str], Counter[str]] = defaultdict(Counter)
    for r in rec.ratings:
        if r.score is None and not r.dont_know:
            continue
        p = people[r.participant_id]
        c = acc[(number[r.round_id], r.question_id, p.side.value)]
        c["answered"] += 1
        c["scored"] += r.score is not None
        c["total"] += r.score or 0
        c["anonymous"] += not p.named
        c["anonymous_scored"] += (not p.named) and r.score is not None
    keys = ("answered", "scored", "total", "anonymous", "anonymous_scored")
    return sorted(
        ViewCounts(rec.locality.id, n, q, Side(side), *(c[k] for k in keys))
        for (n, q, side), c in acc.items()
    )


def test_view_counts_equal_the_records(network: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    members = network.network_members()
    assert len(members) == N
    every = network.network_view_counts()
    assert len(every) == N * 2 * 30 * 2  # localities x rounds x questions x sides
    for m in members[::7]:
        mine = [v for v in every if v.locality_id == m.id]
        assert mine == _expected(network, m.slug)
        assert network.network_view_counts([m.id]) == mine
    monkeypatch.setattr(store_base, "_CHUNK", 7)  # several IN (...) chunks
    assert network.network_view_counts([m.id for m in members]) == every


def test_participation_and_texts(network: Store) -> None:
    rows = network.network_participation()
    assert len(rows) == N * 2 * 2
    assert {r.people for r in rows} == {5}
    texts = network.network_texts()
    assert Counter(t.kind for t in texts) == {"harvest": N * 2, "action": N}
    assert all(len(t.themes) == 1 for t in texts if t.kind == "harvest")


def test_synthesis_on_this_backend(network: Store) -> None:
    fw = load_framework("pamphlet")
    syn = synthesise(
        fw,
        network.network_members(),
        network.network_view_counts(),
        network.network_participation(),
    )
    assert [(r.round_no, r.localities) for r in syn.rounds] == [(1, N), (2, N)]
    assert len(syn.ranking) == 5 and syn.matches


def test_consent_is_kept_per_locality(network: Store) -> None:
    members = {m.slug: m for m in network.network_members()}
    assert members["loc-0001"].named and not members["loc-0002"].named
    assert network.set_network_consent("loc-0002", True) == "loc-0002"
    assert network.set_network_consent(members["loc-0001"].id, False) == "loc-0001"
    again = {m.slug: m.named for m in network.network_members(["loc-0002", "loc-0001"])}
    assert again == {"loc-0002": True, "loc-0001": False}
    with pytest.raises(NotFoundError):
        network.set_network_consent("nowhere", True)
    with pytest.raises(NotFoundError):
        network.network_members(["loc-0001", "nowhere"])
    network.delete_locality("loc-0002")  # its consent goes with it
    assert "loc-0002" not in {m.slug for m in network.network_members()}
    with network.engine.connect() as c:
        ids = set(c.execute(s.network_consent.select()).scalars())
    assert members["loc-0002"].id not in ids
