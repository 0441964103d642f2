"""Browser tests: standalone Voilà + headless Chromium (Playwright), fully offline.

Fixtures
--------
``chromium_path``  a Chromium/Chrome executable: $CIVICNB_CHROMIUM, else /usr/bin/chromium,
                   ``chromium``, ``chromium-browser``, ``google-chrome`` on PATH. Missing:
                   the tests fail when CI=true, else they are skipped
                   (``scripts/install-chromium.sh`` installs one).
``browser``        one Playwright Chromium per session.
``net``            a :class:`NetworkGuard`: every request to a host other than
                   127.0.0.1/localhost is recorded and aborted.
``page``           a fresh page (1280x900) whose context is routed through ``net``;
                   dialogs (alert/confirm) are recorded in ``net.dialogs`` and dismissed
                   ("leave this page?" is accepted: the test navigates on purpose).
``voila_server``   factory: ``voila_server(path, language="en", preheat=0) -> base URL``;
                   starts standalone Voilà (``civicnb.serving.voila.voila_command``) on a free
                   port of 127.0.0.1, waits until it answers, and kills its process group
                   at the end of the session. Servers are shared per (path, options).
``lab_server``     factory: ``lab_server(root) -> "http://127.0.0.1:PORT/"``: a real JupyterLab
                   (``civicnb.serving.lab.lab_command``, token off, the launcher file
                   written) on a free port, its own Jupyter folders; shared per root.
``axe_serious``    ``axe_serious(page) -> list of violations`` of impact serious/critical
                   (axe-core bundled with axe-playwright-python: no network).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from civicnb.api import create_demo
from civicnb.reports.report import find_chromium
from civicnb.serving.lab import lab_command, lab_env
from civicnb.serving.voila import voila_command, voila_env
from civicnb.workspace import Workspace, open_workspace

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "pages"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
SERVER_START_TIMEOUT = 90.0


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test under tests/browser drives a real browser: mark it ``browser``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@contextlib.contextmanager
def notebooks_prepared_only() -> Iterator[None]:
    """Inside: `civicnb new`/`demo` write the notebooks without executing them (Voilà
    executes them when served; papermill need not)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CIVICNB_EXECUTE_NOTEBOOKS", "0")
        yield


def demo_workspace(tmp_path_factory: pytest.TempPathFactory, name: str) -> Workspace:
    """A fresh workspace with the demo locality, for one test module."""
    path = tmp_path_factory.mktemp(name)
    with notebooks_prepared_only():
        create_demo(path)
    return open_workspace(path)


