"""One warm kernel kept by this process for work that comes back: a locality's pages
(:mod:`civicnb.execution.instantiate`), executed whenever a locality is created,
imported or repaired.

The kernel is a :class:`~civicnb.execution.kernel.WarmKernel` owned by one thread of
this process (a kernel is used by the thread that made it). Work is handed to that
thread and waited for. The kernel starts on the first request (or earlier:
:meth:`Standby.prewarm` returns at once, so the caller does its own work meanwhile) and
runs the request's ``preload`` code (e.g. the pages' imports) unseen; it then stays up
for :data:`KEEP_WARM_SECONDS` after its last use, and is shut down when the process
exits (a kernel whose parent dies without that also ends: ipykernel watches its
parent). A request with another environment than the kernel's, a kernel that died,
or work that raised gets a new kernel next time.
"""

from __future__ import annotations

import atexit
import os
import queue
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from civicnb.execution.jobs import RunSettings

if TYPE_CHECKING:
    from civicnb.execution.kernel import WarmKernel

__all__ = ["KEEP_WARM_SECONDS", "Standby", "standby"]

KEEP_WARM_SECONDS = 600.0
"""How long the kernel stays up after its last use (then it is shut down)."""

STOP_WAIT_SECONDS = 10.0


@dataclass
class _Request:
    env: dict[str, str]
    preload: str
    setup: Callable[[], object] | None
    work: Callable[[WarmKernel], Any] | None
    done: Future[Any] = field(default_factory=Future)


class Standby:
    """A kernel kept warm by one thread of this process (see the module docstring)."""

    def __init__(self, kernel_name: str = "python3", keep_warm: float = KEEP_WARM_SECONDS):
        self.kernel_name = kernel_name
        self.keep_warm = keep_warm
        self._lock = threading.Lock()
        self._requests: queue.SimpleQueue[_Request | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()
        self.kernel_pid: int | None = None
        """The process id of the kernel while it is up (None otherwise)."""

    def prewarm(
        self,
        env: Mapping[str, str],
        preload: str = "",
        setup: Callable[[], object] | None = None,
    ) -> None:
        """Have the kernel started (see :meth:`call`) without waiting for it."""
        self._submit(_Request(dict(env), preload, setup, None))

    def call(
        self,
        env: Mapping[str, str],
        preload: str,
        setup: Callable[[], object] | None,
        work: Callable[[WarmKernel], Any],
    ) -> Any:
        """``work(kernel)`` in the kernel's thread; its result, or what it raised. A
        kernel is started first unless one is up with this ``env`` and ``preload``:
        ``setup()`` runs in the thread while the kernel's process boots (e.g. imports
        ``work`` needs: one thread importing them, not two at once), then ``preload``
        runs in the kernel, unseen."""
        request = _Request(dict(env), preload, setup, work)
        self._submit(request)
        return request.done.result()

    def stop(self) -> None:
        """Shut the kernel down now (it starts again on the next request)."""
        with self._lock:
            thread = self._thread
            if thread is None:
                return
            self._requests.put(None)
        thread.join(STOP_WAIT_SECONDS)

    def _submit(self, request: _Request) -> None:
        with self._lock:
            if self._pid != os.getpid():  # a forked child has none of the parent's threads
                self._pid, self._thread = os.getpid(), None
                self._requests = queue.SimpleQueue()
            self._requests.put(request)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._serve, name="civicnb-standby-kernel", daemon=True
                )
                self._thread.start()

    def _serve(self) -> None:
        kernel: WarmKernel | None = None
        started: tuple[dict[str, str], str] | None = None
        try:
            while True:
                try:
                    request = self._requests.get(timeout=self.keep_warm)
                except queue.Empty:
                    with self._lock:
                        if not self._requests.empty():
                            continue
                        self._thread = None
                    return
                if request is None:
                    with self._lock:
                        self._thread = None
                    return
                try:
                    wanted = (request.env, request.preload)
                    if kernel is None or started != wanted or not kernel.alive():
                        if kernel is not None:
                            self._close(kernel)
                        kernel, started = self._start(request), wanted
                    result = request.work(kernel) if request.work is not None else None
                except BaseException as exc:
                    if kernel is not None:
                        self._close(kernel)
                    kernel = None
                    request.done.set_exception(exc)
                else:
                    request.done.set_result(result)
        finally:
            if kernel is not None:
                self._close(kernel)

    def _start(self, request: _Request) -> WarmKernel:
        from civicnb.execution.kernel import WarmKernel

        kernel = WarmKernel(RunSettings(self.kernel_name, None, 60.0), env=request.env)
        try:
            kernel.start(request.setup)
            if request.preload:
                kernel.run_silently(request.preload)
        except BaseException:
            kernel.close()
            raise
        process = getattr(getattr(kernel.km, "provisioner", None), "process", None)
        self.kernel_pid = getattr(process, "pid", None)
        return kernel

    def _close(self, kernel: WarmKernel) -> None:
        self.kernel_pid = None
        kernel.kill()  # first: an idle kernel interrupted (as a shutdown does) logs it
        kernel.close()


_standby: Standby | None = None
_standby_lock = threading.Lock()


def standby() -> Standby:
    """This process's standby kernel (one per process; shut down at exit)."""
    global _standby
    with _standby_lock:
        if _standby is None:
            _standby = Standby()
            atexit.register(_standby.stop)
        return _standby
