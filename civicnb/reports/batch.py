"""``civicnb batch``: the reports of many localities on warm kernels.

Each locality's report notebook is executed by :func:`civicnb.execution.batch.run_batch` (papermill
on a pool of warm kernels, or a Dask cluster) with the same notebook and parameters as
``civicnb report``; then, in the same worker and before papermill writes the notebook,
its data is embedded and its HTML rendered (:class:`FinishReport`), and its PDF printed
when asked (``pdf``; on the locality's country's paper unless ``paper`` says): the
workers share that work instead of queueing it in this process, and each notebook is
written once.
A locality whose report fails does not stop the others: the result lists it with the
failing cell, and its partial notebook is kept.

The people's writing is kept as by ``civicnb report`` (:mod:`civicnb.reports.narrative`):
before the run, the report each locality's writing comes from (its round's own, or the
latest earlier round's) is read here; a round's own report, which papermill overwrites,
is first copied to ``.<round>.ipynb.before-batch`` beside it. :class:`FinishReport`
carries the writing into the executed notebook in the worker. The copy is removed when
the locality's report is written, kept (and named in the failure) when it fails.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civicnb.errors import InputError, ReportError
from civicnb.execution.batch import BatchResult, Job, run_batch
from civicnb.reports.narrative import keep_writing, localize_prompts, read_previous
from civicnb.reports.report import (
    earlier_report,
    find_chromium,
    finish_notebook,
    render_pdf,
    report_job_parameters,
    report_paths,
)
from civicnb.workspace import Workspace, open_workspace

__all__ = ["FinishReport", "batch_jobs", "batch_reports"]


@dataclass(frozen=True)
class FinishReport:
    """``run_batch``'s ``finish`` for report notebooks (picklable: it names the
    workspace by its folder): embed the locality's workbook, render the HTML."""

    workspace: str
    lang: str = ""
    html: bool = True
    writing: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)
    """Locality -> (the notebook its writing comes from, the round label when it is
    another round's report; ``None``: this round's)."""
    chromium: str = ""
    """The Chromium that prints each report's PDF; empty: no PDF."""
    paper: str = ""

    def __call__(self, job: Job, nb: Any) -> None:
        import nbformat

        ws = open_workspace(self.workspace)
        with ws.open_store() as store:
            records = store.export_locality(job.key)
        lang = self.lang or records.locality.language
        localize_prompts(nb, lang)
        if job.key in self.writing:
            path, carried_from = self.writing[job.key]
            earlier = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
            keep_writing(nb, earlier, carried_from=carried_from, lang=lang)
        html = finish_notebook(
            nb,
            job.output_path,
            ws,
            records,
            html_lang=lang if self.html else None,
            paper=self.paper,
        )
        if html is not None and self.chromium:
            render_pdf(html, self.chromium)


def _writing_sources(
    ws: Workspace, jobs: Sequence[Job]
) -> tuple[dict[str, tuple[str, str | None]], dict[str, Path]]:
    """Where each job's writing comes from, and the copies made of reports papermill
    will overwrite (locality -> copy). An unreadable report is copied aside
    (:func:`~civicnb.reports.narrative.read_previous`) and its writing not carried."""
    sources: dict[str, tuple[str, str | None]] = {}
    copies: dict[str, Path] = {}
    with ws.open_store() as store:
        for job in jobs:
            loc = store.get_locality(job.key)
            rounds = store.rounds(loc.id)
            earlier = earlier_report(ws, job.key, rounds, rounds[-1])
            if earlier is None or read_previous(earlier[0]).nb is None:
                continue
            path, carried_from = earlier
            if carried_from is None:  # this round's own report: papermill overwrites it
                kept = path.with_name(f".{path.name}.before-batch")
                shutil.copy2(path, kept)
                copies[job.key] = kept
                path = kept
            sources[job.key] = (str(path), carried_from)
    return sources, copies


def batch_jobs(ws: Workspace, localities: Sequence[str] | None, *, lang: str = "") -> list[Job]:
    """One job per locality (``None``: all of them), for its latest round."""
    from civicnb.reports.report import source_notebook

    with ws.open_store() as store:
        chosen = (
            store.localities()
            if localities is None
            else [store.get_locality(name) for name in localities]  # NotFoundError
        )
        if not chosen:
            raise InputError(f"no locality in {ws.root}: create one with `civicnb new NAME`")
        jobs = []
        source = source_notebook()
        for loc in chosen:
            rounds = store.rounds(loc.id)
            if not rounds:
                raise InputError(f"{loc.name} has no round to report on")
            latest = rounds[-1]
            jobs.append(
                Job(
                    key=loc.slug,
                    input_path=source,
                    output_path=report_paths(ws, loc.slug, latest.label),
                    parameters=report_job_parameters(
                        ws, loc.slug, round=latest.id, lang=lang or loc.language
                    ),
                )
            )
    return jobs


def batch_reports(
    ws: Workspace,
    localities: Sequence[str] | None,
    *,
    workers: int = 2,
    html: bool = True,
    scheduler: str | None = None,
    lang: str = "",
    progress: bool = True,
    pdf: bool = False,
    paper: str = "",
) -> BatchResult:
    """Make the reports of ``localities`` (``None``: all); see the module docs."""
    from civicnb.reports.paper import check_paper

    paper = check_paper(paper) if paper else ""
    chromium = find_chromium() if pdf else None
    if pdf and not html:
        raise InputError("a PDF is printed from the HTML: leave out --no-html for --pdf")
    if pdf and chromium is None:
        raise ReportError("no Chromium found for --pdf: install it (Debian: apt install chromium)")
    jobs = batch_jobs(ws, localities, lang=lang)
    writing, copies = _writing_sources(ws, jobs)
    # worker processes run papermill and FinishReport (about half of the time per
    # locality), so that both spread over the cores
    result = run_batch(
        jobs,
        workers=workers,
        progress=progress,
        scheduler=scheduler,
        finish=FinishReport(str(ws.root), lang, html, writing, chromium or "", paper),
        processes=scheduler is None and workers > 1 and len(jobs) > workers,
    )
    for key in result.done:
        if key in copies:
            copies[key].unlink(missing_ok=True)
    result.failed = [
        (key, f"{reason} (the writing of the report before is kept in {copies[key]})")
        if key in copies
        else (key, reason)
        for key, reason in result.failed
    ]
    return result
