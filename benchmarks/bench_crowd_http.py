"""The server's share of "30 participants open strand I at once": 30 concurrent page
requests (plain HTTP, no browsers) against ``civicnb serve --participants 30``, after
its kernel pools are warm. Prints p50/p95/max time until each page's HTML is complete,
and the same for one request alone (baseline, same run).

    python benchmarks/bench_crowd_http.py [--crowd 30]

bench_app.py measures the whole time-to-interactive in Chromium; on this 2-core machine
30 Chromium renderers compete with the server for the same cores, which this leaves out
(in a workshop every participant's browser runs on their own device).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> float:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as resp:
        body = resp.read().decode("utf-8", "replace")
    assert "fieldset" in body or "civicnb" in body
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--crowd", type=int, default=30)
    args = ap.parse_args()
    os.environ["CIVICNB_EXECUTE_NOTEBOOKS"] = "0"
    from civicnb.api import create_demo
    from civicnb.serving.serve import plan
    from civicnb.workshop.participation import join
    from civicnb.workspace import open_workspace

    base = Path(tempfile.mkdtemp(prefix="civicnb-crowd-"))
    create_demo(base / "ws")
    ws = open_workspace(base / "ws")
    with ws.open_store() as store:
        loc = store.get_locality("villaflor")
        pids = [
            join(store, loc, "LA" if i % 2 else "CSO", f"P{i}", False).id
            for i in range(args.crowd + 1)
        ]
    port = _free_port()
    p = plan(ws, port=port, participants=args.crowd, config_dir=base / "conf")
    log = open(base / "voila.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        p.command, env=p.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        t0 = time.monotonic()
        wanted = (
            "pool of villaflor/strand-I.ipynb is filled",
            "pool of villaflor/start.ipynb is filled",
        )
        while not all(w in (base / "voila.log").read_text(errors="replace") for w in wanted):
            if time.monotonic() - t0 > 500 or proc.poll() is not None:
                print("the pools did not fill in time")
                return 1
            time.sleep(1)
        print(
            f"pools warm after {time.monotonic() - t0:.0f} s ({args.crowd} + {args.crowd} kernels)"
        )
        # "filled" is logged when the kernels are asked for, not when they are up:
        # wait until the server and its kernels are idle
        import psutil

        server = psutil.Process(proc.pid)
        quiet = 0
        while quiet < 5 and time.monotonic() - t0 < 600:
            procs = [server, *server.children(recursive=True)]
            busy = sum(p.cpu_percent(interval=None) for p in procs if p.is_running())
            time.sleep(1)
            busy = sum(p.cpu_percent(interval=None) for p in procs if p.is_running())
            quiet = quiet + 1 if busy < 10 else 0
        kernels = 0
        for child in server.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                kernels += "ipykernel" in " ".join(child.cmdline())
        print(f"idle after {time.monotonic() - t0:.0f} s with {kernels} kernels")
        # the address names nobody (a participant's page learns who they are from the
        # session token their browser sends over the widget channel, not timed here)
        url = f"http://127.0.0.1:{port}/voila/render/villaflor/strand-I.ipynb?lang=en"
        alone = _get(url)
        with ThreadPoolExecutor(max_workers=args.crowd) as pool:
            times = sorted(pool.map(_get, [url for _ in pids[: args.crowd]]))
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        print(f"one request alone: {alone:.2f} s")
        print(
            f"{args.crowd} at once: p50 {statistics.median(times):.2f} s, p95 {p95:.2f} s, "
            f"max {times[-1]:.2f} s (ratio p95/alone {p95 / alone:.1f})"
        )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
