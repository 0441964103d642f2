"""Time to open a strand notebook in JupyterLab, run it and see its widgets, against a
minimal ipywidgets notebook (one IntSlider) in the same Lab (a plain script).

    python benchmarks/bench_lab_open.py [--runs 5]

Starts JupyterLab (:func:`civicnb.serving.lab.lab_command`, token off, its own Jupyter
folders) on a throwaway demo workspace that also holds ``minimal.ipynb``, and drives
headless Chromium on 127.0.0.1. The browser holds a participant's session (as after
joining on the start page), so the strand page shows its rating groups. One run: a new
browser context opens ``lab/tree/<notebook>?reset``, waits for the notebook and its
kernel, runs all cells (Run ▸ Run All Cells) and waits until the widgets are shown (the
strand page: the last rating group's radios are enabled; the minimal notebook: its
slider). Every run starts a new kernel (the previous one is shut down); strand and
minimal runs alternate. It prints the median time of each, from the address being asked
for to the widgets shown, and from "Run All" to the widgets, and the ratios (target of
issue 13: open-to-widgets ratio ≤ 1.5).

Needs the ``lab`` and ``test`` extras (jupyterlab, playwright) and a Chromium
($CIVICNB_CHROMIUM, else /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

TARGET_RATIO = 1.5
STRAND = "localities/villaflor/strand-I.ipynb"
MINIMAL = "minimal.ipynb"
# the widgets are shown: every rating group of strand I (as many as the framework asks
# of a local-authority participant: 3 own + 3 of the other side), the last one enabled
STRAND_SHOWN = """() => {
  const f = document.querySelectorAll(".jp-OutputArea-output fieldset.civicnb-rating");
  const last = f[f.length - 1];
  return f.length >= 6 && last.offsetParent !== null && !last.querySelector("input:disabled");
}"""
MINIMAL_SHOWN = """() => {
  const s = document.querySelector(".jp-OutputArea-output .widget-slider");
  return s !== null && s.offsetParent !== null;
}"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _minimal_notebook(path: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import ipywidgets as W\n\nW.IntSlider(value=3, min=1, max=5)")
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(path))


def _start_lab(root: Path, home: Path) -> tuple[subprocess.Popen[bytes], str]:
    from civicnb.serving.lab import lab_command, lab_env

    env = dict(os.environ)
    env.update(
        CIVICNB_CACHE_DIR=str(home / "cache"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "lab-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "lab-workspaces"),
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
    )
    port = _free_port()
    log = open(home / "lab.log", "wb")  # noqa: SIM115 (open while Lab runs)
    proc = subprocess.Popen(
        lab_command(
            root,
            port=port,
            token="",
            # this script ends sessions through the REST API (a throwaway Lab on loopback)
            extra_args=("--ServerApp.disable_check_xsrf=True",),
        ),
        env=lab_env(root, env),
        cwd=str(root),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url + "api/status", timeout=2):
                return proc, url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    _stop(proc)
    raise SystemExit("JupyterLab did not start:\n" + (home / "lab.log").read_text()[-3000:])


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _shut_down_kernels(base: str) -> None:
    """End every notebook session of the Lab (the next run starts a new kernel)."""
    with urllib.request.urlopen(base + "api/sessions", timeout=10) as resp:
        sessions = json.loads(resp.read())
    for s in sessions:
        req = urllib.request.Request(base + f"api/sessions/{s['id']}", method="DELETE")
        urllib.request.urlopen(req, timeout=30).close()


def _one_run(
    browser: Any, base: str, path: str, widgets: str, storage: dict[str, str]
) -> tuple[float, float]:
    """Seconds from asking for the address to the widgets shown, and from Run All."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.goto(base + "api/status")
        page.evaluate(
            "s => { for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v); }", storage
        )
        panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
        start = time.perf_counter()
        page.goto(base + "lab/tree/" + path + "?reset", wait_until="domcontentloaded")
        page.wait_for_selector(f"{panel} .jp-Notebook-ExecutionIndicator[data-status='idle']")
        prompt = page.locator(f"{panel} .jp-CodeCell .jp-InputPrompt").first
        run_at = time.perf_counter()
        for attempt in range(10):  # a fresh kernel may say "idle" before it takes requests
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            try:
                page.wait_for_function(
                    "el => /\\[(\\*|\\d+)\\]/.test(el.textContent)",
                    arg=prompt.element_handle(),
                    timeout=3_000,
                )
                break
            except Exception:
                if attempt == 9:
                    raise
        page.wait_for_function(widgets, polling=20)
        end = time.perf_counter()
        return end - start, end - run_at
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from civicnb.api import create_demo
    from civicnb.records import Side
    from civicnb.reports.report import find_chromium
    from civicnb.workshop.participation import join, start_session
    from civicnb.workspace import open_workspace

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("no Chromium found ($CIVICNB_CHROMIUM, /usr/bin/chromium)")
    with tempfile.TemporaryDirectory(prefix="civicnb-bench-lab-") as tmp:
        root, home = Path(tmp) / "ws", Path(tmp) / "home"
        home.mkdir()
        os.environ["CIVICNB_EXECUTE_NOTEBOOKS"] = "0"  # Lab runs them
        create_demo(root)
        ws = open_workspace(root)
        with ws.open_store() as store:
            loc = store.get_locality("villaflor")
            pid = join(store, loc, Side.LA, "Bench", named=False).id
            token = start_session(store, pid)
        storage = {f"civicnb:{loc.id}": json.dumps({"s": token, "lang": "en"})}
        _minimal_notebook(root / MINIMAL)
        proc, base = _start_lab(root, home)
        cases = {"strand": (STRAND, STRAND_SHOWN), "minimal": (MINIMAL, MINIMAL_SHOWN)}
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=chromium, args=CHROMIUM_ARGS, headless=True
                )
                # one unmeasured run each: Lab's assets cached by the server, first imports
                for path, widgets in cases.values():
                    _one_run(browser, base, path, widgets, storage)
                    _shut_down_kernels(base)
                for _ in range(args.runs):
                    for name, (path, widgets) in cases.items():
                        times[name].append(_one_run(browser, base, path, widgets, storage))
                        _shut_down_kernels(base)
                browser.close()
        finally:
            _stop(proc)
    med = {
        name: (statistics.median(t for t, _ in runs), statistics.median(r for _, r in runs))
        for name, runs in times.items()
    }
    s_open, s_run = med["strand"]
    m_open, m_run = med["minimal"]
    print(f"JupyterLab, median of {args.runs} runs each, a new kernel every run")
    print(f"  strand I notebook: open → widgets {s_open:.2f} s (Run All → widgets {s_run:.2f} s)")
    print(f"  minimal notebook:  open → widgets {m_open:.2f} s (Run All → widgets {m_run:.2f} s)")
    ratio = s_open / m_open
    met = "met" if ratio <= TARGET_RATIO else "NOT met"
    print(f"  ratio open → widgets: {ratio:.2f}; target ≤ {TARGET_RATIO}: {met}")
    print(f"  ratio Run All → widgets: {s_run / m_run:.2f}")
    print(f"  load average at the end: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
