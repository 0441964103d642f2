"""Serving civicnb pages with standalone Voilà and the ``civicnb`` template.

Voilà 0.5 finds a template named ``N`` only under ``<root>/voila/templates/N`` for the
roots of :func:`jupyter_core.paths.jupyter_path` (``$JUPYTER_PATH`` first, then the user
and environment data dirs); ``--template`` takes a name, not a path, and
``Voila.template_paths`` is overwritten when a template is chosen. The template's source
is ``templates/voila/civicnb/`` (a source checkout) or ``civicnb/_assets/templates/
voila/civicnb/`` (an installed wheel), so :func:`jupyter_data_dir` makes a small
Jupyter-data-shaped folder whose ``voila/templates/civicnb`` points at it (a symlink, or
a copy where symlinks are not allowed) and :func:`voila_env` puts that folder first on
``JUPYTER_PATH``.

>>> cmd = voila_command(".", port=8866, language="es")
>>> cmd[1:3], "--no-browser" in cmd, "--Voila.ip=127.0.0.1" in cmd
(['-m', 'civicnb.serving.app'], True, True)

Run it with ``subprocess.Popen(cmd, env=voila_env())``; stop it with SIGTERM (Voilà
then shuts its kernels down and removes its folder of connection files). This module
imports nothing
from Jupyter: ``civicnb serve`` can build the command cheaply.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from civicnb.assets import voila_template_dir
from civicnb.errors import UsageError
from civicnb.execution.kernel_settings import IOPUB_TIMEOUT_SECONDS, short_tmp

__all__ = [
    "DEFAULT_CULL_IDLE_TIMEOUT",
    "KERNEL_SPEC",
    "LEFTOVERS_ENV",
    "PARENT_ENV",
    "READY_ENV",
    "TEMPLATE_NAME",
    "jupyter_data_dir",
    "template_paths",
    "voila_command",
    "voila_env",
]

TEMPLATE_NAME = "civicnb"
DEFAULT_CULL_IDLE_TIMEOUT = 20 * 60
"""Seconds after which a kernel with no open page and no activity is shut down (the
course and Binder; ``civicnb serve`` gives its workshop pages less:
:data:`civicnb.serving.serve.CULL_IDLE_SECONDS`)."""

PARENT_ENV = "CIVICNB_SERVE_PARENT_PID"
"""The process id of the ``civicnb serve`` that Voilà must not outlive (civicnb.serving.app)."""
READY_ENV = "CIVICNB_SERVE_READY_FILE"
"""A file Voilà writes ``PORT PID`` into once it listens on its port (civicnb.serving.app)."""
LEFTOVERS_ENV = "CIVICNB_SERVE_FOLDERS"
"""Folders (``civicnb-*``, os.pathsep between them) made by ``civicnb serve`` for this
server, which Voilà removes if it outlives ``civicnb serve`` (civicnb.serving.app)."""

_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _cache_root() -> Path:
    explicit = os.environ.get("CIVICNB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "civicnb"


def _link_or_copy(target: Path, dest: Path) -> None:
    """Make ``dest`` point at ``target`` (symlink), atomically; copy if we cannot link."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.is_symlink() and dest.resolve() == target.resolve():
        return
    tmp = dest.parent / f".{dest.name}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.is_file():
        tmp.unlink()
    elif tmp.is_dir():
        shutil.rmtree(tmp)
    try:
        tmp.symlink_to(target, target_is_directory=True)
    except OSError:  # e.g. Windows without symlink rights: a fresh copy every time
        shutil.copytree(target, tmp)
    if dest.is_dir() and not dest.is_symlink():
        shutil.rmtree(dest)
    os.replace(tmp, dest)


KERNEL_SPEC = {
    # "python" is the server's own Python (jupyter_client puts sys.executable there)
    "argv": [
        "python",
        "-m",
        "ipykernel_launcher",
        "-f",
        "{connection_file}",
        # no history database: IPython's default, one SQLite file
        # (~/.ipython/profile_default/history.sqlite) for all, gave "database is
        # locked" errors with 30 kernels starting at once. Not hist_file=:memory:, which
        # nbclient and civicnb's warm kernel pass themselves: a kernel started from a
        # page (a new locality's pages, a report) would get it twice and die
        "--HistoryManager.enabled=False",
    ],
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "metadata": {"debugger": True},
}
"""The ``python3`` kernel spec of the pages' kernels (``kernels/python3/kernel.json`` in
:func:`jupyter_data_dir`, first on ``JUPYTER_PATH``: found before the installed one)."""


