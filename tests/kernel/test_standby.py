"""civicnb.execution.standby: the warm kernel a process keeps, its environment, and its
end after the time it is kept warm."""

from __future__ import annotations

import os
import time

import pytest

from civicnb.execution.kernel import WarmKernel
from civicnb.execution.standby import Standby

pytestmark = pytest.mark.kernel


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is not alive
        return stat.read().split(") ", 1)[1][0] != "Z"


def _env_of(kernel: WarmKernel) -> str:
    kc = kernel.kc
    assert kc is not None
    kernel.run_silently("import os as _os; _found = _os.environ.get('CIVICNB_PROBE', '')")
    seen: list[str] = []

    from jupyter_core.utils import run_sync

    async def ask() -> None:
        reply = await kc.execute_interactive(
            "", silent=True, user_expressions={"v": "_found"}, timeout=30
        )
        seen.append(reply["content"]["user_expressions"]["v"]["data"]["text/plain"])

    run_sync(ask)()
    return seen[0].strip("'")


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_one_kernel_per_environment_shut_down_once_no_longer_kept_warm() -> None:
    kept = Standby(keep_warm=1.5)
    env = {**os.environ, "CIVICNB_PROBE": "one"}
    try:
        assert kept.call(env, "import json", None, _env_of) == "one"
        first = kept.kernel_pid
        assert first is not None and _alive(first)
        assert kept.call(env, "import json", None, _env_of) == "one"
        assert kept.kernel_pid == first  # the same kernel, still warm
        other = {**env, "CIVICNB_PROBE": "two"}
        assert kept.call(other, "import json", None, _env_of) == "two"
        second = kept.kernel_pid
        assert second is not None and second != first
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(first):
            time.sleep(0.1)
        assert not _alive(first)  # replaced: shut down
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (_alive(second) or kept.kernel_pid is not None):
            time.sleep(0.2)
        assert not _alive(second) and kept.kernel_pid is None  # idle 1.5 s: shut down
        assert kept.call(env, "", None, lambda k: k.alive()) is True  # and started again
    finally:
        kept.stop()
    assert kept.kernel_pid is None


def test_what_the_work_raises_reaches_the_caller_and_the_next_call_gets_a_new_kernel() -> None:
    kept = Standby()
    env = dict(os.environ)
    try:
        with pytest.raises(RuntimeError, match="NameError"):
            kept.call(env, "no_such_name", None, lambda k: None)  # the preload fails
        pids: list[int | None] = []

        def fail(kernel: WarmKernel) -> None:
            pids.append(kept.kernel_pid)
            raise ValueError("boom")

        with pytest.raises(ValueError, match="boom"):
            kept.call(env, "", None, fail)
        kept.call(env, "", None, lambda k: pids.append(kept.kernel_pid))
        assert pids[0] is not None and pids[1] is not None and pids[0] != pids[1]
    finally:
        kept.stop()
