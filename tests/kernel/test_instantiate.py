"""`civicnb new` instantiates the notebooks with papermill, executed once: valid,
readable static documents with the locality's parameters and no widget state."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from civicnb.api import new_locality
from civicnb.execution.instantiate import page_names
from civicnb.workspace import init_workspace

pytestmark = pytest.mark.kernel


def test_new_locality_gets_executed_static_notebooks(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "ws")
    loc = new_locality("Piedecuesta", workspace=ws, language="es", edition="blog")
    folder = ws.locality_dir(loc.slug)
    assert sorted(p.name for p in folder.glob("*.ipynb")) == sorted(page_names())
    for name in page_names():
        nb = nbformat.read(folder / name, as_version=4)
        nbformat.validate(nb)
        tags = [c.metadata.get("tags", []) for c in nb.cells]
        assert ["parameters"] in tags and ["injected-parameters"] in tags, name
        injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
        assert 'locality = "piedecuesta"' in injected.source
        assert f'workspace = "{ws.root}"' in injected.source
        outputs = [o for c in nb.cells for o in c.get("outputs", [])]
        assert not [o for o in outputs if o.get("output_type") == "error"], name
        # static copies: markdown, never widget views or saved widget state
        assert all(
            "application/vnd.jupyter.widget-view+json" not in o.get("data", {}) for o in outputs
        )
        assert "widgets" not in nb.metadata
    strand = nbformat.read(folder / "strand-IV.ipynb", as_version=4)
    text = "".join(
        o["data"]["text/markdown"]
        for c in strand.cells
        for o in c.get("outputs", [])
        if "data" in o
    )
    assert text.startswith("# Eje IV: Fortalecer la resiliencia")
    assert "relevant stakeholders" not in text  # Spanish page
    assert "Par 1" in text


@pytest.mark.slow  # nine kernels, one after another
def test_demo_and_new_print_no_kernel_or_trust_warnings(tmp_path: Path) -> None:
    """`make run` used to print nine "Kernel is running over TCP without encryption"
    (papermill's kernels) and, later, Voilà's "Notebook ... is not trusted" for every
    page: civicnb's own notebooks are executed over socket files and signed as trusted.
    (`civicnb new` is not executed again here: same code, nine kernels more.)"""
    import os
    import subprocess
    import sys

    from nbformat.sign import NotebookNotary

    exe = Path(sys.executable).with_name("civicnb")
    ws = tmp_path / "ws"
    env = {**os.environ, "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data")}
    out = ""
    for args, execute in ((["demo"], "1"), (["new", "Piedecuesta", "--lang", "es"], "0")):
        done = subprocess.run(
            [str(exe), *args, "-w", str(ws)],
            capture_output=True,
            text=True,
            env={**env, "CIVICNB_EXECUTE_NOTEBOOKS": execute},
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        out += done.stdout + done.stderr
    assert "without encryption" not in out and "not trusted" not in out.lower(), out[-3000:]
    notary = NotebookNotary(data_dir=str(tmp_path / "jupyter-data"))
    for slug in ("villaflor", "piedecuesta"):
        for name in page_names():
            nb = nbformat.read(ws / "localities" / slug / name, as_version=4)
            assert notary.check_signature(nb), (slug, name)
