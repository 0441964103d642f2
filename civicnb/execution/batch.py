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

Kernel reuse: before each job the kernel's user namespace is reset as for a new session
(``get_ipython().reset(new_session=True)``, so the first cell is ``In [1]`` again),
its working directory is set to the job's ``cwd`` (else back to where it started), open
matplotlib figures and ipywidgets are closed, the garbage collector runs and then freezes
what survived
(``gc.freeze()``: modules and their caches are not scanned again, which makes the reset
and the collections during the next notebook cheap). Imported modules stay imported:
that is what makes a warm kernel fast. A notebook that changes the state of an imported
module or of the process (environment variables, ``sys.path``) therefore affects the
jobs after it on the same kernel; report notebooks must not. If the kernel dies, a cell
times out or the reset fails, the kernel is replaced by a new one and the batch goes on.

Threads: papermill keeps one piece of global state on the way, the working folder of
its local file handler, which every call sets to the current directory and restores;
with absolute paths and ``cwd=None`` (never a ``chdir``) concurrent calls are safe.
nbclient runs each thread's coroutines on that thread's own event loop, so each kernel
(its manager and client) is created and used by one thread only.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import sys
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civicnb.errors import CivicnbError, InputError, UsageError

if TYPE_CHECKING:
    from jupyter_client.asynchronous.client import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager

__all__ = ["ENGINE_NAME", "BatchResult", "Job", "run_batch"]

ENGINE_NAME = "civicnb-warm"
"""The papermill engine registered by this module (nbclient's, on a kernel we own)."""

RESET_TIMEOUT = 60.0
DASK_CONNECT_TIMEOUT = "20s"
JOIN_TIMEOUT = 10.0

# Run in the kernel before each job, silently (no output, no history, no In [n]).
# It leaves no name behind: reset() rebuilds the user namespace from scratch. After the
# collection, what survives (modules, their caches) is frozen out of the collector's
# sight (gc.freeze): later collections, this one and those during the notebook, only
# look at objects made since, instead of every module's (~40 ms each time otherwise).
_RESET_CODE = """\
(lambda ip, os, sys, gc, cwd: (
    ip.reset(new_session=True),
    os.chdir(cwd),
    ("matplotlib.pyplot" in sys.modules and sys.modules["matplotlib.pyplot"].close("all")),
    ("ipywidgets" in sys.modules and sys.modules["ipywidgets"].Widget.close_all()),
    gc.collect(),
    gc.freeze(),
))(get_ipython(), __import__("os"), __import__("sys"), __import__("gc"), {cwd!r})
"""


@dataclass(frozen=True)
class Job:
    """One notebook to run: ``input_path`` with ``parameters`` into ``output_path``."""

    key: str
    input_path: Path
    output_path: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    cwd: Path | None = None
    """The kernel's working folder while the notebook runs (as papermill's ``cwd``);
    None: the folder the batch was started from."""


@dataclass
class BatchResult:
    """Keys of the jobs that ran, and of those that failed with a one-line reason."""

    done: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """``"48 notebooks done, 2 failed"``."""
        text = f"{len(self.done)} notebook{'s' if len(self.done) != 1 else ''} done"
        return f"{text}, {len(self.failed)} failed" if self.failed else text


AfterHook = Callable[[Job], object]
FinishHook = Callable[[Job, Any], object]


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
    jobs = _prepared(jobs)
    if not jobs:
        return BatchResult()
    run = _Run(kernel_name, timeout, start_timeout, finish)
    if scheduler is not None:
        outcome = _run_dask(jobs, scheduler, progress, after, run)
    elif processes:
        outcome = _run_processes(jobs, min(workers, len(jobs)), progress, after, run)
    else:
        outcome = _run_threads(jobs, min(workers, len(jobs)), progress, after, run)
    result = BatchResult()
    for job in jobs:
        reason = outcome.get(job.key, "not run: the batch stopped before this job")
        if reason is None:
            result.done.append(job.key)
        else:
            result.failed.append((job.key, reason))
    return result


@dataclass(frozen=True)
class _Run:
    """How each job runs, the same in every worker (picklable for worker processes)."""

    kernel_name: str
    timeout: float | None
    start_timeout: float
    finish: FinishHook | None = None


