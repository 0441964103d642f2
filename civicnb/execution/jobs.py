"""What a batch is made of: the jobs, how each runs, its result, and the one-line reasons.

:class:`Job` and :class:`BatchResult` are the public records of :mod:`civicnb.execution.batch`;
:class:`RunSettings` is what every worker (thread, process or Dask worker) needs to run a job
the same way, and :func:`prepared` checks a batch's jobs before any kernel starts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civicnb.errors import CivicnbError, InputError, UsageError

__all__ = [
    "AfterHook",
    "BatchResult",
    "FinishHook",
    "Job",
    "RunSettings",
    "one_line",
    "prepared",
    "run_after",
]


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


@dataclass(frozen=True)
class RunSettings:
    """How each job runs, the same in every worker (picklable for worker processes)."""

    kernel_name: str
    timeout: float | None
    start_timeout: float
    finish: FinishHook | None = None


def prepared(jobs: Sequence[Job]) -> list[Job]:
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


def run_after(after: AfterHook | None, job: Job, reason: str | None) -> str | None:
    """The job's final reason: ``reason``, else what ``after(job)`` raised, else None."""
    if reason is not None or after is None:
        return reason
    try:
        after(job)
    except CivicnbError as exc:
        return f"after the notebook ran: {exc}"
    except Exception as exc:
        return f"after the notebook ran: {one_line(exc)}"
    return None


def one_line(exc: BaseException, limit: int = 300) -> str:
    """``"ValueError: the message"`` on one line, at most ``limit`` characters of message."""
    text = " ".join(str(exc).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
