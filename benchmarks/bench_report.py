"""Wall time of one report: ``civicnb report villaflor`` on the demo workspace, as a
person runs it (a fresh ``civicnb`` process: papermill, a new kernel, nbconvert, and
Chromium for the PDF when it is installed), against the same command with ``--no-html``
(the notebook alone) measured in the same run.

    python benchmarks/bench_report.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _civicnb() -> list[str]:
    exe = Path(sys.executable).with_name("civicnb")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "civicnb.cli"]


def timed(args: list[str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([*_civicnb(), *args], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"civicnb {' '.join(args)} failed: {proc.stderr.strip()}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.environ["CIVICNB_EXECUTE_NOTEBOOKS"] = "0"
    base = Path(tempfile.mkdtemp(prefix="civicnb-bench-report-"))
    try:
        ws = str(base / "ws")
        timed(["demo", "--workspace", ws])
        full, notebook = [], []
        for _ in range(args.runs):
            notebook.append(timed(["report", "villaflor", "--workspace", ws, "--no-html"]))
            full.append(timed(["report", "villaflor", "--workspace", ws]))
        pdf = any((base / "ws" / "reports" / "villaflor").glob("*.pdf"))
        print(f"civicnb report villaflor (median of {args.runs}):")
        print(f"  notebook only (--no-html): {statistics.median(notebook):.2f} s")
        print(
            f"  notebook + HTML{' + PDF' if pdf else ''}: {statistics.median(full):.2f} s "
            f"(ratio {statistics.median(full) / statistics.median(notebook):.2f})"
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