def _prepared(jobs: Sequence[Job]) -> list[Job]:
    """Absolute paths; unique keys and outputs; input notebooks that exist."""
    out: list[Job] = []
    keys: set[str] = set()
    outputs: dict[Path, str] = {}
    for job in jobs:
        if job.key in keys:
            raise UsageError(f"two batch jobs have the key {job.key!r}: give each its own")
        keys.add(job.key)
        src = Path(job.input_path).expanduser().absolute()
        dst = Path(job.output_path).expanduser().absolute()
        if dst in outputs:
            raise UsageError(
                f"the jobs {outputs[dst]!r} and {job.key!r} would both write {dst}: "
                "give each job its own output path"
            )
        outputs[dst] = job.key
        if not src.is_file():
            raise InputError(f"the notebook {src} (job {job.key!r}) does not exist: check the path")
        cwd = Path(job.cwd).expanduser().absolute() if job.cwd is not None else None
        if cwd is not None and not cwd.is_dir():
            raise InputError(f"the working folder {cwd} (job {job.key!r}) is not a folder")
        out.append(Job(job.key, src, dst, dict(job.parameters), cwd))
    return out


def _progress_bar(total: int, progress: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc="notebooks", unit="nb", file=sys.stderr, disable=not progress)


def _run_after(after: AfterHook | None, job: Job, reason: str | None) -> str | None:
    if reason is not None or after is None:
        return reason
    try:
        after(job)
    except CivicnbError as exc:
        return f"after the notebook ran: {exc}"
    except Exception as exc:
        return f"after the notebook ran: {_one_line(exc)}"
    return None


def _one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --- one warm kernel ----------------------------------------------------------------------


class _WarmKernel:
    """A kernel manager and client started once and used by the thread that made them."""

    def __init__(self, run: _Run) -> None:
        self.how = run  # kernel name, timeouts and finish hook of the jobs it runs
        self.cwd = os.getcwd()
        self.km: AsyncKernelManager | None = None
        self.kc: AsyncKernelClient | None = None
        self.killed = False  # by kill(): the batch is stopping, start no other kernel
        self.sockets: str | None = None  # the folder of its socket files (POSIX)

    def start(self) -> None:
        from jupyter_core.utils import run_sync

        run_sync(self._start)()

    async def _start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager

        transport: dict[str, str] = {}
        if os.name == "posix":  # socket files, as the served kernels: no TCP port, no warning
            import tempfile

            from civicnb.execution.kernels import short_tmp

            self.sockets = tempfile.mkdtemp(prefix="civicnb-k-", dir=short_tmp())
            transport = {"transport": "ipc", "ip": os.path.join(self.sockets, "k")}
        km = AsyncKernelManager(kernel_name=self.how.kernel_name, **transport)
        # as nbclient starts papermill's kernels: history in memory, not in a file
        await km.start_kernel(extra_arguments=["--HistoryManager.hist_file=:memory:"])
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=self.how.start_timeout)
        except BaseException:
            kc.stop_channels()
            with contextlib.suppress(Exception):
                await km.shutdown_kernel(now=True)
            raise
        kc.allow_stdin = False
        self.km, self.kc = km, kc

    def close(self) -> None:
        from jupyter_core.utils import run_sync

        with contextlib.suppress(Exception):
            run_sync(self._close)()
        self.km = self.kc = None
        if self.sockets is not None:
            shutil.rmtree(self.sockets, ignore_errors=True)
            self.sockets = None

    async def _close(self) -> None:
        km, kc = self.km, self.kc
        if kc is not None:
            kc.stop_channels()
        if km is not None and km.has_kernel:
            await km.shutdown_kernel(now=True)

    def restart(self) -> None:
        self.close()
        self.start()

    def kill(self) -> None:
        """Kill the kernel process now (from any thread): its job fails, its thread sees it."""
        self.killed = True
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            with contextlib.suppress(Exception):
                process.kill()
        if self.km is not None:
            with contextlib.suppress(Exception):
                self.km.cleanup_connection_file()

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        km = self.km
        if km is None:
            return False

        async def is_alive() -> bool:
            return bool(await km.is_alive())

        return run_sync(is_alive)()

    def reset(self, cwd: Path | None = None) -> None:
        """A fresh user namespace (In [1] next), the job's folder (else the starting one),
        a garbage collection."""
        from jupyter_core.utils import run_sync

        kc = self.kc
        assert kc is not None

        async def reset() -> dict[str, Any]:
            reply: dict[str, Any] = await kc.execute_interactive(
                _RESET_CODE.format(cwd=str(cwd) if cwd is not None else self.cwd),
                silent=True,
                store_history=False,
                allow_stdin=False,
                timeout=RESET_TIMEOUT,
                output_hook=lambda msg: None,
            )
            return reply

        reply = run_sync(reset)()
        if reply.get("content", {}).get("status") != "ok":
            content = reply.get("content", {})
            raise RuntimeError(f"{content.get('ename')}: {content.get('evalue')}")

    def run(self, job: Job) -> str | None:
        """Run one job; None when it succeeded, else the one-line reason. A kernel that
        died, hung or cannot be reset is replaced (a failure to start one propagates)."""
        if self.km is None or not self.alive():
            self.restart()
        try:
            self.reset(job.cwd)
        except Exception:
            self.restart()
            if job.cwd is not None:  # a new kernel starts in the batch's folder
                self.reset(job.cwd)
        reason, healthy = _execute(job, self)
        if not healthy and not self.killed:
            self.restart()
        return reason


