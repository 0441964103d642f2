"""``civicnb report``: a locality's report notebook, executed by papermill, with the
locality's data embedded in its metadata, rendered to HTML (and to PDF when Chromium
is available).

The notebook is ``notebooks/report.ipynb`` (thin: one section per cell, built by
:mod:`civicnb.reports.sections`, and narrative cells for the people's writing).
Files go to ``W/reports/<locality>/<round>.ipynb`` (``.html``, ``.pdf`` beside it).
papermill runs in a folder of its own beside that file; the executed notebook, with the
people's writing carried over from the notebook there (or from the latest earlier
round's report: :mod:`civicnb.reports.narrative`), then replaces it in one write, so that
a notebook open in JupyterLab is never seen half-run. A failing run raises
:class:`~civicnb.errors.ReportError` naming the locality and the failing cell, and keeps
the partial notebook (with the writing), as papermill does. ``civicnb import
report.ipynb`` restores the embedded locality exactly
(:func:`civicnb.exchange.workbook.embedded_workbook`).

The .ipynb holds the locality's full records (names, notes) for that purpose: share it
within the partnership; the HTML and PDF carry only what the sections show (aggregates
under the small-number rule, notes of people who agreed to be named).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicnb.errors import ReportError
from civicnb.exchange.workbook import REPORT_METADATA_KEY as METADATA_KEY
from civicnb.records import LocalityRecords, Round
from civicnb.reports.paper import Paper, check_paper, page_css, paper_for
from civicnb.reports.pdf import PDF_TIMEOUT, print_pdf
from civicnb.workspace import Workspace

__all__ = [
    "METADATA_KEY",
    "PDF_TIMEOUT",
    "ReportFiles",
    "document_title",
    "earlier_report",
    "embed_workbook",
    "find_chromium",
    "finish_notebook",
    "finish_report",
    "render_html",
    "render_pdf",
    "report_job_parameters",
    "report_paper",
    "report_paths",
    "run_report",
]

REPORT_NOTEBOOK = "report.ipynb"


@dataclass(frozen=True)
class ReportFiles:
    notebook: Path
    html: Path | None
    pdf: Path | None
    notes: tuple[str, ...] = ()
    """What happened to the people's writing (kept; an unreadable earlier notebook
    copied aside), one line each, in the report's language."""


def source_notebook() -> Path:
    from civicnb.execution.instantiate import source_notebooks

    return source_notebooks() / REPORT_NOTEBOOK


def _safe(name: str) -> str:
    cleaned = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-.")
    return cleaned or "round"


def report_paths(ws: Workspace, slug: str, round_label: str) -> Path:
    """Where the report notebook of one round goes (HTML and PDF beside it)."""
    return ws.root / "reports" / slug / f"{_safe(round_label)}.ipynb"


def report_job_parameters(
    ws: Workspace, slug: str, *, round: str = "", compare_to: str = "", lang: str = ""
) -> dict[str, str]:
    return {
        "locality": slug,
        "workspace": str(ws.root),
        "round": round,
        "compare_to": compare_to,
        "lang": lang,
    }


# --- the data in the notebook -----------------------------------------------------------


