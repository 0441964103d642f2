"""A Portuguese course pack, executed: its folders are named in Portuguese, its module
runs on the Portuguese case and shows only Portuguese reading, and its handouts are
Portuguese pages."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from civicnb.course.packs import make_packs

pytestmark = [pytest.mark.kernel, pytest.mark.slow, pytest.mark.xdist_group("course")]


def test_a_portuguese_pack_is_executed_with_portuguese_folders_and_handouts(
    tmp_path: Path,
) -> None:
    root = tmp_path / "curso"
    packs = make_packs(1, "pt", root, progress=False, modules=["01-strand-I"])
    assert packs.groups == (root / "grupo-1",)
    assert packs.handouts == root / "material-impresso"
    nb = nbformat.read(root / "grupo-1" / "01-strand-I.ipynb", as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    html = "".join(
        o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", [])
    )
    # the exercises' evidence is the Portuguese case's
    assert "Hortas escolares com a feira do produtor" in html
    assert "Huertas escolares" not in html and "School gardens" not in html
    reading = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "tripé da sustentabilidade" in reading and "ganha-ganha" in reading
    assert "triple bottom line" not in reading and "triple resultado" not in reading
    index = (root / "material-impresso" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pt">' in index and "Material impresso do curso" in index
    page = (root / "material-impresso" / "grupo-1" / "01-strand-I.html").read_text(encoding="utf-8")
    assert "Eixo I" in page and "Hortas escolares" in page
    guide = (root / "trainer-guide.md").read_text(encoding="utf-8")
    assert guide.startswith("# Guia para a pessoa formadora")
