"""The store's localities, their rounds, their organisations and their participants."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from civicnb.errors import ConflictError, InputError, NotFoundError
from civicnb.records import Locality, Organisation, Participant, Round, Side
from civicnb.store import schema as s
from civicnb.store.base import StoreBase
from civicnb.store.mapping import LOCALITY, ORGANISATION, PARTICIPANT, ROUND

__all__ = ["LocalitiesMixin"]


class LocalitiesMixin(StoreBase):
    """Localities, rounds, organisations and participants."""

    # --- localities ------------------------------------------------------------------

    def add_locality(self, loc: Locality) -> Locality:
        """Add a new locality. ConflictError if its slug or id is taken."""

        def _do(conn: Connection) -> Locality:
            self._locality_conflicts(conn, loc, exclude_id=None)
            if self._exists(conn, s.localities, loc.id):
                raise ConflictError(f"a locality with id {loc.id!r} exists already")
            conn.execute(sa.insert(s.localities).values(**LOCALITY.values(loc)))
            return loc

        return self._write(_do)

    def update_locality(self, loc: Locality) -> Locality:
        """Change a locality's name, slug, country, language, edition or min_group (by id)."""

        def _do(conn: Connection) -> Locality:
            self._locality_conflicts(conn, loc, exclude_id=loc.id)
            values = LOCALITY.values(loc)
            del values["id"], values["created_at"]
            res = conn.execute(
                sa.update(s.localities).where(s.localities.c.id == loc.id).values(**values)
            )
            if res.rowcount == 0:
                raise NotFoundError("locality", loc.slug, self._slugs(conn))
            row = conn.execute(sa.select(s.localities).where(s.localities.c.id == loc.id)).one()
            return LOCALITY.from_row(row)

        return self._write(_do)

    def get_locality(self, slug_or_id: str) -> Locality:
        """The locality with this slug (or id). NotFoundError suggests a close slug."""

        def _do(conn: Connection) -> Locality:
            row = self._find_locality(conn, slug_or_id)
            if row is None:
                raise NotFoundError(
                    "locality", slug_or_id, self._slugs(conn), hint="`civicnb list` shows them all"
                )
            return LOCALITY.from_row(row)

        return self._read(_do)

    def localities(self) -> list[Locality]:
        """All localities, by name."""
        rows = self._read(lambda c: list(c.execute(sa.select(s.localities))))
        return sorted((LOCALITY.from_row(r) for r in rows), key=LOCALITY.order)

    def delete_locality(self, slug_or_id: str) -> None:
        """Delete a locality and everything recorded for it."""

        def _do(conn: Connection) -> None:
            row = self._find_locality(conn, slug_or_id)
            if row is None:
                raise NotFoundError("locality", slug_or_id, self._slugs(conn))
            where = s.localities.c.id == row.id
            self._drop_round_settings(conn, self._locality_round_ids(conn, where))
            conn.execute(sa.delete(s.localities).where(where))

        self._write(_do)

    # --- rounds ----------------------------------------------------------------------

    def add_round(self, r: Round) -> Round:
        """Add a round to a locality. ConflictError if the label is taken there."""

        def _do(conn: Connection) -> Round:
            self._require_locality(conn, r.locality_id, "the round")
            t = s.rounds
            clash = conn.execute(
                sa.select(t.c.id).where(t.c.locality_id == r.locality_id, t.c.label == r.label)
            ).first()
            if clash is not None:
                raise ConflictError(f"this locality already has a round labelled {r.label!r}")
            if self._exists(conn, t, r.id):
                raise ConflictError(f"a round with id {r.id!r} exists already")
            conn.execute(sa.insert(t).values(**ROUND.values(r)))
            return r

        return self._write(_do)

    def rounds(self, locality_id: str) -> list[Round]:
        """The locality's rounds, by position (baseline first)."""
        t = s.rounds
        rows = self._read(
            lambda c: list(c.execute(sa.select(t).where(t.c.locality_id == locality_id)))
        )
        return sorted((ROUND.from_row(r) for r in rows), key=ROUND.order)

    def get_round(self, locality_id: str, label_or_id: str) -> Round:
        """A round of the locality by label (or id); NotFoundError suggests a label."""
        t = s.rounds

        def _do(conn: Connection) -> Round:
            rows = [
                ROUND.from_row(r)
                for r in conn.execute(sa.select(t).where(t.c.locality_id == locality_id))
            ]
            for rd in rows:
                if rd.label == label_or_id:
                    return rd
            for rd in rows:
                if rd.id == label_or_id:
                    return rd
            raise NotFoundError(
                "round", label_or_id, [rd.label for rd in sorted(rows, key=ROUND.order)]
            )

        return self._read(_do)

    def delete_round(self, round_id: str) -> bool:
        """Delete a round and its ratings, joint ratings, harvest notes, attendance and
        reveal snapshots."""

        def _do(conn: Connection) -> bool:
            self._drop_round_settings(conn, [round_id])
            return conn.execute(sa.delete(s.rounds).where(s.rounds.c.id == round_id)).rowcount > 0

        return self._write(_do)

    # --- organisations ---------------------------------------------------------------

    def add_organisation(self, o: Organisation) -> Organisation:
        """Add an organisation to a locality's side. ConflictError if that side has one
        of the same name (whatever its case) or the id is taken."""

        def _do(conn: Connection) -> Organisation:
            self._require_locality(conn, o.locality_id, "the organisation")
            t = s.organisations
            names = conn.execute(
                sa.select(t.c.name).where(
                    t.c.locality_id == o.locality_id, t.c.side == o.side.value
                )
            ).scalars()
            if any(n.casefold() == o.name.casefold() for n in names):
                raise ConflictError(
                    f"this locality already has an organisation {o.name!r} on that side"
                )
            if self._exists(conn, t, o.id):
                raise ConflictError(f"an organisation with id {o.id!r} exists already")
            conn.execute(sa.insert(t).values(**ORGANISATION.values(o)))
            return o

        return self._write(_do)

    def organisations(self, locality_id: str, side: Side | None = None) -> list[Organisation]:
        """The locality's organisations (of one side, if given), by side then name."""
        t = s.organisations
        rows = self._read(
            lambda c: list(c.execute(sa.select(t).where(t.c.locality_id == locality_id)))
        )
        found = [ORGANISATION.from_row(r) for r in rows]
        return sorted((o for o in found if side is None or o.side is side), key=ORGANISATION.order)

    def delete_organisation(self, organisation_id: str) -> bool:
        """Delete an organisation (its participants keep their answers, with no
        organisation)."""
        return self._delete(s.organisations, organisation_id)

    @staticmethod
    def _check_organisations(conn: Connection, p: Participant) -> None:
        """InputError unless the participant's organisations belong to their locality,
        their own on their side and the one they rate on another side."""
        t = s.organisations
        for org_id, own in ((p.organisation_id, True), (p.rates_organisation_id, False)):
            if org_id is None:
                continue
            row = conn.execute(sa.select(t.c.locality_id, t.c.side).where(t.c.id == org_id)).first()
            if row is None or row.locality_id != p.locality_id:
                raise InputError("that organisation is not one of this locality's")
            if own and row.side != p.side.value:
                raise InputError("a participant's organisation must be of their own side")
            if not own and row.side == p.side.value:
                raise InputError("the organisation a participant rates must be of the other side")

    # --- participants ----------------------------------------------------------------

    def add_participant(self, p: Participant) -> Participant:
        def _do(conn: Connection) -> Participant:
            self._require_locality(conn, p.locality_id, "the participant")
            self._check_organisations(conn, p)
            if self._exists(conn, s.participants, p.id):
                raise ConflictError(f"a participant with id {p.id!r} exists already")
            conn.execute(sa.insert(s.participants).values(**PARTICIPANT.values(p)))
            return p

        return self._write(_do)

    def update_participant(self, p: Participant) -> Participant:
        """Change a participant's side, name, consent to be named, organisation, role or
        the organisation they rate (by id)."""
        t = s.participants

        def _do(conn: Connection) -> Participant:
            self._check_organisations(conn, p)
            res = conn.execute(
                sa.update(t)
                .where(t.c.id == p.id, t.c.locality_id == p.locality_id)
                .values(
                    side=p.side.value,
                    name=p.name,
                    named=p.named,
                    organisation_id=p.organisation_id,
                    role=p.role,
                    rates_organisation_id=p.rates_organisation_id,
                )
            )
            if res.rowcount == 0:
                raise NotFoundError("participant", p.id)
            return PARTICIPANT.from_row(conn.execute(sa.select(t).where(t.c.id == p.id)).one())

        return self._write(_do)

    def participants(self, locality_id: str) -> list[Participant]:
        """The locality's participants, in the order they joined."""
        t = s.participants
        rows = self._read(
            lambda c: list(c.execute(sa.select(t).where(t.c.locality_id == locality_id)))
        )
        return sorted((PARTICIPANT.from_row(r) for r in rows), key=PARTICIPANT.order)

    def get_participant(self, participant_id: str) -> Participant:
        t = s.participants
        row = self._read(lambda c: c.execute(sa.select(t).where(t.c.id == participant_id)).first())
        if row is None:
            raise NotFoundError("participant", participant_id)
        return PARTICIPANT.from_row(row)

    def delete_participant(self, participant_id: str) -> bool:
        """Delete a participant and their ratings."""
        return self._delete(s.participants, participant_id)
