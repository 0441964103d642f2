"""How fast and how light a participant page is, in headless Chromium, on loopback.

    python benchmarks/bench_app.py [--runs 5] [--crowd 30] [--full-pool] [--only-crowd]

Serves a throwaway demo workspace (plus ``minimal.ipynb``: one Button and one Label, the
smallest ipywidgets page) with the command ``civicnb serve`` would run
(:func:`civicnb.serving.serve.plan`), and prints:

1. time-to-interactive (TTI) of ``strand-I.ipynb`` (as a participant) divided by that of the minimal
   page, cold (no preheated kernels) and preheated (the serve plan's kernel pools, plus
   one for the minimal page); median of ``--runs`` runs each. TTI = navigation start →
   the last rating group's radios are enabled *and* a click on one came back from the
   kernel ("Saved" shown); for the minimal page: the button is enabled and its click
   came back (the label changed). Measured in the page (``performance.now()``).
2. RSS of the kernel of one strand page once loaded, and of a minimal page's kernel.
2b. TTI of every participant page (start, strands I-VI, "my summary"), one participant
   going through them in turn, cold and with the serve plan's pools (which preheat
   every participant page). Strand pages: as in 1; the start page: its first choices
   are enabled; strand VI: its checklist is shown; "my summary": its chart is shown
   (these three send nothing back).
3. ``--crowd`` participants (default 30) opening strand I at once, one browser context
   each in one Chromium: p50/p95/max TTI, with the pools of ``civicnb serve
   --participants 30`` and (with ``--full-pool``) with a strand-I pool of 30.

Needs the test extras (playwright, psutil) and a Chromium ($CIVICNB_CHROMIUM, else
/usr/bin/chromium, else Playwright's own). About 5 minutes on 2 cores (warming 30
kernels alone takes ~95 s); a crowd page slower than 30 s counts as failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    # 30 pages at once: none of them is a "background" page whose timers are throttled
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
TARGET_RATIO = 1.5
TARGET_RSS_MB = 120.0
TARGET_P95_S = 3.0
PAGE_TIMEOUT_S = 60.0
CROWD_TIMEOUT_S = 30.0  # ten times the target: a page slower than this counts as failed

MINIMAL_SOURCE = """\
import ipywidgets as W
from IPython.display import display

go = W.Button(description="Go")
go.add_class("bench-go")
echo = W.Label("waiting")
echo.add_class("bench-echo")
clicks = []


def on_click(_b):
    clicks.append(1)
    echo.value = f"clicked {len(clicks)}"


