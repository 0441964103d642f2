"""Alembic environment for civicnb's store.

civicnb runs its migrations programmatically (``civicnb.store.migrate``): it passes an
open connection, already inside a write transaction, in ``config.attributes
["connection"]``. Run from the alembic command line instead (developers:
``alembic -x url=sqlite:///path.sqlite upgrade head`` with a config whose
``script_location`` is ``civicnb.store:migrations``), it makes its own engine.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from civicnb.store.engine import make_engine
from civicnb.store.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("give the database: alembic -x url=... upgrade head")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    context.configure(url=url, target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
