"""`civicnb serve` starts Voilà, prints the participants' address, and serves it."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from civicnb.api import create_demo

pytestmark = pytest.mark.kernel


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _check_front_end_files_are_kept(html: str, origin: str) -> None:
    """Browsers keep the ~100 front-end files of a page (civicnb.serving.app): a
    participant's next page asks the server for none of them."""
    from civicnb.serving.app import STATIC_MAX_AGE

    config = json.loads(
        re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S
        )[1]  # type: ignore[index]
    )
    kept = [m for m in re.findall(r'(?:src|href)="(/voila/(?:static|templates)/[^"?]+)', html)]
    assert any(u.endswith("civicnb.css") for u in kept) and any(u.endswith(".js") for u in kept)
    for path in kept:
        with urllib.request.urlopen(origin + path, timeout=30) as resp:
            assert resp.headers["Cache-Control"] == f"max-age={STATIC_MAX_AGE}", path
    extensions = config["federated_extensions"]
    assert any(e["name"] == "anywidget" for e in extensions)
    for ext in extensions:
        url = f"{origin}/voila/labextensions/{ext['name']}/{ext['load']}"
        with urllib.request.urlopen(url, timeout=30) as resp:
            assert "immutable" in resp.headers["Cache-Control"], url


def test_serve_prints_the_address_and_serves_the_start_page(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    os.environ["CIVICNB_EXECUTE_NOTEBOOKS"] = "0"
    try:
        create_demo(ws)
    finally:
        os.environ.pop("CIVICNB_EXECUTE_NOTEBOOKS", None)
    port = _free_port()
    exe = Path(sys.executable).with_name("civicnb")
    env = {**os.environ, "CIVICNB_CACHE_DIR": str(tmp_path / "cache"), "PYTHONUNBUFFERED": "1"}
    with open(tmp_path / "serve.err", "wb") as err:  # the child keeps its own copy
        proc = subprocess.Popen(
            [
                str(exe),
                "serve",
                "-w",
                str(ws),
                "--port",
                str(port),
                "--no-browser",
                "--participants",
                "1",
            ],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            env=env,
            start_new_session=True,
        )
    try:
        url = None
        home = None
        deadline = time.monotonic() + 120
        assert proc.stdout is not None
        while time.monotonic() < deadline and url is None:
            line = proc.stdout.readline()
            if not line:
                break
            if "The home page:" in line:
                home = line.split("The home page:", 1)[1].strip()
            if "villaflor:" in line:
                url = line.split("villaflor:", 1)[1].strip()
        # the home page first, then each locality's start page
        assert home == f"http://127.0.0.1:{port}/voila/render/home.ipynb"
        assert url == f"http://127.0.0.1:{port}/voila/render/villaflor/start.ipynb"
        # the server's root leads there
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as resp:
            assert resp.status == 200 and resp.geturl() == home
            assert '<html lang="en">' in resp.read().decode("utf-8")
        with urllib.request.urlopen(url + "?lang=es", timeout=60) as resp:
            html = resp.read().decode("utf-8")
        assert resp.status == 200
        assert "civicnb.css" in html and "Skip to content" in html
        assert 'src="https://' not in html and 'href="https://' not in html
        _check_front_end_files_are_kept(html, f"http://127.0.0.1:{port}")
        folders = _voila_folders(proc.pid)
    finally:
        # a service manager's SIGTERM, to civicnb alone (Voilà runs in its own session)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stdout.close()
    assert proc.returncode == 0
    # stopping civicnb stops Voilà and its kernels, and removes the folders made for them
    time.sleep(1)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=3)
    # the preheated kernels were stopped before their socket files went: no tracebacks
    errors = (tmp_path / "serve.err").read_text(errors="replace")
    assert "Kernel shutdown" in errors and "Traceback" not in errors, errors[-3000:]
    # civicnb's own notebooks are trusted: no warning per page served or preheated
    assert "not trusted" not in errors and "without encryption" not in errors, errors[-3000:]
    if folders is not None:
        connections, config = folders
        assert connections.name.startswith("voila_")
        assert config.name.startswith("civicnb-voila-")
        assert not connections.exists() and not config.exists()


def _voila_folders(pid: int) -> tuple[Path, Path] | None:
    """The folder of kernels' connection files and the pools' config folder of the Voilà
    that ``civicnb serve`` (``pid``) started, read from /proc (None where there is none)."""
    if not Path(f"/proc/{pid}").exists():
        return None

    def children(p: int | str) -> list[str]:
        path = Path(f"/proc/{p}/task/{p}/children")
        return path.read_text().split() if path.exists() else []

    (voila,) = children(pid)
    env = dict(
        item.split("=", 1)
        for item in Path(f"/proc/{voila}/environ").read_text().split("\0")
        if "=" in item
    )
    config = Path(env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0])
    deadline = time.monotonic() + 60  # the preheated kernel's command names its file
    while time.monotonic() < deadline:
        for kernel in children(voila):
            argv = Path(f"/proc/{kernel}/cmdline").read_text().split("\0")
            if "-f" in argv:
                connections = Path(argv[argv.index("-f") + 1]).parent
                assert connections.is_dir() and (config / "voila.json").is_file()
                return connections, config
        time.sleep(0.5)
    raise AssertionError("no kernel of Voilà's was found")


