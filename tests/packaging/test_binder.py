"""The Binder set-up works: ``binder/`` installed as Binder would, in a fresh venv.

Binder (repo2docker) runs ``pip install -r binder/requirements.txt`` from the repository
root, then ``binder/postBuild`` (HOME is the user's home, where the repository lives),
and starts a Jupyter server with every session wrapped in ``binder/start``; the link's
``?urlpath=voila/render/civicnb-workspace/localities/home.ipynb`` is then served
by Voilà's *server extension*, relative to the server's root (HOME). This test does the
same on 127.0.0.1 (token auth off) and checks that the README's link, the home page
(``civicnb-workspace/localities/home.ipynb``), and the start page it links to come out of
the civicnb template (skip link, ``<html lang>``, our CSS), with the page's widgets, and
with nothing loaded from another host.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"
URLPATH = "voila/render/civicnb-workspace/localities/home.ipynb"
"""The README's Binder link's ``urlpath``: the home page."""
START = "voila/render/civicnb-workspace/localities/villaflor/start.ipynb"
"""Where the home page's join link leads (relative: ``villaflor/start.ipynb``)."""
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

# variables of this machine that Binder would not have and that would change what the
# server finds (config, data and template paths, the workspace)
_DROP = (
    "JUPYTER_PATH",
    "JUPYTER_CONFIG_DIR",
    "JUPYTER_CONFIG_PATH",
    "JUPYTER_DATA_DIR",
    "JUPYTER_RUNTIME_DIR",
    "JUPYTER_PLATFORM_DIRS",
    "IPYTHONDIR",
    "CIVICNB_HOME",
    "CIVICNB_CACHE_DIR",
    "CIVICNB_TEMPORARY",
    "CIVICNB_EXECUTE_NOTEBOOKS",
    "XDG_CACHE_HOME",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "VIRTUAL_ENV",
    "PYTHONPATH",
    "PYTHONHOME",
)


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_binder_files_are_consistent() -> None:
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    for script in ("postBuild", "start"):
        path = BINDER / script
        assert os.access(path, os.X_OK), f"binder/{script} must be executable"
        assert path.read_text().startswith("#!/bin/bash")
    post = (BINDER / "postBuild").read_text()
    assert "set -e" in post and "pip install" in post and "civicnb-workspace" in post
    assert "write_home" in post  # the home page, where the link lands
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"https://mybinder\.org/v2/gh/\S+", readme)
    # the participants' link (the home page) and JupyterLab's, nothing else
    assert sorted(link.rsplit("?", 1)[-1] for link in links) == [
        "urlpath=lab",
        f"urlpath={URLPATH}",
    ], links
    # requirements.txt carries civicnb's own dependencies and the `lab` extra's (same
    # names and bounds)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lab = project["optional-dependencies"]["lab"]
    wanted = {_name(r): r.replace(" ", "") for r in [*project["dependencies"], *lab]}
    lines = [
        ln.split("#")[0].strip() for ln in (BINDER / "requirements.txt").read_text().splitlines()
    ]
    listed = {_name(ln): ln.replace(" ", "") for ln in lines if ln}
    missing = sorted(set(wanted) - set(listed))
    assert not missing, f"binder/requirements.txt lacks {missing} (see pyproject.toml)"
    differ = {n: (listed[n], wanted[n]) for n in wanted if listed[n] != wanted[n]}
    assert not differ, f"binder/requirements.txt and pyproject.toml disagree: {differ}"


def _run(cmd: list[str], **kw: object) -> None:
    res = subprocess.run(cmd, capture_output=True, text=True, **kw)  # type: ignore[call-overload]
    assert res.returncode == 0, f"{cmd} failed:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 60) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A fresh venv set up by binder/requirements.txt + binder/postBuild; HOME is a temp dir."""
    base = tmp_path_factory.mktemp("binder")
    venv, home = base / "venv", base / "home"
    home.mkdir()
    _run([sys.executable, "-m", "venv", str(venv)])
    env = {k: v for k, v in os.environ.items() if k not in _DROP}
    # keep this machine's pip cache (Binder builds without one; it only saves time)
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    env.update(
        HOME=str(home),
        PATH=os.pathsep.join([str(venv / "bin"), env.get("PATH", "")]),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHONUNBUFFERED="1",
    )
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    _run([*pip, "-r", "binder/requirements.txt"], cwd=ROOT, env=env)
    _run([str(BINDER / "postBuild")], cwd=ROOT, env=env, timeout=600)
    env["CIVICNB_TEST_VENV"] = str(venv)
    yield env


