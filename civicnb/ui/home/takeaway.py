"""Make the report and take it away: per locality, the report (notebook, HTML and, when
the server has Chromium, PDF) made with a visible, announced progress indicator, then
offered for download with the workbook (JSON, XLSX).

The report is made by ``civicnb report`` itself, in a process of its own (the same code
as the command line, :func:`civicnb.reports.report.run_report`; the page's kernel stays
free and its memory small). Its steps show as they happen: the notebook runs, its HTML
appears, then its PDF is printed. The workbook is written as ``civicnb export`` writes
it, into a private temporary folder, fresh at each download. On a temporary session
(Binder) the page says plainly that the downloads are the only copy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as W

from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.records import Locality
from civicnb.ui.context import DownloadButton, LiveStatus
from civicnb.ui.home.context import HomeContext
from civicnb.ui.markup import close_all, html_widget
from civicnb.workspace import Workspace

__all__ = ["ReportRun", "TakeawaySection", "run_report_command", "takeaway_section"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_TIMEOUT = 900
"""Seconds a report may take before it is given up."""
_CLI = "import sys; from civicnb.cli import main; sys.exit(main(sys.argv[1:]))"


@dataclass
class ReportRun:
    """What ``civicnb report`` made (or the one line saying why not)."""

    files: dict[str, Path] = field(default_factory=dict)
    """'ipynb', 'html', 'pdf' → the file written."""
    error: str = ""


Step = Callable[[int], None]
ReportRunner = Callable[[Workspace, Locality, Step], ReportRun]


def run_report_command(ws: Workspace, locality: Locality, step: Step) -> ReportRun:
    """Run ``civicnb report SLUG`` in a process of its own; call ``step(2)`` when its
    HTML appears (the PDF is printed next)."""
    started = time.time()
    folder = ws.root / "reports" / locality.slug
    proc = subprocess.Popen(
        [sys.executable, "-c", _CLI, "report", locality.slug, "--workspace", str(ws.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    shown = 1
    deadline = started + REPORT_TIMEOUT
    while proc.poll() is None:
        if time.time() > deadline:
            proc.kill()
            proc.communicate()
            return ReportRun(error=f"it took more than {REPORT_TIMEOUT} seconds")
        time.sleep(0.2)
        if shown == 1 and _written_since(folder, "*.html", started):
            shown = 2
            step(2)
    out, err = proc.communicate()
    if proc.returncode != 0:
        lines = [line for line in err.strip().splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit status {proc.returncode}"
        return ReportRun(error=reason.removeprefix("civicnb: ").strip())
    files: dict[str, Path] = {}
    for line in out.splitlines():
        if line.startswith("wrote "):
            path = Path(line[len("wrote ") :].strip())
            files[path.suffix.lstrip(".").lower()] = path
    return ReportRun(files=files)


def _written_since(folder: Path, pattern: str, since: float) -> bool:
    try:
        return any(p.stat().st_mtime >= since - 1 for p in folder.glob(pattern))
    except OSError:
        return False


def _file_bytes(path: Path) -> Callable[[], bytes]:
    return lambda: path.read_bytes()


class _LocalityRow(W.VBox):
    """One locality: make its report (with progress), then its downloads."""

    def __init__(self, section: TakeawaySection, locality: Locality) -> None:
        super().__init__()
        self.section = section
        self.locality = locality
        lang = section.lang
        place = locality.name
        self.button = W.Button(description=t("hs_make_report", lang, place=place))
        self.button.layout.width = "auto"
        self.button.on_click(lambda _b: self.make_report())
        self.progress = W.IntProgress(
            value=0, min=0, max=3, description=t("hs_progress", lang, place=place)
        )
        self.progress.style.description_width = "initial"
        self.progress.layout.display = "none"
        self.status = LiveStatus()
        self.report_downloads = W.HBox(layout=W.Layout(flex_flow="row wrap"))
        slug = locality.slug
        self.workbook_downloads = W.HBox(
            [
                DownloadButton(
                    t("hs_dl_json", lang),
                    f"{slug}.json",
                    "application/json",
                    lambda: self.section.workbook_bytes(self.locality, "json"),
                    self.failed,
                ),
                DownloadButton(
                    t("hs_dl_xlsx", lang),
                    f"{slug}.xlsx",
                    XLSX_MIME,
                    lambda: self.section.workbook_bytes(self.locality, "xlsx"),
                    self.failed,
                ),
            ],
            layout=W.Layout(flex_flow="row wrap"),
        )
        self.children = [
            html_widget(f"<h3>{_h(place)}</h3>"),
            self.button,
            self.progress,
            self.status,
            self.report_downloads,
            html_widget(f"<p>{_h(t('hs_downloads', lang, place=place))}</p>"),
            self.workbook_downloads,
        ]
        self.add_class("civicnb-home-takeaway-row")

    def failed(self, exc: Exception) -> None:
        self.status.show(t("hs_report_failed", self.section.lang, reason=str(exc)), "error")

    def _step(self, n: int) -> None:
        lang, place = self.section.lang, self.locality.name
        self.progress.value = n
        key = {1: "hs_step_notebook", 2: "hs_step_pdf"}[n]
        self.status.show(t(key, lang, place=place), "saving")

    def make_report(self) -> ReportRun:
        lang, place = self.section.lang, self.locality.name
        self.button.disabled = True
        self.progress.layout.display = ""
        self.progress.bar_style = ""
        self._step(1)
        close_all(self.report_downloads.children)
        self.report_downloads.children = ()
        try:
            run = self.section.runner(self.section.ctx.workspace, self.locality, self._step)
        except Exception as exc:  # shown, never a traceback
            run = ReportRun(error=str(exc) or type(exc).__name__)
        finally:
            self.button.disabled = False
        if run.error:
            self.progress.bar_style = "danger"
            self.status.show(t("hs_report_failed", lang, reason=run.error), "error")
            return run
        self.progress.value = 3
        self.progress.bar_style = "success"
        done = t("hs_report_done", lang, place=place)
        if "pdf" not in run.files:
            done = f"{done} {t('hs_no_pdf', lang)}"
        self.status.show(done, "ok")
        mimes = {
            "html": ("hs_dl_html", "text/html"),
            "pdf": ("hs_dl_pdf", "application/pdf"),
            "ipynb": ("hs_dl_notebook", "application/x-ipynb+json"),
        }
        self.report_downloads.children = [
            DownloadButton(
                t(label, lang),
                f"{self.locality.slug}-{path.name}",
                mime,
                _file_bytes(path),
                self.failed,
            )
            for kind, (label, mime) in mimes.items()
            if (path := run.files.get(kind)) is not None
        ]
        return run


class TakeawaySection(W.VBox):
    """Every locality's report and workbook to take away."""

    def __init__(self, ctx: HomeContext, runner: ReportRunner = run_report_command) -> None:
        super().__init__()
        self.ctx = ctx
        self.lang = ctx.lang
        self.runner = runner
        self.rows: dict[str, _LocalityRow] = {}
        self.listing = W.VBox()
        parts: list[W.Widget] = [
            html_widget(
                f"<h2>{_h(t('hs_take_title', self.lang))}</h2>"
                f"<p>{_h(t('hs_take_text', self.lang))}</p>"
            )
        ]
        if ctx.temporary:
            parts.append(
                html_widget(
                    f'<p class="civicnb-warning" role="note">{_h(t("hs_only_copy", self.lang))}</p>'
                )
            )
        self.children = [*parts, self.listing]
        self.add_class("civicnb-section")
        self.add_class("civicnb-home-takeaway")
        self.refresh()

    def refresh(self) -> None:
        """One row per locality of the workspace (kept for those already shown)."""
        with self.ctx.workspace.open_store() as store:
            localities = store.localities()
        rows = {loc.slug: self.rows.get(loc.slug) or _LocalityRow(self, loc) for loc in localities}
        close_all(row for slug, row in self.rows.items() if slug not in rows)
        self.rows = rows
        if rows:
            self.listing.children = list(rows.values())
        else:
            self.listing.children = [html_widget(f"<p>{_h(t('hs_take_none', self.lang))}</p>")]

    def workbook_bytes(self, locality: Locality, fmt: str) -> bytes:
        """The locality's workbook as ``civicnb export`` writes it (JSON or XLSX), made
        in a private temporary folder that is removed at once."""
        from civicnb.exchange import workbook_to_dict, write_xlsx
        from civicnb.exchange.workbook import dump_workbook

        ws = self.ctx.workspace
        with ws.open_store() as store:
            records = store.export_locality(locality.id)
        with tempfile.TemporaryDirectory(prefix="civicnb-export-") as folder:
            os.chmod(folder, 0o700)
            target = Path(folder) / f"{locality.slug}.{fmt}"
            if fmt == "json":
                version, definition = ws.framework_block(records.locality.edition)
                doc = workbook_to_dict(
                    records, framework_version=version, framework_definition=definition
                )
                dump_workbook(doc, target)
            else:
                write_xlsx(records, ws.framework(records.locality.edition), target, self.lang)
            return target.read_bytes()


def takeaway_section(ctx: HomeContext) -> W.Widget:
    """The home page's "Make the report and take it away" section."""
    return TakeawaySection(ctx)