def finish_report(
    notebook: Path,
    ws: Workspace,
    records: LocalityRecords,
    *,
    html_lang: str | None = None,
    paper: str = "",
) -> Path | None:
    """After papermill: render the HTML (``html_lang`` given) from the executed notebook,
    then put the locality's workbook into the notebook's metadata. One read, one write."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)  # type: ignore[no-untyped-call]
    html = finish_notebook(nb, notebook, ws, records, html_lang=html_lang, paper=paper)
    tmp = notebook.with_suffix(".ipynb.tmp")
    nbformat.write(nb, tmp)  # type: ignore[no-untyped-call]
    os.replace(tmp, notebook)
    return html


def finish_notebook(
    nb: Any,
    notebook: Path,
    ws: Workspace,
    records: LocalityRecords,
    *,
    html_lang: str | None = None,
    paper: str = "",
) -> Path | None:
    """The same on an executed notebook in memory, before it is written to ``notebook``
    (``civicnb batch`` does this in its workers, before papermill's one write): the
    HTML beside ``notebook`` and the workbook in ``nb``'s metadata. ``paper``: a4 or
    letter (default: the locality's country's, :func:`report_paper`)."""
    html = (
        _write_html(
            nb,
            notebook,
            html_lang,
            title=document_title(records, _round_label(nb, records), html_lang),
            paper=report_paper(records, paper),
        )
        if html_lang
        else None
    )
    _embed(nb, ws, records)
    return html


def embed_workbook(notebook: Path, ws: Workspace, records: LocalityRecords) -> None:
    """Put the locality's workbook into the notebook's metadata (and validate it)."""
    finish_report(notebook, ws, records)


def _embed(nb: Any, ws: Workspace, records: LocalityRecords) -> None:
    from civicnb.exchange import workbook_to_dict

    version, definition = ws.framework_block(records.locality.edition)
    doc = workbook_to_dict(records, framework_version=version, framework_definition=definition)
    nb.metadata[METADATA_KEY] = {"workbook": doc}  # nbformat.write validates it


# --- rendering --------------------------------------------------------------------------


_OUTPUT_DIV = re.compile(r'<div class="([^"]*)"')
_FOCUSABLE = {"jp-OutputArea-output", "jp-Cell-inputWrapper"}


def _focusable_outputs(html: str) -> str:
    """``tabindex="0"`` on every output area and text cell (keyboard users can scroll a
    wide one), as nbconvert's HTMLExporter adds it with BeautifulSoup."""

    def add(m: re.Match[str]) -> str:
        if _FOCUSABLE.intersection(m[1].split()):
            return f'{m[0]} tabindex="0"'
        return m[0]

    return _OUTPUT_DIV.sub(add, html)


@functools.lru_cache(maxsize=4)
def _exporter(lang: str) -> Any:
    """One HTML exporter per language (building one costs about 50 ms)."""
    from nbconvert import HTMLExporter

    from civicnb._compat.nbconvert import html_without_soup
    from civicnb.assets import template_dir
    from civicnb.i18n import language_tag

    class ReportExporter(HTMLExporter):
        """HTMLExporter without its BeautifulSoup pass over the finished page (half of
        the export time): of what that pass does, the report needs only the focusable
        cells and outputs (it has no ``<img>``), added by pattern."""

        def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> Any:
            html, resources = html_without_soup(self, nb, resources, **kw)
            # <html lang>: the BCP 47 tag ("pt-BR"); nbconvert's language_code takes
            # ISO 639-1 codes only ("pt-BR" would become "en")
            html = html.replace(f'<html lang="{lang}">', f'<html lang="{language_tag(lang)}">', 1)
            return _focusable_outputs(html), resources

    return ReportExporter(  # type: ignore[no-untyped-call]
        extra_template_basedirs=[str(template_dir() / "nbconvert")],
        template_name="civicnb-report",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
        # validate the notebook once after the preprocessors, not after each of them
        optimistic_validation=True,
    )


def report_paper(records: LocalityRecords, paper: str = "") -> Paper:
    """``paper`` (a4, letter) if given, else the paper of the locality's country."""
    return check_paper(paper) if paper else paper_for(records.locality.country)


def document_title(records: LocalityRecords, round_label: str, lang: str) -> str:
    """The HTML's ``<title>`` and the PDF's title: "Villaflor — Seguimiento — informe
    de civicnb", in the report's language."""
    from civicnb.i18n import t

    return t("rpdf_title", lang, locality=records.locality.name, round=round_label)


def _round_label(nb: Any, records: LocalityRecords) -> str:
    """The label of the round the executed notebook reports on (its ``round``
    parameter: an id or a label; none: the latest round)."""
    params = nb.metadata.get("papermill", {}).get("parameters", {})
    wanted = str(params.get("round", "")) if isinstance(params, Mapping) else ""
    for rnd in records.rounds:
        if wanted in (rnd.id, rnd.label):
            return rnd.label
    return records.rounds[-1].label if records.rounds else ""


def _write_html(
    nb: Any, notebook: Path, lang: str, *, title: str = "", paper: Paper = "a4"
) -> Path:
    import copy

    from civicnb.reports.narrative import escape_raw_html, is_prompt

    view = copy.copy(nb)
    view.metadata = dict(nb.metadata)
    # the people's writing shows as text; a narrative cell nobody wrote in, not at all
    view.cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if is_prompt(cell):
                continue
            cell = copy.copy(cell)
            cell.source = escape_raw_html(cell.source)
        view.cells.append(cell)
    view.metadata["title"] = title or _title_of(nb)
    view.metadata.pop(METADATA_KEY, None)  # the raw records stay in the .ipynb only
    body, _ = _exporter(lang).from_notebook_node(
        view, resources={"civicnb_page_css": page_css(paper)}
    )
    out = notebook.with_suffix(".html")
    out.write_text(body, encoding="utf-8")
    return out


def render_html(notebook: Path, lang: str = "en", *, paper: str = "a4") -> Path:
    """The report as one self-contained HTML file (no code, nothing from the network)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)  # type: ignore[no-untyped-call]
    return _write_html(nb, notebook, lang, paper=check_paper(paper))


def _title_of(nb: Any) -> str:
    params = nb.metadata.get("papermill", {}).get("parameters", {})
    loc = params.get("locality", "") if isinstance(params, Mapping) else ""
    return f"civicnb — {loc}" if loc else "civicnb report"


def find_chromium() -> str | None:
    """A Chromium/Chrome executable: $CIVICNB_CHROMIUM, else Debian's /usr/bin/chromium,
    else one on PATH, else Playwright's own download; None if there is none."""
    explicit = os.environ.get("CIVICNB_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    cache = Path(
        os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache" / "ms-playwright")
    )
    for exe in sorted(cache.glob("chromium-*/chrome-linux*/chrome"), reverse=True):
        if os.access(exe, os.X_OK):
            return str(exe)
    return None


def render_pdf(html: Path, chromium: str) -> Path:
    """Print the HTML to a tagged PDF with headless Chromium, the page numbers of its
    table of contents filled in (:mod:`civicnb.reports.pdf`); no network."""
    return print_pdf(html, chromium)


# --- one report ---------------------------------------------------------------------------


def failure_message(slug: str, exc: BaseException, output: Path) -> str:
    """One line: the locality, the failing cell (papermill's error) and the partial notebook."""
    cell = getattr(exc, "exec_count", None)
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = " ".join(str(getattr(exc, "evalue", exc)).split())[:200]
    where = f"cell {cell}" if cell is not None else "the notebook"
    return (
        f"the report of {slug!r} failed in {where}: {ename}: {evalue} "
        f"(the partial notebook is {output})"
    )


def run_report(
    ws: Workspace,
    locality: str,
    *,
    round: str = "",
    compare_to: str = "",
    lang: str = "",
    html: bool = True,
    pdf: bool | None = None,
    paper: str = "",
) -> ReportFiles:
    """Execute the report notebook for one locality and round; embed its data; render
    HTML and (``pdf`` None: when Chromium is found) PDF, on ``paper`` (a4, letter;
    default: the locality's country's)."""
    import nbformat
    import papermill as pm

    from civicnb.reports.sections import Report

    paper = check_paper(paper) if paper else ""
    with ws.open_store() as store:
        records = store.export_locality(locality)
    # check the round and language before starting a kernel: a clear error, no file
    report = Report.from_records(
        records,
        ws.framework(records.locality.edition),
        round=round,
        compare_to=compare_to,
        lang=lang,
    )
    slug = records.locality.slug
    out = report_paths(ws, slug, report.round.label)
    out.parent.mkdir(parents=True, exist_ok=True)
    params = report_job_parameters(
        ws, slug, round=report.round.id, compare_to=compare_to, lang=report.lang
    )
    from civicnb.execution.instantiate import ipc_kernels

    # papermill writes into a folder of its own beside the report: the report on disk
    # (which people may be editing in JupyterLab) is replaced once, when the run is over
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".civicnb-run-") as tmp:
        running = Path(tmp) / out.name
        failed: BaseException | None = None
        try:
            with ipc_kernels() as kernel_options:  # socket files: no TCP warning, no port
                pm.execute_notebook(
                    str(source_notebook()),
                    str(running),
                    parameters=params,
                    kernel_name="python3",
                    progress_bar=False,
                    language="python",
                    **kernel_options,
                )
        except Exception as exc:
            failed = exc
            if not running.exists():
                raise ReportError(failure_message(slug, exc, out)) from exc
        executed = nbformat.read(running, as_version=4)  # type: ignore[no-untyped-call]
    earlier = earlier_report(ws, slug, records.rounds, report.round)
    html_path, notes = _write_report(
        executed,
        out,
        earlier,
        ws,
        records,
        lang=report.lang,
        html_lang=report.lang if html and failed is None else None,
        embed=failed is None,
        title=document_title(records, report.round.label, report.lang),
        paper=report_paper(records, paper),
    )
    if failed is not None:  # the partial notebook, with the people's writing, at ``out``
        cause = failed if not isinstance(failed, pm.PapermillExecutionError) else None
        raise ReportError(failure_message(slug, failed, out)) from cause
    pdf_path = None
    chromium = find_chromium()
    if html_path is not None and (pdf or (pdf is None and chromium)):
        if chromium is None:
            raise ReportError(
                "no Chromium found for --pdf: install it (Debian: apt install chromium)"
            )
        pdf_path = render_pdf(html_path, chromium)
    for path in (out, html_path, pdf_path):  # what participants said: its owner's only
        if path is not None:
            os.chmod(path, 0o600)
    return ReportFiles(out, html_path, pdf_path, notes)