def test_postbuild_installs_civicnb_template_and_demo(binder_env: dict[str, str]) -> None:
    venv = Path(binder_env["CIVICNB_TEST_VENV"])
    home = Path(binder_env["HOME"])
    pages = home / "civicnb-workspace" / "localities" / "villaflor"
    assert (pages / "start.ipynb").is_file() and (pages / "strand-I.ipynb").is_file()
    assert (pages.parent / "home.ipynb").is_file()
    template = venv / "share" / "jupyter" / "voila" / "templates" / "civicnb"
    assert (template / "conf.json").is_file() and (template / "index.html.j2").is_file()
    # the installed copy of the template, not this source checkout
    assert str(ROOT) not in str(template.resolve()), template.resolve()
    assert (venv / "etc" / "jupyter" / "voila.json").is_file()
    # JupyterLab's launcher entries, with paths relative to the server's root (HOME)
    import yaml

    launcher = venv / "share" / "jupyter" / "jupyter_app_launcher" / "jp_app_launcher_civicnb.yaml"
    entries = yaml.safe_load(launcher.read_text(encoding="utf-8"))
    paths = [
        step["args"]["path"]
        for entry in entries
        if entry["type"] == "jupyterlab-commands"
        for step in entry["source"]
    ]
    assert "civicnb-workspace/localities/home.ipynb" in paths
    assert "civicnb-workspace/localities/villaflor/facilitator.ipynb" in paths
    assert all((home / p).is_file() for p in paths), paths
    assert "facilitator.key" not in launcher.read_text() and "key=" not in launcher.read_text()


def test_binder_link_opens_the_start_page_with_the_civicnb_template(
    binder_env: dict[str, str], tmp_path: Path
) -> None:
    venv = Path(binder_env["CIVICNB_TEST_VENV"])
    home = Path(binder_env["HOME"])
    port = _free_port()
    cmd = [
        str(BINDER / "start"),
        str(venv / "bin" / "jupyter"),
        "server",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={home}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=home,
            env=binder_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, f"jupyter server exited:\n{log.read_text()[-3000:]}"
            try:
                if _get(base + "api/status", timeout=2)[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert time.monotonic() < deadline, f"no server:\n{log.read_text()[-3000:]}"
            time.sleep(0.3)
        text = log.read_text(errors="replace")
        assert "voila.server_extension | extension was successfully loaded" in text, text[-3000:]

        for path in (URLPATH, START):
            _check_page(base, path, log)
        css_status, css = _get(base + "voila/templates/civicnb/static/civicnb.css")
        assert css_status == 200 and ".civicnb-skip-link" in css
        _check_lab(base)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def _check_lab(base: str) -> None:
    """The README's second link (``?urlpath=lab``): JupyterLab, with no news prompt and
    civicnb's entries in its launcher (asked of jupyter_app_launcher as Lab asks)."""
    import http.cookiejar
    import json

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "lab", timeout=60) as resp:
        html = resp.read().decode("utf-8", "replace")
    assert resp.status == 200
    assert '"@jupyterlab/apputils-extension:announcements"' in html  # among disabled ones
    xsrf = next(c.value for c in jar if c.name == "_xsrf")
    request = urllib.request.Request(
        base + "jupyterlab-app-launcher",
        data=json.dumps({"method": "init_launcher"}).encode(),
        headers={"X-XSRFToken": xsrf, "Content-Type": "application/json"},
        method="POST",
    )
    with opener.open(request, timeout=60) as resp:
        entries = json.loads(resp.read())
    titles = [e["title"] for e in entries if e.get("catalog") == "civicnb"]
    assert "Workshop home page (Voilà)" in titles, titles
    assert any(t.startswith("Villaflor: ") for t in titles), titles


def _check_page(base: str, path: str, log: Path) -> None:
    """The page at ``path`` comes out of the civicnb template, with its widgets."""
    status, html = _get(base + path, timeout=120)
    assert status == 200, f"{status}\n{html[:2000]}\n{log.read_text()[-3000:]}"
    # the civicnb template, not the stock lab one
    assert '<html lang="en">' in html
    assert "Skip to content" in html and 'id="civicnb-main"' in html
    assert "/voila/templates/civicnb/static/civicnb.css" in html
    # the page ran in a kernel that knew it was interactive: its widgets are there
    assert "application/vnd.jupyter.widget-view+json" in html
    assert "Traceback" not in html
    # nothing from a CDN: every stylesheet and script comes from this server
    tags = re.findall(r"<(?:link|script)\b[^>]*>", html)
    remote = [t for t in tags if re.search(r"""(?:href|src)\s*=\s*["']?(?:https?:)?//""", t)]
    assert remote == [], remote
    assert "fontawesome" not in html.lower() and "unpkg.com" not in html
