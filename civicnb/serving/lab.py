"""``civicnb lab``: JupyterLab on a workspace, with civicnb's launcher entries.

JupyterLab is the working room of the people who run the process (facilitators,
trainers, a network's analysts); Voilà stays the participants' view. This starts
``jupyter lab`` (the ``lab`` extra) with:

* the workspace's folder as Lab's root and working folder, and the launcher file
  :mod:`civicnb.execution.launcher` writes there (jupyter_app_launcher reads it);
* civicnb's Voilà template on ``JUPYTER_PATH`` (:func:`civicnb.serving.voila.voila_env`):
  civicnb's notebooks ask for it in their metadata, so Voilà's preview inside Lab shows
  them as ``civicnb serve`` does (no CDN, ``lang``, skip link);
* 127.0.0.1 unless asked, the port asked for or none, no browser unless asked, and
  nothing fetched from the network: JupyterLab's news and update checks off, and no
  MathJax address for Voilà's pages (a CDN by default).

:func:`lab_command` builds the command line; :func:`run_lab` writes the workspace's home
page and launcher file and runs it until Ctrl-C.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from civicnb.errors import UsageError
from civicnb.workspace import Workspace

__all__ = [
    "LAB_EXTRA_MISSING",
    "lab_command",
    "lab_env",
    "lab_folders",
    "lab_is_installed",
    "run_lab",
]

LAB_EXTRA_MISSING = (
    "JupyterLab and civicnb's launcher entries are not installed: "
    "pip install 'civicnb[lab]' (or 'civicnb[collab]' for live co-writing)"
)


def lab_is_installed() -> bool:
    """True when the ``lab`` extra's packages are importable."""
    return all(
        importlib.util.find_spec(m) is not None for m in ("jupyterlab", "jupyter_app_launcher")
    )