go.on_click(on_click)
display(W.VBox([go, echo]))
"""

# Runs in every page before its own scripts: watches the DOM, clicks as soon as the
# control is usable, and stamps window.__bench when the kernel's answer is shown.
INIT_JS = """
(() => {
  const minimal = location.pathname.endsWith('minimal.ipynb');
  const pageName = location.pathname.split('/').pop();
  const expected = (%(fieldsets)s)[pageName];
  // pages without a rating: usable once their controls (start), checklist (strand VI) or
  // chart (summary) show
  const shownOnly = { 'start.ipynb': '.civicnb-page input[type=radio]:not([disabled])',
                      'strand-VI.ipynb': '.civicnb-page table.civicnb-table',
                      'summary.ipynb': '.civicnb-page figure svg' }[pageName];
  let clicked = false, done = false, target = null, ready = null, tries = 0, clickedAt = 0;
  function now() { return performance.now(); }
  function click() {
    if (minimal) {
      const btn = document.querySelector('button.bench-go');
      if (!btn || btn.disabled) return false;
      btn.click();
      return true;
    }
    const sets = document.querySelectorAll('fieldset');
    if (sets.length < expected) return false;
    const last = sets[sets.length - 1];
    if (last.disabled) return false;
    const radios = last.querySelectorAll('input[type=radio]');
    const radio = last.querySelector('input[type=radio][value="3"]') || radios[2];
    if (!radio || radio.disabled) return false;
    target = last.closest('.civicnb-question') || document;
    radio.click();
    return true;
  }
  function answered() {
    if (minimal) {
      const echo = document.querySelector('.bench-echo');
      return !!echo && echo.textContent.includes('clicked');
    }
    return [...target.querySelectorAll('[role=status]')]
      .some((e) => e.textContent.includes('\u2713'));  // "✓ Saved" / "✓ Guardado"
  }
  function stamp() {
    done = true;
    const nav = performance.getEntriesByType('navigation')[0] || {};
    let kernelId = null;
    try {
      kernelId = JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId;
    } catch (e) { /* not a Voila page */ }
    window.__bench = {
      tti: now(), ready: ready, tries: tries, kernelId: kernelId,
      responseStart: nav.responseStart || null, responseEnd: nav.responseEnd || null,
      domContentLoaded: nav.domContentLoadedEventEnd || null,
    };
    obs.disconnect();
    clearInterval(timer);
  }
  function check() {
    if (done) return;
    window.__benchState = {
      clicked: clicked, tries: tries, fieldsets: document.querySelectorAll('fieldset').length,
      widgets: document.querySelectorAll('.jupyter-widgets').length, at: now(),
    };
    if (shownOnly) {
      if (document.querySelector(shownOnly)) { ready = now(); stamp(); }
      return;
    }
    if (!clicked) {
      if (click()) { clicked = true; ready = now(); clickedAt = ready; tries = 1; }
      return;
    }
    if (answered()) {
      stamp();
    } else if (now() - clickedAt > 5000 && tries < 3) {
      // the click went nowhere (front-end not wired yet): count it and try again
      clickedAt = now(); tries += 1; click();
    }
  }
  const obs = new MutationObserver(check);
  const watch = () => obs.observe(document.documentElement,
    { subtree: true, childList: true, characterData: true });
  if (document.documentElement) watch(); else document.addEventListener('readystatechange', watch);
  const timer = setInterval(check, 15);
})();
"""


# --- the workspace and the server ---------------------------------------------------------


def make_workspace(base: Path, participants: int) -> tuple[Path, list[str]]:
    """A demo workspace (notebooks not pre-executed), minimal.ipynb, fresh participants."""
    import nbformat

    from civicnb.api import create_demo
    from civicnb.records import Side
    from civicnb.workshop.participation import join
    from civicnb.workspace import open_workspace

    os.environ["CIVICNB_EXECUTE_NOTEBOOKS"] = "0"  # Voilà executes them; papermill need not
    ws_path = base / "ws"
    create_demo(ws_path)
    ws = open_workspace(ws_path)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(MINIMAL_SOURCE)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(ws.localities_dir / "villaflor" / "minimal.ipynb"))
    from civicnb.workshop.participation import start_session

    global STORAGE_KEY
    with ws.open_store() as store:
        loc = store.get_locality("villaflor")
        ids = [
            join(store, loc, Side.LA if i % 2 else Side.CSO, f"Bench {i:03d}", named=False).id
            for i in range(participants)
        ]
        # pages name nobody in their address: each browser holds a session token
        tokens = [start_session(store, pid) for pid in ids]
    STORAGE_KEY = f"civicnb:{loc.id}"
    return ws_path, tokens


STORAGE_KEY = ""
"""Where a participant's browser keeps its session token (set by make_workspace)."""


