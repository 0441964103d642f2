"""What every kernel civicnb starts shares, served by Voilà (:mod:`civicnb.serving.voila`)
or run by papermill (:mod:`civicnb.execution.instantiate`, :mod:`civicnb.execution.batch`):
socket files in a short temporary folder, and how long a cell's outputs are waited for.
Imports nothing from Jupyter."""

from __future__ import annotations

import os
import tempfile

__all__ = ["IOPUB_TIMEOUT_SECONDS", "short_tmp"]

IOPUB_TIMEOUT_SECONDS = 60
"""How long a cell's outputs are waited for before giving up on them (nbclient: 4 s,
which fails a run on a loaded machine)."""


def short_tmp() -> str:
    """A short temporary folder (socket file paths must fit in 107 bytes)."""
    for candidate in ("/tmp", tempfile.gettempdir()):
        if os.path.isdir(candidate) and os.access(candidate, os.W_OK):
            return candidate
    return tempfile.gettempdir()
