"""Run one parameterised notebook for many localities on a pool of warm kernels.

This is the engine under ``civicnb batch``; it knows nothing about what the notebook
contains. Each output notebook is the one ``papermill`` would write for the same input
and parameters (injected cell tagged ``injected-parameters``, papermill metadata, the
failing cell marked and the partial notebook kept on error), because each job *is* a
:func:`papermill.execute_notebook` call; only the kernel is not started afresh.

API::

    from civicnb.execution.batch import Job, run_batch

    jobs = [
        Job(key=slug, input_path=nb, output_path=out_dir / f"{slug}.ipynb",
            parameters={"locality": slug, "workspace": str(ws.root)})
        for slug in slugs
    ]
    result = run_batch(jobs, workers=2, after=lambda job: embed_and_render(job))
    for key, reason in result.failed:    # reason: one line naming the failing cell
        print(f"{key}: {reason}", file=sys.stderr)
    sys.exit(0 if result.ok else 1)

:func:`run_batch` arguments:

``jobs``
    :class:`Job` records; keys (for messages) and output paths must be unique. Paths are
    made absolute; the folder of each output notebook is created if needed.
``workers``
    how many kernels to keep warm (one worker thread each); at most one per job.
``progress``
    a tqdm progress bar on stderr.
``scheduler``
    ``"tcp://host:8786"``: run the jobs on that Dask distributed cluster instead (needs
    ``pip install 'civicnb[dask]'``); each Dask worker thread keeps its own warm kernel,
    and ``workers`` is ignored (the cluster has as many as it has). Input and output
    paths must be on a filesystem the Dask workers share with this process.
``after``
    ``after(job)`` runs in this process after each job whose notebook ran without
    error, one at a time (e.g. embed data, render HTML); if it raises, the job counts
    as failed with the exception's message. It runs while other notebooks execute, so
    it must not change the working directory.
``finish``
    ``finish(job, nb)`` runs where the notebook ran (the worker thread, worker process
    or Dask worker), on the executed notebook (:class:`nbformat.NotebookNode`) after its
    last cell and before papermill writes it, for jobs without a cell error: it may add
    to the notebook's metadata (written with it, in papermill's one write) and write
    other files (e.g. HTML). Unlike ``after``, it spreads over the workers. With
    ``processes`` or a Dask ``scheduler`` it must be picklable (a module-level function
    or an instance of a module-level class). If it raises, the notebook is written as
    papermill left it and the job fails ("after the notebook ran: …").
``kernel_name``
    the Jupyter kernel to run (``python3``).
``timeout``
    seconds one cell may run (papermill's ``--execution-timeout``); None: no limit.
``start_timeout``
    seconds a kernel may take to start (papermill's ``--start-timeout``).
``processes``
    run papermill in ``workers`` worker processes (spawned; each keeps one warm kernel)
    instead of threads of this process: papermill's own work for each notebook (~0.1 s
    of CPU) and ``finish`` then run on every core instead of sharing this process's
    interpreter lock. ``after`` still runs here. Worth it for more than a few jobs; the
    processes take a second or two to start.

It returns a :class:`BatchResult`: ``done`` (keys, in job order), ``failed`` (key and
a one-line reason, in job order) and ``ok``. A failing job never stops the others.
The reasons name the cell as papermill's error does (its ``In [n]``)::

    cell In [5]: ValueError: no round 'R9' (partial notebook: /w/reports/a/R9.ipynb)
    the kernel died in cell In [4] and was replaced (partial notebook: …)
    cell In [4] ran longer than 30 s; its kernel was replaced (partial notebook: …)
    after the notebook ran: <what the after hook raised>

On a cell error the partial notebook is papermill's, marked as papermill marks it
(a first cell saying where, an anchor before the failing cell; the exception is in
:class:`papermill.PapermillExecutionError` terms). Unlike papermill's default, the
notebook is written once at the end rather than after every cell (papermill's
``request_save_on_cell_execute=False``): the file is the same; when the kernel dies
or a cell hangs, papermill's last save still writes the partial notebook.
Errors that stop the whole batch before it starts (bad arguments, a missing input
notebook, no kernel can start, the Dask scheduler cannot be reached) are
:class:`~civicnb.errors.CivicnbError` subclasses with a one-line message.

Kernel reuse: before each job the kernel is reset as for a new session (so the first
cell is ``In [1]`` again) and its working folder set; imported modules stay imported,
which is what makes a warm kernel fast. A notebook that changes the state of an imported
module or of the process (environment variables, ``sys.path``) therefore affects the jobs
after it on the same kernel; report notebooks must not. If the kernel dies, a cell times
out or the reset fails, the kernel is replaced by a new one and the batch goes on.

The parts: :mod:`~civicnb.execution.jobs` (the records), :mod:`~civicnb.execution.kernel`
(one warm kernel and its reset), :mod:`~civicnb.execution.engine` (the papermill engine
on it), :mod:`~civicnb.execution.pools` (threads, worker processes, Dask).
"""

from __future__ import annotations

from collections.abc import Sequence

from civicnb.errors import UsageError
from civicnb.execution.engine import ENGINE_NAME
from civicnb.execution.jobs import AfterHook, BatchResult, FinishHook, Job, RunSettings, prepared
from civicnb.execution.pools import run_dask, run_processes, run_threads

__all__ = ["ENGINE_NAME", "BatchResult", "Job", "run_batch"]


def run_batch(
    jobs: Sequence[Job],
    *,
    workers: int = 2,
    progress: bool = True,
    scheduler: str | None = None,
    after: AfterHook | None = None,
    kernel_name: str = "python3",
    timeout: float | None = None,
    start_timeout: float = 60.0,
    processes: bool = False,
    finish: FinishHook | None = None,
) -> BatchResult:
    """Run every job on warm kernels (or on a Dask cluster); see the module docstring."""
    if workers < 1:
        raise UsageError(f"--workers must be at least 1 (got {workers})")
    if timeout is not None and timeout <= 0:
        raise UsageError(f"the cell timeout must be a positive number of seconds (got {timeout})")
    jobs = prepared(jobs)
    if not jobs:
        return BatchResult()
    run = RunSettings(kernel_name, timeout, start_timeout, finish)
    if scheduler is not None:
        outcome = run_dask(jobs, scheduler, progress, after, run)
    elif processes:
        outcome = run_processes(jobs, min(workers, len(jobs)), progress, after, run)
    else:
        outcome = run_threads(jobs, min(workers, len(jobs)), progress, after, run)
    result = BatchResult()
    for job in jobs:
        reason = outcome.get(job.key, "not run: the batch stopped before this job")
        if reason is None:
            result.done.append(job.key)
        else:
            result.failed.append((job.key, reason))
    return result
