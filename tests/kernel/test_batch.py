"""civicnb.execution.batch (and its parts: jobs, kernel, engine, pools): a parameterised notebook for many keys on warm kernels gives the notebooks
papermill gives, with no state leaking between jobs, failures isolated and reported, dead
and hung kernels replaced; on a Dask cluster too."""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import papermill
import pytest
from notebook_compare import comparable

from civicnb.errors import InputError, UsageError
from civicnb.execution.batch import Job, run_batch

pytestmark = [pytest.mark.kernel, pytest.mark.xdist_group("batch")]

PROBE = Path(__file__).parent.parent / "data" / "notebooks" / "batch_probe.ipynb"
ERROR_TAG = "papermill-error-cell-tag"


def _jobs(out: Path, keys: list[str], **extra: dict[str, Any]) -> list[Job]:
    return [
        Job(key, PROBE, out / f"{key}.ipynb", {"key": key, **extra.get(key, {})}) for key in keys
    ]


def _normalised(path: Path) -> dict[str, Any]:
    """What must be equal: every cell (type, source, tags, execution count, outputs,
    papermill status) and the notebook's papermill record, without ids, timings, paths."""
    nb = comparable(path)
    pm = {k: v for k, v in nb["metadata"]["papermill"].items() if k != "output_path"}
    return {
        "cells": nb["cells"],
        "papermill": pm,
        "language_info": nb["metadata"].get("language_info"),
    }


