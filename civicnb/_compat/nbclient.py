"""Where civicnb relies on how nbclient behaves beyond its documented API (checked with
nbclient 0.11.0).

Each is here, and ``tests/fast/test_compat_execution.py`` fails when nbclient changes it:

:func:`use_running_client`
    a :class:`nbclient.NotebookClient` given a kernel manager (``km=``) and, before it runs,
    a started kernel client in its ``kc`` attribute starts neither a kernel nor a client and
    stops neither when it is done (``setup_kernel``: "if self.kc is None" and cleanup only
    when it owns the manager). That is how a warm kernel runs notebook after notebook
    (:mod:`civicnb.execution.engine`); nbclient has no argument for a running client.
:func:`client_config`
    the traitlets configuration a client reads: its ``NotebookClient`` section (the public
    ``iopub_timeout`` trait), and the ``KernelManager`` section, which applies because the
    client creates its kernel manager with its own ``config``
    (``NotebookClient.create_kernel_manager``). papermill passes ``config=`` through to
    its client (its engine keyword arguments, see :mod:`civicnb._compat.papermill`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["NBCLIENT_VERSIONS_CHECKED", "client_config", "use_running_client"]

NBCLIENT_VERSIONS_CHECKED = ("0.11.0",)
"""The nbclient releases whose behaviour was read against this module."""


def use_running_client(client: Any, kc: Any) -> None:
    """Make ``client`` (a :class:`nbclient.NotebookClient` made with ``km=``, not yet run)
    run its notebook on ``kc``, a started kernel client of that manager's kernel, and leave
    both running afterwards."""
    if client.km is None:
        raise ValueError("the notebook client needs the running kernel's manager (km=)")
    client.kc = kc


def client_config(iopub_timeout: int, ipc_ip: str | None = None) -> Any:
    """A :class:`traitlets.config.Config` for papermill's ``config=``: cells' outputs are
    waited for ``iopub_timeout`` seconds (nbclient's default is 4; whole seconds: nbclient
    0.10 declares the setting an Integer); with ``ipc_ip``, the
    kernel the client starts talks over socket files ``ipc_ip-1``, ``ipc_ip-2``… (POSIX)
    instead of TCP ports."""
    from traitlets.config import Config

    config = Config()
    config.NotebookClient.iopub_timeout = iopub_timeout
    if ipc_ip is not None:
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = ipc_ip
    return config
