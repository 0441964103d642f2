"""What every part of the home page works with (:class:`HomeContext`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from civicnb.workspace import Workspace

__all__ = ["HomeContext"]


def _nothing() -> None:
    return None


@dataclass
class HomeContext:
    """The home page's view of its workspace, for the set-up panel behind the key."""

    workspace: Workspace
    lang: str = "en"
    """The page's language (a code of :data:`civicnb.i18n.LANGUAGES`)."""
    facilitator: str = ""
    """The name of the key holder who opened the set-up; "" on a temporary session
    (Binder: the group is alone there) or for the workspace's own key."""
    temporary: bool = False
    """A temporary session (Binder): nothing outlives it."""
    refresh: Callable[[], None] = field(default=_nothing)
    """Re-draw the public list of localities (after one is created or changed)."""