def _write_kernel_spec(base: Path) -> None:
    """``base/kernels/python3/kernel.json`` as :data:`KERNEL_SPEC` (rewritten only if not)."""
    folder = base / "kernels" / "python3"
    target = folder / "kernel.json"
    text = json.dumps(KERNEL_SPEC, indent=1) + "\n"
    try:
        if target.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".kernel.json.{os.getpid()}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def jupyter_data_dir(cache_dir: Path | None = None) -> Path:
    """A Jupyter data folder holding ``voila/templates/civicnb`` (our template) and the
    pages' kernel spec (:data:`KERNEL_SPEC`).

    Made once per template location under ``$CIVICNB_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/civicnb`` or ``~/.cache/civicnb``; if that is not writable, under a
    private temporary folder.
    """
    target = voila_template_dir(TEMPLATE_NAME).resolve()
    key = hashlib.sha256(str(target).encode()).hexdigest()[:12]
    roots = [cache_dir] if cache_dir is not None else [_cache_root()]
    if cache_dir is None:
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
        roots.append(Path(tempfile.gettempdir()) / f"civicnb-{user}")
    last_error: OSError | None = None
    for root in roots:
        base = root / f"jupyter-{key}"
        try:
            _link_or_copy(target, base / "voila" / "templates" / TEMPLATE_NAME)
            _write_kernel_spec(base)
        except OSError as exc:
            last_error = exc
            continue
        return base
    raise UsageError(f"cannot prepare the civicnb Voilà template folder: {last_error}")


def template_paths() -> list[Path]:
    """The Jupyter data folders to put first on ``JUPYTER_PATH`` for our template."""
    return [jupyter_data_dir()]


def voila_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: ``os.environ``) with our template folder first on
    ``JUPYTER_PATH`` (so ``--template=civicnb`` resolves)."""
    env = dict(os.environ if base is None else base)
    ours = [str(p) for p in template_paths()]
    current = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_PATH"] = os.pathsep.join(ours + [p for p in current if p not in ours])
    env.pop("ANYWIDGET_HMR", None)  # never watch files in a served app
    return env


def voila_command(
    notebook_or_dir: str | os.PathLike[str],
    *,
    port: int,
    host: str = "127.0.0.1",
    language: str = "en",
    preheat: int = 0,
    cull_idle_timeout: int = DEFAULT_CULL_IDLE_TIMEOUT,
    cull_interval: int = 60,
    base_url: str | None = None,
    python: str | None = None,
    extra_args: Sequence[str] = (),
) -> list[str]:
    """The command line that serves ``notebook_or_dir`` with standalone Voilà.

    * runs :mod:`civicnb.serving.app` (Voilà whose front-end files browsers keep);
    * binds ``host`` (127.0.0.1 unless asked) on ``port`` (if that is taken, it exits
      instead of trying the next ports), never opens a browser;
    * uses the ``civicnb`` template (no CDN, skip link, ``<main>``, print styles) and
      forbids overriding template or theme from the URL;
    * ``<html lang>`` is ``language``;
    * never shows tracebacks to participants;
    * ``preheat`` > 0 keeps that many kernels warm per notebook (pages in ms instead of
      ~1 s; the notebook must then read its query string after ``wait_for_request()``);
    * kernels idle for ``cull_idle_timeout`` seconds with no page connected are shut
      down (checked every ``cull_interval`` seconds).

    Run it with the environment from :func:`voila_env`.
    """
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        raise UsageError(f"port must be a number from 1 to 65535 (got {port!r})")
    if not host or any(c.isspace() for c in host):
        raise UsageError(f"not a host name or address: {host!r}")
    if not _LANG.match(language):
        raise UsageError(f"not a language code: {language!r} (use e.g. 'en' or 'es')")
    if preheat < 0 or cull_idle_timeout < 0 or cull_interval <= 0:
        raise UsageError("preheat and cull_idle_timeout must be >= 0, cull_interval > 0")
    path = Path(notebook_or_dir)
    if not path.exists():
        raise UsageError(f"no such notebook or folder: {path}")
    cmd = [
        python or sys.executable,
        "-m",
        "civicnb.serving.app",  # Voilà, with its front-end files cached by browsers
        str(path),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",  # the port asked for, or none (never a neighbour)
        f"--template={TEMPLATE_NAME}",
        "--VoilaConfiguration.allow_template_override=NO",
        "--VoilaConfiguration.allow_theme_override=NO",
        "--theme=light",
        "--show_tracebacks=False",
        "--strip_sources=True",
        f"--VoilaExporter.language_code={language}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle_timeout}",
        f"--MappingKernelManager.cull_interval={cull_interval}",
        "--MappingKernelManager.cull_connected=False",
        # a page's outputs reach Voilà over the kernel's IOPub channel; nbclient waits 4 s
        # for them by default and then renders the page WITHOUT them (no error): with
        # dozens of kernels starting on two cores, 5 of 30 strand pages came out empty
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_SECONDS}",
    ]
    if os.name == "posix":
        # kernels talk to the server over local socket files, not TCP ports: with dozens
        # of kernels starting at once, a port picked as free could be taken before the
        # kernel bound it ("Address already in use"), and Voilà handed the dead kernel to
        # a participant. The socket files live in Voilà's folder of connection files
        # (made at start, removed at stop), whose path must leave them at most 107
        # bytes: a short root, whatever TMPDIR says (macOS's is about 50 bytes).
        cmd.append("--KernelManager.transport=ipc")
        cmd.append(f"--Voila.connection_dir_root={short_tmp()}")
    if preheat:
        cmd += ["--preheat_kernel=True", f"--pool_size={preheat}"]
    if base_url:
        cmd.append(f"--Voila.base_url={base_url}")
    cmd += list(extra_args)
    return cmd
