"""Benchmark of a locality's pages (a plain script: ``python benchmarks/bench_new.py``).

Creating a locality (``civicnb new``, the home page, an import, a repair) writes its nine
pages with :func:`civicnb.execution.instantiate.instantiate_locality`. This times, in one
process, on a throwaway workspace:

(a) the first locality of the process: the standby kernel is started then (what the
    first locality after a server start, or ``civicnb new``, waits for), papermill
    imported meanwhile;
(b) ``--runs`` more localities, one after another: the standby kernel is warm;
(c) the baseline, papermill with a kernel of its own for each page (what civicnb did
    before: ``warm=False``), on ``--baseline`` localities (papermill already imported:
    the baseline's best case);

and prints the seconds of each beside the baseline's, the ratios, whether (a) and (c)
wrote the same notebooks for the same locality (without ids and timings:
``tests/kernel/notebook_compare.py``) and the load average before and after. With
``--cli`` it also times the command ``civicnb new`` in a new process (its import of
civicnb included), with the standby kernel and with ``CIVICNB_WARM_PAGES=0``.

    python benchmarks/bench_new.py                # 5 warm runs, 1 baseline
    python benchmarks/bench_new.py --runs 1 --cli
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

# the kernel tests' notebook comparison (tests/kernel/notebook_compare.py)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "kernel"))
from notebook_compare import comparable  # type: ignore[import-not-found]


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def timed_cli(ws: Path, name: str, warm: bool) -> float:
    exe = Path(sys.executable).with_name("civicnb")
    env = {**os.environ, "CIVICNB_WARM_PAGES": "1" if warm else "0"}
    t0 = time.perf_counter()
    done = subprocess.run(
        [str(exe), "new", name, "--lang", "es", "-w", str(ws)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        sys.exit(f"civicnb new failed:\n{done.stderr[-2000:]}")
    return seconds


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="localities after the first (b)")
    ap.add_argument("--baseline", type=int, default=1, help="localities for papermill (c)")
    ap.add_argument("--cli", action="store_true", help="also time `civicnb new` processes")
    args = ap.parse_args(argv)
    os.environ.pop("CIVICNB_EXECUTE_NOTEBOOKS", None)
    os.environ.pop("CIVICNB_WARM_PAGES", None)

    from civicnb.api import new_locality
    from civicnb.execution.instantiate import instantiate_locality, page_names
    from civicnb.workspace import init_workspace

    tmp = Path(tempfile.mkdtemp(prefix="civicnb-bench-new-"))
    try:
        ws = init_workspace(tmp / "ws")
        counter = iter(range(1_000_000))

        def locality(language: str = "es") -> object:
            n = next(counter)
            return new_locality(f"Lugar {n}", workspace=ws, language=language, notebooks=False)

        def timed(loc: object, *, warm: bool) -> float:
            t0 = time.perf_counter()
            instantiate_locality(ws, loc, warm=warm)  # type: ignore[arg-type]
            return time.perf_counter() - t0

        print(f"load average before: {load()}")
        first = locality()
        cold = timed(first, warm=True)
        folder = ws.locality_dir(first.slug)  # type: ignore[attr-defined]
        fast_pages = {n: comparable(folder / n, ws.root) for n in page_names()}
        warm = [timed(locality(lang), warm=True) for lang in ("en", "es") * args.runs][: args.runs]
        base = [timed(first, warm=False)]
        base += [timed(locality(), warm=False) for _ in range(args.baseline - 1)]
        same = all(fast_pages[n] == comparable(folder / n, ws.root) for n in page_names())
        b = statistics.median(base)
        print(f"(a) first locality of the process (standby kernel started): {cold:.2f} s")
        if warm:
            w = statistics.median(warm)
            runs = ", ".join(f"{s:.2f}" for s in warm)
            print(f"(b) next localities, kernel warm: median {w:.2f} s ({runs})")
        print(f"(c) papermill, a kernel per page (baseline): median {b:.2f} s of {len(base)}")
        print(f"ratio (c)/(a): {b / cold:.1f}x" + (f"; (c)/(b): {b / w:.1f}x" if warm else ""))
        print(f"same notebooks as papermill's (a = c, nine pages): {'yes' if same else 'NO'}")
        if args.cli:
            init_workspace(tmp / "cli")
            fast_cli = timed_cli(tmp / "cli", "Piedecuesta", warm=True)
            slow_cli = timed_cli(tmp / "cli", "Floridablanca", warm=False)
            print(
                f"`civicnb new` (a new process): {fast_cli:.2f} s; with CIVICNB_WARM_PAGES=0 "
                f"(papermill): {slow_cli:.2f} s; ratio {slow_cli / fast_cli:.1f}x"
            )
        print(f"load average after: {load()}")
        if not same:
            sys.exit("the standby kernel wrote other notebooks than papermill")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