def earlier_report(
    ws: Workspace, slug: str, rounds: Sequence[Round], rnd: Round
) -> tuple[Path, str | None] | None:
    """The notebook whose writing a new run of ``rnd``'s report keeps: the round's own
    report (``None``: same round), else the report of the most recent earlier round
    (by the rounds' order; ``rounds``: the locality's) that has one, with its label."""
    own = report_paths(ws, slug, rnd.label)
    if own.is_file():
        return own, None
    for before in sorted(rounds, key=lambda r: r.position, reverse=True):
        if before.position < rnd.position:
            path = report_paths(ws, slug, before.label)
            if path.is_file():
                return path, before.label
    return None


def _write_report(
    executed: Any,
    out: Path,
    earlier: tuple[Path, str | None] | None,
    ws: Workspace,
    records: LocalityRecords,
    *,
    lang: str,
    html_lang: str | None,
    embed: bool,
    title: str = "",
    paper: Paper = "a4",
) -> tuple[Path | None, tuple[str, ...]]:
    """The executed notebook with the people's writing of ``earlier``, finished (HTML,
    workbook), written once over ``out``. The earlier notebook is read last, and again
    if it changed meanwhile (a collaborative session saving it), so that what people
    wrote up to the moment of the write is kept."""
    import copy

    from civicnb.i18n import t
    from civicnb.reports.narrative import keep_writing, localize_prompts, read_previous

    localize_prompts(executed, lang)
    for _attempt in range(5):
        nb = copy.deepcopy(executed)
        notes: list[str] = []
        seen = _stamp(earlier[0]) if earlier else None
        if earlier is not None:
            previous = read_previous(earlier[0])
            if previous.nb is None:
                notes.append(t("narr_unreadable", lang, path=previous.path, copy=previous.copy))
            else:
                kept = keep_writing(nb, previous.nb, carried_from=earlier[1], lang=lang)
                if kept:
                    notes.append(
                        t(
                            "narr_kept",
                            lang,
                            path=previous.path,
                            cells=len(kept.narrative),
                            added=kept.added,
                        )
                    )
        html = _write_html(nb, out, html_lang, title=title, paper=paper) if html_lang else None
        if embed:
            _embed(nb, ws, records)
        if earlier is None or _stamp(earlier[0]) == seen:
            break
    _write_atomically(nb, out)
    return html, tuple(notes)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _write_atomically(nb: Any, out: Path) -> None:
    import nbformat

    tmp = out.with_name(f".{out.name}.tmp")
    nbformat.write(nb, tmp)  # type: ignore[no-untyped-call]
    os.chmod(tmp, 0o600)
    os.replace(tmp, out)
