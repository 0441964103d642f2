"""The workspace: one folder holding the store, the frameworks, the localities'
notebooks and the reports.

Where it is: ``--workspace W``, else ``$CIVICNB_HOME``, else ``./civicnb-workspace``.

Layout::

    W/workspace.json        settings (format version, store URL if not the default)
    W/civicnb.sqlite        the store (default; PostgreSQL by URL instead)
    W/facilitator.key       the facilitator key (readable by the owner only)
    W/frameworks/ID.yaml    custom frameworks used by localities
    W/localities/SLUG/      instantiated notebooks of one locality
    W/reports/              executed reports
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from civicnb.errors import FrameworkError, WorkspaceError, did_you_mean

if TYPE_CHECKING:
    from civicnb.framework.model import Framework
    from civicnb.store import Store

__all__ = ["DEFAULT_DIRNAME", "Workspace", "init_workspace", "open_workspace", "resolve_path"]

DEFAULT_DIRNAME = "civicnb-workspace"
CONFIG_NAME = "workspace.json"
STORE_NAME = "civicnb.sqlite"
KEY_NAME = "facilitator.key"
FORMAT_VERSION = 1


def resolve_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The workspace folder: the argument, else $CIVICNB_HOME, else ./civicnb-workspace."""
    if path is not None and str(path) != "":
        return Path(path).expanduser().resolve()
    env = os.environ.get("CIVICNB_HOME")
    if env:
        return Path(env).expanduser().resolve()
    return (Path.cwd() / DEFAULT_DIRNAME).resolve()


@dataclass(frozen=True)
class Workspace:
    """An opened workspace folder."""

    root: Path
    store_url: str

    @property
    def frameworks_dir(self) -> Path:
        return self.root / "frameworks"

    @property
    def localities_dir(self) -> Path:
        return self.root / "localities"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    def locality_dir(self, slug: str) -> Path:
        return self.localities_dir / slug

    def open_store(self) -> Store:
        from civicnb.store import open_store

        return open_store(self.store_url)

    def facilitator_key(self) -> str:
        """The workspace's facilitator key (created with the workspace)."""
        try:
            return (self.root / KEY_NAME).read_text(encoding="ascii").strip()
        except OSError as exc:
            raise WorkspaceError(
                f"cannot read the facilitator key in {self.root}: {exc.strerror}"
            ) from None

    def framework(self, framework_id: str) -> Framework:
        """A built-in edition, or a custom framework saved in this workspace."""
        from civicnb.framework import builtin_editions, load_framework

        if framework_id in builtin_editions():
            return load_framework(framework_id)
        for suffix in (".yaml", ".yml", ".json"):
            candidate = self.frameworks_dir / f"{framework_id}{suffix}"
            if candidate.is_file():
                return load_framework(candidate)
        known = list(builtin_editions())
        if self.frameworks_dir.is_dir():
            known += [p.stem for p in self.frameworks_dir.glob("*.y*ml")]
        guess = did_you_mean(framework_id, known)
        hint = f"did you mean {guess!r}? " if guess else ""
        raise FrameworkError(
            f"no framework {framework_id!r} (built in: {', '.join(builtin_editions())}); "
            f"{hint}a custom framework is added with `civicnb new --framework FILE`"
        )


def _default_store_url(root: Path) -> str:
    return str(root / STORE_NAME)


def init_workspace(
    path: str | os.PathLike[str] | None = None, *, store_url: str | None = None
) -> Workspace:
    """Create (or complete) a workspace and its store; return it opened.

    Safe to run on an existing workspace: nothing is overwritten.
    """
    from civicnb.store import open_store

    root = resolve_path(path)
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root} exists and is not a folder: choose another --workspace")
    config_path = root / CONFIG_NAME
    if config_path.exists():
        ws = open_workspace(root)
        if store_url and store_url != ws.store_url:
            raise WorkspaceError(
                f"{root} already uses the store {ws.store_url!r}; "
                "create a new workspace for another store"
            )
    else:
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(f"cannot create the workspace {root}: {exc.strerror}") from None
        config = {"format_version": FORMAT_VERSION, "store_url": store_url}
        config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        ws = Workspace(root=root, store_url=store_url or _default_store_url(root))
    for folder in (ws.frameworks_dir, ws.localities_dir, ws.reports_dir):
        folder.mkdir(exist_ok=True)
    key_path = root / KEY_NAME
    if not key_path.exists():
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_urlsafe(24) + "\n")
    with open_store(ws.store_url, create=True):
        pass
    return ws


def open_workspace(path: str | os.PathLike[str] | None = None) -> Workspace:
    """Open an existing workspace; a clear error if there is none."""
    root = resolve_path(path)
    config_path = root / CONFIG_NAME
    if not config_path.is_file():
        raise WorkspaceError(
            f"no civicnb workspace at {root}: run `civicnb init` (or `civicnb demo`) first, "
            "or pass --workspace / set CIVICNB_HOME"
        )
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkspaceError(f"cannot read {config_path}: {exc}") from None
    if not isinstance(config, dict):
        raise WorkspaceError(f"{config_path} is not a civicnb workspace file")
    version = config.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise WorkspaceError(
            f"{config_path} has format version {version!r}, newer than this civicnb "
            "understands: upgrade civicnb"
        )
    url = config.get("store_url") or _default_store_url(root)
    return Workspace(root=root, store_url=str(url))
