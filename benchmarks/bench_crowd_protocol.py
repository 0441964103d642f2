"""The server's share of "30 participants open a strand page at once": what each
participant's browser waits for from the server, measured over the real protocol
(page HTML, kernel websocket, the widget states, the first answer saved), with
``civicnb serve --participants N``'s preheated kernels, against one participant alone
(baseline, same machine, same run).

    python benchmarks/bench_crowd_protocol.py [--crowd 30]

It runs ``tests/kernel/test_crowd_load.py`` (which also checks that no rating is lost)
twice, with 1 and with N participants, and prints p50/p95 of "page asked -> first
answer saved" and their ratio. A browser adds its own rendering (about 1 s for a strand
page on this machine, see bench_app.py), on the participant's own device in a workshop.
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


def run(crowd: int) -> tuple[float, float, str]:
    env = dict(os.environ, CIVICNB_CROWD=str(crowd))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly",
         str(ROOT / "tests" / "kernel" / "test_crowd_load.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    found = LINE.search(proc.stdout)
    if proc.returncode != 0 or not found:
        sys.exit(f"the crowd run with {crowd} failed:\n{proc.stdout[-3000:]}{proc.stderr[-2000:]}")
    line = next(x for x in proc.stdout.splitlines() if x.startswith("crowd of"))
    return float(found.group(1)), float(found.group(2)), line


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--crowd", type=int, default=30)
    args = ap.parse_args()
    _solo50, solo95, solo_line = run(1)
    p50, p95, line = run(args.crowd)
    print(solo_line)
    print(line)
    print(
        f"server share of TTI, {args.crowd} at once: p50 {p50:.2f} s, p95 {p95:.2f} s "
        f"(target p95 <= 3 s: {'met' if p95 <= 3 else 'MISSED'}); alone: {solo95:.2f} s; "
        f"ratio p95 / alone {p95 / solo95:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
