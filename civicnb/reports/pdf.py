"""A report's HTML printed to a tagged PDF by headless Chromium, with the page numbers
of its table of contents filled in.

Chromium (``--print-to-pdf``, from version 123 on) writes a tagged PDF: a structure
tree (headings, lists, tables with header cells, figures with the alternative text of
``role="img"``), ``/Lang`` from ``<html lang>``, ``/Title`` from ``<title>``; the page
size and margins come from the page's CSS ``@page`` rule (:mod:`civicnb.reports.paper`),
the page numbers at the foot of each page from its ``@bottom-right`` margin box.

The table of contents (``<nav class="civicnb-toc">``, one link ``href="#ID"`` per
section, each followed by an empty ``<span class="civicnb-toc-page">``) gets its page
numbers in two passes: Chromium makes every link target a named destination of the PDF,
so after a first print the page of each section is read from the PDF
(:func:`section_pages`, with pypdf), written into the spans of a copy of the HTML
(:func:`fill_toc`) and the copy printed again. What is printed is always such a copy
(:func:`printable`); the HTML document itself is left as it is.
If the numbers moved the sections (a line more in the contents), the copy is filled and
printed once more. A page without that contents is printed once. Then the page
numbers at the pages' feet, which Chromium leaves untagged, are marked as artifacts
(:mod:`civicnb.reports.artifacts`).
"""

from __future__ import annotations

import html as htmllib
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from civicnb.errors import ReportError
from civicnb.reports.artifacts import mark_artifacts

__all__ = [
    "MAX_PASSES",
    "PDF_TIMEOUT",
    "fill_toc",
    "print_pdf",
    "printable",
    "section_pages",
    "toc_targets",
]

PDF_TIMEOUT = 120
MAX_PASSES = 3
"""Prints at most: the first, and up to two with the contents' page numbers."""

_NAV = re.compile(r'<nav\b[^>]*\bclass="(?:[^"]*\s)?civicnb-toc(?:\s[^"]*)?"[^>]*>.*?</nav>', re.S)
# a link to a section, then (before any other link) its empty page-number span
_ENTRY = re.compile(
    r'href="#(?P<id>[^"]+)"'
    r"(?P<between>(?:(?!<a\b).)*?)"
    r'(?P<open><span\b[^>]*\bclass="(?:[^"]*\s)?civicnb-toc-page(?:\s[^"]*)?"[^>]*>)'
    r"[^<]*(?P<close></span>)",
    re.S,
)


def toc_targets(page: str) -> list[str]:
    """The ids of the sections listed in the page's table of contents, in order
    (none when it has no ``<nav class="civicnb-toc">``)."""
    nav = _NAV.search(page)
    if nav is None:
        return []
    return [htmllib.unescape(m["id"]) for m in _ENTRY.finditer(nav[0])]


def fill_toc(page: str, pages: Mapping[str, int]) -> str:
    """The page with the contents' page-number spans holding ``pages[id]`` (a section
    that is not in ``pages`` keeps an empty span).

    >>> nav = '<nav class="civicnb-toc"><a href="#a">A</a> <span class="civicnb-toc-page"></span>'
    >>> fill_toc(nav + "</nav>", {"a": 3}).endswith('"civicnb-toc-page">3</span></nav>')
    True
    """
    nav = _NAV.search(page)
    if nav is None:
        return page

    def number(m: re.Match[str]) -> str:
        n = pages.get(htmllib.unescape(m["id"]))
        text = "" if n is None else str(n)
        return f'href="#{m["id"]}"{m["between"]}{m["open"]}{text}{m["close"]}'

    filled = _ENTRY.sub(number, nav[0])
    return page[: nav.start()] + filled + page[nav.end() :]


_FIGURE = re.compile(r"<figure\b(?![^>]*\brole=)")


def printable(page: str) -> str:
    """The page as it is printed: each ``<figure>`` without a role is a group.

    Chromium tags every ``<figure>`` as a ``/Figure``, and PDF/UA wants each ``/Figure``
    to have an alternative text; the report's figures wrap a chart that has its own
    (an SVG ``role="img"``, tagged ``/Figure`` with ``/Alt``) and a caption: as a
    group (``/Div``) they hold the chart's figure and its caption, with no figure
    without a text.

    >>> printable('<figure class="civicnb-chart"><svg role="img"></svg></figure>')
    '<figure role="group" class="civicnb-chart"><svg role="img"></svg></figure>'
    """
    return _FIGURE.sub('<figure role="group"', page)


def section_pages(pdf: Path, ids: Sequence[str]) -> dict[str, int]:
    """The page (from 1) on which each of ``ids`` is, read from the PDF's named
    destinations (Chromium makes one for each link target); ids it lacks are left out."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    found: dict[str, int] = {}
    for name, dest in reader.named_destinations.items():
        key = str(name).removeprefix("/")
        number = reader.get_destination_page_number(dest) if key in ids else None
        if number is not None and number >= 0:
            found[key] = number + 1
    return found


def _chromium_print(chromium: str, page: Path, out: Path, profile: str) -> None:
    cmd = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        "--generate-pdf-document-outline",  # the headings as the PDF's bookmarks
        f"--print-to-pdf={out}",
        page.resolve().as_uri(),
    ]
    out.unlink(missing_ok=True)
    try:
        subprocess.run(cmd, capture_output=True, timeout=PDF_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ReportError(f"could not print {page.name} to PDF with {chromium}: {exc}") from None
    if not out.exists() or out.stat().st_size == 0:
        raise ReportError(f"Chromium ({chromium}) did not print {page.name} to PDF")


def print_pdf(html: Path, chromium: str, out: Path | None = None) -> Path:
    """Print ``html`` to ``out`` (default: beside it, ``.pdf``) with the page numbers
    of its table of contents; no network (the page needs none)."""
    out = out or html.with_suffix(".pdf")
    page = printable(html.read_text(encoding="utf-8"))
    ids = toc_targets(page)
    with tempfile.TemporaryDirectory(prefix="civicnb-pdf-") as tmp:
        profile = str(Path(tmp) / "profile")
        printed = Path(tmp) / "report.pdf"
        copy = Path(tmp) / html.name
        copy.write_text(page, encoding="utf-8")
        _chromium_print(chromium, copy, printed, profile)
        pages = section_pages(printed, ids) if ids else {}
        for _ in range(MAX_PASSES - 1):
            if not pages:
                break
            copy.write_text(fill_toc(page, pages), encoding="utf-8")
            _chromium_print(chromium, copy, printed, profile)
            again = section_pages(printed, ids)
            if again == pages:
                break
            pages = again
        mark_artifacts(printed)  # the page numbers at the pages' feet
        shutil.move(printed, out)
    return out
