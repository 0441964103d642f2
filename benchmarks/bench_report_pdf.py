"""What the report's paper, title and table of contents cost (a plain script:
``python benchmarks/bench_report_pdf.py [--runs 5]``).

On the demo's report (run once with papermill, not timed), in one process:

(a) the HTML: ``_write_html`` as before this change's title and paper (the exporter,
    the slug's title, A4) against the same with the locality's title and the paper of
    its country (``document_title``, ``report_paper``: what ``civicnb report`` and each
    ``civicnb batch`` worker now do), median of ``--runs``, interleaved;
(b) the PDF: one print of the report's HTML (no table of contents: one Chromium run)
    against the same page with a table of contents of its sections (a first print, the
    page numbers read from it, a second print), median of ``--runs``, interleaved.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _median(fn: Callable[[], object], runs: list[float]) -> None:
    t0 = time.perf_counter()
    fn()
    runs.append(time.perf_counter() - t0)


def with_contents(page: str) -> str:
    """The page with a ``<nav class="civicnb-toc">`` of its ``<h2>`` sections."""
    items: list[str] = []

    def named(m: re.Match[str]) -> str:
        sid = f"bench-section-{len(items)}"
        items.append(f'<li><a href="#{sid}">{m[1]}</a> <span class="civicnb-toc-page"></span></li>')
        return f'<h2 id="{sid}">{m[1]}</h2>'

    page = re.sub(r"<h2>([^<]+)</h2>", named, page)
    nav = f'<nav class="civicnb-toc"><h2>Contents</h2><ol>{"".join(items)}</ol></nav>'
    return page.replace("</h1>", "</h1>" + nav, 1)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    import nbformat

    from civicnb.api import create_demo
    from civicnb.reports.pdf import print_pdf
    from civicnb.reports.report import (
        _round_label,
        _write_html,
        document_title,
        find_chromium,
        report_paper,
        run_report,
    )
    from civicnb.workspace import open_workspace

    tmp = Path(tempfile.mkdtemp(prefix="civicnb-bench-pdf-"))
    try:
        create_demo(tmp / "ws", notebooks=False)
        ws = open_workspace(tmp / "ws")
        files = run_report(ws, "villaflor", pdf=False)
        nb = nbformat.read(files.notebook, as_version=4)  # type: ignore[no-untyped-call]
        with ws.open_store() as store:
            records = store.export_locality("villaflor")
        out = tmp / "bench.ipynb"
        lang = records.locality.language
        print(f"load average before: {os.getloadavg()[0]:.2f}; CPUs: {os.cpu_count()}")

        before: list[float] = []
        now: list[float] = []
        _write_html(nb, out, lang)  # warm the exporter and Babel's territory names
        report_paper(records)
        for _ in range(args.runs):
            _median(lambda: _write_html(nb, out, lang), before)
            _median(
                lambda: _write_html(
                    nb,
                    out,
                    lang,
                    title=document_title(records, _round_label(nb, records), lang),
                    paper=report_paper(records),
                ),
                now,
            )
        b, n = statistics.median(before), statistics.median(now)
        print(
            f"(a) HTML: {b * 1000:.1f} ms with the slug's title and A4; {n * 1000:.1f} ms with "
            f"the locality's title and its country's paper: ratio {n / b:.3f}"
        )

        chromium = find_chromium()
        if chromium is None:
            print("(b) no Chromium: no PDF timed")
            return 0
        plain = tmp / "plain.html"
        plain.write_text(out.with_suffix(".html").read_text(encoding="utf-8"), encoding="utf-8")
        toc = tmp / "toc.html"
        toc.write_text(with_contents(plain.read_text(encoding="utf-8")), encoding="utf-8")
        one: list[float] = []
        two: list[float] = []
        for _ in range(args.runs):
            _median(lambda: print_pdf(plain, chromium), one)
            _median(lambda: print_pdf(toc, chromium), two)
        o, t = statistics.median(one), statistics.median(two)
        print(
            f"(b) PDF: {o:.2f} s printed once (no contents); {t:.2f} s with the contents' "
            f"page numbers (two prints): the second print costs {t - o:.2f} s per report"
        )
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
