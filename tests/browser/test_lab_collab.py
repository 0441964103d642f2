"""Two people co-write a locality's report in JupyterLab with jupyter-collaboration (the
``collab`` extra): each sees the other's text in the narrative cells as it is typed,
the text reaches the notebook on disk, and re-running the report (``civicnb report``)
keeps it, also while the notebook is open: the open document then shows the re-run.

JupyterLab is started by the ``lab_server`` fixture on 127.0.0.1; jupyter-collaboration,
installed in the test environment, enables itself (the test checks the server's log).
Screenshots go to $CIVICNB_SCREENSHOT_DIR when it is set."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from civicnb.i18n import t
from civicnb.reports.report import report_paths, run_report
from civicnb.workspace import Workspace

from .conftest import NetworkGuard, demo_workspace, lab_url, require

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("lab")]

SHOTS = (
    Path(os.environ["CIVICNB_SCREENSHOT_DIR"]) if os.environ.get("CIVICNB_SCREENSHOT_DIR") else None
)
ANA = "Ana escribe: el grupo ve avances en la comunicación."
BEATRIZ = "Beatriz añade: falta acordar resultados medibles."


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    require("jupyter_server_ydoc")  # the collab extra's server side
    ws = demo_workspace(tmp_path_factory, "lab-collab")
    run_report(ws, "villaflor", html=False, pdf=False)  # before Lab: a launcher entry for it
    return ws


@pytest.fixture
def second_page(browser: Any, net: NetworkGuard) -> Iterator[Any]:
    """Another person's browser: a context of its own (no shared storage), guarded as
    ``page`` is."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-ES")
    context.route("**/*", net.handle)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    try:
        yield pg
    finally:
        context.close()


def _open_report(page: Any, base: str, rel: str) -> None:
    page.goto(lab_url(base, rel))
    page.wait_for_selector(".jp-NotebookPanel .jp-MarkdownCell", timeout=90_000)


def _narrative(page: Any, key: str, **values: str) -> Any:
    """The narrative cell whose prompt (Spanish: the demo locality's language) or
    text is shown."""
    return page.locator(".jp-MarkdownCell", has_text=t(key, "es", **values)[:40])


def _write(page: Any, cell: Any, text: str) -> None:
    """Edit a markdown cell: open its editor, replace its text, type ``text``."""
    cell.locator(".jp-MarkdownOutput").dblclick()
    editor = cell.locator(".cm-content")
    editor.wait_for()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=5)


def _eventually(check: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return check()


def _on_disk(path: Path) -> dict[str, str]:
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # being written: try again
        return {}
    return {c.id: c.source for c in nb.cells}


def test_two_people_co_write_the_narrative_and_a_rerun_keeps_it(
    page: Any, second_page: Any, ws: Workspace, lab_server: Any
) -> None:
    base = lab_server(ws.root)
    log = lab_server.log_of(base)
    assert re.search(r"jupyter_server_ydoc \| extension was successfully loaded", log), log[-2000:]
    notebook = report_paths(ws, "villaflor", "Seguimiento")
    rel = notebook.relative_to(ws.root).as_posix()

    # Ana opens the report from the launcher; Beatriz by its address
    page.goto(lab_url(base))
    page.locator(".jp-LauncherCard", has_text="Villaflor: cuaderno del informe").click()
    page.wait_for_selector(".jp-NotebookPanel .jp-MarkdownCell", timeout=90_000)
    _open_report(second_page, base, rel)

    summary_a = _narrative(page, "narr_summary")
    strand_b = _narrative(second_page, "narr_strand", n="I")
    _write(page, summary_a, ANA)
    # Beatriz sees Ana's words as they are typed, in the cell as it shows (rendered)
    seen_by_beatriz = second_page.locator(".jp-RenderedMarkdown", has_text=ANA)
    seen_by_beatriz.wait_for(timeout=30_000)
    _write(second_page, strand_b, BEATRIZ)
    seen_by_ana = page.locator(".jp-RenderedMarkdown", has_text=BEATRIZ)
    seen_by_ana.wait_for(timeout=30_000)
    # Ana also changes a data cell: not kept by a re-run (the template's, run again)
    data_cell = page.locator(".jp-CodeCell", has_text="report.summary()").locator(".cm-content")
    data_cell.click()
    page.keyboard.press("End")
    page.keyboard.type("  # Ana", delay=5)
    seen_by_ana.scroll_into_view_if_needed()
    _shot(page, "lab-collab-ana")
    seen_by_beatriz.scroll_into_view_if_needed()
    _shot(second_page, "lab-collab-beatriz")

    # jupyter-collaboration saves the shared document to disk, its metadata (the
    # embedded workbook) with it
    assert _eventually(
        lambda: (
            (cells := _on_disk(notebook)).get("narrative-summary") == ANA
            and cells.get("narrative-strand-I") == BEATRIZ
            and cells.get("a1f0c003") == "report.summary()  # Ana"
        )
    ), _on_disk(notebook)
    assert "workbook" in nbformat.read(notebook, as_version=4).metadata["civicnb"]

    # the report is run again while both have it open: the writing is kept on disk ...
    files = run_report(ws, "villaflor", html=True, pdf=False)
    cells = _on_disk(files.notebook)
    assert cells["narrative-summary"] == ANA and cells["narrative-strand-I"] == BEATRIZ
    assert files.html is not None
    html = files.html.read_text(encoding="utf-8")
    assert ANA in html and BEATRIZ in html
    assert cells["a1f0c003"] == "report.summary()"
    # ... the open document takes the re-run in (jupyter-collaboration reloads a file
    # changed on disk): Ana's data-cell edit is gone from both browsers, the writing stays
    assert _eventually(lambda: "Out-of-band changes" in lab_server.log_of(base))
    for pg in (page, second_page):
        edited = pg.locator(".jp-CodeCell", has_text="# Ana")
        assert _eventually(lambda pg=pg: pg.locator(".jp-CodeCell", has_text="# Ana").count() == 0)
        assert edited.count() == 0
        pg.locator(".jp-MarkdownCell", has_text=ANA[:30]).wait_for(timeout=30_000)
        pg.locator(".jp-MarkdownCell", has_text=BEATRIZ[:30]).wait_for(timeout=30_000)
    # ... and the room saving the reloaded document does not undo the re-run
    time.sleep(3)
    cells = _on_disk(files.notebook)
    assert cells["narrative-summary"] == ANA and cells["narrative-strand-I"] == BEATRIZ
    assert cells["a1f0c003"] == "report.summary()"
    assert "workbook" in nbformat.read(files.notebook, as_version=4).metadata["civicnb"]
    _shot(page, "lab-collab-after-rerun")
