"""civicnb.serving.app: Voilà whose page templates are compiled once per server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import jinja2
import pytest
from async_helpers import run_in_own_thread

from civicnb.serving.app import TEMPLATE_CACHE, KeptTemplatesExporter, MemoryBytecodeCache


def _env(folder: Path, cache: jinja2.BytecodeCache) -> jinja2.Environment:
    # synchronous rendering: another test on this worker (Playwright's sync API) may have
    # left an event loop running in this thread, and Jinja's async render would need one
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache)


def test_templates_compile_once_across_environments_and_again_when_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "page.html.j2").write_text("<p>{{ who }}</p>", encoding="utf-8")
    cache = MemoryBytecodeCache()
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, *args: object, **kw: object) -> object:
        compiled.append(source)
        return real(self, source, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    for who in ("Ana", "Bea", "Cai"):  # a new environment per request, as Voilà makes
        out = _env(tmp_path, cache).get_template("page.html.j2").render(who=who)
        assert out == f"<p>{who}</p>"
    assert len(compiled) == 1
    (tmp_path / "page.html.j2").write_text("<b>{{ who }}</b>", encoding="utf-8")
    assert _env(tmp_path, cache).get_template("page.html.j2").render(who="Dan") == "<b>Dan</b>"
    assert len(compiled) == 2  # the source changed: compiled again, not served stale


def test_voilas_exporter_uses_the_shared_cache() -> None:
    exporter = KeptTemplatesExporter(template_name="lab")
    assert exporter.environment.bytecode_cache is TEMPLATE_CACHE
    assert exporter.environment.is_async  # still Voilà's async rendering


class _VoilaLikePools:
    """Voilà's preheated pools as they behave (voila_kernel_manager): a pool's items are
    tasks, each started ``delay`` s after it was asked for (``fill_delay`` for a refill);
    a request takes the pool's first item, awaits it, and asks for a refill."""

    fill_delay = 30.0

    def __init__(self, size: int, start_seconds: dict[int, float] | None = None) -> None:
        self.size = size
        self.started = 0
        self.start_seconds = start_seconds or {}
        self._pools: dict[str, list[object]] = {}
        self.fill_if_needed(delay=0, notebook_name="nb")

    async def _start(self, delay: float, n: int) -> int:

        await asyncio.sleep(delay)
        await asyncio.sleep(self.start_seconds.get(n, 0.01))
        return n

    def fill_if_needed(self, delay: float | None = None, notebook_name: str | None = None) -> None:

        wait = self.fill_delay if delay is None else delay
        pool = self._pools.setdefault(str(notebook_name), [])
        while len(pool) < self.size:
            self.started += 1
            pool.append(asyncio.get_running_loop().create_task(self._start(wait, self.started)))

    def get_pool_size(self, notebook_name: str) -> int:
        return len(self._pools.get(notebook_name, []))

    async def get_rendered_notebook(self, notebook_name: str) -> object:
        item = self._pools[notebook_name].pop(0)
        result = await item  # type: ignore[misc]
        self.fill_if_needed(notebook_name=notebook_name)
        return result


def test_a_pool_hands_out_ready_kernels_never_a_refill_not_yet_begun() -> None:
    """Voilà counted a refill still waiting its fill_delay (20 s) as a pool's kernel: with
    a small pool the next person to open the page waited for it. Now such a refill does
    not count (the page starts its own kernel) and a ready kernel is handed out first."""

    from civicnb.serving.app import ready_first

    async def scenario() -> None:
        pools = ready_first(_VoilaLikePools)(size=1)
        await asyncio.sleep(0.1)
        assert pools.get_pool_size("nb") == 1
        assert await pools.get_rendered_notebook("nb") == 1
        # the refill waits fill_delay before it starts: not a kernel to wait for
        assert len(pools._pools["nb"]) == 1 and pools.get_pool_size("nb") == 0
        plain = _VoilaLikePools(size=1)
        await asyncio.sleep(0.1)
        await plain.get_rendered_notebook("nb")
        assert plain.get_pool_size("nb") == 1  # Voilà's own count: this was the bug

        # two kernels starting at once: the one ready first is handed out first
        slow_first = ready_first(_VoilaLikePools)(size=2, start_seconds={1: 5.0, 2: 0.01})
        await asyncio.sleep(0.1)
        assert slow_first.get_pool_size("nb") == 2  # starting kernels do count
        got = await asyncio.wait_for(slow_first.get_rendered_notebook("nb"), timeout=1)
        assert got == 2
        for pool in slow_first._pools.values():
            for task in pool:
                task.cancel()  # type: ignore[attr-defined]
        for pool in pools._pools.values():
            for task in pool:
                task.cancel()  # type: ignore[attr-defined]
        for pool in plain._pools.values():
            for task in pool:
                task.cancel()  # type: ignore[attr-defined]

    run_in_own_thread(scenario)


def test_the_culler_passes_over_kernels_still_starting() -> None:
    """Found by tests/kernel/test_deploy_load.py: with 32 preheated kernels starting on a
    loaded machine, Jupyter Server's culler read the ``last_activity`` of kernels not yet
    started and logged an ERROR with a traceback for each, every minute."""
    import datetime as dt

    from jupyter_server.services.kernels.kernelmanager import ServerKernelManager

    from civicnb.serving.app import culls_started_kernels_only

    starting, started = ServerKernelManager(), ServerKernelManager()
    started.last_activity = dt.datetime.now(dt.UTC)

    class Culler:
        def __init__(self) -> None:
            self.kernels = {"a": starting, "b": started}
            self.checked: list[str] = []

        def get_kernel(self, kernel_id: str) -> ServerKernelManager:
            return self.kernels[kernel_id]

        async def cull_kernel_if_idle(self, kernel_id: str) -> None:
            _ = self.kernels[kernel_id].last_activity  # what Jupyter Server reads
            self.checked.append(kernel_id)

    async def scenario() -> list[str]:
        culler = culls_started_kernels_only(Culler)()
        for kernel_id in ("a", "b", "gone"):
            await culler.cull_kernel_if_idle(kernel_id)
        return list(culler.checked)

    checked: list[list[str]] = []

    async def culled() -> None:
        checked.append(await scenario())

    run_in_own_thread(culled)
    assert checked == [["b"]]

    async def as_it_was() -> None:
        await Culler().cull_kernel_if_idle("a")

    with pytest.raises(Exception, match="last_activity"):
        run_in_own_thread(as_it_was)
