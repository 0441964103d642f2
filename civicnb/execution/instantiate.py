"""Instantiate a locality's notebooks with papermill: the start page, one page per
strand and "my summary", with the locality's parameters injected, executed once so
that each stored copy is a valid, readable document. Voilà then serves these copies.

Executed here, the pages print a static copy (no widgets, no answers): see
:func:`civicnb.ui.pages.is_interactive`.

The kernels that execute them talk over local socket files, as the served ones do (over
TCP, each printed a warning that its traffic was not encrypted), and the copies are
signed as trusted (Jupyter's notebook notary, as Jupyter does for a notebook its user
saved): civicnb wrote them, so Voilà need not warn, at every page it serves, that they
are not trusted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from civicnb.errors import CivicnbError
from civicnb.records import Locality
from civicnb.workspace import Workspace

__all__ = [
    "PAGES",
    "instantiate_locality",
    "ipc_kernels",
    "page_names",
    "sign_notebooks",
    "source_notebooks",
]

PAGES = (
    "start",
    "strand-I",
    "strand-II",
    "strand-III",
    "strand-IV",
    "strand-V",
    "strand-VI",
    "summary",
    "facilitator",
)


def page_names() -> tuple[str, ...]:
    return tuple(f"{p}.ipynb" for p in PAGES)


def source_notebooks() -> Path:
    """The folder of the parameterised notebooks (installed copy or source checkout)."""
    from civicnb.assets import asset_root

    return asset_root("notebooks")


@contextmanager
def static_kernels() -> Iterator[None]:
    """Kernels started meanwhile render static copies (they inherit this environment),
    even when the caller itself runs in a Jupyter kernel whose markers they would inherit."""
    old = os.environ.get("CIVICNB_STATIC")
    os.environ["CIVICNB_STATIC"] = "1"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("CIVICNB_STATIC", None)
        else:
            os.environ["CIVICNB_STATIC"] = old


@contextmanager
def ipc_kernels() -> Iterator[dict[str, Any]]:
    """Keyword arguments for papermill (nbclient) whose kernels talk over local socket
    files in a private short-lived folder (POSIX), not over TCP ports, and whose cells'
    outputs are waited for as Voilà's are (nbclient gives up after 4 s, and papermill
    then fails the run, on a loaded machine)."""
    from civicnb._compat.nbclient import client_config
    from civicnb.execution.kernel_settings import IOPUB_TIMEOUT_SECONDS, short_tmp

    if os.name != "posix":
        yield {"config": client_config(IOPUB_TIMEOUT_SECONDS)}
        return
    folder = tempfile.mkdtemp(prefix="civicnb-k-", dir=short_tmp())
    try:  # sockets k-1, k-2, ...
        yield {"config": client_config(IOPUB_TIMEOUT_SECONDS, os.path.join(folder, "k"))}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sign_notebooks(paths: Iterable[Path]) -> None:
    """Record the notebooks civicnb wrote as trusted (Jupyter's notebook notary, the
    signature store of this user's Jupyter data folder). Best effort: a store that
    cannot be written only brings back Voilà's warning."""
    import nbformat
    from nbformat.sign import NotebookNotary

    try:
        notary = NotebookNotary()  # type: ignore[no-untyped-call]
        for path in paths:
            nb = nbformat.read(str(path), as_version=4)  # type: ignore[no-untyped-call]
            notary.sign(nb)  # type: ignore[no-untyped-call]
    except Exception:  # a warning in Voilà's log is all that is at stake
        return


def execute_by_default() -> bool:
    """Notebooks are executed unless CIVICNB_EXECUTE_NOTEBOOKS=0 (quick tests)."""
    return os.environ.get("CIVICNB_EXECUTE_NOTEBOOKS", "1") != "0"


def instantiate_locality(ws: Workspace, locality: Locality, *, execute: bool | None = None) -> Path:
    """Write the locality's notebooks into ``W/localities/SLUG/``; return that folder.

    Written into a temporary folder first and moved into place at the end, so a
    failure leaves the previous copies (if any) untouched.
    """
    import papermill as pm

    if execute is None:
        execute = execute_by_default()
    src = source_notebooks()
    target = ws.locality_dir(locality.slug)
    tmp = target.with_name(f".{locality.slug}.tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    params = {"locality": locality.slug, "workspace": str(ws.root), "lang": locality.language}

    def one(name: str, engine: dict[str, Any]) -> None:
        pm.execute_notebook(
            str(src / name),
            str(tmp / name),
            parameters=params,
            kernel_name="python3",
            progress_bar=False,
            prepare_only=not execute,
            language="python",
            **engine,
        )

    try:
        # one at a time: papermill changes the process's working directory while it runs
        with static_kernels(), ipc_kernels() as engine:
            for name in page_names():
                one(name, engine)
    except Exception as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, CivicnbError):
            raise
        raise CivicnbError(
            f"could not prepare the notebooks of {locality.slug!r}: {type(exc).__name__}: "
            f"{' '.join(str(exc).split())[:300]}"
        ) from exc
    sign_notebooks(tmp / name for name in page_names())
    target.mkdir(parents=True, exist_ok=True)
    for name in page_names():
        os.replace(tmp / name, target / name)
    shutil.rmtree(tmp, ignore_errors=True)
    return target
