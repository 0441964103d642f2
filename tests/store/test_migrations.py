"""Migrations: the shipped Alembic scripts build exactly ``schema.py``; the store
refuses databases it does not know."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import civicnb.store.migrate as migrate
from civicnb.errors import StoreError
from civicnb.store import Store, head_revision, make_engine, open_store
from civicnb.store.schema import metadata


def _diffs(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(ctx, metadata))
    finally:
        engine.dispose()


def test_upgraded_database_matches_schema(store: Store, store_url: str) -> None:
    assert _diffs(store_url) == []
    engine = make_engine(store_url)
    try:
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == head_revision()
            names = set(sa.inspect(conn).get_table_names())
        assert names == set(metadata.tables) | {"alembic_version"}
    finally:
        engine.dispose()


def test_downgrade_and_upgrade_again(store: Store, store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "base")
        with engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    with open_store(store_url, create=True) as st:
        assert st.localities() == []
    assert _diffs(store_url) == []


def test_upgrade_from_0001_keeps_the_data(store: Store, store_url: str) -> None:
    """A workspace made before the workshop tables (0001) upgrades to head with
    ``civicnb init`` and keeps everything it had."""
    from civicnb.records import Celebration

    from .conftest import canonical, sample_records

    rec = sample_records()
    old = dataclasses.replace(rec, celebrations=())
    store.import_locality(old)
    store.close()
    engine = make_engine(store_url)
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0001")
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == "0001"
            assert "celebrations" not in sa.inspect(conn).get_table_names()
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="older than this civicnb"):
        open_store(store_url)
    with open_store(store_url, create=True) as st:
        assert canonical(st.export_locality(rec.locality.id)) == canonical(old)
        st.add_celebration(Celebration(rec.locality.id, rec.rounds[0].id, "upgraded"))
        assert st.set_reveal(rec.rounds[0].id, "I", True)
    assert _diffs(store_url) == []


def test_create_is_idempotent(store_url: str) -> None:
    for _ in range(3):
        with open_store(store_url, create=True) as st:
            assert st.localities() == []


def test_missing_sqlite_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "civicnb.sqlite"
    with pytest.raises(StoreError, match=r"run `civicnb init` first"):
        open_store(path)
    assert not path.exists() and not path.parent.exists()
    with open_store(path, create=True):
        pass
    assert path.exists()


def test_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        open_store(tmp_path)


def test_in_memory_refused() -> None:
    with pytest.raises(StoreError, match="file path"):
        open_store("sqlite://")


def test_uninitialised_database_refused(store_url: str) -> None:
    if "://" not in store_url:  # SQLite: an empty file
        Path(store_url).parent.mkdir(parents=True, exist_ok=True)
        Path(store_url).touch()
    with pytest.raises(StoreError, match=r"run `civicnb init` first"):
        open_store(store_url)


def _set_revision(url: str, rev: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": rev})
    finally:
        engine.dispose()


def test_newer_database_refused(store: Store, store_url: str) -> None:
    store.close()
    _set_revision(store_url, "9999_from_the_future")
    for create in (False, True):
        with pytest.raises(StoreError, match="newer than this civicnb") as info:
            open_store(store_url, create=create)
        assert "9999_from_the_future" in str(info.value)
        assert "\n" not in str(info.value)


def test_tables_without_revision_refused(store: Store, store_url: str) -> None:
    store.close()
    engine = make_engine(store_url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE alembic_version"))
    engine.dispose()
    with pytest.raises(StoreError, match="no schema revision"):
        open_store(store_url, create=True)


def test_older_database_needs_init(
    store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    # pretend this civicnb knows a newer head than the database's revision
    monkeypatch.setattr(migrate, "HEAD", "0099")
    monkeypatch.setattr(migrate, "head_revision", lambda: "0099")
    monkeypatch.setattr(
        migrate, "known_revisions", lambda: {"0001", "0002", "0003", "0004", "0005", "0099"}
    )
    with pytest.raises(StoreError, match=r"older than this civicnb.*civicnb init"):
        open_store(store_url)


def test_password_not_shown(tmp_path: Path) -> None:
    url = "postgresql://user:s3cret@127.0.0.1:1/nodb"
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert "s3cret" not in str(info.value)


def test_migrations_ship_inside_the_package() -> None:
    cfg = migrate.alembic_config()
    assert cfg.config_file_name is None
    assert cfg.get_main_option("script_location") == "civicnb.store:migrations"
    versions = Path(migrate.__file__).parent / "migrations" / "versions"
    initial = (versions / "0001_initial.py").read_text(encoding="utf-8")
    assert ".create_all(" not in initial and "op.create_table" in initial
    assert migrate.known_revisions() == {"0001", "0002", "0003", "0004", "0005"}
    for script in versions.glob("0*.py"):
        assert ".create_all(" not in script.read_text(encoding="utf-8"), script.name
    assert migrate.head_revision() == migrate.HEAD  # keep HEAD in step with versions/


def test_store_does_not_import_jupyter() -> None:
    code = (
        "import sys, civicnb.store\n"
        "assert 'alembic' not in sys.modules\n"
        "bad = [m for m in ('ipywidgets', 'papermill', 'voila', 'nbclient', 'IPython')"
        " if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