def _reference(job: Job, out: Path) -> Path:
    """The same job by papermill alone (a new kernel)."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{job.key}.ipynb"
    with contextlib.suppress(papermill.PapermillExecutionError):
        papermill.execute_notebook(
            str(job.input_path),
            str(target),
            parameters=job.parameters,
            kernel_name="python3",
            progress_bar=False,
        )
    return target


def test_notebooks_equal_papermills_own(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path / "batch", ["alpha", "beta", "gamma-δ"], beta={"fail": True})
    result = run_batch(jobs, workers=2, progress=False)
    assert result.done == ["alpha", "gamma-δ"]
    assert [key for key, _ in result.failed] == ["beta"]
    for job in jobs:
        ours = _normalised(job.output_path)
        theirs = _normalised(_reference(job, tmp_path / "papermill"))
        assert ours == theirs, job.key
    alpha = nbformat.read(jobs[0].output_path, as_version=4)
    injected = [c for c in alpha.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and 'key = "alpha"' in injected[0].source
    assert [c.execution_count for c in alpha.cells if c.cell_type == "code"] == [1, 2, 3, 4, 5, 6]
    assert alpha.cells[-1].outputs[0]["text"] == "hello alpha\n"


def test_no_state_leaks_between_jobs_on_one_kernel(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, ["one", "two", "three"])
    result = run_batch(jobs, workers=1, progress=False)
    # each run asserts that LEAK (set by the run before it on the same kernel) is gone
    assert result.ok and result.done == ["one", "two", "three"], result.failed
    for job in jobs:
        nb = nbformat.read(job.output_path, as_version=4)
        assert nb.cells[-1].outputs[0]["text"] == f"hello {job.key}\n"
        assert nb.cells[1].execution_count == 1  # a new session each time


def test_the_leak_check_sees_a_kernel_that_is_not_reset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("civicnb.execution.kernel.RESET_CODE", "None")
    result = run_batch(_jobs(tmp_path, ["one", "two"]), workers=1, progress=False)
    assert result.done == ["one"]
    assert "AssertionError: state leaked from another run: LEAK = 'one'" in result.failed[0][1]


def test_a_failing_job_is_reported_and_the_others_run(tmp_path: Path) -> None:
    seen: list[str] = []

    def after(job: Job) -> None:
        seen.append(job.key)
        if job.key == "d":
            raise ValueError("could not render d")

    jobs = _jobs(tmp_path, ["a", "b", "c", "d", "e"], b={"fail": True})
    result = run_batch(jobs, workers=2, progress=False, after=after)
    assert not result.ok
    assert result.done == ["a", "c", "e"]
    failed = dict(result.failed)
    assert list(failed) == ["b", "d"]
    assert failed["b"].startswith("cell In [5]: ValueError: the run of 'b' failed on purpose")
    assert str(jobs[1].output_path) in failed["b"]
    assert failed["d"] == "after the notebook ran: ValueError: could not render d"
    assert sorted(seen) == ["a", "c", "d", "e"]  # never for a failed notebook
    assert result.summary() == "3 notebooks done, 2 failed"
    # the partial notebook, marked as papermill marks it
    nb = nbformat.read(jobs[1].output_path, as_version=4)
    assert nb.metadata.papermill.exception is True
    assert ERROR_TAG in nb.cells[0].metadata.tags
    anchor = next(
        i for i, c in enumerate(nb.cells[1:], 1) if ERROR_TAG in c.metadata.get("tags", [])
    )
    failing = nb.cells[anchor + 1]
    assert failing.metadata.papermill.status == "failed"
    assert failing.outputs[0]["output_type"] == "error"
    assert nb.cells[-1].outputs == []  # not reached


def test_a_killed_kernel_is_replaced(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, ["a", "b", "c", "d"], b={"die": True})
    result = run_batch(jobs, workers=1, progress=False)
    assert result.done == ["a", "c", "d"]
    [(key, reason)] = result.failed
    assert key == "b"
    # In [4] once the kernel has said it started the cell, else its place in the notebook
    assert re.match(r"the kernel died in cell (In \[4\]|5 of 7) and was replaced", reason), reason
    partial = nbformat.read(jobs[1].output_path, as_version=4)  # papermill's last save
    # the leak check ran (In [3]), the kernel died in the next cell, the rest never ran
    assert partial.cells[3].execution_count == 3
    assert [c.execution_count for c in partial.cells[5:]] == [None, None]
    assert partial.cells[-1].outputs == []


def test_a_hung_cell_times_out_and_its_kernel_is_replaced(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, ["slow", "quick"], slow={"sleep": 60})
    result = run_batch(jobs, workers=1, progress=False, timeout=2)
    assert result.done == ["quick"]
    [(key, reason)] = result.failed
    assert key == "slow" and "cell In [4] ran longer than 2 s" in reason


def test_bad_batches_are_refused_before_any_kernel_starts(tmp_path: Path) -> None:
    job = _jobs(tmp_path, ["a"])[0]
    with pytest.raises(UsageError, match="two batch jobs have the key 'a'"):
        run_batch([job, job], progress=False)
    with pytest.raises(UsageError, match="would both write"):
        run_batch([job, Job("b", PROBE, job.output_path)], progress=False)
    with pytest.raises(InputError, match="does not exist"):
        run_batch([Job("a", tmp_path / "missing.ipynb", job.output_path)], progress=False)
    with pytest.raises(UsageError, match="at least 1"):
        run_batch([job], workers=0, progress=False)
    with pytest.raises(UsageError, match="no Jupyter kernel named 'nope'"):
        run_batch([job], kernel_name="nope", progress=False)
    assert run_batch([], progress=False).ok


def test_dask_local_cluster_gives_the_same_notebooks(tmp_path: Path) -> None:
    from distributed import LocalCluster

    jobs = _jobs(tmp_path / "dask", ["north", "south", "east"], south={"fail": True})
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = run_batch(jobs, scheduler=cluster.scheduler_address, progress=False)
    assert result.done == ["north", "east"]  # one worker, one kernel: no leak either
    assert [key for key, _ in result.failed] == ["south"]
    assert dict(result.failed)["south"].startswith("cell In [5]: ValueError")
    for job in jobs:
        assert _normalised(job.output_path) == _normalised(_reference(job, tmp_path / "pm"))


def test_worker_processes_give_the_same_notebooks(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path / "proc", ["uno", "dos", "tres"], dos={"fail": True})
    result = run_batch(jobs, workers=2, processes=True, progress=False, after=lambda job: None)
    assert result.done == ["uno", "tres"]
    assert dict(result.failed)["dos"].startswith("cell In [5]: ValueError")
    for job in jobs:
        assert _normalised(job.output_path) == _normalised(_reference(job, tmp_path / "pm"))
    with pytest.raises(UsageError, match="no Jupyter kernel named 'nope'"):
        run_batch(jobs, processes=True, kernel_name="nope", progress=False)


@dataclass(frozen=True)
class _Stamp:
    """A picklable ``finish``: stamps the notebook, writes a file beside it, and fails
    for one key."""

    fail_for: str

    def __call__(self, job: Job, nb: Any) -> None:
        if job.key == self.fail_for:
            raise ValueError(f"could not finish {job.key}")
        nb.metadata["stamp"] = {"key": job.key, "pid": os.getpid()}
        job.output_path.with_suffix(".txt").write_text(str(len(nb.cells)), encoding="utf-8")


def test_finish_runs_in_the_workers_before_the_one_write(tmp_path: Path) -> None:
    keys = ["uno", "dos", "tres", "cuatro", "cinco"]
    jobs = _jobs(tmp_path, keys, dos={"fail": True})
    result = run_batch(jobs, workers=2, processes=True, progress=False, finish=_Stamp("tres"))
    assert result.done == ["uno", "cuatro", "cinco"]
    failed = dict(result.failed)
    assert failed["dos"].startswith("cell In [5]: ValueError")
    assert failed["tres"] == "after the notebook ran: ValueError: could not finish tres"
    pids = set()
    for job in jobs:
        nb = nbformat.read(job.output_path, as_version=4)
        nbformat.validate(nb)
        if job.key in result.done:
            assert nb.metadata.stamp["key"] == job.key  # in the written notebook
            assert job.output_path.with_suffix(".txt").read_text() == str(len(nb.cells))
            pids.add(nb.metadata.stamp["pid"])
        else:  # a cell error: not finished; a failed finish: written as papermill left it
            assert "stamp" not in nb.metadata and not job.output_path.with_suffix(".txt").exists()
            assert _normalised(job.output_path) == _normalised(_reference(job, tmp_path / "pm"))
    assert os.getpid() not in pids  # it ran in the worker processes, not here


def test_an_unreachable_scheduler_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("civicnb.execution.pools.DASK_CONNECT_TIMEOUT", "1s")
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        run_batch(_jobs(tmp_path, ["a"]), scheduler="tcp://127.0.0.1:1", progress=False)


def test_warm_kernels_talk_over_socket_files_not_tcp(tmp_path: Path) -> None:
    """As the served kernels: no TCP port ("Kernel is running over TCP without
    encryption" in the terminal), and the socket folder goes with the kernel."""
    from civicnb.execution.jobs import RunSettings
    from civicnb.execution.kernel import WarmKernel

    kernel = WarmKernel(RunSettings(kernel_name="python3", timeout=60, start_timeout=60))
    kernel.start()
    try:
        assert kernel.km is not None
        assert kernel.km.transport == "ipc"
        folder = kernel.sockets
        assert folder is not None and os.path.isdir(folder)
        assert any(name.startswith("k-") for name in os.listdir(folder))
    finally:
        kernel.close()
    assert not os.path.exists(folder)
