"""The store's co-facilitators: a name and the hash of their key per locality.

The keys themselves are never stored (see :mod:`civicnb.workshop.facilitators`, which
makes them and checks them); revoking a facilitator keeps the row (who recorded what
stays readable) and makes the key open nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from civicnb.errors import ConflictError, NotFoundError
from civicnb.records import Facilitator, utcnow
from civicnb.store import schema as s
from civicnb.store.base import StoreBase
from civicnb.store.mapping import FACILITATOR

__all__ = ["FacilitatorsMixin"]


class FacilitatorsMixin(StoreBase):
    """Named facilitator keys of localities."""

    def add_facilitator(self, f: Facilitator) -> Facilitator:
        """Add a facilitator. ConflictError if the locality has an active facilitator
        of the same name (whatever its case)."""

        def _do(conn: Connection) -> Facilitator:
            self._require_locality(conn, f.locality_id, "the facilitator")
            t = s.facilitators
            names = conn.execute(
                sa.select(t.c.name).where(
                    t.c.locality_id == f.locality_id, t.c.revoked_at.is_(None)
                )
            ).scalars()
            if any(n.casefold() == f.name.casefold() for n in names):
                raise ConflictError(
                    f"this locality already has a facilitator called {f.name!r}: "
                    "give another name (or revoke that one's key first)"
                )
            conn.execute(sa.insert(t).values(**FACILITATOR.values(f)))
            return f

        return self._write(_do)

    def facilitators(self, locality_id: str, *, active: bool = False) -> list[Facilitator]:
        """The locality's facilitators (only those not revoked, with ``active``)."""
        t = s.facilitators
        q = sa.select(t).where(t.c.locality_id == locality_id)
        if active:
            q = q.where(t.c.revoked_at.is_(None))
        rows = self._read(lambda c: list(c.execute(q)))
        return sorted((FACILITATOR.from_row(r) for r in rows), key=FACILITATOR.order)

    def facilitator_by_hash(self, key_hash: str) -> Facilitator | None:
        """The active facilitator whose key has this hash, or None."""
        t = s.facilitators
        row = self._read(
            lambda c: c.execute(
                sa.select(t).where(t.c.key_hash == key_hash, t.c.revoked_at.is_(None))
            ).first()
        )
        return None if row is None else FACILITATOR.from_row(row)

    def revoke_facilitator(self, facilitator_id: str) -> Facilitator:
        """Revoke a facilitator's key (kept revoked if it was already)."""
        t = s.facilitators

        def _do(conn: Connection) -> Facilitator:
            row = conn.execute(sa.select(t).where(t.c.id == facilitator_id)).first()
            if row is None:
                raise NotFoundError("facilitator", facilitator_id)
            if row.revoked_at is None:
                conn.execute(
                    sa.update(t).where(t.c.id == facilitator_id).values(revoked_at=utcnow())
                )
            return FACILITATOR.from_row(
                conn.execute(sa.select(t).where(t.c.id == facilitator_id)).one()
            )

        return self._write(_do)