def _demo_workspace(path: Path) -> Path:
    os.environ["CIVICNB_EXECUTE_NOTEBOOKS"] = "0"
    try:
        create_demo(path)
    finally:
        os.environ.pop("CIVICNB_EXECUTE_NOTEBOOKS", None)
    return path


def _serve(ws: Path, port: int, tmp_path: Path, *extra: str) -> subprocess.Popen[str]:
    """``civicnb serve`` in its own session (signals reach it alone, as from a terminal
    or a service manager), stdout piped, stderr to a file."""
    exe = Path(sys.executable).with_name("civicnb")
    env = {**os.environ, "CIVICNB_CACHE_DIR": str(tmp_path / "cache"), "PYTHONUNBUFFERED": "1"}
    with open(tmp_path / f"serve-{port}-{time.monotonic_ns()}.err", "wb") as err:
        return subprocess.Popen(  # the child keeps its own copy of err
            [str(exe), "serve", "-w", str(ws), "--port", str(port), "--no-browser", *extra],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            env=env,
            start_new_session=True,
        )


def _wait_for_address(proc: subprocess.Popen[str], slug: str = "villaflor") -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if f"{slug}:" in line:
            return line.split(f"{slug}:", 1)[1].strip()
    raise AssertionError("civicnb serve printed no address")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(c) for c in path.read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a parent that never reaps it does not count)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


def test_a_second_serve_on_a_taken_port_fails_in_one_line(tmp_path: Path) -> None:
    """Voilà used to move to the next free port, civicnb's readiness check was answered
    by the first server, and the second printed addresses and a key that were not its
    own. Now it says the port is taken, in one line, and prints no address or key."""
    first_ws = _demo_workspace(tmp_path / "first")
    second_ws = _demo_workspace(tmp_path / "second")
    port = _free_port()
    first = _serve(first_ws, port, tmp_path)
    try:
        _wait_for_address(first)
        second = _serve(second_ws, port, tmp_path)
        try:
            out, _ = second.communicate(timeout=60)
        finally:
            _stop(second)
        assert second.returncode != 0
        (err_file,) = [e for e in tmp_path.glob("serve-*.err") if "in use" in e.read_text()]
        lines = [ln for ln in err_file.read_text().splitlines() if ln.strip()]
        assert len(lines) == 1 and f"port {port} is already in use" in lines[0], lines
        assert "key=" not in out and "http" not in out, out
        # the first server still serves its own workspace
        assert _port_open(port)
    finally:
        _stop(first)


@pytest.mark.parametrize("sig", ["SIGHUP", "SIGKILL"])
def test_voila_and_its_kernels_end_with_civicnb(tmp_path: Path, sig: str) -> None:
    """Closing the terminal (SIGHUP) or ``kill -9`` of civicnb: within seconds no Voilà,
    no kernel, the port is closed and no folder is left (Voilà used to go on serving,
    reparented to 1)."""
    ws = _demo_workspace(tmp_path / "ws")
    port = _free_port()
    proc = _serve(ws, port, tmp_path, "--participants", "1")
    started: list[int] = []  # to clean up after a failure
    try:
        _wait_for_address(proc)
        (voila,) = _children(proc.pid)
        started.append(voila)
        environ = Path(f"/proc/{voila}/environ").read_text().split("\0")
        (made,) = [e.split("=", 1)[1] for e in environ if e.startswith("CIVICNB_SERVE_FOLDERS=")]
        folders = [Path(f) for f in made.split(os.pathsep)]
        assert len(folders) == 2 and all(f.is_dir() for f in folders)  # ready file, pools
        deadline = time.monotonic() + 90
        kernels: list[int] = []
        while time.monotonic() < deadline and not kernels:  # the preheated kernels
            kernels = _children(voila)
            time.sleep(0.5)
        time.sleep(1)
        kernels = _children(voila)
        started += kernels
        assert kernels, "no preheated kernel was started"
        os.kill(proc.pid, getattr(signal, sig))
        proc.wait(timeout=30)
        # Voilà shuts its kernels down first: with the home page's pool too, a dozen
        # kernels still starting on a loaded 2-core machine took more than 15 s
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline:
            if not _alive(voila) and not any(_alive(k) for k in kernels) and not _port_open(port):
                break
            time.sleep(0.3)
        assert not _alive(voila), "Voilà is still running"
        assert not [k for k in kernels if _alive(k)], "kernels are still running"
        assert not _port_open(port)
        # and the folders civicnb made for this server are gone, even after kill -9
        assert not [f for f in folders if f.exists()]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        if proc.stdout is not None:
            proc.stdout.close()
        for pid in started:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
