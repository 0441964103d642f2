"""40 processes write into one store at the same time: no rating lost, no error seen."""

from __future__ import annotations

import multiprocessing as mp
import queue

import pytest

from civicnb.records import Locality, Participant, Round, Side
from civicnb.store import Store

from ._workers import write_ratings

WRITERS = 40
PER_WRITER = 30


@pytest.mark.slow
def test_forty_concurrent_writers(store: Store, store_url: str) -> None:
    loc = store.add_locality(Locality(name="Workshop"))
    rnd = store.add_round(Round(loc.id, "baseline"))
    people = [
        store.add_participant(Participant(loc.id, Side.LA if i % 2 else Side.CSO, f"p{i}"))
        for i in range(WRITERS)
    ]
    # forkserver: fresh interpreters like spawn (no inherited engine or locks), but the
    # store is imported once in the server, so 40 writers start in about a second
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["civicnb.store", "civicnb.records"])
    start = ctx.Event()
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=write_ratings, args=(store_url, rnd.id, p.id, PER_WRITER, start, results)
        )
        for p in people
    ]
    for proc in procs:
        proc.start()
    try:
        events: dict[str, list[tuple[str, object]]] = {}

        def collect(kind: str) -> None:
            got = 0
            while got < WRITERS:
                try:
                    status, pid, payload = results.get(timeout=180)
                except queue.Empty:
                    pytest.fail(f"timed out waiting for writers ({kind}: {got}/{WRITERS})")
                if status == "error":
                    pytest.fail(f"writer {pid} failed:\n{payload}")
                assert status == kind
                events.setdefault(kind, []).append((pid, payload))
                got += 1

        collect("ready")  # every writer has opened the store...
        start.set()  # ...and all start writing together
        collect("ok")
    finally:
        start.set()
        for proc in procs:
            proc.join(60)
            if proc.is_alive():
                proc.kill()
    assert all(proc.exitcode == 0 for proc in procs)
    ratings = store.ratings(round_id=rnd.id)
    assert len(ratings) == WRITERS * PER_WRITER
    assert len({(r.participant_id, r.question_id) for r in ratings}) == WRITERS * PER_WRITER
    for p in people:
        mine = store.ratings(participant_id=p.id)
        assert [r.question_id for r in mine] == [f"Q{i:02d}" for i in range(PER_WRITER)]
        assert [r.score for r in mine] == [i % 5 + 1 for i in range(PER_WRITER)]
