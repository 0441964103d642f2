"""Backing up and restoring a store with the commands docs/deploy.md gives: every record
comes back (civicnb's export of each locality, and every row of every table).

* SQLite: ``civicnb backup FILE`` and the ``sqlite3`` shell's ``.backup``, both taken
  while the store is open with answers still in its write-ahead log (as when
  ``civicnb serve`` runs); restored by copying the file into a new workspace made with
  ``civicnb init``.
* PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --no-owner`` into a new
  database, which ``civicnb init --store URL`` then takes as the workspace's store.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from civicnb.cli import main
from civicnb.records import Rating
from civicnb.store import Store, normalise_url, open_store
from civicnb.workspace import open_workspace

from .conftest import (
    canonical,
    create_pg_database,
    drop_pg_database,
    dump,
    pg_admin_url,
    sample_records,
)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
            pytest.fail(f"{name} is not installed (required on CI)", pytrace=False)
        pytest.skip(f"{name} is not installed")
    return found


def _fill(store: Store) -> None:
    """Two localities, a reveal, settings, and one answer changed after the import."""
    first = store.import_locality(sample_records())
    store.import_locality(sample_records("Villa Ñandú"))
    rec = store.export_locality(first.id)
    rnd, person = max(rec.rounds, key=lambda r: r.position), rec.participants[0]
    store.set_reveal(rnd.id, "I", True)
    store.set_setting("kiosk:abc", '{"p": "x"}')
    store.save_rating(Rating(rnd.id, person.id, "LA-01", score=2, note="después <b>«ya»</b> 🙂"))


def _same(a: Store, b: Store) -> None:
    assert [loc.slug for loc in a.localities()] == [loc.slug for loc in b.localities()]
    for loc in a.localities():
        assert canonical(a.export_locality(loc.slug)) == canonical(b.export_locality(loc.slug))
    assert dump(a) == dump(b)


def _workspace(path: Path, *extra: str) -> Path:
    assert main(["init", "-w", str(path), *extra]) == 0
    return path


def test_sqlite_backup_while_open_and_restore(tmp_path: Path) -> None:
    ws = open_workspace(_workspace(tmp_path / "ws"))
    with ws.open_store() as store:  # open: the last writes are still in the WAL only
        _fill(store)
        assert Path(f"{ws.store_url}-wal").stat().st_size > 0
        out = tmp_path / "backups"
        out.mkdir()
        assert main(["backup", "-w", str(ws.root), str(out / "civicnb.sqlite")]) == 0
        # the sqlite3 shell's online backup, as docs/deploy.md gives it too
        shell = subprocess.run(
            [_tool("sqlite3"), ws.store_url, f".backup '{out / 'shell.sqlite'}'"],
            capture_output=True,
            text=True,
        )
        assert shell.returncode == 0, shell.stderr
        # a backup never overwrites a file
        assert main(["backup", "-w", str(ws.root), str(out / "civicnb.sqlite")]) != 0
        assert (out / "civicnb.sqlite").stat().st_mode & 0o077 == 0
        for backup in ("civicnb.sqlite", "shell.sqlite"):
            fresh = _workspace(tmp_path / f"restored-{backup}")
            shutil.copyfile(out / backup, fresh / "civicnb.sqlite")
            with open_workspace(fresh).open_store() as restored:
                _same(store, restored)
    with sqlite3.connect(out / "civicnb.sqlite") as conn:  # a file on its own, no WAL
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.postgres
def test_backup_of_a_postgresql_store_says_pg_dump(tmp_path: Path) -> None:
    url, name = create_pg_database()
    try:
        ws = _workspace(tmp_path / "ws", "--store", url)
        assert main(["backup", "-w", str(ws), str(tmp_path / "x.sqlite")]) == 2
        assert not (tmp_path / "x.sqlite").exists()
    finally:
        drop_pg_database(name)


def _libpq(url: str) -> str:
    return normalise_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.mark.postgres
def test_pg_dump_and_pg_restore_into_a_new_database(tmp_path: Path) -> None:
    pg_admin_url()
    pg_dump, pg_restore = _tool("pg_dump"), _tool("pg_restore")
    source, source_name = create_pg_database()
    target, target_name = create_pg_database()
    try:
        with open_store(source, create=True) as store:
            _fill(store)
            dump_file = tmp_path / "civicnb.dump"
            subprocess.run(
                [pg_dump, "--format=custom", f"--file={dump_file}", _libpq(source)],
                check=True,
                capture_output=True,
            )
            subprocess.run(
                [pg_restore, "--no-owner", f"--dbname={_libpq(target)}", str(dump_file)],
                check=True,
                capture_output=True,
            )
            # the restored database becomes a workspace's store as it is
            ws = open_workspace(_workspace(tmp_path / "restored", "--store", target))
            with ws.open_store() as restored:
                _same(store, restored)
    finally:
        drop_pg_database(source_name)
        drop_pg_database(target_name)
