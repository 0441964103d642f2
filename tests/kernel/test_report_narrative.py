"""`civicnb report` run again keeps the people's writing: the narrative cells and the
cells they added, for the same round (as written) and for a new round (carried from the
latest earlier report, marked); an unreadable earlier report is kept aside."""

from __future__ import annotations

import nbformat
import pytest

from civicnb.api import create_demo, open_round
from civicnb.reports.batch import batch_reports
from civicnb.reports.narrative import CARRIED_KEY, carried_note, is_prompt, prompt
from civicnb.reports.report import run_report
from civicnb.workspace import Workspace, open_workspace

pytestmark = [pytest.mark.kernel, pytest.mark.xdist_group("report")]

SUMMARY = "El grupo ve **avances** claros desde la línea de base."
STRAND_II = "La comunicación mejoró: reuniones cada mes."
ADDED = "Nota del grupo de redacción: revisar con el consejo."


def _cell(nb: nbformat.NotebookNode, cell_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.id == cell_id)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    path = tmp_path_factory.mktemp("narrative")
    create_demo(path, notebooks=False)
    return open_workspace(path)


def test_the_writing_survives_a_rerun_and_a_new_round(ws: Workspace) -> None:
    first = run_report(ws, "villaflor", pdf=False)
    assert first.notebook.name == "Seguimiento.ipynb" and first.notes == ()
    nb = nbformat.read(first.notebook, as_version=4)
    assert _cell(nb, "narrative-summary").source == prompt("narrative-summary", "es")
    assert first.html is not None
    assert "Escríbalo aquí" not in first.html.read_text(encoding="utf-8")  # prompts: not shown

    # people write (as JupyterLab saves it: the same notebook, cells edited and added)
    _cell(nb, "narrative-summary").source = SUMMARY
    _cell(nb, "narrative-strand-II").source = STRAND_II
    _cell(nb, "a1f0c003").source = "print('people changed a data cell')"
    at = [c.id for c in nb.cells].index("narrative-strand-II")
    nb.cells.insert(at + 1, nbformat.v4.new_markdown_cell(ADDED, id="grupo-nota"))
    nbformat.write(nb, first.notebook)

    again = run_report(ws, "villaflor", pdf=False)
    assert again.notebook == first.notebook
    assert any("2 celdas de narrativa, 1 celdas añadidas" in n for n in again.notes)
    kept = nbformat.read(again.notebook, as_version=4)
    nbformat.validate(kept)
    assert _cell(kept, "narrative-summary").source == SUMMARY
    assert _cell(kept, "narrative-strand-II").source == STRAND_II
    ids = [c.id for c in kept.cells]
    assert ids[ids.index("narrative-strand-II") + 1] == "grupo-nota"
    assert _cell(kept, "a1f0c003").source == "report.summary()"  # data cells: the template's
    assert "civicnb" in kept.metadata and "workbook" in kept.metadata["civicnb"]
    assert not list(again.notebook.parent.glob(".civicnb-run-*"))  # papermill's folder: gone
    assert again.html is not None
    html = again.html.read_text(encoding="utf-8")
    assert "El grupo ve <strong>avances</strong> claros" in html and ADDED in html

    # civicnb batch keeps it too, and leaves no copy behind
    result = batch_reports(ws, ["villaflor"], workers=1, progress=False)
    assert result.ok
    batched = nbformat.read(again.notebook, as_version=4)
    assert _cell(batched, "narrative-summary").source == SUMMARY
    assert _cell(batched, "grupo-nota").source == ADDED
    assert _cell(batched, "narrative-closing").source == prompt("narrative-closing", "es")
    assert not list(again.notebook.parent.glob(".*before-batch"))

    # a new round: the writing comes from the latest earlier report, marked
    open_round("villaflor", "Cierre", workspace=ws)
    new = run_report(ws, "villaflor", pdf=False)
    assert new.notebook.name == "Cierre.ipynb"
    carried = nbformat.read(new.notebook, as_version=4)
    note = carried_note("Seguimiento", "es")
    assert _cell(carried, "narrative-summary").source == f"{note}\n\n{SUMMARY}"
    assert _cell(carried, "narrative-summary").metadata["civicnb"][CARRIED_KEY] == "Seguimiento"
    assert _cell(carried, "grupo-nota").source == f"{note}\n\n{ADDED}"
    assert is_prompt(_cell(carried, "narrative-closing"))
    # the earlier round's report is untouched
    assert _cell(nbformat.read(first.notebook, as_version=4), "narrative-summary").source == SUMMARY

    # an earlier report that cannot be read is copied aside, never lost
    broken = b'{"cells": [{"cell_type": "markdown", "source": "' + SUMMARY.encode() + b'"'
    new.notebook.write_bytes(broken)
    after = run_report(ws, "villaflor", html=False, pdf=False)
    copies = list(new.notebook.parent.glob("Cierre.ipynb.unreadable-*"))
    assert len(copies) == 1 and copies[0].read_bytes() == broken
    assert any(str(copies[0]) in n for n in after.notes)
    assert is_prompt(_cell(nbformat.read(after.notebook, as_version=4), "narrative-summary"))
