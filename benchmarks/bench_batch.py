"""Benchmark of civicnb.execution.batch (a plain script: ``python benchmarks/bench_batch.py``).

Runs one parameterised notebook for N localities twice:

(a) the papermill command line, once per locality (a new Python process and a new
    kernel each time: what a shell loop over ``papermill`` costs). To keep the baseline
    cheap it is timed on ``--baseline`` localities (default min(N, 10)) and scaled to N;
    the output says so;
(b) :func:`civicnb.execution.batch.run_batch` with ``--workers`` warm kernels (default 2).

It prints both wall times, seconds per locality, the ratio, the extrapolation of (b)
to 2,700 localities, and whether the two give the same notebook (cells and outputs,
without ids and timings) for the first locality. PYTHONHASHSEED is set (to 0 unless
given) for every kernel, so that both runs iterate over sets of strings in one order.

The default notebook is ``notebooks/report.ipynb`` on a demo workspace made in a
temporary folder: the demo locality (``civicnb.api.create_demo``) and N - 1 copies of
it imported under other names and ids. If that notebook does not exist, or with
``--notebook PATH``, the notebook gets ``key=<slug>`` only (the test probe
``tests/data/notebooks/batch_probe.ipynb`` when report.ipynb is missing).

    python benchmarks/bench_batch.py                      # 50 localities
    python benchmarks/bench_batch.py --localities 200 --baseline 0
    python benchmarks/bench_batch.py --cli                # also time `civicnb batch --all`
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "notebooks" / "report.ipynb"
PROBE = ROOT / "tests" / "data" / "notebooks" / "batch_probe.ipynb"
NETWORK = 2700
HEX_ID = re.compile(r'"([0-9a-f]{32})"')


def demo_network(root: Path, n: int) -> list[dict[str, Any]]:
    """A workspace with the demo locality and n - 1 renamed copies; their parameters."""
    from civicnb.api import create_demo, export_locality, import_workbook

    ws = root / "workspace"
    demo = create_demo(ws, notebooks=False)
    source = export_locality(demo.slug, workspace=ws, out=root / "demo.json")
    text = source.read_text(encoding="utf-8")
    slugs = [demo.slug]
    for i in range(1, n):
        doc = json.loads(_new_ids(text, i))
        name = f"{demo.name} {i:04d}"
        slug = f"{demo.slug}-{i:04d}"
        doc["locality"].update(name=name, slug=slug)
        path = root / f"copy-{i:04d}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        import_workbook(path, workspace=ws, notebooks=False)
        path.unlink()
        slugs.append(slug)
    return [
        {"locality": s, "workspace": str(ws), "round": "", "compare_to": "", "lang": ""}
        for s in slugs
    ]


def _new_ids(text: str, copy_no: int) -> str:
    """Every record id replaced by another, the same way throughout the document."""

    def repl(m: re.Match[str]) -> str:
        return '"' + hashlib.md5(f"{m.group(1)}/{copy_no}".encode()).hexdigest() + '"'

    return HEX_ID.sub(repl, text)


def normalised(path: Path) -> dict[str, Any]:
    """Cells and papermill record without ids, timings and the output path."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        meta = copy.deepcopy(dict(cell.metadata))
        meta.pop("execution", None)
        for key in ("start_time", "end_time", "duration"):
            meta.get("papermill", {}).pop(key, None)
        cells.append(
            (cell.cell_type, cell.source, meta, cell.get("execution_count"), cell.get("outputs"))
        )
    pm = dict(nb.metadata.get("papermill", {}))
    for key in ("start_time", "end_time", "duration", "output_path"):
        pm.pop(key, None)
    return {"cells": cells, "papermill": pm}


