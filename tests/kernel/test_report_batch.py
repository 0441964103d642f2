"""`civicnb batch`: the reports of several localities on warm kernels are the notebooks
`civicnb report` (papermill, one kernel each) makes; a failing locality is reported and
does not stop the others."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest

from civicnb.api import create_demo, new_locality
from civicnb.cli import main
from civicnb.reports.batch import batch_reports
from civicnb.reports.report import run_report, source_notebook
from civicnb.workspace import Workspace, open_workspace

pytestmark = [pytest.mark.kernel, pytest.mark.xdist_group("report")]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    path = tmp_path_factory.mktemp("batch")
    create_demo(path, notebooks=False)
    new_locality("Girón", workspace=path, language="es", notebooks=False)
    new_locality("Lebrija", workspace=path, language="en", notebooks=False)
    return open_workspace(path)


def _cells(path: Path) -> list[tuple[str, str, list[Any]]]:
    """Cells without ids, execution counts, timings or papermill's run metadata."""
    nb = nbformat.read(path, as_version=4)
    out = []
    for c in nb.cells:
        outputs = []
        for o in c.get("outputs", []):
            o = dict(o)
            o.pop("execution_count", None)
            o.pop("metadata", None)
            outputs.append(o)
        tags = ",".join(c.metadata.get("tags", []))
        out.append((c.cell_type + ":" + tags, c.source, outputs))
    return out


def test_batch_equals_one_report_per_locality(ws: Workspace, tmp_path: Path) -> None:
    result = batch_reports(ws, None, workers=2, progress=False)
    assert result.ok and sorted(result.done) == ["giron", "lebrija", "villaflor"]
    made = {p.parent.name: p for p in (ws.root / "reports").glob("*/*.ipynb")}
    assert sorted(made) == ["giron", "lebrija", "villaflor"]
    for slug, path in made.items():
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata["civicnb"]["workbook"]["locality"]["slug"] == slug
        assert path.with_suffix(".html").exists()
    batch_cells = {slug: _cells(path) for slug, path in made.items()}
    # the same notebooks as civicnb report, one papermill run each (no state leaked in
    # from the localities run before on the same kernels)
    for slug in ("villaflor", "lebrija"):
        single = run_report(ws, slug, html=False, pdf=False)
        assert _cells(single.notebook) == batch_cells[slug], slug
    assert "Lebrija" in json.dumps(batch_cells["lebrija"]) and "Villaflor" not in json.dumps(
        batch_cells["lebrija"]
    )


def test_a_failing_locality_does_not_stop_the_others(
    ws: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = tmp_path / "report.ipynb"
    shutil.copy(source_notebook(), broken)
    nb = json.loads(broken.read_text(encoding="utf-8"))
    nb["cells"][2]["source"] = [
        "if locality == 'giron':\n",
        "    raise ValueError('boom in giron')",
    ]
    broken.write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr("civicnb.reports.report.source_notebook", lambda: broken)
    status = main(["batch", "--all", "--workers", "1", "--no-html", "--workspace", str(ws.root)])
    captured = capsys.readouterr()
    assert status == 1
    assert "2 reports written" in captured.out
    assert "civicnb: giron:" in captured.err and "boom in giron" in captured.err
    partial = next((ws.root / "reports" / "giron").glob("*.ipynb"))
    kept = nbformat.read(partial, as_version=4)
    assert any(o.get("output_type") == "error" for c in kept.cells for o in c.get("outputs", []))


def test_batch_usage(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", "--workspace", str(ws.root)]) == 2
    assert main(["batch", "villaflor", "--all", "--workspace", str(ws.root)]) == 2
    assert main(["batch", "villaflr", "--workspace", str(ws.root)]) == 1
    assert "villaflor" in capsys.readouterr().err  # did you mean
