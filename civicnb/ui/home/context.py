"""What every section of the home page is given: the workspace, the page's language,
who holds the key, and how to redraw the public list after a change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from civicnb.workspace import Workspace

__all__ = ["HomeContext"]


def _nothing() -> None:
    return None


@dataclass
class HomeContext:
    workspace: Workspace
    lang: str = "en"
    facilitator: str = ""
    """Who opened the setup: the name of the key's holder ('' on a temporary session,
    e.g. Binder, where the group is alone, or with the workspace's own key)."""
    temporary: bool = False
    """A temporary session (Binder): nothing is kept after it ends."""
    refresh: Callable[[], None] = field(default=_nothing)
    """Redraw what depends on the localities (the public list, other sections) after a
    locality or a round was made."""