def lab_command(
    root: str | os.PathLike[str],
    *,
    port: int = 8888,
    host: str = "127.0.0.1",
    open_browser: bool = False,
    token: str | None = None,
    python: str | None = None,
    extra_args: Sequence[str] = (),
) -> list[str]:
    """The command line that runs JupyterLab on ``root``.

    ``token`` None: Jupyter's own (random, printed in the address it shows); ``""``
    turns the token off (only for tests on 127.0.0.1)."""
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        raise UsageError(f"port must be a number from 1 to 65535 (got {port!r})")
    if not host or any(c.isspace() for c in host):
        raise UsageError(f"not a host name or address: {host!r}")
    folder = Path(root)
    if not folder.is_dir():
        raise UsageError(f"no such folder: {folder}")
    cmd = [
        python or sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={folder.resolve()}",
        f"--ServerApp.ip={host}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.open_browser={open_browser}",
        # nothing from the network: no news feed, no update check
        "--LabApp.news_url=None",  # None: no feed, and Lab does not ask for one
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        # Voilà's pages inside Lab take MathJax's address from the server's settings,
        # a CDN when unset (seen: every preview asked cdnjs.cloudflare.com for it); Lab
        # itself bundles MathJax and does not use this address
        '--ServerApp.tornado_settings={"mathjax_url": ""}',
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Jupyter refuses root unless told; containers (Docker, CI) often run as root
        cmd.append("--ServerApp.allow_root=True")
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    cmd += list(extra_args)
    return cmd


def lab_folders(cache_dir: Path | None = None) -> tuple[Path, Path]:
    """(a Jupyter data folder, a Jupyter config folder) for Lab, made once under
    civicnb's cache folder: the data folder holds ``voila/templates/civicnb`` (our
    template, for Voilà's preview; not the pages' kernel spec, which would change every
    notebook's kernel in Lab); the config folder's ``labconfig/page_config.json`` turns
    off Lab's announcements plugin (its "get notified about news?" prompt, and its
    checks on the network)."""
    import hashlib
    import json

    from civicnb.assets import voila_template_dir
    from civicnb.serving.voila import TEMPLATE_NAME, _cache_root, _link_or_copy

    target = voila_template_dir(TEMPLATE_NAME).resolve()
    key = hashlib.sha256(str(target).encode()).hexdigest()[:12]
    base = (cache_dir or _cache_root()) / f"lab-{key}"
    data, config = base / "data", base / "config"
    _link_or_copy(target, data / "voila" / "templates" / TEMPLATE_NAME)
    page_config = config / "labconfig" / "page_config.json"
    text = json.dumps({"disabledExtensions": {ANNOUNCEMENTS: True}}, indent=1) + "\n"
    if not page_config.is_file() or page_config.read_text(encoding="utf-8") != text:
        page_config.parent.mkdir(parents=True, exist_ok=True)
        tmp = page_config.with_name(f".page_config.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, page_config)
    return data, config


ANNOUNCEMENTS = "@jupyterlab/apputils-extension:announcements"


def _first_on(env: dict[str, str], name: str, folder: Path) -> None:
    current = [p for p in env.get(name, "").split(os.pathsep) if p and p != str(folder)]
    env[name] = os.pathsep.join([str(folder), *current])


def lab_env(root: str | os.PathLike[str], base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for :func:`lab_command` run in ``root``: civicnb's Voilà
    template and Lab settings found first (:func:`lab_folders`). (jupyter_app_launcher
    reads the launcher file from Lab's working folder, ``root``; naming that folder in
    ``$JUPYTER_APP_LAUNCHER_PATH`` too would show every entry twice.)"""
    env = dict(os.environ if base is None else base)
    data, config = lab_folders()
    _first_on(env, "JUPYTER_PATH", data)
    _first_on(env, "JUPYTER_CONFIG_PATH", config)
    named = env.get("JUPYTER_APP_LAUNCHER_PATH")
    if named and Path(named).resolve() == Path(root).resolve():
        env.pop("JUPYTER_APP_LAUNCHER_PATH")
    env.pop("ANYWIDGET_HMR", None)  # never watch files in a served app
    return env


def run_lab(
    target: Workspace | Path,
    *,
    port: int = 8888,
    host: str = "127.0.0.1",
    open_browser: bool = True,
    echo: object = print,
    replace_process: bool = True,
) -> int:
    """Write the workspace's home page and launcher file (or, ``target`` a folder of
    course packs, its launcher file), then run JupyterLab on it.

    With ``replace_process`` (POSIX), this process *becomes* JupyterLab (``exec``):
    Ctrl-C, SIGTERM or SIGHUP (a closed terminal) reach Jupyter itself, which stops its
    kernels; nothing is left running. Otherwise JupyterLab runs as a child until it
    stops, and its exit status is returned."""
    if not lab_is_installed():
        raise UsageError(LAB_EXTRA_MISSING)
    from civicnb.execution.home import write_home
    from civicnb.execution.launcher import write_course_launcher, write_launcher
    from civicnb.serving.serve import port_is_taken

    if port_is_taken(host, port):
        raise UsageError(
            f"port {port} is already in use (another JupyterLab?): stop that server, "
            "or choose another port with --port"
        )
    say = echo if callable(echo) else print
    if isinstance(target, Workspace):
        root = target.root
        write_home(target)
        launcher = write_launcher(target)
        # for the facilitator's page and the home page's set-up (never in an address)
        say(f"facilitator key: {target.facilitator_key()} (keep it to yourself)")
    else:
        root = Path(target)
        launcher = write_course_launcher(root)
    say(f"civicnb's launcher entries: {launcher}")
    cmd = lab_command(root, port=port, host=host, open_browser=open_browser)
    env = lab_env(root)
    if replace_process and os.name == "posix":
        sys.stdout.flush()
        sys.stderr.flush()
        os.chdir(root)
        os.execve(cmd[0], cmd, env)
    try:
        return subprocess.call(cmd, cwd=root, env=env)
    except KeyboardInterrupt:
        return 130
