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

Fast by default: the nine pages run one after another on the standby kernel this
process keeps (:mod:`civicnb.execution.standby`: started once, reset before each page),
each still a :func:`papermill.execute_notebook` call with the arguments of
:func:`papermill_arguments`, so each stored notebook is the one papermill writes with a
kernel of its own (:func:`papermill_pages`, the way used when the standby kernel cannot
run them, or with CIVICNB_WARM_PAGES=0): about 1 s for a locality, 0.3 s once the
kernel is warm, instead of 10 s or more. :func:`prewarm_pages` starts it ahead.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civicnb._compat.jsonschema import defer_iri_parser
from civicnb.errors import CivicnbError
from civicnb.records import Locality
from civicnb.workspace import Workspace

if TYPE_CHECKING:
    from civicnb.execution.kernel import WarmKernel

_log = logging.getLogger(__name__)

__all__ = [
    "PAGES",
    "imports_of",
    "instantiate_locality",
    "ipc_kernels",
    "page_names",
    "papermill_pages",
    "prewarm_pages",
    "sign_notebooks",
    "source_notebooks",
    "warm_pages",
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


def warm_by_default() -> bool:
    """The pages run on the standby kernel unless CIVICNB_WARM_PAGES=0 (then papermill
    starts a kernel per notebook, as it does by itself)."""
    return os.environ.get("CIVICNB_WARM_PAGES", "1") != "0"


def instantiate_locality(
    ws: Workspace,
    locality: Locality,
    *,
    execute: bool | None = None,
    warm: bool | None = None,
) -> Path:
    """Write the locality's notebooks into ``W/localities/SLUG/``; return that folder.

    Written into a temporary folder first and moved into place at the end, so a
    failure leaves the previous copies (if any) untouched.

    Executed on this process's standby kernel (``warm``, the default: one kernel, kept
    warm, reset before each notebook; see :func:`warm_pages`), or else, and whenever that
    fails, by papermill on a new kernel per notebook (:func:`papermill_pages`): the same
    papermill call, so the same notebooks.
    """
    defer_iri_parser()  # papermill's import: 0.4 s instead of 1.2 s
    if execute is None:
        execute = execute_by_default()
    if warm is None:
        warm = warm_by_default()
    src = source_notebooks()
    target = ws.locality_dir(locality.slug)
    tmp = target.with_name(f".{locality.slug}.tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    params = {"locality": locality.slug, "workspace": str(ws.root), "lang": locality.language}
    try:
        done = False
        if execute and warm:
            try:
                warm_pages(src, tmp, params)
                done = True
            except Exception as exc:  # papermill's way then says what is wrong, if anything
                _log.info("the standby kernel failed (%s): papermill runs the pages", exc)
        if not done:
            papermill_pages(src, tmp, params, execute=execute)
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


def papermill_arguments(params: dict[str, str], *, execute: bool = True) -> dict[str, Any]:
    """What both ways give :func:`papermill.execute_notebook` for a page (beside the paths
    and the engine): the one definition of the notebooks they write."""
    return {
        "parameters": dict(params),
        "kernel_name": "python3",
        "progress_bar": False,
        "prepare_only": not execute,
        "language": "python",
    }


def papermill_pages(src: Path, out: Path, params: dict[str, str], *, execute: bool = True) -> None:
    """The pages, each by papermill on a kernel of its own (the baseline)."""
    import papermill as pm

    # one at a time: papermill changes the process's working directory while it runs
    with static_kernels(), ipc_kernels() as engine:
        for name in page_names():
            pm.execute_notebook(
                str(src / name),
                str(out / name),
                **papermill_arguments(params, execute=execute),
                **engine,
            )


def warm_pages(src: Path, out: Path, params: dict[str, str]) -> None:
    """The pages, each by papermill on this process's standby kernel
    (:mod:`civicnb.execution.standby`): started with the environment papermill's kernels
    get (:func:`static_kernels`), the pages' imports done once, and reset as for a new
    session before each page (:meth:`civicnb.execution.kernel.WarmKernel.reset`)."""
    try:
        cwd: Path | None = Path.cwd()  # where papermill's own kernels would run
    except OSError:
        cwd = None

    def run(kernel: WarmKernel) -> None:
        import papermill as pm

        from civicnb.execution.engine import ENGINE_NAME

        for name in page_names():
            kernel.reset(cwd)
            pm.execute_notebook(
                str(src / name),
                str(out / name),
                **papermill_arguments(params),
                engine_name=ENGINE_NAME,
                cwd=None,  # as papermill's default: no chdir of this process
                km=kernel.km,
                kc=kernel.kc,
            )

    from civicnb.execution.standby import standby

    kernel = _standby_kernel(src)
    standby().call(*kernel, run)


def prewarm_pages() -> None:
    """Start the standby kernel for the pages now, in the background (return at once),
    so that the next :func:`instantiate_locality` of this process finds it warm: for a
    caller that knows a locality is about to be created (``civicnb new`` before its own
    imports and the store's work; a page whose form creates one, when it opens).
    Nothing when the pages would not run on it (CIVICNB_EXECUTE_NOTEBOOKS=0,
    CIVICNB_WARM_PAGES=0)."""
    if not (execute_by_default() and warm_by_default()):
        return  # no kernel would be used
    defer_iri_parser()
    from civicnb.execution.standby import standby

    kernel = _standby_kernel(source_notebooks())
    standby().prewarm(*kernel)


def _standby_kernel(src: Path) -> tuple[dict[str, str], str, Callable[[], object]]:
    """The standby kernel the pages need: its environment (as papermill's kernels get
    it, :func:`static_kernels`), the pages' imports (:func:`imports_of`), and what the
    kernel's thread imports while the kernel boots (papermill and its engine)."""
    # what the kernel's thread needs to start it, imported here first: two threads
    # importing one (circular) package at once can see it half-initialised; and the
    # standby kernel's stop at exit then comes before that of their sockets
    import jupyter_client.manager  # noqa: F401
    import jupyter_core.utils  # noqa: F401

    env = {**os.environ, "CIVICNB_STATIC": "1"}
    return env, imports_of(src / name for name in page_names()), _import_papermill


def _import_papermill() -> None:
    from civicnb.execution.engine import register_engine

    register_engine()  # imports papermill


def imports_of(paths: Iterable[Path]) -> str:
    """The modules the notebooks' code cells import (``import a\nimport b``): run once in
    the standby kernel, so that each page then finds them imported."""
    import ast
    import json

    modules: list[str] = []
    for path in paths:  # read as JSON: nbformat takes a second to import (jsonschema's)
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            try:
                tree = ast.parse(source if isinstance(source, str) else "".join(source))
            except SyntaxError:
                continue
            for node in tree.body:
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module]
                else:
                    continue
                modules += [m for m in names if m not in modules]
    return "\n".join(f"import {m}" for m in modules)