def with_session(init_js: str, token: str) -> str:
    """``init_js`` plus: this browser holds ``token``'s session (as after joining)."""
    held = json.dumps({"s": token, "lang": "en"})
    return (
        init_js
        + f"\n;try {{ localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(held)}); }}"
        + " catch (e) {}\n"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    base: str
    log: Path
    started: float
    pools: dict[str, Any] = field(default_factory=dict)

    def kernels(self) -> list[psutil.Process]:
        try:
            kids = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        out = []
        for k in kids:
            try:
                if any("ipykernel" in part for part in k.cmdline()):
                    out.append(k)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        return out

    def kernel(self, kernel_id: str | None) -> psutil.Process | None:
        """The process of the kernel with this id (its connection file names it)."""
        if not kernel_id:
            return None
        for k in self.kernels():
            with contextlib.suppress(psutil.NoSuchProcess):
                if any(f"kernel-{kernel_id}.json" in part for part in k.cmdline()):
                    return k
        return None

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


def start_server(
    ws_path: Path,
    home: Path,
    *,
    participants: int,
    extra_pools: dict[str, int] | None = None,
) -> Server:
    """Standalone Voilà as ``civicnb serve --participants N`` runs it (+ extra pools)."""
    from civicnb.serving.serve import plan
    from civicnb.workspace import open_workspace

    port = free_port()
    conf = Path(tempfile.mkdtemp(prefix="conf-", dir=home))
    p = plan(open_workspace(ws_path), port=port, participants=participants, config_dir=conf)
    command, env = list(p.command), dict(p.env)
    pools = dict(p.pool_config)
    if extra_pools:
        pools.update({k: {"pool_size": v} for k, v in extra_pools.items()})
        (conf / "voila.json").write_text(
            json.dumps({"VoilaKernelManager": {"kernel_pools_config": pools}}), encoding="utf-8"
        )
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            [str(conf), *[x for x in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if x]]
        )
        if "--preheat_kernel=True" not in command:
            command.append("--preheat_kernel=True")
    env.update(
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        IPYTHONDIR=str(home / "ipython"),
        PYTHONUNBUFFERED="1",
    )
    log = home / f"voila-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            command,
            env=env,
            cwd=str(ws_path / "localities"),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    deadline = started + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Voilà exited:\n{log.read_text()[-3000:]}")
        try:
            probe = base + "voila/templates/civicnb/static/civicnb.css"
            with urllib.request.urlopen(probe, timeout=2) as resp:
                if resp.status == 200:
                    return Server(proc, base, log, started, pools)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"Voilà did not answer:\n{log.read_text()[-3000:]}")


def wait_quiet(server: Server, kernels: int, timeout: float = 150.0) -> float:
    """Wait until ``kernels`` kernels exist and the server's process tree is idle;
    return the seconds waited."""
    t0 = time.monotonic()
    quiet = 0  # consecutive idle seconds: pool kernels still running their notebook
    while time.monotonic() - t0 < timeout:  # come and go between two samples
        procs = [psutil.Process(server.proc.pid), *server.kernels()]
        if len(procs) - 1 >= kernels:
            for p in procs:
                with contextlib.suppress(psutil.NoSuchProcess):
                    p.cpu_percent(None)
            time.sleep(1.0)
            busy = 0.0
            for p in procs:
                with contextlib.suppress(psutil.NoSuchProcess):
                    busy += p.cpu_percent(None)
            quiet = quiet + 1 if busy < 12.0 else 0
            if quiet >= 3:
                return time.monotonic() - t0
        else:
            quiet = 0
            time.sleep(0.3)
    print(f"  (warning: server still busy after {timeout:.0f} s)", flush=True)
    return time.monotonic() - t0


# --- measuring in the browser ----------------------------------------------------------


@dataclass
class Load:
    tti_ms: float | None
    ready_ms: float | None = None
    response_end_ms: float | None = None
    tries: int = 0
    kernel_id: str | None = None
    error: str = ""
    external: list[str] = field(default_factory=list)


async def new_context(browser: Any, init_js: str) -> Any:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.add_init_script(init_js)
    return context


