"""A small network whose figures the tests compute by hand (imported as a plain module:
tests/fast is on sys.path).

Four localities A-D of two LA and two CSO people each (anonymous), k = 2, who answer
only pair P01 (LA-01 and CSO-I, strand I) in round 1. ``SCORES[loc][(raters, question)]``
are the two people's scores; the hand-computed figures are in tests/fast/test_network.py.
"""

from __future__ import annotations

from civicnb.records import Locality, Participant, Rating, Round, Side
from civicnb.store import Store

K = 2
LA, CSO = Side.LA, Side.CSO
SCORES: dict[str, dict[tuple[Side, str], tuple[int, ...]]] = {
    # A: LA-01 own (5+3)/2 = 4, other 2; CSO-I own 5, other 3
    "A": {
        (LA, "LA-01"): (5, 3),
        (CSO, "LA-01"): (2, 2),
        (LA, "CSO-I"): (3, 3),
        (CSO, "CSO-I"): (5, 5),
    },
    "B": {
        (LA, "LA-01"): (3, 3),
        (CSO, "LA-01"): (3, 3),
        (LA, "CSO-I"): (3, 3),
        (CSO, "CSO-I"): (3, 3),
    },
    "C": {
        (LA, "LA-01"): (2, 2),
        (CSO, "LA-01"): (1, 1),
        (LA, "CSO-I"): (1, 1),
        (CSO, "CSO-I"): (2, 2),
    },
    "D": {
        (LA, "LA-01"): (5, 5),
        (CSO, "LA-01"): (4, 4),
        (LA, "CSO-I"): (5, 5),
        (CSO, "CSO-I"): (4, 4),
    },
}
COUNTRY = {"A": "Colombia", "B": "Colombia", "C": "Brasil", "D": "España"}


def add_locality(
    store: Store,
    name: str,
    scores: dict[tuple[Side, str], tuple[int, ...]],
    *,
    country: str = "Colombia",
    rounds: int = 1,
    min_group: int = K,
) -> tuple[Locality, list[Round], dict[Side, list[Participant]]]:
    """A locality whose people of each side give ``scores`` (one score per person) in
    round 1; later rounds (opened after it: round 1 is then closed) are empty."""
    loc = store.add_locality(
        Locality(name=f"Locality {name}", country=country, min_group=min_group)
    )
    rnds = [store.add_round(Round(loc.id, "round 1", position=0))]
    people: dict[Side, list[Participant]] = {}
    for side in (LA, CSO):
        n = max(len(v) for (s, _q), v in scores.items() if s is side)
        people[side] = [
            store.add_participant(Participant(loc.id, side, f"{name}-{side.value}-{i}"))
            for i in range(n)
        ]
    answer(store, rnds[0], people, scores)
    rnds += [store.add_round(Round(loc.id, f"round {n + 1}", position=n)) for n in range(1, rounds)]
    return loc, rnds, people


def answer(
    store: Store,
    rnd: Round,
    people: dict[Side, list[Participant]],
    scores: dict[tuple[Side, str], tuple[int, ...]],
) -> None:
    for (side, qid), values in scores.items():
        for person, value in zip(people[side], values, strict=False):
            store.save_rating(Rating(rnd.id, person.id, qid, score=value))


def hand_network(store: Store) -> dict[str, Locality]:
    """Localities A-D of :data:`SCORES`."""
    return {
        name: add_locality(store, name, scores, country=COUNTRY[name])[0]
        for name, scores in SCORES.items()
    }
