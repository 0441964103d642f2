"""The pools that run a batch's jobs: threads of this process (one warm kernel each),
spawned worker processes, or the worker threads of a Dask distributed cluster.

Each returns the reason each job failed (None: it ran), by job key, after running the
``after`` hook here, one job at a time. A worker whose kernel cannot start again stops;
the jobs left then fail with a reason rather than stopping the batch.
"""

from __future__ import annotations

import queue
import sys
import threading
import uuid
from typing import Any

from civicnb.errors import UsageError
from civicnb.execution.jobs import AfterHook, Job, RunSettings, one_line, run_after
from civicnb.execution.kernel import WarmKernel, check_kernel, kernel_error

__all__ = ["run_dask", "run_processes", "run_threads"]

DASK_CONNECT_TIMEOUT = "20s"
JOIN_TIMEOUT = 10.0


# --- a pool of threads, one warm kernel each ----------------------------------------------


def _progress_bar(total: int, progress: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc="notebooks", unit="nb", file=sys.stderr, disable=not progress)


def run_threads(
    jobs: list[Job],
    workers: int,
    progress: bool,
    after: AfterHook | None,
    run: RunSettings,
) -> dict[str, str | None]:
    todo: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in jobs:
        todo.put(job)
    events: queue.SimpleQueue[tuple[str, Any, Any]] = queue.SimpleQueue()
    stop = threading.Event()
    kernels: list[WarmKernel] = []

    def worker() -> None:
        kernel = WarmKernel(run)
        kernels.append(kernel)
        try:
            try:
                kernel.start()
            except BaseException as exc:
                events.put(("start-failed", exc, None))
                return
            events.put(("started", None, None))
            while not stop.is_set():
                try:
                    job = todo.get_nowait()
                except queue.Empty:
                    break
                try:
                    reason = kernel.run(job)
                except BaseException as exc:  # no kernel could be started again
                    events.put(("job", job, f"its kernel could not be restarted: {one_line(exc)}"))
                    events.put(("start-failed", exc, None))
                    return
                events.put(("job", job, reason))
        finally:
            kernel.close()
            events.put(("exit", None, None))

    threads = [
        threading.Thread(target=worker, name=f"civicnb-batch-{i}", daemon=True)
        for i in range(workers)
    ]
    outcome: dict[str, str | None] = {}
    start_errors: list[BaseException] = []
    running = workers
    bar = _progress_bar(len(jobs), progress)
    try:
        for t in threads:
            t.start()
        while len(outcome) < len(jobs) and running > 0:
            kind, a, b = events.get()
            if kind == "exit":
                running -= 1
            elif kind == "start-failed":
                start_errors.append(a)
            elif kind == "job":
                _record(outcome, bar, after, a, b)
        if len(outcome) < len(jobs) and start_errors:
            if not outcome:
                raise kernel_error(start_errors[0], run.kernel_name)
            reason = f"not run: no kernel left ({one_line(start_errors[-1])})"
            for job in jobs:
                outcome.setdefault(job.key, reason)
    except BaseException:
        stop.set()
        for kernel in list(kernels):
            kernel.kill()
        raise
    finally:
        stop.set()
        bar.close()
        for t in threads:
            if t.is_alive():
                t.join(JOIN_TIMEOUT)
    return outcome


# --- worker processes: a process pool or Dask distributed ----------------------------------

_local_kernels = threading.local()


def _local_kernel(run: RunSettings) -> WarmKernel:
    """This worker thread's warm kernel for ``run`` (started on first use), in a worker
    process."""
    kernel: WarmKernel | None = getattr(_local_kernels, run.kernel_name, None)
    if kernel is None:
        kernel = WarmKernel(run)
        kernel.start()
        setattr(_local_kernels, run.kernel_name, kernel)
        _close_at_exit(kernel)
    kernel.how = run  # this batch's timeout and finish (a worker can serve several batches)
    return kernel


def _close_at_exit(kernel: WarmKernel) -> None:
    # worker processes end through multiprocessing (os._exit: no atexit handlers);
    # ipykernel also exits by itself when its parent process is gone.
    import atexit
    from multiprocessing import util

    atexit.register(kernel.kill)
    util.Finalize(None, kernel.kill, exitpriority=10)


def _remote_task(job: Job, run: RunSettings) -> str | None:
    """Runs in a worker process: the job on this worker thread's warm kernel."""
    try:
        return _local_kernel(run).run(job)
    except Exception as exc:
        setattr(_local_kernels, run.kernel_name, None)
        return f"no kernel in the worker process: {one_line(exc)}"


def _record(
    outcome: dict[str, str | None], bar: Any, after: AfterHook | None, job: Job, reason: str | None
) -> None:
    outcome[job.key] = run_after(after, job, reason)
    bar.update(1)
    failures = sum(r is not None for r in outcome.values())
    if failures:
        bar.set_postfix(failed=failures, refresh=False)


def run_processes(
    jobs: list[Job],
    workers: int,
    progress: bool,
    after: AfterHook | None,
    run: RunSettings,
) -> dict[str, str | None]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    check_kernel(run.kernel_name)
    outcome: dict[str, str | None] = {}
    bar = _progress_bar(len(jobs), progress)
    # spawn: this process has threads (tqdm's, maybe the caller's), fork would copy locks
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = {pool.submit(_remote_task, job, run): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                reason = future.result()
            except Exception as exc:
                reason = f"its worker process failed: {one_line(exc)}"
            _record(outcome, bar, after, job, reason)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        bar.close()
    pool.shutdown(wait=True)
    return outcome


def run_dask(
    jobs: list[Job],
    scheduler: str,
    progress: bool,
    after: AfterHook | None,
    run: RunSettings,
) -> dict[str, str | None]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask distributed: pip install 'civicnb[dask]'"
        ) from None
    try:
        client = Client(  # type: ignore[no-untyped-call]
            scheduler, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False
        )
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(
            f"cannot reach the Dask scheduler at {scheduler!r} ({one_line(exc)}): check the "
            "address (tcp://HOST:8786) and that `dask scheduler` is running there"
        ) from None
    outcome: dict[str, str | None] = {}
    bar = _progress_bar(len(jobs), progress)
    run_id = uuid.uuid4().hex[:8]
    try:
        futures = client.map(
            _remote_task,
            jobs,
            run=run,
            key=[f"civicnb-batch-{run_id}-{i}-{job.key}" for i, job in enumerate(jobs)],
            pure=False,
        )
        job_of = {future.key: job for future, job in zip(futures, jobs, strict=True)}
        for future in as_completed(futures, loop=client.loop):  # type: ignore[no-untyped-call]
            job = job_of[future.key]
            try:
                reason = future.result()
            except Exception as exc:
                reason = f"the Dask task failed: {one_line(exc)}"
            _record(outcome, bar, after, job, reason)
    finally:
        bar.close()
        client.close()  # type: ignore[no-untyped-call]
    return outcome
