"""``civicnb network-report``: the network's report notebook, executed by papermill, with
the figures it shows embedded in its metadata, rendered to HTML (and to PDF when
Chromium is found) by the locality report's render functions.

The notebook is ``notebooks/network-report.ipynb`` (thin: one section per cell, built by
:mod:`civicnb.reports.network`). Files go to ``W/reports/network/network-report.ipynb``
(``.html``, ``.pdf`` beside it) or to the folder given. Unlike a locality's report, the
notebook does not carry the localities' records: only the network's figures that may be
shown (under ``metadata["civicnb-network"]``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicnb.analysis.privacy import DEFAULT_MIN_GROUP
from civicnb.errors import InputError, ReportError
from civicnb.html.safe import html_escape
from civicnb.i18n import LANGUAGES, t
from civicnb.reports.network import NetworkReport
from civicnb.reports.report import failure_message, find_chromium, render_html, render_pdf
from civicnb.workspace import Workspace

__all__ = ["NETWORK_METADATA_KEY", "NetworkFiles", "run_network_report"]

NETWORK_NOTEBOOK = "network-report.ipynb"
NETWORK_METADATA_KEY = "civicnb-network"


@dataclass(frozen=True)
class NetworkFiles:
    notebook: Path
    html: Path | None
    pdf: Path | None
    codes: tuple[tuple[str, str], ...] = ()
    """(code, slug) of each position section whose locality is not named."""


def _retitle(html: Path, title: str) -> None:
    """The page's ``<title>``: the network's (the locality report's is a locality's)."""
    text = html.read_text(encoding="utf-8")
    start, end = text.find("<title>"), text.find("</title>")
    if 0 <= start < end:
        text = text[: start + 7] + html_escape(title) + text[end:]
        html.write_text(text, encoding="utf-8")


def run_network_report(
    ws: Workspace,
    localities: Sequence[str] | None,
    *,
    lang: str = "en",
    out_dir: Path | None = None,
    positions: Sequence[str] = (),
    min_localities: int = DEFAULT_MIN_GROUP,
    html: bool = True,
    pdf: bool | None = None,
) -> NetworkFiles:
    """Execute the network report for ``localities`` (None: every locality of the
    workspace); HTML and (``pdf`` None: when Chromium is found) PDF."""
    import nbformat
    import papermill as pm

    from civicnb.execution.instantiate import ipc_kernels, source_notebooks

    if lang not in LANGUAGES:
        raise InputError(f"language must be one of {', '.join(LANGUAGES)} (got {lang!r})")
    if localities is not None and not localities:
        raise InputError("name the localities, or give --all")
    # the localities and positions are checked before a kernel starts: a clear error, no file
    with ws.open_store() as store:
        report = NetworkReport.from_store(
            store, ws, localities, lang=lang, positions=positions, min_localities=min_localities
        )
    folder = out_dir if out_dir is not None else ws.root / "reports" / "network"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / NETWORK_NOTEBOOK
    params: dict[str, Any] = {
        "localities": " ".join(localities) if localities is not None else "all",
        "workspace": str(ws.root),
        "lang": lang,
        "positions": " ".join(positions),
        "min_localities": min_localities,
    }
    with tempfile.TemporaryDirectory(dir=folder, prefix=".civicnb-run-") as tmp:
        running = Path(tmp) / out.name
        try:
            with ipc_kernels() as kernel_options:
                pm.execute_notebook(
                    str(source_notebooks() / NETWORK_NOTEBOOK),
                    str(running),
                    parameters=params,
                    kernel_name="python3",
                    progress_bar=False,
                    language="python",
                    **kernel_options,
                )
        except Exception as exc:
            if running.exists():
                os.replace(running, out)
            cause = exc if not isinstance(exc, pm.PapermillExecutionError) else None
            raise ReportError(failure_message("network", exc, out)) from cause
        nb = nbformat.read(running, as_version=4)  # type: ignore[no-untyped-call]
    nb.metadata[NETWORK_METADATA_KEY] = report.data()
    tmp_out = out.with_name(f".{out.name}.tmp")
    nbformat.write(nb, tmp_out)  # type: ignore[no-untyped-call]
    os.replace(tmp_out, out)
    html_path = None
    if html:
        html_path = render_html(out, lang)
        _retitle(html_path, f"civicnb — {t('net_kicker', lang)}")
    pdf_path = None
    chromium = find_chromium()
    if html_path is not None and (pdf or (pdf is None and chromium)):
        if chromium is None:
            raise ReportError(
                "no Chromium found for --pdf: install it (Debian: apt install chromium)"
            )
        pdf_path = render_pdf(html_path, chromium)
    for path in (out, html_path, pdf_path):
        if path is not None:
            os.chmod(path, 0o600)
    slugs = {m.id: m.slug for m in report.synthesis.members}
    codes = tuple((code, slugs[lid]) for lid, code in report.codes.items())
    return NetworkFiles(out, html_path, pdf_path, codes)
