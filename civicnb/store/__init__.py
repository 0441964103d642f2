"""Persistence for civicnb (SQLAlchemy Core): an SQLite file in the workspace by
default, PostgreSQL by URL. See ``docs/store.md``.

>>> from civicnb.store import open_store                          # doctest: +SKIP
>>> with open_store("civicnb-workspace/civicnb.sqlite", create=True) as store:
...     print(store.localities())                                   # doctest: +SKIP
"""

from civicnb.store.engine import make_engine, normalise_url
from civicnb.store.migrate import head_revision
from civicnb.store.schema import metadata
from civicnb.store.store import Store, open_store

__all__ = ["Store", "head_revision", "make_engine", "metadata", "normalise_url", "open_store"]
