"""The workspace: one folder holding the store, the frameworks, the localities'
notebooks and the reports.

Where it is: ``--workspace W``, else ``$CIVICNB_HOME``, else ``./civicnb-workspace``.

Layout::

    W/workspace.json        settings (format version, store URL if not the default;
                            never a database password: see :data:`STORE_URL_ENV`)
    W/civicnb.sqlite        the store (default; PostgreSQL by URL instead)
    W/facilitator.key       the facilitator key (readable by the owner only)
    W/frameworks/ID.yaml    custom frameworks used by localities
    W/localities/SLUG/      instantiated notebooks of one locality
    W/reports/              executed reports

The folders are created readable by their owner only (0700) and the files 0600: the
store, the reports and the exports hold what participants said.
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

__all__ = [
    "DEFAULT_DIRNAME",
    "STORE_URL_ENV",
    "Workspace",
    "init_workspace",
    "open_workspace",
    "resolve_path",
    "without_password",
]

STORE_URL_ENV = "CIVICNB_STORE_URL"
"""The full URL of a workspace's PostgreSQL store, with its password, for the
workspace whose store it names (workspace.json keeps the URL without the password).
libpq's own ``PGPASSWORD``, ``~/.pgpass`` and ``PGSERVICE`` work too."""
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

    def framework_block(self, framework_id: str) -> tuple[str, object]:
        """What a workbook export embeds about its framework: the edition's version and,
        for a custom framework of this workspace (not built in), its YAML definition as
        data (``None`` for a built-in edition)."""
        from civicnb.framework import builtin_editions

        fw = self.framework(framework_id)
        definition = None
        if framework_id not in builtin_editions():
            import yaml

            path = self.frameworks_dir / f"{framework_id}.yaml"
            definition = yaml.safe_load(path.read_text(encoding="utf-8"))
        return fw.version, definition


def _default_store_url(root: Path) -> str:
    return str(root / STORE_NAME)


def without_password(url: str) -> tuple[str, bool]:
    """``url`` without its password (in the address or as ``?password=``), and whether it
    had one. Paths and URLs that cannot be parsed are returned as they are."""
    if "://" not in url:
        return url, False
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return url, False
    had = parsed.password is not None or "password" in parsed.query
    if not had:
        return url, False
    bare = parsed._replace(password=None).difference_update_query(["password"])
    return bare.render_as_string(hide_password=False), True


def _store_url_from_env(configured: str) -> str:
    """The URL with password from $CIVICNB_STORE_URL when it names the configured store."""
    env = os.environ.get(STORE_URL_ENV, "")
    if env and without_password(env)[0] == without_password(configured)[0]:
        return env
    return configured


def _private_dir(path: Path) -> None:
    """Create a folder readable by its owner only (an existing one keeps its mode)."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)


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
    bare_url = without_password(store_url)[0] if store_url else None
    if config_path.exists():
        ws = open_workspace(root)
        if bare_url and bare_url != without_password(ws.store_url)[0]:
            raise WorkspaceError(
                f"{root} already uses the store {without_password(ws.store_url)[0]!r}; "
                "create a new workspace for another store"
            )
        if store_url:
            ws = Workspace(root=ws.root, store_url=store_url)
    else:
        try:
            _private_dir(root)
        except OSError as exc:
            raise WorkspaceError(f"cannot create the workspace {root}: {exc.strerror}") from None
        # the password (if any) is used now but never written down: see STORE_URL_ENV
        config = {"format_version": FORMAT_VERSION, "store_url": bare_url}
        _write_private(config_path, json.dumps(config, indent=2) + "\n")
        ws = Workspace(root=root, store_url=store_url or _default_store_url(root))
    for folder in (ws.frameworks_dir, ws.localities_dir, ws.reports_dir):
        _private_dir(folder)
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
    return Workspace(root=root, store_url=_store_url_from_env(str(url)))


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
