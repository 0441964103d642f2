"""The papermill engine of the warm kernels, and one job run with it.

Each job *is* a :func:`papermill.execute_notebook` call, so each output notebook is the one
papermill writes for the same input and parameters (the injected cell tagged
``injected-parameters``, papermill's metadata, the failing cell marked and the partial
notebook kept on error); only the kernel is not started afresh. The engine
(:data:`ENGINE_NAME`) is papermill's nbclient engine on a kernel civicnb owns: registered
with papermill's public ``papermill_engines.register``; what it needs of papermill's and
nbclient's internals is in :mod:`civicnb._compat.papermill` and :mod:`civicnb._compat.nbclient`.

Threads: papermill keeps one piece of global state on the way, the working folder of its
local file handler, which every call sets to the current directory and restores; with
absolute paths and ``cwd=None`` (never a ``chdir``) concurrent calls are safe.
"""

from __future__ import annotations

import functools
import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civicnb.errors import CivicnbError
from civicnb.execution.jobs import Job, one_line

if TYPE_CHECKING:
    from civicnb.execution.kernel import WarmKernel

__all__ = ["ENGINE_NAME", "engine_class", "execute", "register_engine", "running_cell"]

ENGINE_NAME = "civicnb-warm"
"""The papermill engine registered by this module (nbclient's, on a kernel we own)."""


def execute(job: Job, kernel: WarmKernel) -> tuple[str | None, bool]:
    """papermill on the warm kernel: (failure reason or None, whether the kernel is usable)."""
    timeout, finish = kernel.how.timeout, kernel.how.finish
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    register_engine()
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
            f"{running_cell(job.output_path)} ran longer than {limit}; its kernel was "
            f"replaced (partial notebook: {job.output_path})",
            False,
        )
    except DeadKernelError:
        return (
            f"the kernel died in {running_cell(job.output_path)} and was replaced "
            f"(partial notebook: {job.output_path})",
            False,
        )
    except Exception as exc:
        return one_line(exc), kernel.alive()
    if finished:
        error = finished[0]
        text = str(error) if isinstance(error, CivicnbError) else one_line(error)
        return f"after the notebook ran: {text}", True
    return None, True


def running_cell(path: Path) -> str:
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
_registered = False


def register_engine() -> None:
    """Register :func:`engine_class` with papermill as :data:`ENGINE_NAME` (once)."""
    global _registered
    with _engine_lock:
        if _registered:
            return
        from papermill.engines import papermill_engines

        papermill_engines.register(ENGINE_NAME, engine_class())
        _registered = True


@functools.cache
def engine_class() -> type:
    """papermill's nbclient engine, run on a given, started kernel client (``kc=``) and
    kernel manager (``km=``), leaving both running."""
    from papermill.engines import Engine

    from civicnb._compat.nbclient import use_running_client
    from civicnb._compat.papermill import (
        cell_error_recorded,
        notebook_client,
        save_partial_on_error,
    )
    from civicnb.execution.kernel_settings import IOPUB_TIMEOUT_SECONDS

    class WarmKernelEngine(Engine):  # type: ignore[misc]
        """papermill's ``NBClientEngine`` with a kernel client given: nbclient then neither
        starts a kernel nor a client, nor shuts them down (it does not own the manager).

        ``partial_output_path``: where papermill's last save goes when the execution
        raises (a dead or hung kernel) while ``request_save_on_cell_execute=False``.
        ``finish(nb)``: runs on the executed notebook, before papermill writes it, unless a
        cell failed; what it raises goes to the ``finish_errors`` list."""

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
            client = notebook_client(
                nb_man,
                kernel_name,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                start_timeout=start_timeout,
                execution_timeout=execution_timeout,
                iopub_timeout=IOPUB_TIMEOUT_SECONDS,  # as Voilà's (civicnb.serving.voila)
                **kwargs,
            )
            use_running_client(client, kc)
            try:
                executed = client.execute()
            except BaseException:
                # papermill's final save then writes the partial notebook, as it does when
                # it saves after every cell
                save_partial_on_error(nb_man, partial_output_path)
                raise
            # a cell error is marked in the notebook (papermill raises it after the save)
            if finish is not None and not cell_error_recorded(nb_man):
                try:
                    finish(nb_man.nb)
                except Exception as exc:  # the job fails; the notebook is still written
                    finish_errors.append(exc)
            return executed

    return WarmKernelEngine
