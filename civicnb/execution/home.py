"""The workspace's home page: ``W/localities/home.ipynb``, the server's root.

Voilà serves ``W/localities``; each locality's pages are a folder there (named by its
slug), so the home page beside them clashes with none. It is ``notebooks/home.ipynb``
with the workspace's folder injected as papermill injects parameters, but not executed:
executed, it would show nothing useful (the page is live only when served), and writing
it takes a few milliseconds, so ``civicnb serve`` writes it every time it starts.

Written only when it differs from what is there (a page being served is not rewritten
under Voilà's feet), and signed as trusted as the localities' pages are
(:func:`civicnb.execution.instantiate.sign_notebooks`).
"""

from __future__ import annotations

import os
from pathlib import Path

from civicnb.workspace import Workspace

__all__ = ["HOME_PAGE", "home_notebook", "write_home"]

HOME_PAGE = "home.ipynb"
"""The home page's file name, in the workspace's folder of localities."""

_INJECTED_ID = "injected-parameters"
"""A fixed id for the injected cell (papermill's is random): the same workspace gives
the same file, byte for byte."""


def home_notebook(ws: Workspace) -> str:
    """The text of the workspace's home page (``notebooks/home.ipynb`` with the
    workspace's folder injected as its ``workspace`` parameter)."""
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from civicnb.execution.instantiate import source_notebooks

    source = source_notebooks() / HOME_PAGE
    nb = load_notebook_node(str(source))  # as papermill reads its input
    nb = parameterize_notebook(
        nb, {"workspace": str(ws.root), "lang": ""}, kernel_name="python3", language="python"
    )
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = _INJECTED_ID
    text: str = nbformat.writes(nb)  # type: ignore[no-untyped-call]
    return text + "\n"


def write_home(ws: Workspace) -> Path:
    """Write (or leave as it is, when already the same) the workspace's home page;
    return its path."""
    from civicnb.execution.instantiate import sign_notebooks

    target = ws.localities_dir / HOME_PAGE
    text = home_notebook(ws)
    try:
        current = target.read_text(encoding="utf-8")
    except OSError:
        current = None
    if current != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{HOME_PAGE}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    sign_notebooks([target])
    return target
