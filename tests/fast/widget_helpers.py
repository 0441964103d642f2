"""Helpers for tests that look inside ipywidgets pages without a browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def walk(w: Any) -> Iterator[Any]:
    """``w`` and every widget under it, depth first, as the page shows them."""
    yield w
    for c in getattr(w, "children", ()):
        yield from walk(c)
