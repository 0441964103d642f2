"""Past one laptop: the server's share of the time-to-interactive (page asked -> first
answer saved, over the real kernel protocol) when N participants open strand I at once,
split over two servers on one PostgreSQL store behind nginx, beside the single-server
figure of N/2 (what one server carries; ``civicnb serve`` preheats at most 42 kernels a
page, so one server is not the place for 60 at once) on the same machine, same run.

    export CIVICNB_TEST_PG_URL=$(bash scripts/pg-test-server.sh url)
    python benchmarks/bench_deploy.py [--crowd 60]

It runs ``tests/kernel/test_crowd_load.py`` (one server, SQLite, ``--participants N/2``'s
pools) and ``tests/kernel/test_deploy_load.py`` (two servers of N/2, PostgreSQL, nginx),
both of which also check that every rating is stored exactly once, and prints their
p50/p95 and the ratio. On one machine the two servers share its cores: the figure shows
what the proxy, the shared store and the split cost or save, not what a second machine
would add.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"page asked -> first answer saved p50 ([\d.]+) s, p95 ([\d.]+) s")


def run(test: str, env_name: str, crowd: int) -> tuple[float, float, str]:
    env = dict(os.environ, **{env_name: str(crowd)})
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly",
         str(ROOT / "tests" / "kernel" / test)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    found = LINE.search(proc.stdout)
    if proc.returncode != 0 or not found:
        sys.exit(f"{test} with {crowd} failed:\n{proc.stdout[-3000:]}{proc.stderr[-2000:]}")
    line = next(x for x in proc.stdout.splitlines() if LINE.search(x))
    return float(found.group(1)), float(found.group(2)), line.strip()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--crowd", type=int, default=60)
    args = ap.parse_args()
    if not os.environ.get("CIVICNB_TEST_PG_URL"):
        sys.exit("set CIVICNB_TEST_PG_URL=$(bash scripts/pg-test-server.sh url)")
    half = -(-args.crowd // 2)
    one50, one95, one_line = run("test_crowd_load.py", "CIVICNB_CROWD", half)
    two50, two95, two_line = run("test_deploy_load.py", "CIVICNB_DEPLOY_CROWD", args.crowd)
    print(one_line)
    print(two_line)
    print(
        f"server share of TTI: one server, {half} at once: p50 {one50:.2f} s, p95 "
        f"{one95:.2f} s; two servers behind nginx, {args.crowd} at once: p50 {two50:.2f} s, "
        f"p95 {two95:.2f} s; ratio p95 two / one {two95 / one95:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
