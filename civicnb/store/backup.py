"""A copy of an SQLite store, taken while it is in use (``civicnb backup``).

SQLite's online backup (:meth:`sqlite3.Connection.backup`, what the ``sqlite3`` shell's
``.backup`` does) copies a consistent snapshot of the database, WAL included, while
``civicnb serve`` keeps saving answers: a plain file copy of ``civicnb.sqlite`` could
miss what is still in ``civicnb.sqlite-wal`` or catch a page half written.

The copy is written beside its destination under a temporary name, checked
(``PRAGMA integrity_check``), made readable by its owner only and then renamed into
place; an existing file is never overwritten. A PostgreSQL store is backed up with
``pg_dump`` (docs/deploy.md).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from civicnb.errors import StoreError, UsageError

__all__ = ["backup_sqlite", "sqlite_path"]


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite store (a path or an ``sqlite:///`` URL); None for another
    database (PostgreSQL)."""
    if "://" not in url:
        return Path(url)
    from civicnb.store.engine import normalise_url

    parsed = normalise_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


def backup_sqlite(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path:
    """Copy the SQLite store ``source`` into the new file ``dest`` with SQLite's online
    backup; return ``dest``. Safe while the store is being written."""
    src = Path(source)
    out = Path(dest)
    if not src.is_file():
        raise StoreError(f"no SQLite store at {src}: check the workspace (`civicnb list`)")
    if out.exists():
        raise UsageError(f"{out} exists already: choose a new file name for the backup")
    if not out.parent.is_dir():
        raise UsageError(f"no folder {out.parent}: create it first, or choose another place")
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        reader = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=30)
        try:
            writer = sqlite3.connect(tmp)
            try:
                reader.backup(writer, pages=1024)
                # a self-contained file: no WAL beside it
                writer.execute("PRAGMA journal_mode=DELETE")
                status = writer.execute("PRAGMA integrity_check").fetchone()
            finally:
                writer.close()
        finally:
            reader.close()
        if not status or status[0] != "ok":
            raise StoreError(f"the backup of {src} failed its integrity check: {status}")
        if out.exists():
            raise UsageError(f"{out} exists already: choose a new file name for the backup")
        os.replace(tmp, out)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot back up {src}: {exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return out
