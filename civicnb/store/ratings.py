"""The store's ratings: each participant's answers, and the agreed (joint) ratings of pairs."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from civicnb.errors import CivicnbError, ConflictError, InputError, RoundClosedError
from civicnb.records import JointRating, Rating, utcnow
from civicnb.store import schema as s
from civicnb.store.base import StoreBase
from civicnb.store.mapping import JOINT_RATING, RATING

__all__ = ["RatingsMixin"]


class RatingsMixin(StoreBase):
    """Ratings and agreed ratings."""

    # --- ratings ---------------------------------------------------------------------

    def save_rating(self, r: Rating) -> Rating:
        """Insert or update the participant's answer to the question in the round.

        One statement (INSERT ... ON CONFLICT DO UPDATE): an existing answer keeps its
        id and created_at; score, don't know, note and 'what would help' are replaced
        and updated_at is set to now. Returns the stored record.
        """
        now = utcnow()
        values = RATING.values(r)
        values["updated_at"] = now

        def _do(conn: Connection) -> Rating:
            self._require_open_round(conn, r.round_id, "the rating")
            row = self._upsert(
                conn,
                s.ratings,
                values,
                ("round_id", "participant_id", "question_id"),
                ("score", "dont_know", "note", "would_help", "updated_at"),
            )
            return RATING.from_row(row)

        try:
            return self._write(_do)
        except RoundClosedError:
            raise
        except InputError:
            raise self._explain_rating(r) from None

    def _explain_rating(self, r: Rating) -> CivicnbError:
        def _do(conn: Connection) -> CivicnbError:
            rd = conn.execute(
                sa.select(s.rounds.c.locality_id).where(s.rounds.c.id == r.round_id)
            ).first()
            if rd is None:
                return InputError(
                    f"the rating refers to a round that does not exist (id {r.round_id!r})"
                )
            p = conn.execute(
                sa.select(s.participants.c.locality_id).where(
                    s.participants.c.id == r.participant_id
                )
            ).first()
            if p is None:
                return InputError(
                    "the rating refers to a participant who does not exist "
                    f"(id {r.participant_id!r})"
                )
            if self._exists(conn, s.ratings, r.id):
                return ConflictError(f"rating id {r.id!r} is already used by another answer")
            return InputError("the rating could not be stored: it refers to unknown records")

        return self._read(_do)

    def ratings(
        self,
        *,
        round_id: str | None = None,
        locality_id: str | None = None,
        participant_id: str | None = None,
    ) -> list[Rating]:
        """Ratings matching every filter given (all ratings when none is), ordered by
        round id, participant id and question id."""
        t = s.ratings
        q = sa.select(t)
        if round_id is not None:
            q = q.where(t.c.round_id == round_id)
        if participant_id is not None:
            q = q.where(t.c.participant_id == participant_id)
        if locality_id is not None:
            q = q.join(s.rounds, s.rounds.c.id == t.c.round_id).where(
                s.rounds.c.locality_id == locality_id
            )
        rows = self._read(lambda c: list(c.execute(q)))
        return sorted((RATING.from_row(r) for r in rows), key=RATING.order)

    def delete_rating(self, round_id: str, participant_id: str, question_id: str) -> bool:
        """Delete one answer; True if there was one."""
        t = s.ratings

        def _do(conn: Connection) -> bool:
            res = conn.execute(
                sa.delete(t).where(
                    t.c.round_id == round_id,
                    t.c.participant_id == participant_id,
                    t.c.question_id == question_id,
                )
            )
            return res.rowcount > 0

        return self._write(_do)

    # --- joint ratings ---------------------------------------------------------------

    def save_joint_rating(self, j: JointRating) -> JointRating:
        """Insert or update the agreed rating of a pair in a round (keeps the first id;
        updated_at is set to now). Returns the stored record."""
        values = JOINT_RATING.values(j)
        values["updated_at"] = utcnow()

        def _do(conn: Connection) -> JointRating:
            self._require_open_round(conn, j.round_id, "the agreed rating")
            row = self._upsert(
                conn,
                s.joint_ratings,
                values,
                ("round_id", "pair_id"),
                ("score", "narrative", "updated_at", "recorded_by"),
            )
            return JOINT_RATING.from_row(row)

        return self._write(_do)

    def joint_ratings(self, round_id: str) -> list[JointRating]:
        """The round's agreed ratings, by pair id."""
        t = s.joint_ratings
        rows = self._read(lambda c: list(c.execute(sa.select(t).where(t.c.round_id == round_id))))
        return sorted((JOINT_RATING.from_row(r) for r in rows), key=JOINT_RATING.order)

    def delete_joint_rating(self, round_id: str, pair_id: str) -> bool:
        t = s.joint_ratings

        def _do(conn: Connection) -> bool:
            res = conn.execute(sa.delete(t).where(t.c.round_id == round_id, t.c.pair_id == pair_id))
            return res.rowcount > 0

        return self._write(_do)