def _execute(job: Job, kernel: _WarmKernel) -> tuple[str | None, bool]:
    """papermill on the warm kernel: (failure reason or None, whether the kernel is usable)."""
    timeout, finish = kernel.how.timeout, kernel.how.finish
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    _register_engine()
    finished: list[BaseException] = []  # what ``finish`` raised, if it did
    try:
        job.output_path.parent.mkdir(parents=True, exist_ok=True)
        papermill.execute_notebook(
            str(job.input_path),
            str(job.output_path),
            parameters=dict(job.parameters),
            engine_name=ENGINE_NAME,
            kernel_name=kernel.how.kernel_name,
            progress_bar=False,
            cwd=None,
            execution_timeout=timeout,
            # one write per notebook, not two per cell: the same file in the end, and the
            # engine still writes the partial notebook when the kernel dies or hangs
            request_save_on_cell_execute=False,
            partial_output_path=str(job.output_path),
            km=kernel.km,
            kc=kernel.kc,
            finish=(lambda nb: finish(job, nb)) if finish is not None else None,
            finish_errors=finished,
        )
    except PapermillExecutionError as exc:
        evalue = " ".join(str(exc.evalue).split())[:300]
        return (
            f"cell In [{exc.exec_count}]: {exc.ename}: {evalue} "
            f"(partial notebook: {job.output_path})",
            True,
        )
    except CellTimeoutError:
        limit = f"{timeout:g} s" if timeout else "nbclient's output timeout"
        return (
            f"{_running_cell(job.output_path)} ran longer than {limit}; its kernel was "
            f"replaced (partial notebook: {job.output_path})",
            False,
        )
    except DeadKernelError:
        return (
            f"the kernel died in {_running_cell(job.output_path)} and was replaced "
            f"(partial notebook: {job.output_path})",
            False,
        )
    except Exception as exc:
        return _one_line(exc), kernel.alive()
    if finished:
        error = finished[0]
        text = str(error) if isinstance(error, CivicnbError) else _one_line(error)
        return f"after the notebook ran: {text}", True
    return None, True


