"""A generated network of localities, written straight into the store's tables in bulk:
for the network report's tests, demonstrations and benchmark (2,700 localities of 20
people and 2 rounds, about 3 million ratings, take well under a minute on SQLite).

The data are made up and deterministic for a seed: each locality has a level per pair
of questions, each side a bias, each person some noise; a few answer "don't know". The
records are built (and so checked) as :mod:`civicnb.records`, but written without the
store's per-record methods: one ``executemany`` per table, the ratings as plain rows
(``COPY`` on PostgreSQL). Use it on an empty store, or on one with no locality of the
same slug.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from civicnb.framework.model import Framework
from civicnb.records import Action, HarvestNote, Locality, Participant, Round, Side
from civicnb.store import Store
from civicnb.store import schema as s
from civicnb.store.mapping import ACTION, HARVEST_NOTE, LOCALITY, PARTICIPANT, ROUND

__all__ = ["COUNTRIES", "GeneratedNetwork", "generate_network"]

COUNTRIES = ("Colombia", "Brasil", "España", "Ecuador", "Perú", "Chile")
_WORDS = [
    "transport",
    "ramps",
    "housing",
    "employment",
    "schools",
    "training",
    "budget",
    "jobs",
    "advocacy",
    "accessible",
    "information",
    "signage",
    "meetings",
    "volunteers",
    "health",
    "sport",
    "culture",
]
_T0 = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)
_BATCH = 20_000


@dataclass(frozen=True)
class GeneratedNetwork:
    localities: int
    participants: int
    ratings: int
    slugs: tuple[str, ...]


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _sqlite_time(when: dt.datetime) -> str:
    """How SQLAlchemy stores a UTC datetime in SQLite (see civicnb.store.types)."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _batches(rows: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(rows), _BATCH):
        yield rows[i : i + _BATCH]


def generate_network(
    store: Store,
    framework: Framework,
    n_localities: int,
    *,
    participants: int = 20,
    rounds: int = 2,
    seed: int = 0,
    prefix: str = "loc",
    named_every: int = 3,
    min_group: int = 5,
) -> GeneratedNetwork:
    """Write ``n_localities`` localities (slugs ``PREFIX-0001``…) with ``participants``
    people each (half LA, half CSO, all anonymous), ``rounds`` rounds in which everyone
    answers every question, a harvest note and an action each, and the consent to be
    named of one locality in ``named_every`` (0: none). Returns what was written."""
    rng = random.Random(seed)
    base = f"{prefix}-{_uid(rng)[:8]}"  # ids in insertion order: the indexes grow at their end
    questions = [(q.id, q.pair_id, q.side) for st in framework.strands for q in st.questions]
    pair_ids = sorted({p for _, p, _ in questions})
    locs: list[dict[str, Any]] = []
    rnds: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    consent: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    ratings: list[tuple[Any, ...]] = []
    slugs: list[str] = []
    for i in range(n_localities):
        lid = f"{base}-{i:05d}"
        loc = Locality(
            name=f"{prefix.title()} {i + 1:04d}",
            slug=f"{prefix}-{i + 1:04d}",
            country=COUNTRIES[i % len(COUNTRIES)],
            edition=framework.id,
            min_group=min_group,
            id=lid,
            created_at=_T0,
        )
        slugs.append(loc.slug)
        locs.append(LOCALITY.values(loc))
        if named_every and i % named_every == 0:
            consent.append({"locality_id": lid, "named": True, "updated_at": _T0})
        level = {p: rng.uniform(1.5, 4.5) for p in pair_ids}
        bias = {Side.LA: rng.uniform(-0.3, 0.8), Side.CSO: rng.uniform(-0.8, 0.3)}
        pids: list[tuple[str, Side]] = []
        for j in range(participants):
            side = Side.LA if j % 2 == 0 else Side.CSO
            person = Participant(lid, side, f"P{j + 1}", id=f"{lid}-p{j:03d}", created_at=_T0)
            pids.append((person.id, side))
            people.append(PARTICIPANT.values(person))
        for n in range(rounds):
            when = _T0 + dt.timedelta(days=365 * n)
            rnd = Round(lid, f"round {n + 1}", when.date(), n, id=f"{lid}-r{n:02d}")
            rid = rnd.id
            rnds.append(ROUND.values(rnd))
            growth = 0.3 * n
            for pid, side in pids:
                for qid, pair, about in questions:
                    raw = level[pair] + growth + (bias[side] if side is about else 0.0)
                    raw += rng.gauss(0, 0.7)
                    dk = rng.random() < 0.03
                    score = None if dk else min(5, max(1, round(raw)))
                    ratings.append((f"{rid}-{len(ratings):08d}", rid, pid, qid, score, dk, when))
            words = rng.sample(_WORDS, 3)
            note = HarvestNote(
                rid, "1", " ".join(words), themes=(words[0],), id=f"{rid}-h", created_at=when
            )
            notes.append(HARVEST_NOTE.values(note))
        action = Action(
            lid, " ".join(rng.sample(_WORDS, 4)), strand="I", id=f"{lid}-a", created_at=_T0
        )
        actions.append(ACTION.values(action))
    with store.engine.begin() as conn:
        for table, rows in (
            (s.localities, locs),
            (s.network_consent, consent),
            (s.rounds, rnds),
            (s.participants, people),
            (s.harvest_notes, notes),
            (s.actions, actions),
        ):
            for batch in _batches(rows):
                conn.execute(sa.insert(table), list(batch))
        _insert_ratings(conn, ratings)
    return GeneratedNetwork(len(locs), len(people), len(ratings), tuple(slugs))


_RATING_COLUMNS = (
    "id, round_id, participant_id, question_id, score, dont_know, note, would_help, "
    "created_at, updated_at"
)


def _insert_ratings(conn: sa.Connection, rows: list[tuple[Any, ...]]) -> None:
    if conn.dialect.name == "postgresql":
        raw: Any = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY ratings ({_RATING_COLUMNS}) FROM STDIN") as cp:
            for rid, rnd, pid, qid, score, dk, when in rows:
                cp.write_row((rid, rnd, pid, qid, score, dk, "", "", when, when))
        return
    sql = f"INSERT INTO ratings ({_RATING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, '', '', ?, ?)"
    times: dict[dt.datetime, str] = {}
    for batch in _batches(rows):
        conn.exec_driver_sql(
            sql,
            [
                (rid, rnd, pid, qid, score, dk, text, text)
                for rid, rnd, pid, qid, score, dk, when in batch
                for text in (times.get(when) or times.setdefault(when, _sqlite_time(when)),)
            ],
        )
