"""Benchmark of civicnb.analysis (a plain script: ``python benchmarks/bench_analysis.py``).

Times the analysis of a round (per-question statistics, LA/CSO/third-party views with
the small-number rule, pair and strand aggregates, and the discussion ranking):

1. one large locality: 200 participants × 30 questions;
2. a network: 2,700 localities × 20 participants × 30 questions.

Synthetic answers come from ``random.Random(seed)``; generating them is not timed.
Each figure is also given as a ratio to a baseline timed in the same run on the same
data (a naive single pass that only counts ratings per question), so the ratio can be
compared across machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Sequence

from civicnb.analysis import analyse_round, rank_pairs
from civicnb.framework import Framework, load_framework
from civicnb.records import Participant, Rating, Side

T0 = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def make_locality(
    rng: random.Random, fw: Framework, n_participants: int, loc: str
) -> tuple[list[Participant], list[Rating]]:
    """Participants (45 % LA, 45 % CSO, 10 % other; 30 % named) and their answers:
    every participant answers every question; 5 % don't know, 3 % a note only."""
    people = []
    for i in range(n_participants):
        x = rng.random()
        side = Side.LA if x < 0.45 else Side.CSO if x < 0.9 else Side.OTHER
        pid = f"{loc}-p{i}"
        people.append(Participant(loc, side, pid, named=rng.random() < 0.3, id=pid, created_at=T0))
    ratings = []
    n = 0
    for p in people:
        # each person leans optimistic or pessimistic, and more so about their own side
        lean = rng.choice((-1, 0, 0, 1))
        for q in fw.questions:
            x = rng.random()
            n += 1
            if x < 0.05:
                score, dk = None, True
            elif x < 0.08:
                score, dk = None, False
            else:
                own = 1 if q.side is p.side else 0
                score, dk = (
                    min(5, max(1, rng.randint(2, 4) + lean + own * rng.randint(0, 1))),
                    False,
                )
            ratings.append(
                Rating(
                    "r1",
                    p.id,
                    q.id,
                    score=score,
                    dont_know=dk,
                    id=f"{loc}-{n}",
                    created_at=T0,
                    updated_at=T0,
                )
            )
    return people, ratings


def baseline(ratings: Sequence[Rating]) -> int:
    """The reference workload: one pass counting ratings per question."""
    counts: dict[str, int] = {}
    for r in ratings:
        counts[r.question_id] = counts.get(r.question_id, 0) + 1
    return len(counts)


def analyse(fw: Framework, people: Sequence[Participant], ratings: Sequence[Rating]) -> int:
    analysis = analyse_round(fw, people, ratings, min_group=5)
    return len(rank_pairs(analysis))


def bench(
    fw: Framework, data: Sequence[tuple[list[Participant], list[Rating]]], repeat: int
) -> tuple[float, float]:
    """Best-of-``repeat`` seconds for the analysis and for the baseline, over ``data``."""
    best_a = best_b = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for people, ratings in data:
            analyse(fw, people, ratings)
        best_a = min(best_a, time.perf_counter() - t)
        t = time.perf_counter()
        for _people, ratings in data:
            baseline(ratings)
        best_b = min(best_b, time.perf_counter() - t)
    return best_a, best_b


def report(title: str, n_localities: int, n_ratings: int, secs: float, base: float) -> None:
    print(f"{title}")
    print(f"  ratings analysed       {n_ratings:>12,}")
    print(f"  analysis, total        {secs:>12.3f} s")
    print(f"  analysis per locality  {secs / n_localities * 1e3:>12.3f} ms")
    print(f"  baseline (count pass)  {base:>12.3f} s")
    print(f"  ratio analysis/baseline{secs / base:>12.1f} x")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--seed", type=int, default=20140601)
    ap.add_argument("--localities", type=int, default=2700)
    ap.add_argument("--participants", type=int, default=20)
    ap.add_argument("--big", type=int, default=200, help="participants in the large locality")
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    fw = load_framework("pamphlet")
    print(f"framework {fw.id} {fw.version}: {len(fw.questions)} questions, seed {args.seed}\n")

    t = time.perf_counter()
    big = [make_locality(rng, fw, args.big, "big")]
    gen_big = time.perf_counter() - t
    secs, base = bench(fw, big, repeat=5)
    report(
        f"1 locality × {args.big} participants (best of 5; data made in {gen_big:.2f} s)",
        1,
        len(big[0][1]),
        secs,
        base,
    )
    print()

    t = time.perf_counter()
    network = [make_locality(rng, fw, args.participants, f"l{i}") for i in range(args.localities)]
    gen_net = time.perf_counter() - t
    secs, base = bench(fw, network, repeat=2)
    report(
        f"{args.localities:,} localities × {args.participants} participants "
        f"(best of 2; data made in {gen_net:.1f} s)",
        args.localities,
        sum(len(r) for _p, r in network),
        secs,
        base,
    )


if __name__ == "__main__":
    main()