def require(*modules: str) -> None:
    """Skip (fail when CI=true) unless every module can be imported: the test extra
    installs them all (``lab``, ``collab``, ``nbgrader``)."""
    import importlib.util

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        _missing(f"{', '.join(missing)} not installed (pip install 'civicnb[test]')")


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason} (CI=true: browser tests must run; see scripts/install-chromium.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        _missing("no Chromium found ($CIVICNB_CHROMIUM, /usr/bin/chromium, chromium on PATH)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install 'civicnb[test]')")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@dataclass
class NetworkGuard:
    """Records (and aborts) every request that would leave the machine."""

    external: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def handle(self, route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about", "file"} or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()


@pytest.fixture
def net() -> NetworkGuard:
    return NetworkGuard()


@pytest.fixture
def page(browser: Any, net: NetworkGuard) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.route("**/*", net.handle)
    pg = context.new_page()
    pg.set_default_timeout(30_000)

    def on_dialog(dialog: Any) -> None:
        if dialog.type == "beforeunload":
            # "leave this page?" (JupyterLab asks it when notebooks ran): a test that
            # navigates means to leave
            dialog.accept()
            return
        net.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on(
        "console",
        lambda msg: net.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    try:
        yield pg
    finally:
        context.close()
    assert net.external == [], f"requests left the machine: {net.external}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class _Server:
    proc: subprocess.Popen[bytes]
    url: str
    log: Path


def _stop(*procs: subprocess.Popen[bytes]) -> None:
    """Stop servers: SIGTERM to all at once, then SIGKILL to those still there after
    10 s. All at once: a Voilà server often takes the whole 10 s to shut its kernels
    down, and a worker's dozen servers stopped one by one took two minutes."""
    running = [p for p in procs if p.poll() is None]
    for proc in running:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for proc in running:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


class _Servers(dict[tuple[object, ...], _Server]):
    """The servers a fixture started, by the options they were started with."""

    def running(self, key: tuple[object, ...]) -> str | None:
        server = self.get(key)
        return server.url if server is not None and server.proc.poll() is None else None

    def log_of(self, url: str) -> str:
        """What the server started at ``url`` has logged so far."""
        for server in self.values():
            if url.startswith(server.url):
                return server.log.read_text(errors="replace")
        return ""

    def stop_all(self) -> None:
        _stop(*(server.proc for server in self.values()))


def _launch(
    what: str,
    home: Path,
    command: Callable[[int], tuple[list[str], dict[str, str], Path]],
    probe: str,
    timeout: float,
) -> _Server:
    """Start a server on a free port of 127.0.0.1 (``command(port)`` gives its command
    line, environment and folder) and wait until ``probe`` (a path under its address)
    answers 200. A port taken between the choice and the start: another port (3 tries)."""
    for attempt in range(3):
        port = _free_port()
        cmd, env, cwd = command(port)
        log = home / f"{what}-{port}.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                cmd,
                env=env,
                cwd=str(cwd),
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(url + probe, timeout=2) as resp:
                    if resp.status == 200:
                        return _Server(proc, url, log)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        _stop(proc)
        text = log.read_text(errors="replace")
        if "already in use" in text and attempt < 2:
            continue
        pytest.fail(f"{what} did not start ({' '.join(cmd)}):\n{text[-3000:]}")
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def voila_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., str]]:
    """``voila_server(path, language="en", preheat=0) -> "http://127.0.0.1:PORT/"``."""
    pytest.importorskip("voila")
    home = tmp_path_factory.mktemp("voila-home")
    base_env = dict(os.environ)
    base_env.update(
        CIVICNB_CACHE_DIR=str(home / "cache"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONUNBUFFERED="1",
    )
    servers = _Servers()

    def start(path: str | Path, language: str = "en", preheat: int = 0) -> str:
        key = (str(Path(path).resolve()), language, preheat)
        if (url := servers.running(key)) is not None:
            return url

        def command(port: int) -> tuple[list[str], dict[str, str], Path]:
            cmd = voila_command(
                path, port=port, language=language, preheat=preheat, python=sys.executable
            )
            return (
                cmd,
                voila_env(base_env),
                Path(path).parent if Path(path).is_file() else Path(path),
            )

        servers[key] = _launch(
            "Voilà",
            home,
            command,
            "voila/templates/civicnb/static/civicnb.css",
            SERVER_START_TIMEOUT,
        )
        return servers[key].url

    start.log_of = servers.log_of  # type: ignore[attr-defined]
    try:
        yield start
    finally:
        servers.stop_all()


LAB_START_TIMEOUT = 120.0


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """``lab_server(root) -> "http://127.0.0.1:PORT/"``: JupyterLab on ``root`` (a
    workspace's folder: its home page and launcher file are written first)."""
    require("jupyterlab", "jupyter_app_launcher")
    from civicnb.execution.home import write_home
    from civicnb.execution.launcher import write_launcher

    home = tmp_path_factory.mktemp("lab-home")
    base_env = dict(os.environ)
    # not JUPYTER_DATA_DIR: Lab must trust the notebooks civicnb signed (its notary's
    # secret is there), or Voilà's preview asks "render anyway?"
    base_env.update(
        CIVICNB_CACHE_DIR=str(home / "cache"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "lab-settings"),
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONUNBUFFERED="1",
    )
    servers = _Servers()

    def start(root: str | Path, extra_args: tuple[str, ...] = ()) -> str:
        folder = Path(root).resolve()
        key = (str(folder), *extra_args)
        if (url := servers.running(key)) is not None:
            return url
        if (folder / "workspace.json").is_file():
            ws = open_workspace(folder)
            write_home(ws)
            write_launcher(ws)

        def command(port: int) -> tuple[list[str], dict[str, str], Path]:
            cmd = lab_command(folder, port=port, token="", extra_args=extra_args)
            # each server its own Lab workspaces: no tabs restored from another server's
            workspaces = {**base_env, "JUPYTERLAB_WORKSPACES_DIR": str(home / f"ws-{port}")}
            return cmd, lab_env(folder, workspaces), folder

        servers[key] = _launch("JupyterLab", home, command, "api/status", LAB_START_TIMEOUT)
        return servers[key].url

    start.log_of = servers.log_of  # type: ignore[attr-defined]
    try:
        yield start
    finally:
        servers.stop_all()


_lab_workspaces = itertools.count(1)


def lab_url(base: str, path: str = "") -> str:
    """``base``'s Lab in a new, empty Lab workspace (no tabs restored), opening ``path``
    (relative to Lab's root) if given."""
    name = f"t{next(_lab_workspaces)}"
    return base + f"lab/workspaces/{name}" + (f"/tree/{path}" if path else "") + "?reset"


def open_in_lab(page: Any, base: str, path: str, *, run: bool = True) -> None:
    """Open ``path`` (relative to Lab's root) in JupyterLab at ``base`` and, with
    ``run``, run all its cells (Run ▸ Run All Cells) once its kernel is idle.

    ``?reset`` starts from an empty Lab workspace (no tabs restored from an earlier
    page of the session: only this notebook is open). The first page of a fresh Lab
    can take long (its assets, the kernel's first start): the notebook is waited for,
    and the page reloaded once if it never shows; Run All is asked again if the
    kernel was not taking requests yet."""
    # a Lab workspace of its own (no tabs another test left open on this server), empty
    url = lab_url(base, path)
    panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    for attempt in range(3):
        try:  # Lab rewrites its address as it starts: a navigation can be aborted
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_selector(f"{panel} .jp-Cell", timeout=60_000)
            break
        except Exception:
            if attempt == 2:
                raise
    page.wait_for_selector(
        f"{panel} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000
    )
    if not run:
        return
    # a fresh kernel can report "idle" before it takes requests, and cells run then are
    # silently not run: run again until the first cell has run or is running (a run that
    # was taken marks its cells "[*]" at once, even while they wait for the kernel)
    prompt = page.locator(f"{panel} .jp-CodeCell .jp-InputPrompt").first
    for attempt in range(8):
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            page.wait_for_function(
                "el => /\\[(\\*|\\d+)\\]/.test(el.textContent)",
                arg=prompt.element_handle(),
                timeout=5_000,
            )
            return
        except Exception:
            if attempt == 7:
                raise


@pytest.fixture(scope="session")
def axe_serious() -> Callable[[Any], list[dict[str, Any]]]:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _missing("axe-playwright-python is not installed (pip install 'civicnb[test]')")
    axe = Axe()

    def run(page: Any, context: Any = None) -> list[dict[str, Any]]:
        results = axe.run(page, context=context)
        violations = results.response["violations"]
        return [v for v in violations if v.get("impact") in {"serious", "critical"}]

    return run


def describe(violations: list[dict[str, Any]]) -> str:
    """A readable summary of axe violations for assertion messages."""
    lines = []
    for v in violations:
        targets = [n.get("target") for n in v.get("nodes", [])][:5]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return "\n".join(lines)


LATE_REPLIES = """
(() => {
  // Every message from the server reaches the page's code `window.civicnbLag` ms late,
  // in order (timers of one delay fire in the order they were set): a busy server's
  // replies, as a workshop's kernels on two cores make them. What the page sends is
  // not delayed.
  const Native = window.WebSocket;
  window.civicnbLag = 0;
  const late = (socket, fn) => (event) => {
    const lag = window.civicnbLag;
    if (lag > 0) setTimeout(() => fn.call(socket, event), lag);
    else fn.call(socket, event);
  };
  class LateSocket extends Native {
    set onmessage(fn) { super.onmessage = typeof fn === "function" ? late(this, fn) : fn; }
    get onmessage() { return super.onmessage; }
    addEventListener(type, fn, options) {
      super.addEventListener(type, type === "message" && typeof fn === "function" ? late(this, fn) : fn, options);
    }
  }
  window.WebSocket = LateSocket;
})();
"""
"""``page.add_init_script(LATE_REPLIES)``, then, once the page is ready,
``page.evaluate("() => { window.civicnbLag = 3000; }")``: from then on every message
from the server reaches the page 3 s late (a busy server)."""


def hold_session(page: Any, base: str, ws: Workspace, pid: str, *, kiosk: bool = False) -> str:
    """Make this browser hold a live session for participant ``pid``, as it does after
    joining on the start page (the token in localStorage; addresses name nobody).
    ``base`` is ``…/voila/render/<locality>/``. Returns the token."""
    from civicnb.workshop.participation import start_session

    slug = base.rstrip("/").rsplit("/", 1)[-1]
    with ws.open_store() as store:
        loc = store.get_locality(slug)
        token = start_session(store, pid, kiosk=kiosk)
    origin = base.split("/voila/", 1)[0] + "/"
    page.goto(origin + "voila/templates/civicnb/static/civicnb.css")
    page.evaluate(
        "([k, v]) => window.localStorage.setItem(k, v)",
        [f"civicnb:{loc.id}", json.dumps({"s": token, "lang": "en"})],
    )
    return token


def open_as(page: Any, base: str, ws: Workspace, pid: str, path: str) -> str:
    """Open ``path`` (e.g. ``strand-I.ipynb?lang=en``) as participant ``pid``."""
    token = hold_session(page, base, ws, pid)
    page.goto(base + path)
    return token
