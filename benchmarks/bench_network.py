"""Network synthesis benchmark (a plain script: ``python benchmarks/bench_network.py``).

    python benchmarks/bench_network.py [--sizes 100,300,900,2700] [--participants 20]
                                       [--rounds 2] [--backend sqlite|postgresql|both]

For each backend (an SQLite file; PostgreSQL from $CIVICNB_TEST_PG_URL, a fresh database
per size, dropped afterwards) and each size, it generates a network in bulk
(:func:`civicnb.demo.network.generate_network`: N localities × 20 people × 2 rounds × 30
questions; 2,700 localities are about 3.2 million ratings) and times:

* the **synthesis**: everything ``civicnb network-report`` computes before the notebook
  runs (:meth:`civicnb.reports.network.NetworkReport.from_store`: the GROUP BY
  aggregates in the database, the synthesis under the small-number rule, the common
  themes) and the HTML of its sections;
* the **baseline**, in the same process on the same store: one ``SELECT count(*)`` over
  the ratings joined to their rounds and participants (the least any synthesis reading
  every rating must do).

It prints each figure, its ratio to the baseline, and how it grows with the number of
localities (time ratio against the smallest size, beside the size ratio). Every figure
comes from this run on this machine. The target: the synthesis of 2,700 localities in at
most 60 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from civicnb.demo.network import generate_network  # noqa: E402
from civicnb.reports.network import NetworkReport  # noqa: E402
from civicnb.store import normalise_url, schema  # noqa: E402
from civicnb.workspace import Workspace, init_workspace  # noqa: E402

TARGET_S = 60.0


@dataclass
class Row:
    backend: str
    localities: int
    ratings: int
    generate_s: float
    synthesis_s: float
    baseline_s: float


@contextmanager
def _pg_database(admin_url: str) -> Iterator[str]:
    import psycopg

    u = normalise_url(admin_url)
    name = f"civicnb_bench_{uuid.uuid4().hex[:12]}"

    def admin() -> psycopg.Connection[object]:
        return psycopg.connect(
            host=u.host or "127.0.0.1",
            port=u.port or 5432,
            user=u.username,
            password=u.password,
            dbname=u.database or "postgres",
            autocommit=True,
        )

    with admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield u.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _workspace(backend: str) -> Iterator[Workspace]:
    folder = tempfile.mkdtemp(prefix="civicnb-bench-network-")
    try:
        if backend == "sqlite":
            yield init_workspace(Path(folder) / "ws")
        else:
            with _pg_database(os.environ["CIVICNB_TEST_PG_URL"]) as url:
                yield init_workspace(Path(folder) / "ws", store_url=url)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _baseline(ws: Workspace) -> float:
    r, rd, p = schema.ratings, schema.rounds, schema.participants
    q = sa.select(sa.func.count()).select_from(
        r.join(rd, rd.c.id == r.c.round_id).join(p, p.c.id == r.c.participant_id)
    )
    with ws.open_store() as store, store.engine.connect() as c:
        t0 = time.perf_counter()
        c.execute(q).scalar()
        return time.perf_counter() - t0


def measure(backend: str, n: int, participants: int, rounds: int) -> Row:
    with _workspace(backend) as ws:
        with ws.open_store() as store:
            t0 = time.perf_counter()
            made = generate_network(
                store, ws.framework("pamphlet"), n, participants=participants, rounds=rounds
            )
            generate_s = time.perf_counter() - t0
            if backend == "postgresql":
                with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.exec_driver_sql("ANALYZE")
        baseline_s = _baseline(ws)  # also warms the cache, as the synthesis finds it
        with ws.open_store() as store:
            t0 = time.perf_counter()
            report = NetworkReport.from_store(store, ws, None, lang="en")
            html = "".join(s.markup for s in report.sections())
            synthesis_s = time.perf_counter() - t0
        assert report.synthesis.latest == n and html
    return Row(backend, n, made.ratings, generate_s, synthesis_s, baseline_s)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,300,900,2700")
    ap.add_argument("--participants", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in backends and not os.environ.get("CIVICNB_TEST_PG_URL"):
        print("CIVICNB_TEST_PG_URL is not set: PostgreSQL skipped")
        backends.remove("postgresql")
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    header = (
        f"{'backend':<11} {'localities':>10} {'ratings':>10} {'generate':>9} "
        f"{'synthesis':>10} {'baseline':>9} {'÷ base':>7} {'growth':>7} {'size×':>6}"
    )
    failed = False
    for backend in backends:
        print(header)
        first: Row | None = None
        for n in sizes:
            row = measure(backend, n, args.participants, args.rounds)
            first = first or row
            growth = row.synthesis_s / first.synthesis_s
            print(
                f"{backend:<11} {row.localities:>10,} {row.ratings:>10,} "
                f"{row.generate_s:>8.1f}s {row.synthesis_s:>9.2f}s {row.baseline_s:>8.2f}s "
                f"{row.synthesis_s / row.baseline_s:>7.1f} {growth:>7.1f} "
                f"{n / first.localities:>6.0f}",
                flush=True,
            )
            if n >= 2700 and row.synthesis_s > TARGET_S:
                failed = True
    print(f"load average after the run {os.getloadavg()[0]:.1f}")
    if failed:
        print(f"the synthesis of 2,700 localities took more than {TARGET_S:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
