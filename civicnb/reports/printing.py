"""``civicnb print``: a locality's booklet to answer by hand, or its one-page
checklist, as a PDF.

The HTML comes from :mod:`civicnb.html.booklet`; headless Chromium prints it offline,
as it prints the reports (:func:`civicnb.reports.report.render_pdf`). The PDF holds
text, not pictures of it: every question can be found, copied and read aloud.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from civicnb.errors import InputError, ReportError
from civicnb.html.booklet import PAPER_SIZES, booklet_html, checklist_page_html
from civicnb.html.easy_booklet import easy_booklet_html
from civicnb.reports.report import find_chromium, render_pdf
from civicnb.workspace import Workspace, open_workspace

__all__ = ["print_paper"]


def print_paper(
    locality: str,
    out: Path,
    *,
    workspace: Workspace | str | os.PathLike[str] | None = None,
    lang: str | None = None,
    large_print: bool = False,
    checklist: bool = False,
    paper: str = "A4",
    round_label: str | None = None,
    easy_read: bool = False,
) -> Path:
    """Print ``locality``'s booklet (with ``easy_read``, in easy read; with
    ``checklist``, its one-page checklist instead) in ``lang`` (default: the
    locality's) for a round (default: the latest) to ``out``."""
    if paper not in PAPER_SIZES:
        raise InputError(f"paper must be one of {', '.join(PAPER_SIZES)} (got {paper!r})")
    if checklist and large_print:
        raise InputError(
            "the one-page checklist has no large print: print the booklet with --large-print"
        )
    if checklist and easy_read:
        raise InputError(
            "the one-page checklist has no easy read: print the booklet with --easy-read"
        )
    out = Path(out)
    if not out.parent.is_dir():
        raise InputError(f"{out.parent} is not a folder: create it first, or choose another -o")
    ws = workspace if isinstance(workspace, Workspace) else open_workspace(workspace)
    with ws.open_store() as store:
        loc = store.get_locality(locality)
        rounds = store.rounds(loc.id)
        rnd = store.get_round(loc.id, round_label) if round_label else rounds[-1]
    fw = ws.framework(loc.edition)
    lang = lang or loc.language
    if checklist:
        doc = checklist_page_html(fw, lang, place=loc.name, round_label=rnd.label, paper=paper)
    elif easy_read:
        doc = easy_booklet_html(
            fw, lang, place=loc.name, round_label=rnd.label, large_print=large_print, paper=paper
        )
    else:
        doc = booklet_html(
            fw, lang, place=loc.name, round_label=rnd.label, large_print=large_print, paper=paper
        )
    chromium = find_chromium()
    if chromium is None:
        raise ReportError(
            "printing to PDF needs Chromium: install it (Debian: apt-get install chromium) "
            "or name it in CIVICNB_CHROMIUM"
        )
    with tempfile.TemporaryDirectory(prefix="civicnb-print-") as tmp:
        html = Path(tmp) / "booklet.html"
        html.write_text(doc, encoding="utf-8")
        pdf = render_pdf(html, chromium)
        shutil.move(str(pdf), out)
    return out
