"""Papermill runs (pages instantiated, reports) wait for a cell's outputs as Voilà does:
nbclient's default gives up after 4 s on a loaded machine (papermill then fails the run;
Voilà kept the page without its outputs: "Timeout waiting for IOPub output")."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NotebookExecutionManager

from civicnb.execution.instantiate import ipc_kernels
from civicnb.execution.kernel_settings import IOPUB_TIMEOUT_SECONDS


def test_papermills_client_takes_the_longer_wait() -> None:
    nb = nbformat.v4.new_notebook()
    assert NotebookClient(nb).iopub_timeout < IOPUB_TIMEOUT_SECONDS  # nbclient's own 4 s
    with ipc_kernels() as options:
        client = PapermillNotebookClient(NotebookExecutionManager(nb), **options)
        assert client.iopub_timeout == IOPUB_TIMEOUT_SECONDS
