"""`civicnb report`: papermill runs the report notebook for a locality; the notebook is
valid, carries the locality's data (restored exactly by `civicnb import`), and renders
to HTML (no code, nothing from the network) and PDF; a failing run names the locality
and the cell and keeps the partial notebook."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from civicnb.api import create_demo, import_workbook, init
from civicnb.cli import main
from civicnb.errors import ReportError
from civicnb.exchange import workbook_to_dict
from civicnb.reports.report import find_chromium, run_report, source_notebook
from civicnb.workspace import Workspace, open_workspace

pytestmark = [pytest.mark.kernel, pytest.mark.xdist_group("report")]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    path = tmp_path_factory.mktemp("report")
    create_demo(path, notebooks=False)
    return open_workspace(path)


def _records_doc(ws: Workspace, slug: str) -> dict[str, object]:
    with ws.open_store() as store:
        doc = workbook_to_dict(store.export_locality(slug), framework_version="x")
    doc.pop("exported_at", None)
    return doc


def test_report_of_the_demo(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "villaflor", "--workspace", str(ws.root), "--no-pdf"]) == 0
    out = capsys.readouterr().out
    nb_path = ws.root / "reports" / "villaflor" / "Seguimiento.ipynb"
    assert f"wrote {nb_path}" in out
    nb = nbformat.read(nb_path, as_version=4)
    nbformat.validate(nb)
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert ["parameters"] in tags and ["injected-parameters"] in tags
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    html_out = "".join(
        o["data"].get("text/html", "")
        for c in nb.cells
        for o in c.get("outputs", [])
        if "data" in o
    )
    assert "Villaflor" in html_out and "Eje I: Definir resultados valorados" in html_out
    assert "civicnb" in nb.metadata and "workbook" in nb.metadata["civicnb"]

    html = nb_path.with_suffix(".html").read_text(encoding="utf-8")
    assert '<html lang="es"' in html
    assert "Report.load(" not in html and "report.strand(" not in html  # no code
    external = re.findall(r"""(?:src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not external, external
    assert "<script src" not in html
    assert "schema_version" not in html  # the raw records stay in the .ipynb
    # the report's exporter skips nbconvert's pass that gives <img> an alt text: the
    # charts are inline SVG with their own text alternative
    assert "<img" not in html and 'role="img"' in html
    outputs = re.findall(r'<div class="[^"]*jp-OutputArea-output [^"]*"( tabindex="0")?', html)
    assert len(outputs) > 5 and all(outputs)  # every output area is focusable
    # an executive briefing first: the locality's name, the contents, the summary
    assert "<h1>Villaflor</h1>" in html
    cover, summary, strand = (html.index(x) for x in ("<h1>", 'sec-summary">', 'sec-strand-I">'))
    assert cover < summary < strand and "Resumen ejecutivo" in html
    links = re.findall(r'<a href="#(sec-[^"]+)">', html)
    assert len(links) == 18
    assert all(f'id="{anchor}"' in html for anchor in links)

    # the notebook restores the locality exactly in an empty workspace
    empty = init(tmp_path / "empty")
    loc = import_workbook(nb_path, workspace=empty, notebooks=False)
    assert loc.slug == "villaflor"
    assert _records_doc(empty, "villaflor") == _records_doc(ws, "villaflor")


def test_report_in_english_for_another_round_with_pdf(ws: Workspace) -> None:
    files = run_report(ws, "villaflor", round="Línea de base", lang="en", pdf=None)
    assert files.notebook.name == "Línea-de-base.ipynb"
    assert files.html is not None
    html = files.html.read_text(encoding="utf-8")
    assert '<html lang="en"' in html and "Strand I: Defining valued outcomes" in html
    assert "Progress across rounds" in html
    if find_chromium() is None:
        assert files.pdf is None
    else:
        assert files.pdf is not None and files.pdf.read_bytes().startswith(b"%PDF")


def test_a_failing_report_names_locality_and_cell(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "report.ipynb"
    shutil.copy(source_notebook(), broken)
    nb = json.loads(broken.read_text(encoding="utf-8"))
    strand_i = next(c for c in nb["cells"] if c["id"] == "a1f0c100")  # report.strand("I")
    strand_i["source"] = ["raise RuntimeError('broken section')"]
    broken.write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr("civicnb.reports.report.source_notebook", lambda: broken)
    with pytest.raises(ReportError) as info:
        run_report(ws, "villaflor", html=False, pdf=False)
    msg = str(info.value)
    assert "'villaflor'" in msg and "RuntimeError: broken section" in msg
    assert re.search(r"failed in cell \d+", msg)
    partial = ws.root / "reports" / "villaflor" / "Seguimiento.ipynb"
    assert str(partial) in msg
    kept = nbformat.read(partial, as_version=4)
    assert any(o.get("output_type") == "error" for c in kept.cells for o in c.get("outputs", []))


def test_unknown_locality_or_round_is_one_line(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "villaflr", "--workspace", str(ws.root)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "villaflor" in err  # did you mean
    assert main(["report", "villaflor", "--round", "Nope", "--workspace", str(ws.root)]) == 1
    assert "no round 'Nope'" in capsys.readouterr().err
