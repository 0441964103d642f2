"""The report's PDF (headless Chromium, read back with pypdf and poppler's pdftotext):
the locality's name on its first pages and as its title, paper by the locality's country
(A4 for Spain, Letter for Colombia) or by --paper, every word inside the page's
margins, a tagged structure (document language, headings, tables with header cells,
figures with an alternative text, no text outside the structure but the page numbers
marked as artifacts) and a table of contents whose page numbers are the pages where
the sections start."""

from __future__ import annotations

import dataclasses
import html as htmllib
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import nbformat
import pytest

from civicnb.api import create_demo
from civicnb.cli import main
from civicnb.reports.artifacts import untagged_text_blocks
from civicnb.reports.batch import batch_reports
from civicnb.reports.paper import PAGE_SIZES
from civicnb.reports.report import find_chromium, render_html, render_pdf, run_report
from civicnb.workspace import Workspace, open_workspace

pytestmark = [pytest.mark.kernel, pytest.mark.xdist_group("report-pdf")]

MARGIN_PT = 12 / 25.4 * 72  # the 12 mm side margins of civicnb/reports/paper.py


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason} (CI=true: the PDF tests must run; scripts/install-debian.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        _missing("no Chromium found ($CIVICNB_CHROMIUM, /usr/bin/chromium, chromium on PATH)")
    if shutil.which("pdftotext") is None:
        _missing("pdftotext is not installed (Debian: poppler-utils)")
    assert path is not None
    return path


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    path = tmp_path_factory.mktemp("report-pdf")
    create_demo(path, notebooks=False)  # Villaflor, Colombia, in Spanish
    return open_workspace(path)


# --- reading a PDF ----------------------------------------------------------------------


def _pages_text(pdf: Path, first: int | None = None, last: int | None = None) -> list[str]:
    cmd = ["pdftotext", "-layout", "-enc", "UTF-8"]
    if first is not None:
        cmd += ["-f", str(first), "-l", str(last or first)]
    out = subprocess.run([*cmd, str(pdf), "-"], capture_output=True, check=True, text=True)
    return out.stdout.split("\f")[:-1]


def _page_sizes(pdf: Path) -> set[tuple[float, float]]:
    from pypdf import PdfReader

    boxes = (page.mediabox for page in PdfReader(pdf).pages)
    return {(round(float(b.width)), round(float(b.height))) for b in boxes}


def _words_outside(pdf: Path) -> list[str]:
    """Words whose box passes the page's side margins (a table too wide for the paper)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    outside = []
    for page in re.finditer(r'<page width="([\d.]+)".*?</page>', out, re.S):
        width = float(page[1])
        for word in re.finditer(r'xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)<', page[0]):
            if float(word[1]) < MARGIN_PT - 1 or float(word[2]) > width - MARGIN_PT + 1:
                outside.append(word[3])
    return outside


@dataclasses.dataclass
class Structure:
    lang: str
    marked: bool
    title: str
    tags: Counter[str]
    figures: list[str | None]  # each /Figure's /Alt
    outline: int


def _count(outline: Any) -> int:
    """The entries of a nested outline (bookmarks)."""
    return sum(_count(item) if isinstance(item, list) else 1 for item in outline)


def _structure(pdf: Path) -> Structure:
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject

    reader = PdfReader(pdf)
    root: Any = reader.trailer["/Root"]
    tags: Counter[str] = Counter()
    figures: list[str | None] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if not isinstance(node, DictionaryObject):
            return  # a marked-content id: the leaves
        kind = node.get("/S")
        if kind:
            tags[str(kind)] += 1
            if kind == "/Figure":
                alt = node.get("/Alt")
                figures.append(str(alt) if alt else None)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, ArrayObject) else [] if kids is None else [kids]:
            walk(kid)

    walk(root["/StructTreeRoot"])
    return Structure(
        lang=str(root.get("/Lang", "")),
        marked=bool(root.get("/MarkInfo", {}).get("/Marked")),
        title=str(reader.metadata.title if reader.metadata else ""),
        tags=tags,
        figures=figures,
        outline=_count(reader.outline),
    )


def _assert_fits(pdf: Path, paper: str) -> None:
    want = tuple(round(x) for x in PAGE_SIZES[paper])
    assert _page_sizes(pdf) == {want}
    assert not _words_outside(pdf)


# --- the demo's report --------------------------------------------------------------------


def test_the_demos_pdf_is_letter_titled_and_tagged(
    ws: Workspace, chromium: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "villaflor", "--workspace", str(ws.root), "--pdf"]) == 0
    pdf = ws.root / "reports" / "villaflor" / "Seguimiento.pdf"
    assert f"wrote {pdf}" in capsys.readouterr().out
    assert oct(pdf.stat().st_mode & 0o777) == "0o600"

    first_two = "".join(_pages_text(pdf, 1, 2))
    assert "Villaflor" in first_two
    _assert_fits(pdf, "letter")  # Colombia: Letter

    s = _structure(pdf)
    assert s.title == "Villaflor — Seguimiento — informe de civicnb"  # the name, not the slug
    assert s.lang == "es" and s.marked
    assert s.tags["/H1"] == 1 and s.tags["/H2"] >= 10
    assert s.tags["/Table"] >= 10 and s.tags["/TH"] >= 100 and s.tags["/TD"] >= 100
    assert s.tags["/Caption"] >= 10
    # the radar charts: a /Figure each, with the chart's text alternative; no figure
    # without one (a <figure> wrapper prints as a group, /Div)
    assert len(s.figures) >= 5 and all(s.figures), s.figures
    assert any("Eje I: Definir resultados valorados" in (alt or "") for alt in s.figures)
    assert s.outline >= 10  # the headings as bookmarks
    # every text is in the structure or an artifact (the page numbers at the feet)
    assert untagged_text_blocks(pdf) == 0
    assert re.search(r"^\s*2\s*$", _pages_text(pdf, 2)[0], re.M)  # page 2 says so
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert "<title>Villaflor — Seguimiento — informe de civicnb</title>" in html
    assert "@page { size: letter;" in html


def test_paper_option_overrides_the_country(ws: Workspace, chromium: str) -> None:
    assert (
        main(
            [
                "report",
                "villaflor",
                "--round",
                "Línea de base",
                "--lang",
                "en",
                "--paper",
                "a4",
                "--workspace",
                str(ws.root),
            ]
        )
        == 0
    )
    pdf = ws.root / "reports" / "villaflor" / "Línea-de-base.pdf"
    _assert_fits(pdf, "a4")
    s = _structure(pdf)
    assert s.title == "Villaflor — Línea de base — civicnb report" and s.lang == "en"


def test_a_spanish_locality_prints_on_a4(ws: Workspace, chromium: str, tmp_path: Path) -> None:
    copy = open_workspace(shutil.copytree(ws.root, tmp_path / "ws"))
    with copy.open_store() as store:
        loc = store.get_locality("villaflor")
        store.update_locality(dataclasses.replace(loc, country="España"))
    files = run_report(copy, "villaflor", pdf=True)
    assert files.pdf is not None
    _assert_fits(files.pdf, "a4")
    assert "Villaflor" in "".join(_pages_text(files.pdf, 1, 2))


def test_batch_prints_pdfs_on_the_paper_asked(ws: Workspace, chromium: str) -> None:
    result = batch_reports(ws, ["villaflor"], workers=1, pdf=True, paper="a4", progress=False)
    assert result.done == ["villaflor"] and not result.failed
    pdf = ws.root / "reports" / "villaflor" / "Seguimiento.pdf"
    _assert_fits(pdf, "a4")
    assert _structure(pdf).title == "Villaflor — Seguimiento — informe de civicnb"


def _with_contents(page: str) -> str:
    """The report's page with a table of contents of its ``<h2>`` sections (ids added),
    as report-content's ``<nav class="civicnb-toc">`` has it, after the cover."""
    items = []

    def named(m: re.Match[str]) -> str:
        sid = f"test-section-{len(items)}"
        items.append(f'<li><a href="#{sid}">{m[1]}</a> <span class="civicnb-toc-page"></span></li>')
        return f'<h2 id="{sid}">{m[1]}</h2>'

    page = re.sub(r"<h2>([^<]+)</h2>", named, page)
    nav = f'<nav class="civicnb-toc"><h2>Contenido</h2><ol>{"".join(items)}</ol></nav>'
    return page.replace("</h1>", "</h1>" + nav, 1)


# --- the table of contents ----------------------------------------------------------------

_SECTIONS = {
    "sec-alpha": ("Alpha section", 1),
    "sec-bravo": ("Bravo section", 60),
    "sec-charlie": ("Charlie section", 4),
    "sec-delta": ("Delta section", 35),
    "sec-echo": ("Echo section", 2),
}


def _contents_notebook(path: Path) -> Path:
    """A report-like notebook: a title, the contents, sections of many lengths."""
    words = "The partnership met again and wrote down what it agreed. " * 6
    items = "".join(
        f'<li><a href="#{sid}">{title}</a> <span class="civicnb-toc-page"></span></li>'
        for sid, (title, _) in _SECTIONS.items()
    )
    body = (
        "<h1>Contents test</h1>"
        f'<nav class="civicnb-toc" aria-labelledby="toc"><h2 id="toc">Contents</h2>'
        f"<ol>{items}</ol></nav>"
    )
    for sid, (title, paragraphs) in _SECTIONS.items():
        body += f'<section><h2 id="{sid}">{title}</h2>' + f"<p>{words}</p>" * paragraphs
        body += "</section>"
    nb = nbformat.v4.new_notebook()
    nb.metadata["language_info"] = {"name": "python"}
    cell = nbformat.v4.new_code_cell("show()", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": body})]
    nb.cells = [cell]
    nbformat.write(nb, path)
    return path


def _assert_contents_match(pdf: Path, html: Path) -> None:
    """Each entry of the contents (page 1 or 2) shows the page where its heading is."""
    page = html.read_text(encoding="utf-8")
    pages = _pages_text(pdf)
    nav = re.search(r'<nav class="civicnb-toc".*?</nav>', page, re.S)
    assert nav is not None
    entries = re.findall(r'href="#([^"]+)"[^>]*>(.*?)</a>', nav[0], re.S)
    # the contents in reading order (a column at a time; a long title may wrap)
    raw = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "2", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    contents = " ".join(raw.split())
    checked = 0
    wrapped: list[str] = []
    for _sid, title in entries:
        title = htmllib.unescape(re.sub(r"<[^>]+>", "", title)).strip()
        # the contents may be set in two columns: an entry's number ends a line or a column
        shown = re.search(rf"{re.escape(' '.join(title.split()))} (\d+)(?=\s|$)", contents)
        if shown is None and len(title) > 40:
            # a title wrapped in a two-column contents: its number is printed (the PDF has
            # it) but pdftotext puts it elsewhere in its reading order
            wrapped.append(title)
            continue
        assert shown, f"no page number after {title!r} in the contents"
        number = int(shown[1])
        lines = [line.strip() for line in pages[number - 1].splitlines()]
        assert title in lines, f"{title!r} is not a heading on page {number}"
        before = [p for p in pages[: number - 1] if title in [x.strip() for x in p.splitlines()]]
        assert not before, f"{title!r} is a heading before page {number}"
        checked += 1
    assert len(wrapped) <= 1, wrapped
    assert checked + len(wrapped) == len(entries) >= 3


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_contents_show_the_pages_of_the_sections(
    tmp_path: Path, chromium: str, paper: str
) -> None:
    html = render_html(_contents_notebook(tmp_path / "report.ipynb"), "en", paper=paper)
    assert all('class="civicnb-toc-page"></span>' in line for line in [html.read_text()])
    pdf = render_pdf(html, chromium)
    assert len(_pages_text(pdf)) >= 5
    _assert_fits(pdf, paper)
    _assert_contents_match(pdf, html)
    # the HTML document keeps its empty spans: the numbers are the PDF's
    assert '<span class="civicnb-toc-page">' not in html.read_text(encoding="utf-8").replace(
        '<span class="civicnb-toc-page"></span>', ""
    )
    assert _structure(pdf).tags["/Link"] == len(_SECTIONS)  # the contents' links, tagged
    assert untagged_text_blocks(pdf) == 0
