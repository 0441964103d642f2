"""One warm kernel: a Jupyter kernel started once and reused, reset between notebooks.

Before each job the kernel's user namespace is reset as for a new session
(``get_ipython().reset(new_session=True)``, so the first cell is ``In [1]`` again), its
working directory is set to the job's ``cwd`` (else back to where it started), open
matplotlib figures and ipywidgets are closed, the garbage collector runs and then freezes
what survived (``gc.freeze()``). Imported modules stay imported: that is what makes a warm
kernel fast. If the kernel dies, a cell times out or the reset fails, the kernel is
replaced by a new one. Each kernel (its manager and client) is created and used by one
thread only: nbclient runs each thread's coroutines on that thread's own event loop.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civicnb.errors import CivicnbError, UsageError
from civicnb.execution.jobs import Job, RunSettings, one_line

if TYPE_CHECKING:
    from jupyter_client.asynchronous.client import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager

__all__ = ["RESET_CODE", "RESET_TIMEOUT", "WarmKernel", "check_kernel", "kernel_error"]

RESET_TIMEOUT = 60.0

# Run in the kernel before each job, silently (no output, no history, no In [n]).
# It leaves no name behind: reset() rebuilds the user namespace from scratch. After the
# collection, what survives (modules, their caches) is frozen out of the collector's
# sight (gc.freeze): later collections, this one and those during the notebook, only
# look at objects made since, instead of every module's (~40 ms each time otherwise).
RESET_CODE = """\
(lambda ip, os, sys, gc, cwd: (
    ip.reset(new_session=True),
    os.chdir(cwd),
    ("matplotlib.pyplot" in sys.modules and sys.modules["matplotlib.pyplot"].close("all")),
    ("ipywidgets" in sys.modules and sys.modules["ipywidgets"].Widget.close_all()),
    gc.collect(),
    gc.freeze(),
))(get_ipython(), __import__("os"), __import__("sys"), __import__("gc"), {cwd!r})
"""


class WarmKernel:
    """A kernel manager and client started once and used by the thread that made them."""

    def __init__(self, run: RunSettings, env: dict[str, str] | None = None) -> None:
        self.how = run  # kernel name, timeouts and finish hook of the jobs it runs
        self.env = env  # the kernel's environment (None: this process's)
        self.cwd = os.getcwd()
        self.km: AsyncKernelManager | None = None
        self.kc: AsyncKernelClient | None = None
        self.killed = False  # by kill(): the batch is stopping, start no other kernel
        self.sockets: str | None = None  # the folder of its socket files (POSIX)

    def start(self, while_starting: Callable[[], object] | None = None) -> None:
        """Start the kernel; ``while_starting()`` runs here while its process boots."""
        from jupyter_core.utils import run_sync

        run_sync(self._start)(while_starting)

    async def _start(self, while_starting: Callable[[], object] | None = None) -> None:
        from jupyter_client.manager import AsyncKernelManager

        transport: dict[str, str] = {}
        if os.name == "posix":  # socket files, as the served kernels: no TCP port, no warning
            import tempfile

            from civicnb.execution.kernel_settings import short_tmp

            self.sockets = tempfile.mkdtemp(prefix="civicnb-k-", dir=short_tmp())
            transport = {"transport": "ipc", "ip": os.path.join(self.sockets, "k")}
        km = AsyncKernelManager(kernel_name=self.how.kernel_name, **transport)
        # as nbclient starts papermill's kernels: history in memory, not in a file
        env = {} if self.env is None else {"env": dict(self.env)}
        await km.start_kernel(extra_arguments=["--HistoryManager.hist_file=:memory:"], **env)
        kc = km.client()
        kc.start_channels()
        try:
            if while_starting is not None:
                while_starting()
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
        self.run_silently(RESET_CODE.format(cwd=str(cwd) if cwd is not None else self.cwd))

    def run_silently(self, code: str) -> None:
        """Run ``code`` in the kernel unseen: no output kept, no history, no ``In [n]``;
        RuntimeError if it raised."""
        from jupyter_core.utils import run_sync

        kc = self.kc
        assert kc is not None

        async def execute() -> dict[str, Any]:
            reply: dict[str, Any] = await kc.execute_interactive(
                code,
                silent=True,
                store_history=False,
                allow_stdin=False,
                timeout=RESET_TIMEOUT,
                output_hook=lambda msg: None,
            )
            return reply

        reply = run_sync(execute)()
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
        from civicnb.execution.engine import execute

        reason, healthy = execute(job, self)
        if not healthy and not self.killed:
            self.restart()
        return reason


def kernel_error(exc: BaseException, kernel_name: str) -> CivicnbError:
    from jupyter_client.kernelspec import NoSuchKernel

    if isinstance(exc, NoSuchKernel):
        return UsageError(
            f"there is no Jupyter kernel named {kernel_name!r}: install it "
            "(for python3: pip install ipykernel) or name one of `jupyter kernelspec list`"
        )
    return CivicnbError(
        f"could not start a {kernel_name!r} kernel for the batch ({one_line(exc)}): "
        "check that `jupyter kernelspec list` shows it and that it starts in `jupyter console`"
    )


def check_kernel(kernel_name: str) -> None:
    """A clear error now for a kernel name that no worker process could start."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel as exc:
        raise kernel_error(exc, kernel_name) from None
