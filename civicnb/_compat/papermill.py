"""Where civicnb relies on papermill's internals (checked with papermill 2.6.0 and 2.7.0).

The warm-kernel engine (:mod:`civicnb.execution.engine`) is a papermill engine registered
through papermill's public :meth:`papermill.engines.PapermillEngines.register` and a
subclass of the public :class:`papermill.engines.Engine`. Three things it needs have no
public form; each is here, and ``tests/fast/test_compat_execution.py`` fails when papermill
changes what it relies on:

:func:`notebook_client`
    a copy of the body of ``NBClientEngine.execute_managed_notebook`` without its last
    ``.execute()``: papermill builds and runs its nbclient client in one call, and civicnb
    must hand that client a kernel client that is already running before it runs. The
    test compares a hash of the upstream method's source with
    :data:`EXECUTE_MANAGED_NOTEBOOK_SHA256`: when papermill changes the method, the copy
    must be compared again (and the hash renewed).
:func:`save_partial_on_error`
    papermill's ``Engine.execute_notebook`` calls ``nb_man.notebook_complete()`` in a
    ``finally``, which writes the notebook to ``nb_man.output_path`` when there is one;
    with ``request_save_on_cell_execute=False`` papermill passes no output path, so
    setting it when the execution raises (a dead or hung kernel) keeps papermill's
    partial notebook, as its save after every cell would have.
:func:`cell_error_recorded`
    ``NotebookExecutionManager.cell_exception`` marks a failing cell's notebook with
    ``metadata.papermill.exception`` (papermill raises the error only after its last save).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "EXECUTE_MANAGED_NOTEBOOK_SHA256",
    "PAPERMILL_VERSIONS_CHECKED",
    "cell_error_recorded",
    "notebook_client",
    "save_partial_on_error",
]

PAPERMILL_VERSIONS_CHECKED = ("2.6.0", "2.7.0")
"""The papermill releases whose internals were read against this module."""

EXECUTE_MANAGED_NOTEBOOK_SHA256 = "5db3562c458aeaaa7940de795886d76054ddb6b04dcf37a97238b07cfb7432d8"
"""sha256 of ``inspect.getsource(papermill.engines.NBClientEngine.execute_managed_notebook)``
(papermill 2.6.0 and 2.7.0: the same), the method :func:`notebook_client` copies."""


def notebook_client(
    nb_man: Any,
    kernel_name: str,
    log_output: bool = False,
    stdout_file: Any = None,
    stderr_file: Any = None,
    start_timeout: float = 60,
    execution_timeout: float | None = None,
    **kwargs: Any,
) -> Any:
    """The :class:`papermill.clientwrap.PapermillNotebookClient` that papermill's
    ``NBClientEngine.execute_managed_notebook`` builds from the same arguments (the engine
    keyword arguments of :func:`papermill.execute_notebook`), not yet run; ``kwargs`` may
    also hold any :class:`nbclient.NotebookClient` trait papermill does not set itself
    (e.g. ``iopub_timeout``)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    # from here to the client, as NBClientEngine.execute_managed_notebook (papermill 2.7.0)
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
    )
    return PapermillNotebookClient(nb_man, **final_kwargs)


def save_partial_on_error(nb_man: Any, path: str | None) -> None:
    """Make papermill's final save (``Engine.execute_notebook``'s ``notebook_complete``)
    write the notebook to ``path`` when papermill was given no output path: call it when
    the execution raised, so the partial notebook is kept."""
    if path and nb_man.output_path is None:
        nb_man.output_path = path


def cell_error_recorded(nb_man: Any) -> bool:
    """Whether a cell of the notebook failed (papermill raises it later, after its save)."""
    return bool(nb_man.nb.metadata.papermill.get("exception"))