async def load(
    browser: Any,
    url: str,
    init_js: str,
    keep_open: bool = False,
    timeout: float = PAGE_TIMEOUT_S,
    page: Any = None,
) -> tuple[Load, Any]:
    """Open ``url`` in a new browser context, or in the tab ``page`` (a participant going
    on from the start page: the tab holds the front-end files), and time it."""
    if page is None:
        context = await new_context(browser, init_js)
        page = await context.new_page()
    else:
        context = page.context
    external: list[str] = []
    page.on(
        "request",
        lambda r: (
            external.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
            else None
        ),
    )
    try:
        await page.goto(url, wait_until="commit", timeout=timeout * 1000)
        handle = await page.wait_for_function(
            "() => window.__bench", timeout=timeout * 1000, polling=50
        )
        data = await handle.json_value()
        result = Load(
            data["tti"],
            data["ready"],
            data.get("responseEnd"),
            data["tries"],
            data.get("kernelId"),
            external=external,
        )
    except Exception as exc:  # a page that never became interactive: recorded, not fatal
        state: Any = None
        with contextlib.suppress(Exception):
            state = await page.evaluate("() => window.__benchState || null")
        result = Load(
            None,
            error=f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}; page state {state}",
        )
    if not keep_open:
        await context.close()
        context = None
    return result, context


def median(xs: Sequence[float]) -> float:
    return float(statistics.median(xs)) if xs else float("nan")


