"""``civicnb batch``: the reports of many localities on warm kernels.

Each locality's report notebook is executed by :func:`civicnb.execution.batch.run_batch` (papermill
on a pool of warm kernels, or a Dask cluster) with the same notebook and parameters as
``civicnb report``; then, in the same worker and before papermill writes the notebook,
its data is embedded and its HTML rendered (:class:`FinishReport`): the workers share
that work instead of queueing it in this process, and each notebook is written once.
A locality whose report fails does not stop the others: the result lists it with the
failing cell, and its partial notebook is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from civicnb.errors import InputError
from civicnb.execution.batch import BatchResult, Job, run_batch
from civicnb.reports.report import finish_notebook, report_job_parameters, report_paths
from civicnb.workspace import Workspace, open_workspace

__all__ = ["FinishReport", "batch_jobs", "batch_reports"]


@dataclass(frozen=True)
class FinishReport:
    """``run_batch``'s ``finish`` for report notebooks (picklable: it names the
    workspace by its folder): embed the locality's workbook, render the HTML."""

    workspace: str
    lang: str = ""
    html: bool = True

    def __call__(self, job: Job, nb: Any) -> None:
        ws = open_workspace(self.workspace)
        with ws.open_store() as store:
            records = store.export_locality(job.key)
        lang = (self.lang or records.locality.language) if self.html else None
        finish_notebook(nb, job.output_path, ws, records, html_lang=lang)


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
) -> BatchResult:
    """Make the reports of ``localities`` (``None``: all); see the module docs."""
    jobs = batch_jobs(ws, localities, lang=lang)
    # worker processes run papermill and FinishReport (about half of the time per
    # locality), so that both spread over the cores
    return run_batch(
        jobs,
        workers=workers,
        progress=progress,
        scheduler=scheduler,
        finish=FinishReport(str(ws.root), lang, html),
        processes=scheduler is None and workers > 1 and len(jobs) > workers,
    )
