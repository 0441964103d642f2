"""``civicnb batch``: the reports of many localities on warm kernels.

Each locality's report notebook is executed by :func:`civicnb.batch.run_batch` (papermill
on a pool of warm kernels, or a Dask cluster) with the same notebook and parameters as
``civicnb report``; then, in this process, its data is embedded and its HTML rendered.
A locality whose report fails does not stop the others: the result lists it with the
failing cell, and its partial notebook is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from civicnb.batch import BatchResult, Job, run_batch
from civicnb.errors import InputError
from civicnb.report import finish_report, report_job_parameters, report_paths
from civicnb.workspace import Workspace

__all__ = ["batch_jobs", "batch_reports"]


def batch_jobs(ws: Workspace, localities: Sequence[str] | None, *, lang: str = "") -> list[Job]:
    """One job per locality (``None``: all of them), for its latest round."""
    from civicnb.report import source_notebook

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

    def after(job: Job) -> None:
        with ws.open_store() as store:
            records = store.export_locality(job.key)
        finish_report(
            job.output_path,
            ws,
            records,
            html_lang=(lang or records.locality.language) if html else None,
        )

    # worker processes run papermill, so that this process's interpreter is free for
    # ``after`` (embedding and HTML: about half of the time per locality)
    return run_batch(
        jobs,
        workers=workers,
        progress=progress,
        scheduler=scheduler,
        after=after,
        processes=scheduler is None and workers > 1 and len(jobs) > workers,
    )