def _running_cell(path: Path) -> str:
    """The last cell papermill started in a partial notebook, named as papermill would."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return "a cell"
    started = [
        (i, c)
        for i, c in enumerate(cells)
        if c.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    if not started:
        return "a cell"
    index, cell = started[-1]
    if cell.get("execution_count"):
        return f"cell In [{cell['execution_count']}]"
    return f"cell {index + 1} of {len(cells)}"


_engine_lock = threading.Lock()


def _register_engine() -> None:
    """Register papermill's nbclient engine variant that runs on a given, started
    kernel client (``kc``) and kernel manager (``km``) and leaves both running."""
    from papermill.engines import papermill_engines

    with _engine_lock:
        if ENGINE_NAME in papermill_engines._engines:
            return
        papermill_engines.register(ENGINE_NAME, _warm_engine_class())


def _warm_engine_class() -> type:
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    from civicnb.execution.kernels import IOPUB_TIMEOUT_SECONDS

    class WarmKernelEngine(NBClientEngine):  # type: ignore[misc]
        """NBClientEngine with a kernel client given: nbclient then neither starts a kernel
        nor a client, nor shuts them down (it does not own the kernel manager).

        ``partial_output_path``: where papermill's last save goes when the execution
        raises (a dead or hung kernel) while ``request_save_on_cell_execute=False``."""

        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: Any,
            kernel_name: str,
            log_output: bool = False,
            stdout_file: Any = None,
            stderr_file: Any = None,
            start_timeout: float = 60,
            execution_timeout: float | None = None,
            **kwargs: Any,
        ) -> Any:
            kc = kwargs.pop("kc")
            partial_output_path = kwargs.pop("partial_output_path", None)
            finish = kwargs.pop("finish", None)
            finish_errors = kwargs.pop("finish_errors", [])
            if kwargs.get("km") is None or kc is None:
                raise ValueError(f"the {ENGINE_NAME} engine needs km= and kc=")
            # the same arguments as NBClientEngine.execute_managed_notebook
            kwargs = remove_args(["input_path"], **kwargs)
            safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
            final_kwargs = merge_kwargs(
                safe_kwargs,
                timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                iopub_timeout=IOPUB_TIMEOUT_SECONDS,  # as Voilà's (civicnb.execution.kernels)
            )
            client = PapermillNotebookClient(nb_man, **final_kwargs)
            client.kc = kc
            try:
                executed = client.execute()
            except BaseException:
                # papermill's final save (notebook_complete) then writes the partial
                # notebook, as it does when it saves after every cell
                if partial_output_path and nb_man.output_path is None:
                    nb_man.output_path = partial_output_path
                raise
            # a cell error is marked in the notebook (papermill raises it after the save)
            if finish is not None and not nb_man.nb.metadata.papermill.get("exception"):
                try:
                    finish(nb_man.nb)
                except Exception as exc:  # the job fails; the notebook is still written
                    finish_errors.append(exc)
            return executed

    return WarmKernelEngine


# --- a pool of threads, one warm kernel each ----------------------------------------------


def _run_threads(
    jobs: list[Job],
    workers: int,
    progress: bool,
    after: AfterHook | None,
    run: _Run,
) -> dict[str, str | None]:
    todo: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in jobs:
        todo.put(job)
    events: queue.SimpleQueue[tuple[str, Any, Any]] = queue.SimpleQueue()
    stop = threading.Event()
    kernels: list[_WarmKernel] = []

    def worker() -> None:
        kernel = _WarmKernel(run)
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
                    events.put(("job", job, f"its kernel could not be restarted: {_one_line(exc)}"))
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
                raise _kernel_error(start_errors[0], run.kernel_name)
            reason = f"not run: no kernel left ({_one_line(start_errors[-1])})"
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


def _kernel_error(exc: BaseException, kernel_name: str) -> CivicnbError:
    from jupyter_client.kernelspec import NoSuchKernel

    if isinstance(exc, NoSuchKernel):
        return UsageError(
            f"there is no Jupyter kernel named {kernel_name!r}: install it "
            "(for python3: pip install ipykernel) or name one of `jupyter kernelspec list`"
        )
    return CivicnbError(
        f"could not start a {kernel_name!r} kernel for the batch ({_one_line(exc)}): "
        "check that `jupyter kernelspec list` shows it and that it starts in `jupyter console`"
    )


# --- worker processes: a process pool or Dask distributed ----------------------------------

_local_kernels = threading.local()


def _local_kernel(run: _Run) -> _WarmKernel:
    """This worker thread's warm kernel for ``run`` (started on first use), in a worker
    process."""
    kernel: _WarmKernel | None = getattr(_local_kernels, run.kernel_name, None)
    if kernel is None:
        kernel = _WarmKernel(run)
        kernel.start()
        setattr(_local_kernels, run.kernel_name, kernel)
        _close_at_exit(kernel)
    kernel.how = run  # this batch's timeout and finish (a worker can serve several batches)
    return kernel


def _close_at_exit(kernel: _WarmKernel) -> None:
    # worker processes end through multiprocessing (os._exit: no atexit handlers);
    # ipykernel also exits by itself when its parent process is gone.
    import atexit
    from multiprocessing import util

    atexit.register(kernel.kill)
    util.Finalize(None, kernel.kill, exitpriority=10)


def _remote_task(job: Job, run: _Run) -> str | None:
    """Runs in a worker process: the job on this worker thread's warm kernel."""
    try:
        return _local_kernel(run).run(job)
    except Exception as exc:
        setattr(_local_kernels, run.kernel_name, None)
        return f"no kernel in the worker process: {_one_line(exc)}"


def _record(
    outcome: dict[str, str | None], bar: Any, after: AfterHook | None, job: Job, reason: str | None
) -> None:
    outcome[job.key] = _run_after(after, job, reason)
    bar.update(1)
    failures = sum(r is not None for r in outcome.values())
    if failures:
        bar.set_postfix(failed=failures, refresh=False)


def _run_processes(
    jobs: list[Job],
    workers: int,
    progress: bool,
    after: AfterHook | None,
    run: _Run,
) -> dict[str, str | None]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    _check_kernel(run.kernel_name)
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
                reason = f"its worker process failed: {_one_line(exc)}"
            _record(outcome, bar, after, job, reason)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        bar.close()
    pool.shutdown(wait=True)
    return outcome


def _check_kernel(kernel_name: str) -> None:
    """A clear error now for a kernel name that no worker process could start."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel as exc:
        raise _kernel_error(exc, kernel_name) from None


def _run_dask(
    jobs: list[Job],
    scheduler: str,
    progress: bool,
    after: AfterHook | None,
    run: _Run,
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
            f"cannot reach the Dask scheduler at {scheduler!r} ({_one_line(exc)}): check the "
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
                reason = f"the Dask task failed: {_one_line(exc)}"
            _record(outcome, bar, after, job, reason)
    finally:
        bar.close()
        client.close()  # type: ignore[no-untyped-call]
    return outcome
