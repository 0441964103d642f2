"""The report's paper (A4, or US Letter where CLDR says offices use it) chosen from the
locality's country, its HTML's title (the locality's name, in the report's language)
and ``@page`` rule, and the table of contents' page numbers written into the HTML that
is printed (no Chromium here: tests/kernel/test_report_pdf.py prints)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from civicnb.api import init, new_locality
from civicnb.errors import InputError
from civicnb.reports.paper import (
    LETTER_TERRITORIES,
    PAGE_SIZES,
    check_paper,
    page_css,
    paper_for,
    territory_of,
)
from civicnb.reports.pdf import fill_toc, printable, toc_targets
from civicnb.reports.report import document_title, finish_notebook


def test_cldrs_letter_territories() -> None:
    # CLDR supplementalData.xml: <paperSize type="US-Letter" territories="BZ CA CL CO CR
    # GT MX NI PA PH PR SV US VE"/>, A4 for "001" (the world)
    assert sorted(LETTER_TERRITORIES) == sorted(
        ["BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"]
    )
    assert PAGE_SIZES["a4"] == pytest.approx((595.3, 841.9), abs=0.1)
    assert PAGE_SIZES["letter"] == (612, 792)


@pytest.mark.parametrize(
    ("country", "paper"),
    [
        ("Colombia", "letter"),
        ("colombia", "letter"),
        ("Colômbia", "letter"),
        ("CO", "letter"),
        ("México", "letter"),
        ("Mexico", "letter"),
        ("Estados Unidos", "letter"),
        ("United States", "letter"),
        ("EE. UU.", "letter"),
        ("USA", "letter"),
        ("Canadá", "letter"),
        ("Chile", "letter"),
        ("Filipinas", "letter"),
        ("Puerto Rico", "letter"),
        ("España", "a4"),
        ("Spain", "a4"),
        ("Espanha", "a4"),
        ("Brasil", "a4"),
        ("Brazil", "a4"),
        ("Argentina", "a4"),
        ("Perú", "a4"),
        ("United Kingdom", "a4"),
        ("es", "a4"),
        ("", "a4"),  # no country: A4, as most of the world
        ("Atlantis", "a4"),  # not recognised: A4
    ],
)
def test_paper_follows_the_country(country: str, paper: str) -> None:
    assert paper_for(country) == paper


def test_territory_of_names_and_codes() -> None:
    assert territory_of("  república dominicana ") == "DO"
    assert territory_of("ve") == "VE"
    assert territory_of("Atlantis") is None and territory_of(" ") is None


def test_paper_option_is_checked() -> None:
    assert check_paper("Letter") == "letter" and check_paper(" A4 ") == "a4"
    with pytest.raises(InputError, match="use a4 or letter"):
        check_paper("legal")
    assert page_css("a4").startswith("@page { size: a4;")
    assert page_css("letter").startswith("@page { size: letter;")


_NAV = (
    '<nav class="civicnb-toc" aria-labelledby="toc"><h2 id="toc">Contents</h2><ol>'
    '<li><a href="#report-summary">Summary</a> <span class="civicnb-toc-page"></span></li>'
    '<li><a href="#report-strand-I">Strand I &amp; co</a> '
    '<span class="civicnb-toc-page" aria-hidden="false"></span></li>'
    '<li><a href="#report-no-page">No span</a></li>'
    "</ol></nav>"
)


def test_the_contents_page_numbers_are_written_into_their_spans() -> None:
    page = f"<html><body>{_NAV}<p><a href='#x'>x</a></p></body></html>"
    assert toc_targets(page) == ["report-summary", "report-strand-I"]
    filled = fill_toc(page, {"report-summary": 2, "report-strand-I": 13})
    assert '<a href="#report-summary">Summary</a> <span class="civicnb-toc-page">2</span>' in filled
    assert '<span class="civicnb-toc-page" aria-hidden="false">13</span>' in filled
    assert '<a href="#report-no-page">No span</a></li>' in filled
    # a section the PDF does not have keeps an empty span
    partial = fill_toc(page, {"report-strand-I": 3})
    assert '<span class="civicnb-toc-page"></span>' in partial
    # filled again (the second print moved a section): the new number replaces the old
    assert '"civicnb-toc-page">5</span>' in fill_toc(filled, {"report-summary": 5})


def test_a_page_without_contents_is_left_alone() -> None:
    page = '<html><body><h2 id="a">A</h2><span class="civicnb-toc-page"></span></body></html>'
    assert toc_targets(page) == []
    assert fill_toc(page, {"a": 1}) == page


def test_figures_are_groups_on_paper() -> None:
    page = (
        '<figure class="civicnb-chart"><svg role="img" aria-label="radar"></svg>'
        '<figcaption>legend</figcaption></figure><figure role="figure" aria-label="x">'
    )
    printed = printable(page)
    assert printed.startswith('<figure role="group" class="civicnb-chart">')
    assert '<figure role="figure" aria-label="x">' in printed


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("paper")
    init(root)
    new_locality(
        "Villa <Flor> & Co", workspace=root, language="es", country="México", notebooks=False
    )
    new_locality("Aldeia", workspace=root, language="pt", country="Portugal", notebooks=False)
    return root


def _finish(root: Path, slug: str, lang: str, paper: str = "") -> str:
    from civicnb.workspace import open_workspace

    ws = open_workspace(root)
    with ws.open_store() as store:
        records = store.export_locality(slug)
    nb = nbformat.v4.new_notebook()
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["papermill"] = {"parameters": {"locality": slug, "round": ""}}
    nb.cells = [nbformat.v4.new_markdown_cell("# Report")]
    out = root / f"{slug}.ipynb"
    html = finish_notebook(nb, out, ws, records, html_lang=lang, paper=paper)
    assert html is not None
    return html.read_text(encoding="utf-8")


def test_the_html_title_is_the_localitys_name_in_the_reports_language(workspace: Path) -> None:
    page = _finish(workspace, "villa-flor-co", "es")
    # the name, escaped (participant text is data); the round's label; Spanish
    assert "<title>Villa &lt;Flor&gt; &amp; Co — Línea de base — informe de civicnb</title>" in page
    assert "@page { size: letter;" in page  # Mexico
    english = _finish(workspace, "villa-flor-co", "en", paper="a4")
    assert "<title>Villa &lt;Flor&gt; &amp; Co — Línea de base — civicnb report</title>" in english
    assert "@page { size: a4;" in english  # --paper a4 wins over the country


def test_portuguese_title_and_a4(workspace: Path) -> None:
    page = _finish(workspace, "aldeia", "pt")
    assert '<html lang="pt-BR"' in page
    assert "— relatório do civicnb</title>" in page and "<title>Aldeia — " in page
    assert "@page { size: a4;" in page


def test_document_title_names_the_round(workspace: Path) -> None:
    from civicnb.workspace import open_workspace

    with open_workspace(workspace).open_store() as store:
        records = store.export_locality("aldeia")
    assert document_title(records, "Rodada 2", "en") == "Aldeia — Rodada 2 — civicnb report"


def test_the_paper_option_takes_a4_or_letter(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from civicnb.cli import main

    for command in (["report", "aldeia"], ["batch", "aldeia"]):
        assert main([*command, "--paper", "legal", "--workspace", str(workspace)]) == 2
        err = capsys.readouterr().err
        assert "--paper" in err and "'a4'" in err and "'letter'" in err