def pct(xs: Sequence[float], q: float) -> float:
    """Nearest-rank percentile."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))
    return float(s[k])


def fmt(ms: float | None) -> str:
    return "  n/a" if ms is None else f"{ms / 1000:5.2f}"


async def sequential(
    browser: Any,
    server: Server,
    pids: list[str],
    runs: int,
    init_js: str,
    *,
    preheated: bool,
    kernels_when_idle: int,
) -> dict[str, Any]:
    """``runs`` loads of strand I and of the minimal page, alternating."""
    strand_base = server.base + "voila/render/villaflor/strand-I.ipynb"
    minimal_url = server.base + "voila/render/villaflor/minimal.ipynb"
    out: dict[str, Any] = {"strand": [], "minimal": [], "rss_strand": [], "rss_minimal": []}
    for i in range(runs):
        for kind in ("strand", "minimal"):
            wait_quiet(server, kernels_when_idle if preheated else 0)
            url = f"{strand_base}?lang=en" if kind == "strand" else minimal_url
            js = with_session(init_js, pids.pop()) if kind == "strand" else init_js
            result, context = await load(browser, url, js, keep_open=True)
            out[kind].append(result)
            kernel = server.kernel(result.kernel_id)
            if kernel is not None:
                with contextlib.suppress(psutil.NoSuchProcess):
                    out[f"rss_{kind}"].append(kernel.memory_info().rss / 2**20)
            if context is not None:
                await context.close()
            print(
                f"  run {i + 1} {kind:8s} TTI {fmt(result.tti_ms)} s"
                f" (HTML {fmt(result.response_end_ms)} s, usable {fmt(result.ready_ms)} s)"
                + (f" clicks {result.tries}" if result.tries > 1 else "")
                + (f" ERROR {result.error}" if result.error else ""),
                flush=True,
            )
    return out


async def every_page(
    browser: Any, server: Server, pid: str, init_js: str, *, kernels_when_idle: int
) -> dict[str, Load]:
    """One participant (``pid``: their session token) opening each participant page in
    turn in one tab (which keeps Voilà's front-end files, as a participant's does), the
    server idle before each."""
    from civicnb.serving.serve import PREHEATED_PAGES

    out: dict[str, Load] = {}
    tab: Any = None
    context: Any = None
    try:
        for name in PREHEATED_PAGES:
            wait_quiet(server, kernels_when_idle)
            url = server.base + f"voila/render/villaflor/{name}?lang=en"
            # the tab holds the participant's session from its first page on (the start
            # page then shows the "joined" view, as to a participant who comes back)
            result, context = await load(
                browser, url, with_session(init_js, pid), keep_open=True, page=tab
            )
            if tab is None and context is not None and context.pages:
                tab = context.pages[0]
            out[name] = result
            print(
                f"  {name:18s} TTI {fmt(result.tti_ms)} s (HTML {fmt(result.response_end_ms)} s)"
                + (f" ERROR {result.error}" if result.error else ""),
                flush=True,
            )
    finally:
        if context is not None:
            await context.close()
    return out


async def crowd(browser: Any, server: Server, pids: list[str], n: int, init_js: str) -> list[Load]:
    strand_base = server.base + "voila/render/villaflor/strand-I.ipynb"
    tokens = [pids.pop() for _ in range(n)]
    results = await asyncio.gather(
        *(
            load(
                browser,
                f"{strand_base}?lang=en",
                with_session(init_js, token),
                timeout=CROWD_TIMEOUT_S,
            )
            for token in tokens
        )
    )
    return [r for r, _ in results]


async def protocol_participant(url: str, token: str, pool: Any = None) -> float | None:
    """What a participant's browser asks of the server, without rendering: the page,
    the kernel websocket, the widget states, one answer saved. Seconds, or None."""
    sys.path.insert(0, str(ROOT / "tests" / "kernel"))
    from voila_client import KernelConnection, fetch_page  # type: ignore[import-not-found]

    t0 = time.perf_counter()
    loop = asyncio.get_running_loop()
    try:
        page = await loop.run_in_executor(pool, fetch_page, url)
        host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
        conn = await KernelConnection.open(host, int(port), page.kernel_id, page.base_url)
        try:
            await conn.send("kernel_info_request", {}, timeout=CROWD_TIMEOUT_S)
            states = await conn.request_states(timeout=CROWD_TIMEOUT_S)
            # as a browser does on display: send the session token it holds
            context = next(
                m for m, st in states.items() if {"storage_key", "ready"} <= set(st["state"])
            )
            held = json.dumps({"s": token, "lang": "en"})
            await conn.update(context, {"stored": held, "ready": True}, timeout=CROWD_TIMEOUT_S)
            card = next(m for m, st in states.items() if "status_kind" in st["state"])
            await conn.update(card, {"value": 3}, timeout=CROWD_TIMEOUT_S)
        finally:
            await conn.close()
    except Exception:
        return None
    return time.perf_counter() - t0


async def mixed_crowd(
    browser: Any, server: Server, pids: list[str], n: int, browsers: int, init_js: str
) -> tuple[list[Load], list[float | None]]:
    """``n`` participants at once: ``browsers`` of them in Chromium, the others over the
    protocol (their devices render elsewhere); the Chromium pages' TTI is what one
    participant experiences while the room loads the server.

    As in a workshop, each Chromium participant goes on from the start page in the same
    tab (which holds Voilà's front-end files); participants alternate Spanish (the
    locality's language) and English."""
    start_base = server.base + "voila/render/villaflor/start.ipynb"
    strand_base = server.base + "voila/render/villaflor/strand-I.ipynb"
    people = [(pids.pop(), "es" if i % 2 == 0 else "en") for i in range(n)]
    tabs = []
    for pid, lang in people[:browsers]:
        tab = await (await new_context(browser, with_session(init_js, pid))).new_page()
        await tab.goto(f"{start_base}?lang={lang}", wait_until="load")
        await tab.wait_for_selector(".civicnb-page", timeout=60_000)
        tabs.append(tab)
    # the start pool refills the kernels those pages took (fill_delay later): let it
    idle = sum(v["pool_size"] for v in server.pools.values())
    from civicnb.serving.serve import REFILL_DELAY_SECONDS

    time.sleep(REFILL_DELAY_SECONDS + 5)
    wait_quiet(server, idle, timeout=120)
    urls = [f"{strand_base}?lang={lang}" for _pid, lang in people]
    real = [
        load(browser, u, init_js, timeout=CROWD_TIMEOUT_S, page=tab)
        for u, tab in zip(urls[:browsers], tabs, strict=True)
    ]
    # one thread per participant for the page request (the loop's default executor has
    # cpu_count + 4 threads: it would queue the requests that a room sends at once)
    with ThreadPoolExecutor(max_workers=max(1, n - browsers)) as pool:
        rest = [
            protocol_participant(u, pid, pool)
            for u, (pid, _lang) in zip(urls[browsers:], people[browsers:], strict=True)
        ]
        results = await asyncio.gather(*real, *rest)
    loads = [r for r, _ in results[:browsers]]  # type: ignore[misc]
    return loads, list(results[browsers:])  # type: ignore[arg-type]


def summarise_crowd(label: str, loads: list[Load]) -> dict[str, Any]:
    ok = [r.tti_ms for r in loads if r.tti_ms is not None]
    failed = [r.error for r in loads if r.tti_ms is None]
    row = {
        "label": label,
        "n": len(loads),
        "ok": len(ok),
        "p50_s": pct(ok, 50) / 1000,
        "p95_s": pct(ok, 95) / 1000 if len(ok) == len(loads) else float("inf"),
        "max_s": max(ok) / 1000 if ok else float("nan"),
        "html_p95_s": pct([r.response_end_ms for r in loads if r.response_end_ms], 95) / 1000,
        "failed": failed[:3],
    }
    print(
        f"  {label}: {row['ok']}/{row['n']} interactive; TTI p50 {row['p50_s']:.2f} s, "
        f"p95 {row['p95_s']:.2f} s, max {row['max_s']:.2f} s; HTML p95 {row['html_p95_s']:.2f} s"
        + (f"; failures: {failed[:3]}" if failed else ""),
        flush=True,
    )
    return row


def import_profile(top: int = 8) -> list[tuple[float, str]]:
    """The heaviest imports (cumulative seconds) under ``import civicnb.ui.pages``,
    top two levels of the import tree, from ``python -X importtime``."""
    res = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import civicnb.ui.pages"],
        capture_output=True,
        text=True,
        cwd=str(ROOT),
    )
    rows = []
    for line in res.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or "cumulative" in parts[1]:
            continue
        raw = parts[2].rstrip()
        depth = (len(raw) - len(raw.lstrip()) - 1) // 2
        if depth <= 1:
            rows.append((int(parts[1]) / 1e6, "  " * depth + raw.strip()))
    rows.sort(reverse=True)
    return rows[:top]


