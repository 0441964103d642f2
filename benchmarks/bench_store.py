"""Store write benchmark: many participants saving ratings at the same time.

    python benchmarks/bench_store.py [--writers 40] [--per-writer 30] [--backend sqlite]

For each backend (SQLite file; PostgreSQL from $CIVICNB_TEST_PG_URL, or the throwaway
server of ``scripts/pg-test-server.sh``, started if needed) it measures

* a baseline: ONE writer process saving ratings one by one (each its own transaction);
* the workshop case: ``--writers`` processes (default 40), started together, each saving
  ``--per-writer`` ratings (default 30) for its own participant into the same store;

and prints ratings per second, p50/p95 latency of one ``save_rating`` call, and the
ratio of each to the baseline. Every figure comes from this run on this machine. It
also checks that no rating was lost and no writer saw an error. Bounded in time: the
whole run takes well under two minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEADLINE_S = 45.0
"""Most seconds one measurement may take before the run is abandoned."""


def _writer(url: str, round_id: str, participant_id: str, n: int, start: Any, results: Any) -> None:
    try:
        from civicnb.records import Rating
        from civicnb.store import open_store

        store = open_store(url)
        results.put(("ready", None))
        if not start.wait(DEADLINE_S):
            raise TimeoutError("no start signal")
        latencies = []
        t_first = time.monotonic()
        for i in range(n):
            t0 = time.perf_counter()
            store.save_rating(
                Rating(round_id, participant_id, f"Q{i:04d}", score=i % 5 + 1, note="evidence")
            )
            latencies.append(time.perf_counter() - t0)
        t_last = time.monotonic()
        store.close()
        results.put(("ok", (t_first, t_last, latencies)))
    except BaseException:
        results.put(("error", traceback.format_exc()))


@dataclass
class Result:
    writers: int
    ratings: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.ratings / self.seconds

    def pct(self, q: float) -> float:
        lat = sorted(self.latencies)
        return lat[min(len(lat) - 1, round(q * (len(lat) - 1)))]


def measure(url: str, writers: int, per_writer: int, ctx: Any) -> Result:
    from civicnb.records import Locality, Participant, Round, Side
    from civicnb.store import open_store

    with open_store(url, create=True) as store:
        loc = store.add_locality(Locality(name=f"bench {uuid.uuid4().hex[:8]}"))
        rnd = store.add_round(Round(loc.id, "baseline"))
        people = [
            store.add_participant(Participant(loc.id, Side.CSO, f"p{i}")) for i in range(writers)
        ]
    start = ctx.Event()
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_writer, args=(url, rnd.id, p.id, per_writer, start, results))
        for p in people
    ]
    for proc in procs:
        proc.start()
    try:

        def collect(kind: str) -> list[Any]:
            out = []
            deadline = time.monotonic() + DEADLINE_S
            while len(out) < writers:
                try:
                    status, payload = results.get(timeout=max(0.1, deadline - time.monotonic()))
                except queue.Empty:
                    raise SystemExit(f"timed out waiting for writers ({kind})") from None
                if status == "error":
                    raise SystemExit(f"a writer failed:\n{payload}")
                out.append(payload)
            return out

        collect("ready")
        start.set()
        done = collect("ok")
    finally:
        start.set()
        for proc in procs:
            proc.join(10)
            if proc.is_alive():
                proc.kill()
    with open_store(url) as store:
        stored = len(store.ratings(round_id=rnd.id))
    expected = writers * per_writer
    if stored != expected:
        raise SystemExit(f"LOST RATINGS: {stored} stored, {expected} written")
    t0 = min(d[0] for d in done)
    t1 = max(d[1] for d in done)
    latencies = [x for d in done for x in d[2]]
    return Result(writers, expected, t1 - t0, latencies)


@contextmanager
def sqlite_url() -> Iterator[str]:
    tmp = tempfile.mkdtemp(prefix="civicnb-bench-")
    try:
        yield os.path.join(tmp, "civicnb.sqlite")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def postgres_url() -> Iterator[str]:
    import psycopg

    from civicnb.store import normalise_url

    admin = os.environ.get("CIVICNB_TEST_PG_URL", "").strip()
    if not admin:
        script = REPO / "scripts" / "pg-test-server.sh"
        subprocess.run([str(script), "start"], check=True, stdout=subprocess.DEVNULL)
        admin = subprocess.run(
            [str(script), "url"], check=True, capture_output=True, text=True
        ).stdout.strip()
    u = normalise_url(admin)
    name = f"civicnb_bench_{uuid.uuid4().hex[:12]}"

    def connect() -> psycopg.Connection[Any]:
        return psycopg.connect(
            host=u.host or "127.0.0.1",
            port=u.port or 5432,
            user=u.username,
            password=u.password,
            dbname=u.database or "postgres",
            autocommit=True,
        )

    with connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield u.set(database=name).render_as_string(hide_password=False)
    finally:
        with connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--writers", type=int, default=40)
    ap.add_argument("--per-writer", type=int, default=30)
    ap.add_argument("--baseline-ratings", type=int, default=300)
    ap.add_argument(
        "--backend", action="append", choices=["sqlite", "postgresql"], help="default: both"
    )
    args = ap.parse_args(argv)
    backends = args.backend or ["sqlite", "postgresql"]

    # forkserver with the store preloaded: 40 writers start in ~1 s instead of ~20 s
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["civicnb.store", "civicnb.records", "psycopg", "sqlalchemy"])

    print(
        f"civicnb store benchmark -- {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"{args.writers} writers x {args.per_writer} ratings; baseline 1 writer x "
        f"{args.baseline_ratings} ratings"
    )
    header = (
        f"{'backend':<11}{'case':<14}{'ratings':>8}{'s':>7}{'ratings/s':>11}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'rate/base':>11}{'p95/base':>10}"
    )
    print(header)
    t_start = time.monotonic()
    for backend in backends:
        ctxmgr = sqlite_url if backend == "sqlite" else postgres_url
        try:
            with ctxmgr() as url:
                base = measure(url, 1, args.baseline_ratings, ctx)
                many = measure(url, args.writers, args.per_writer, ctx)
        except (OSError, subprocess.CalledProcessError, ImportError) as exc:
            print(f"{backend:<11}skipped: {exc}")
            continue
        for label, r in (("1 writer", base), (f"{args.writers} writers", many)):
            print(
                f"{backend:<11}{label:<14}{r.ratings:>8}{r.seconds:>7.2f}{r.rate:>11.0f}"
                f"{r.pct(0.5) * 1000:>9.2f}{r.pct(0.95) * 1000:>9.2f}"
                f"{r.rate / base.rate:>11.2f}{r.pct(0.95) / base.pct(0.95):>10.2f}"
            )
        sys.stdout.flush()
    print(f"total {time.monotonic() - t_start:.1f} s; no rating lost, no writer error")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
