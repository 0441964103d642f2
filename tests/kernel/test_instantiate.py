"""`civicnb new` instantiates the notebooks with papermill, executed once: valid,
readable static documents with the locality's parameters and no widget state."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from civicnb.api import new_locality
from civicnb.instantiate import page_names
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
        assert all("application/vnd.jupyter.widget-view+json" not in o.get("data", {}) for o in outputs)
        assert "widgets" not in nb.metadata
    strand = nbformat.read(folder / "strand-IV.ipynb", as_version=4)
    text = "".join(o["data"]["text/markdown"] for c in strand.cells for o in c.get("outputs", []) if "data" in o)
    assert text.startswith("# Eje IV: Fortalecer la resiliencia")
    assert "relevant stakeholders" not in text  # Spanish page
    assert "Par 1" in text
