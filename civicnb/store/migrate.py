"""Schema migrations: Alembic, shipped inside the package and configured in code.

No ``alembic.ini`` is needed: :func:`alembic_config` points Alembic at
``civicnb.store:migrations`` (a package resource path, so it works from an installed
wheel) and hands it an open connection. :func:`ensure_schema` is what
:func:`civicnb.store.open_store` calls: it checks the database's revision, refuses a
database newer than this civicnb, and with ``create=True`` upgrades it to head inside
one write transaction (taken with ``BEGIN IMMEDIATE`` on SQLite and an advisory lock on
PostgreSQL, so concurrent openers do not race).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from civicnb.errors import StoreError
from civicnb.store.engine import run_write

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = [
    "HEAD",
    "SCRIPT_LOCATION",
    "alembic_config",
    "current_revision",
    "ensure_schema",
    "head_revision",
    "known_revisions",
    "upgrade",
]

SCRIPT_LOCATION = "civicnb.store:migrations"
HEAD = "0005"
"""The newest revision in ``migrations/versions`` (a test keeps the two in step). Opening
an up-to-date store compares against it without importing Alembic at all."""
VERSION_TABLE = "alembic_version"
_PG_LOCK_KEY = 0x63_69_76_69_63_6E_62  # "civicnb": serialises concurrent upgrades


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for civicnb's migrations, optionally bound to ``connection``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this civicnb knows."""
    head = _script().get_current_head()
    if head is None:  # pragma: no cover - the package always ships a revision
        raise StoreError("civicnb ships no schema migrations; the installation is broken")
    return head


def known_revisions() -> set[str]:
    """Every revision this civicnb knows."""
    return {rev.revision for rev in _script().walk_revisions()}


def current_revision(conn: Connection) -> str | None:
    """The database's revision, or None when it has never been migrated."""
    if not sa.inspect(conn).has_table(VERSION_TABLE):
        return None
    rows = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:
        raise StoreError(f"the store has several schema revisions ({', '.join(rows)})")
    return str(rows[0]) if rows else None


def upgrade(conn: Connection, target: str = "head") -> None:
    """Upgrade the database behind ``conn`` (already in a transaction) to ``target``."""
    from alembic import command

    command.upgrade(alembic_config(conn), target)


def _describe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _check(engine: Engine, current: str | None, *, create: bool, conn: Connection) -> bool:
    """True when the database needs upgrading (and may be); raise when it may not."""
    if current == HEAD:
        return False  # the common case: up to date, no need to load Alembic
    head = head_revision()
    if current == head:
        return False
    where = _describe(engine)
    if current is not None and current not in known_revisions():
        raise StoreError(
            f"the store {where} has schema revision {current!r}, newer than this civicnb "
            f"knows (newest: {head!r}); upgrade civicnb (pip install -U civicnb) to use it"
        )
    if current is None:
        tables = set(sa.inspect(conn).get_table_names())
        if "localities" in tables:
            raise StoreError(
                f"the store {where} has civicnb tables but no schema revision; "
                "it was not made by civicnb init and cannot be used"
            )
        if not create:
            raise StoreError(f"no civicnb store at {where}; run `civicnb init` first")
        return True
    if not create:
        raise StoreError(
            f"the store {where} has schema revision {current!r}, older than this civicnb "
            f"({head!r}); run `civicnb init` to upgrade it"
        )
    return True


def ensure_schema(engine: Engine, *, create: bool) -> None:
    """Check (and with ``create``, create or upgrade) the database's schema."""
    with engine.connect() as conn:
        current = current_revision(conn)
        if not _check(engine, current, create=create, conn=conn):
            return

    def _upgrade(conn: Connection) -> None:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
        # re-check under the write lock: another process may have upgraded meanwhile
        if _check(engine, current_revision(conn), create=True, conn=conn):
            upgrade(conn)

    run_write(engine, _upgrade)
