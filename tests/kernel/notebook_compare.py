"""Two runs of a notebook compared: what is left of a notebook when what changes from one
run to the next (cell ids, papermill's and nbclient's timings, the output folder, the
time a file was made) is taken out. The kernel tests and ``benchmarks/bench_course.py``
use it to show that civicnb's warm kernels write the notebooks papermill writes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat

__all__ = ["TIMINGS", "comparable", "timeless"]

TIMINGS = ("start_time", "end_time", "duration")  # papermill's, per notebook and per cell


def comparable(path: Path, root: Path | None = None) -> dict[str, Any]:
    """The notebook at ``path`` without cell ids, papermill's and nbclient's timings, and
    with ``root`` (the folder it was written in, if given) written as ``ROOT``."""
    text = path.read_text(encoding="utf-8")
    if root is not None:
        text = text.replace(str(root), "ROOT")
    nb = nbformat.reads(text, as_version=4)
    for key in TIMINGS:
        nb.metadata.get("papermill", {}).pop(key, None)
    for cell in nb.cells:
        cell.pop("id", None)
        cell.metadata.pop("execution", None)  # nbclient's timings
        for key in TIMINGS:
            cell.metadata.get("papermill", {}).pop(key, None)
    return dict(nb)


def timeless(path: Path) -> str:
    """A text file with its ISO timestamps written as ``TIME``."""
    return re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+Z", "TIME", path.read_text(encoding="utf-8"))
