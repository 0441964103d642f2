"""The store's workspace-level settings (a key/value table: the facilitator key hash,
sessions, reveal snapshots…), and the scrub after an erasure."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from civicnb.errors import InputError
from civicnb.store import schema as s
from civicnb.store.base import StoreBase

__all__ = ["SettingsMixin"]


class SettingsMixin(StoreBase):
    """Settings (key -> text)."""

    # --- settings --------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        """A workspace-level setting (e.g. the facilitator key hash), or None."""
        t = s.settings
        value = self._read(lambda c: c.execute(sa.select(t.c.value).where(t.c.key == key)).scalar())
        return None if value is None else str(value)

    @staticmethod
    def _check_setting(key: str, value: str) -> None:
        if not isinstance(key, str) or not key or len(key) > 128:
            raise InputError("a setting name must be 1 to 128 characters")
        if not isinstance(value, str) or "\x00" in value:
            raise InputError(f"the value of setting {key!r} must be text without NUL characters")

    def set_setting(self, key: str, value: str) -> None:
        self._check_setting(key, value)
        self._write(
            lambda c: self._upsert(
                c, s.settings, {"key": key, "value": value}, ("key",), ("value",)
            )
        )

    def add_setting(self, key: str, value: str) -> bool:
        """Set ``key`` only if no setting has that name yet; True if it was added. Two
        writers adding the same key at once (two processes, two servers on one
        PostgreSQL) get True once: the database's unique key decides, inside a
        :meth:`transaction` too (the second waits for the first to commit)."""
        self._check_setting(key, value)
        t = s.settings

        def add(c: sa.Connection) -> bool:
            stmt = self._insert(c)(t).values(key=key, value=value)
            stmt = stmt.on_conflict_do_nothing(index_elements=["key"]).returning(t.c.key)
            return c.execute(stmt).first() is not None  # (rowcount is not reliable here)

        return self._write(add)

    def delete_setting(self, key: str) -> bool:
        t = s.settings
        return self._write(lambda c: c.execute(sa.delete(t).where(t.c.key == key)).rowcount > 0)

    def scrub(self) -> None:
        """After an erasure: SQLite overwrites deleted rows (``secure_delete``), but
        their old pages stay in the write-ahead log until a checkpoint; move the log
        into the database and empty it (best effort: a reader still open elsewhere
        may delay it to the next checkpoint). PostgreSQL: nothing here (its
        ``VACUUM`` reclaims deleted rows; see docs/privacy.md)."""
        if self.dialect != "sqlite":
            return
        try:
            with self._engine.connect() as c:
                c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except DBAPIError:  # pragma: no cover - busy: the next checkpoint does it
            pass

    def settings_with_prefix(self, prefix: str) -> dict[str, str]:
        """Every setting whose name starts with ``prefix`` (e.g. one per participant),
        by name. A prefix query: the other settings are not read."""
        if not isinstance(prefix, str) or not prefix or len(prefix) > 128:
            raise InputError("a setting prefix must be 1 to 128 characters")
        t = s.settings
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._read(
            lambda c: list(
                c.execute(
                    sa.select(t.c.key, t.c.value).where(t.c.key.like(escaped + "%", escape="\\"))
                )
            )
        )
        found = ((str(r.key), str(r.value)) for r in rows)
        return dict(sorted((k, v) for k, v in found if k.startswith(prefix)))