def papermill_cli(notebook: Path, out: Path, params: dict[str, Any]) -> None:
    cmd = [
        sys.executable,
        "-m",
        "papermill",
        str(notebook),
        str(out),
        "-k",
        "python3",
        "-y",
        json.dumps(params),
        "--no-progress-bar",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"papermill failed for {params}:\n{done.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--localities", type=int, default=50)
    ap.add_argument("--notebook", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--baseline", type=int, default=None, help="localities run by the papermill CLI (0: none)"
    )
    ap.add_argument("--scheduler", default=None, help="tcp://… : run (b) on a Dask cluster")
    ap.add_argument("--cli", action="store_true", help="also time `civicnb batch --all`")
    ap.add_argument(
        "--processes", action="store_true", help="(b) with worker processes instead of threads"
    )
    ap.add_argument(
        "--render",
        action="store_true",
        help="(b) with finish=FinishReport (embed the workbook, render HTML), as the CLI",
    )
    ap.add_argument("--keep", type=Path, default=None, help="keep the files in this folder")
    args = ap.parse_args(argv)
    n = args.localities
    baseline_n = min(n, 10) if args.baseline is None else min(args.baseline, n)

    # The same string hashes in every kernel, for the comparison below: a notebook that
    # iterates over a set of strings otherwise prints them in another order each time.
    os.environ["PYTHONHASHSEED"] = os.environ.get("PYTHONHASHSEED", "0")

    from civicnb.execution.batch import Job, run_batch

    tmp = Path(tempfile.mkdtemp(prefix="civicnb-bench-batch-"))
    try:
        t0 = time.perf_counter()
        if args.notebook is None and REPORT.exists():
            notebook, params = REPORT, demo_network(tmp, n)
            keys = [p["locality"] for p in params]
            what = f"{REPORT.relative_to(ROOT)} on the demo workspace ({n} copies of the demo)"
        else:
            notebook = (args.notebook or PROBE).resolve()
            keys = [f"locality-{i:04d}" for i in range(n)]
            params = [{"key": k} for k in keys]
            what = str(notebook)
            if args.notebook is None:
                what += " (notebooks/report.ipynb does not exist yet: the test probe instead)"
        setup = time.perf_counter() - t0
        print(f"notebook: {what}")
        print(
            f"localities: {n}; setup (not timed below): {setup:.1f} s; "
            f"load average before: {os.getloadavg()[0]:.2f}; CPUs: {os.cpu_count()}"
        )

        cli_per = None
        if baseline_n:
            (tmp / "cli").mkdir()
            t0 = time.perf_counter()
            for key, p in zip(keys[:baseline_n], params[:baseline_n], strict=True):
                papermill_cli(notebook, tmp / "cli" / f"{key}.ipynb", p)
            cli_wall = time.perf_counter() - t0
            cli_per = cli_wall / baseline_n
            scaled = "" if baseline_n == n else f" (timed on {baseline_n}, scaled to {n})"
            print(
                f"(a) papermill CLI, once per locality: {cli_wall:.1f} s for {baseline_n}; "
                f"{cli_per:.2f} s per locality; {cli_per * n:.1f} s for {n}{scaled}"
            )

        jobs = [
            Job(k, notebook, tmp / "batch" / f"{k}.ipynb", p)
            for k, p in zip(keys, params, strict=True)
        ]
        finish = None
        if args.render and notebook == REPORT:
            from civicnb.reports.batch import FinishReport

            finish = FinishReport(params[0]["workspace"])
        t0 = time.perf_counter()
        result = run_batch(
            jobs,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=True,
            finish=finish,
            processes=args.processes,
        )
        wall = time.perf_counter() - t0
        per = wall / n
        where = f"Dask at {args.scheduler}" if args.scheduler else f"{args.workers} warm kernels"
        if args.processes and not args.scheduler:
            where += " in worker processes"
        if finish is not None:
            where += ", each finished in its worker: workbook embedded, HTML rendered"
        print(
            f"(b) civicnb.execution.batch.run_batch, {where}: {wall:.1f} s for {n}; "
            f"{per:.3f} s per locality; {result.summary()}"
        )
        for key, reason in result.failed[:5]:
            print(f"    failed: {key}: {reason}")
        if cli_per is not None:
            print(f"ratio (a)/(b): {cli_per * n / wall:.1f}× (target: at least 15×)")
            theirs = normalised(tmp / "cli" / f"{keys[0]}.ipynb")
            ours = normalised(jobs[0].output_path)
            differ = [
                i
                for i, (a, b) in enumerate(zip(theirs["cells"], ours["cells"], strict=False))
                if a != b
            ]
            same = theirs == ours
            print(
                f"same notebook as papermill for {keys[0]!r} "
                f"(PYTHONHASHSEED={os.environ['PYTHONHASHSEED']}): "
                + ("yes" if same else f"NO (cells {differ} differ)")
            )
        print(
            f"extrapolation to {NETWORK:,} localities: {per * NETWORK:.0f} s = "
            f"{per * NETWORK / 60:.1f} min (target: under 10 min)"
        )

        if args.cli and notebook == REPORT:
            exe = Path(sys.executable).with_name("civicnb")
            for extra in (["--no-html"], []):
                cmd = [str(exe), "batch", "--all", "--workers", str(args.workers), *extra]
                cmd += ["--workspace", params[0]["workspace"]]
                t0 = time.perf_counter()
                done = subprocess.run(cmd, capture_output=True, text=True, check=False)
                cli_batch = time.perf_counter() - t0
                label = " ".join(["civicnb batch --all", *extra])
                if done.returncode != 0:
                    err = done.stderr.strip()[-500:]
                    print(f"`{label}` failed (exit {done.returncode}): {err}")
                    continue
                ratio = f"; ratio to (a): {cli_per * n / cli_batch:.1f}×" if cli_per else ""
                print(
                    f"`{label}`: {cli_batch:.1f} s ({cli_batch / n:.3f} s per locality, "
                    f"with the workbook embedded{'' if extra else ' and HTML'}){ratio}; "
                    f"2,700 localities: {cli_batch / n * NETWORK / 60:.1f} min"
                )
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        if args.keep is not None:
            shutil.copytree(tmp, args.keep, dirs_exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
