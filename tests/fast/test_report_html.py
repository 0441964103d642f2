"""The report's HTML exporter gives the page nbconvert's HTMLExporter gives, without
its slow BeautifulSoup pass (the same tree, output areas focusable)."""

from __future__ import annotations

import nbformat
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter

from civicnb.assets import template_dir
from civicnb.reports.report import _exporter


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["language_info"] = {"name": "python"}
    html = (
        '<section class="civicnb-section"><h2>Strand I</h2><table><tr><th>LA</th>'
        "<td>3.5</td></tr></table><p>&lt;script&gt;alert(1)&lt;/script&gt; stays text</p>"
        '<svg role="img" aria-label="radar"><title>radar</title></svg></section>'
    )
    code = nbformat.v4.new_code_cell("show()", execution_count=1)
    code.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "x"}),
        nbformat.v4.new_output("stream", name="stdout", text="plain text\n"),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Report\n\nA *short* summary."), code]
    return nb


def test_the_report_exporter_gives_htmlexporters_page() -> None:
    nb = _notebook()
    ours, _ = _exporter("es").from_notebook_node(nb)
    theirs, _ = HTMLExporter(
        extra_template_basedirs=[str(template_dir() / "nbconvert")],
        template_name="civicnb-report",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code="es",
    ).from_notebook_node(nb)
    ours_tree = BeautifulSoup(ours, "html.parser")
    assert ours_tree == BeautifulSoup(theirs, "html.parser")
    outputs = ours_tree.select("div.jp-OutputArea-output")
    assert len(outputs) == 2 and all(d["tabindex"] == "0" for d in outputs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; stays text" in ours
    assert '<html lang="es"' in ours