# --- main -----------------------------------------------------------------------------------


async def main_async(args: argparse.Namespace) -> int:
    from playwright.async_api import async_playwright

    t_start = time.monotonic()
    from civicnb.reports.report import find_chromium

    chromium = find_chromium()
    base = Path(tempfile.mkdtemp(prefix="civicnb-bench-"))
    servers: list[Server] = []
    report: dict[str, Any] = {"runs": args.runs, "crowd": args.crowd, "cpus": os.cpu_count()}
    try:
        needed = args.runs * 2 + args.crowd * (2 if args.full_pool else 1) + 7
        ws_path, pids = make_workspace(base, needed)
        from civicnb.framework import load_framework

        fw = load_framework("pamphlet")
        fieldsets = {
            f"strand-{s.id}.ipynb": sum(len(p.questions) for p in s.pairs)
            for s in fw.strands
            if s.pairs
        }
        init_js = INIT_JS % {"fieldsets": json.dumps(fieldsets)}
        print(
            f"workspace ready in {time.monotonic() - t_start:.1f} s; {len(pids)} participants",
            flush=True,
        )
        async with async_playwright() as pw:
            launch: dict[str, Any] = {"headless": True, "args": CHROMIUM_ARGS}
            if chromium:
                launch["executable_path"] = chromium
            browser = await pw.chromium.launch(**launch)
            cold: dict[str, Any] = {
                "strand": [],
                "minimal": [],
                "rss_strand": [],
                "rss_minimal": [],
            }
            hot: dict[str, Any] = {"strand": [], "minimal": [], "rss_strand": [], "rss_minimal": []}
            pages_cold: dict[str, Load] = {}
            pages_hot: dict[str, Load] = {}
            if not args.only_crowd:
                # warm the browser's own caches (first Chromium page costs extra)
                server = start_server(ws_path, base, participants=0)
                servers.append(server)
                print("1. cold (no preheated kernels)", flush=True)
                await load(browser, server.base + "voila/render/villaflor/minimal.ipynb", init_js)
                cold = await sequential(
                    browser, server, pids, args.runs, init_js, preheated=False, kernels_when_idle=0
                )
                print("2b. every participant page, cold", flush=True)
                pages_cold = await every_page(
                    browser, server, pids.pop(), init_js, kernels_when_idle=0
                )
                server.stop()

                print(
                    "1. preheated (pools of `civicnb serve --participants 2` + 1 minimal)",
                    flush=True,
                )
                server = start_server(
                    ws_path, base, participants=2, extra_pools={"villaflor/minimal.ipynb": 1}
                )
                servers.append(server)
                idle_kernels = sum(v["pool_size"] for v in server.pools.values())
                waited = wait_quiet(server, idle_kernels)
                print(
                    f"  {idle_kernels} kernels warm, {waited:.1f} s after the server answered",
                    flush=True,
                )
                hot = await sequential(
                    browser,
                    server,
                    pids,
                    args.runs,
                    init_js,
                    preheated=True,
                    kernels_when_idle=idle_kernels,
                )
                print("2b. every participant page, preheated", flush=True)
                pages_hot = await every_page(
                    browser, server, pids.pop(), init_js, kernels_when_idle=idle_kernels
                )
                server.stop()

            crowds = []
            if args.crowd:
                print(
                    f"3. {args.crowd} participants at once, `civicnb serve --participants "
                    f"{args.crowd}` pools",
                    flush=True,
                )
                server = start_server(ws_path, base, participants=args.crowd)
                servers.append(server)
                idle_kernels = sum(v["pool_size"] for v in server.pools.values())
                t0 = time.monotonic()
                wait_quiet(server, idle_kernels, timeout=180)
                print(
                    f"  {idle_kernels} kernels warm after {time.monotonic() - t0:.1f} s", flush=True
                )
                if args.browsers:
                    loads, others = await mixed_crowd(
                        browser, server, pids, args.crowd, args.browsers, init_js
                    )
                    done = [x for x in others if x is not None]
                    print(
                        f"  {len(done)}/{len(others)} protocol participants answered; "
                        f"p95 {pct(done, 95):.2f} s",
                        flush=True,
                    )
                    label = f"{args.browsers} in Chromium among {args.crowd}"
                    crowds.append(summarise_crowd(label, loads))
                else:
                    loads = await crowd(browser, server, pids, args.crowd, init_js)
                    crowds.append(summarise_crowd(f"serve --participants {args.crowd}", loads))
                rss_all = [k.memory_info().rss / 2**20 for k in server.kernels()]
                print(f"  kernels now: {len(rss_all)}, total RSS {sum(rss_all):.0f} MB", flush=True)
                server.stop()
                if args.full_pool:
                    print(f"3. {args.crowd} at once, strand-I pool of {args.crowd}", flush=True)
                    server = start_server(
                        ws_path,
                        base,
                        participants=0,
                        extra_pools={"villaflor/strand-I.ipynb": args.crowd},
                    )
                    servers.append(server)
                    t0 = time.monotonic()
                    wait_quiet(server, args.crowd, timeout=180)
                    print(
                        f"  {args.crowd} kernels warm after {time.monotonic() - t0:.1f} s",
                        flush=True,
                    )
                    loads = await crowd(browser, server, pids, args.crowd, init_js)
                    crowds.append(summarise_crowd(f"strand-I pool {args.crowd}", loads))
                    server.stop()
            await browser.close()
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(base, ignore_errors=True)

    def ttis(rows: list[Load]) -> list[float]:
        return [r.tti_ms for r in rows if r.tti_ms is not None]

    print("\n=== results ===")
    for label, data in (("cold", cold), ("preheated", hot)) if not args.only_crowd else ():
        s, m = median(ttis(data["strand"])), median(ttis(data["minimal"]))
        ratio = s / m if m else float("nan")
        report[label] = {
            "strand_tti_s": s / 1000,
            "minimal_tti_s": m / 1000,
            "ratio": ratio,
            "strand_html_s": median(
                [r.response_end_ms for r in data["strand"] if r.response_end_ms]
            )
            / 1000,
            "strand_usable_s": median([r.ready_ms for r in data["strand"] if r.ready_ms]) / 1000,
            "rss_strand_mb": median(data["rss_strand"]),
            "rss_minimal_mb": median(data["rss_minimal"]),
        }
        verdict = "OK" if ratio <= TARGET_RATIO else f"MISSED by {ratio - TARGET_RATIO:.2f}"
        print(
            f"TTI {label:9s}: strand I {s / 1000:.2f} s, minimal {m / 1000:.2f} s, "
            f"ratio {ratio:.2f} (target <= {TARGET_RATIO}: {verdict})"
        )
    rss = report.get("cold", {}).get("rss_strand_mb", float("nan"))
    if not args.only_crowd:
        print(
            f"kernel RSS: strand page {rss:.0f} MB (target <= {TARGET_RSS_MB:.0f}: "
            f"{'OK' if rss <= TARGET_RSS_MB else 'MISSED'}), minimal page "
            f"{report['cold']['rss_minimal_mb']:.0f} MB; preheated strand kernel "
            f"{report['preheated']['rss_strand_mb']:.0f} MB"
        )
    if pages_cold or pages_hot:
        print("TTI per participant page (s):      cold  preheated")
        report["pages"] = {}
        for name in pages_cold.keys() | pages_hot.keys():
            c, h = pages_cold.get(name), pages_hot.get(name)
            report["pages"][name] = {
                "cold_s": c.tti_ms / 1000 if c and c.tti_ms else None,
                "preheated_s": h.tti_ms / 1000 if h and h.tti_ms else None,
            }
        for name in sorted(report["pages"], key=list(pages_cold or pages_hot).index):
            c, h = pages_cold.get(name), pages_hot.get(name)
            print(f"  {name:30s} {fmt(c.tti_ms if c else None)}  {fmt(h.tti_ms if h else None)}")
    for row in crowds:
        ok = row["p95_s"] <= TARGET_P95_S
        print(
            f"crowd ({row['label']}): p95 {row['p95_s']:.2f} s (target <= {TARGET_P95_S}: "
            f"{'OK' if ok else 'MISSED'})"
        )
    report["crowds"] = crowds
    external = [
        u for d in (cold, hot) for k in ("strand", "minimal") for r in d[k] for u in r.external
    ]
    print(f"requests to other hosts: {len(external)}")
    print("heaviest imports of civicnb.ui.pages (cumulative s):")
    for cum, name in import_profile():
        print(f"  {cum:6.3f}  {name}")
    print(f"total benchmark time {time.monotonic() - t_start:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="loads per page and mode (>= 5)")
    ap.add_argument("--crowd", type=int, default=30, help="participants at once (0: skip)")
    ap.add_argument(
        "--full-pool",
        action="store_true",
        help="also a crowd run with a strand-I pool as large as the crowd (+2 min)",
    )
    ap.add_argument("--only-crowd", action="store_true", help="skip parts 1 and 2")
    ap.add_argument(
        "--browsers",
        type=int,
        default=0,
        help="in the crowd, only this many in Chromium; the others over the protocol",
    )
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
