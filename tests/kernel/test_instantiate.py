"""`civicnb new` instantiates the notebooks with papermill, executed once: valid,
readable static documents with the locality's parameters and no widget state."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from notebook_compare import comparable

from civicnb.api import new_locality
from civicnb.execution import instantiate
from civicnb.execution.instantiate import page_names
from civicnb.execution.standby import standby
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


def _pages(folder: Path, root: Path) -> dict[str, dict[str, object]]:
    return {name: comparable(folder / name, root) for name in page_names()}


def test_the_standby_kernel_writes_the_notebooks_papermill_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """By default the nine pages run on one warm kernel kept by this process (not on
    nine new kernels): cell for cell, parameter for parameter and output for output the
    notebooks papermill writes with a kernel of its own for each, signed as trusted."""
    from nbformat.sign import NotebookNotary

    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    ws = init_workspace(tmp_path / "ws")
    loc = new_locality("Piedecuesta", workspace=ws, language="es", notebooks=False)
    folder = ws.locality_dir(loc.slug)

    def no_papermill_kernels(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pages ran on papermill's own kernels")

    with monkeypatch.context() as patched:  # the default way must not need them
        patched.setattr(instantiate, "papermill_pages", no_papermill_kernels)
        instantiate.instantiate_locality(ws, loc)
    kernel = standby().kernel_pid
    assert kernel is not None
    warm = _pages(folder, ws.root)
    notary = NotebookNotary(data_dir=str(tmp_path / "jupyter-data"))
    assert all(
        notary.check_signature(nbformat.read(folder / n, as_version=4)) for n in page_names()
    )

    instantiate.instantiate_locality(ws, loc, warm=False)  # papermill, a kernel per page
    baseline = _pages(folder, ws.root)
    for name in page_names():
        assert warm[name] == baseline[name], name
        injected = [
            c for c in warm[name]["cells"] if "injected-parameters" in c.metadata.get("tags", [])
        ]  # type: ignore[attr-defined]
        assert len(injected) == 1 and 'locality = "piedecuesta"' in injected[0].source, name
    start = warm["start.ipynb"]["cells"][-1].outputs[0]["data"]["text/markdown"]  # type: ignore[index]
    assert start.startswith("# Piedecuesta")

    # the next locality finds the same kernel warm, reset: its own name, nothing left over
    other = new_locality("Floridablanca", workspace=ws, language="en", notebooks=False)
    instantiate.instantiate_locality(ws, other)
    assert standby().kernel_pid == kernel
    again = comparable(ws.locality_dir(other.slug) / "start.ipynb", ws.root)
    text = again["cells"][-1].outputs[0]["data"]["text/markdown"]
    assert text.startswith("# Floridablanca") and "Piedecuesta" not in text
    assert [c.get("execution_count") for c in again["cells"]] == [
        c.get("execution_count")
        for c in warm["start.ipynb"]["cells"]  # type: ignore[attr-defined]
    ]


def test_papermill_runs_the_pages_when_the_standby_kernel_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = init_workspace(tmp_path / "ws")
    loc = new_locality("Piedecuesta", workspace=ws, language="es", notebooks=False)

    def broken(*args: object) -> None:
        raise RuntimeError("no kernel today")

    calls: list[bool] = []
    real = instantiate.papermill_pages

    def papermill_pages(
        src: Path, out: Path, params: dict[str, str], *, execute: bool = True
    ) -> None:
        calls.append(execute)
        real(src, out, params, execute=False)  # copies with parameters: no kernel needed

    monkeypatch.setattr(standby(), "call", broken)
    monkeypatch.setattr(instantiate, "papermill_pages", papermill_pages)
    folder = instantiate.instantiate_locality(ws, loc)
    assert calls == [True]
    assert sorted(p.name for p in folder.glob("*.ipynb")) == sorted(page_names())


def test_demo_and_new_print_no_kernel_or_trust_warnings(tmp_path: Path) -> None:
    """`make run` used to print nine "Kernel is running over TCP without encryption"
    (papermill's kernels) and, later, Voilà's "Notebook ... is not trusted" for every
    page: civicnb's own notebooks are executed over socket files and signed as trusted.
    Each command now runs its pages on one standby kernel (`civicnb new` starts it before
    storing the locality) and stops it at exit, silently."""
    import os
    import subprocess
    import sys

    from nbformat.sign import NotebookNotary

    exe = Path(sys.executable).with_name("civicnb")
    ws = tmp_path / "ws"
    env = {**os.environ, "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data")}
    out = ""
    for args in (["demo"], ["new", "Piedecuesta", "--lang", "es"]):
        done = subprocess.run(
            [str(exe), *args, "-w", str(ws)],
            capture_output=True,
            text=True,
            env={**env, "CIVICNB_EXECUTE_NOTEBOOKS": "1"},
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        out += done.stdout + done.stderr
    assert "without encryption" not in out and "not trusted" not in out.lower(), out[-3000:]
    # papermill's kernels, interrupted as they are shut down, often logged it
    assert "KeyboardInterrupt" not in out, out[-3000:]
    notary = NotebookNotary(data_dir=str(tmp_path / "jupyter-data"))
    for slug in ("villaflor", "piedecuesta"):
        for name in page_names():
            nb = nbformat.read(ws / "localities" / slug / name, as_version=4)
            assert notary.check_signature(nb), (slug, name)
            outputs = [o for c in nb.cells for o in c.get("outputs", [])]
            assert outputs and all(o["output_type"] == "display_data" for o in outputs), name
