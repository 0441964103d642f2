"""The home page's "make the report" runs ``civicnb report`` itself: the files it
offers for download are the report's notebook, HTML and (with Chromium) PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from civicnb.api import create_demo
from civicnb.reports.report import find_chromium
from civicnb.workspace import open_workspace

pytest.importorskip("ipywidgets")

from civicnb.ui.context import DownloadButton
from civicnb.ui.home.context import HomeContext
from civicnb.ui.home.takeaway import TakeawaySection

pytestmark = [pytest.mark.kernel, pytest.mark.xdist_group("report")]


def test_make_the_report_of_the_demo_from_the_home_page(tmp_path: Path) -> None:
    create_demo(tmp_path / "ws", notebooks=False)
    workspace = open_workspace(tmp_path / "ws")
    section = TakeawaySection(HomeContext(workspace, "es"))
    row = section.rows["villaflor"]
    said: list[str] = []
    row.status.observe(lambda c: said.append(c["new"]), names="text")
    run = row.make_report()
    assert run.error == "", run.error
    assert run.files["ipynb"].suffix == ".ipynb" and run.files["ipynb"].is_file()
    assert run.files["html"].read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype")
    pdf = find_chromium() is not None
    assert ("pdf" in run.files) is pdf
    assert said[0].startswith("Paso 1 de 3") and said[-1].startswith("Paso 3 de 3")
    if pdf:  # the PDF is printed after the HTML appears: step 2 is seen
        assert any(s.startswith("Paso 2 de 3") for s in said)
        assert run.files["pdf"].read_bytes()[:4] == b"%PDF"
    else:
        assert "Sin PDF" in said[-1]
    buttons = {b.label: b for b in row.report_downloads.children if isinstance(b, DownloadButton)}
    assert buttons["Informe (HTML)"]._provider() == run.files["html"].read_bytes()
    assert row.progress.value == 3 and row.progress.bar_style == "success"


def test_a_report_that_fails_says_why(tmp_path: Path) -> None:
    create_demo(tmp_path / "ws", notebooks=False)
    workspace = open_workspace(tmp_path / "ws")
    section = TakeawaySection(HomeContext(workspace, "en"))
    row = section.rows["villaflor"]
    with workspace.open_store() as store:  # the locality is gone when the report starts
        store.delete_locality("villaflor")
    run = row.make_report()
    assert "villaflor" in run.error and "\n" not in run.error
    assert row.status.kind == "error" and row.status.text.startswith("The report could not be made")
