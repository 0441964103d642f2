"""The store's deliberation records: valued outcomes, and the activities, actions and
assets that serve them (linked to outcomes through link tables)."""

from __future__ import annotations

from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from civicnb.errors import InputError
from civicnb.records import Action, Activity, Asset, Outcome, OutcomeReading
from civicnb.store import schema as s
from civicnb.store.base import StoreBase, dedupe
from civicnb.store.mapping import ACTION, ACTIVITY, ASSET, OUTCOME, OUTCOME_READING, Mapping

__all__ = ["PlanningMixin"]

T = TypeVar("T")


class PlanningMixin(StoreBase):
    """Outcomes, activities, actions and assets."""

    # --- outcomes, activities, actions, assets --------------------------------------

    def save_outcome(self, o: Outcome) -> Outcome:
        """Insert or update (by id) a valued outcome."""
        values = OUTCOME.values(o)

        def _do(conn: Connection) -> Outcome:
            self._require_locality(conn, o.locality_id, "the outcome")
            self._same_locality(conn, s.outcomes, o.id, o.locality_id, "outcome")
            update = [k for k in values if k not in ("id", "locality_id")]
            return OUTCOME.from_row(self._upsert(conn, s.outcomes, values, ("id",), update))

        return self._write(_do)

    def outcomes(self, locality_id: str) -> list[Outcome]:
        """The locality's valued outcomes, by category then title."""
        t = s.outcomes
        rows = self._read(
            lambda c: list(c.execute(sa.select(t).where(t.c.locality_id == locality_id)))
        )
        return sorted((OUTCOME.from_row(r) for r in rows), key=OUTCOME.order)

    def delete_outcome(self, outcome_id: str) -> bool:
        """Delete an outcome (and its links from activities, actions and assets)."""
        return self._delete(s.outcomes, outcome_id)

    def save_outcome_reading(self, r: OutcomeReading) -> OutcomeReading:
        """Insert or update an outcome's indicator value in a round (one per outcome
        and round; keeps the first id)."""
        values = OUTCOME_READING.values(r)

        def _do(conn: Connection) -> OutcomeReading:
            loc = self._require_open_round(conn, r.round_id, "the indicator value")
            row = conn.execute(
                sa.select(s.outcomes.c.locality_id).where(s.outcomes.c.id == r.outcome_id)
            ).first()
            if row is None or row.locality_id != loc:
                raise InputError("the indicator value's outcome is not of the round's locality")
            return OUTCOME_READING.from_row(
                self._upsert(
                    conn,
                    s.outcome_readings,
                    values,
                    ("round_id", "outcome_id"),
                    ("value", "recorded_by"),
                )
            )

        return self._write(_do)

    def outcome_readings(self, locality_id: str) -> list[OutcomeReading]:
        """The indicator values recorded for the locality's outcomes, round by round."""
        t, o = s.outcome_readings, s.outcomes
        q = sa.select(t).join(o, o.c.id == t.c.outcome_id).where(o.c.locality_id == locality_id)
        rows = self._read(lambda c: list(c.execute(q)))
        return sorted((OUTCOME_READING.from_row(r) for r in rows), key=OUTCOME_READING.order)

    def _save_linked(self, conn: Connection, m: Mapping[T], rec: T, what: str) -> T:
        """Insert or update (by id) a record with outcome links; its links are replaced."""
        values = m.values(rec)
        locality_id: str = values["locality_id"]
        table = m.table
        self._require_locality(conn, locality_id, f"the {what}")
        self._same_locality(conn, table, values["id"], locality_id, what)
        links = dedupe(getattr(rec, m.link_field))
        self._check_outcomes(conn, locality_id, links, f"the {what}")
        update = [k for k in values if k not in ("id", "locality_id", "created_at")]
        row = self._upsert(conn, table, values, ("id",), update)
        self._replace_links(conn, m, values["id"], links)
        return m.from_row(row, links)

    def save_activity(self, a: Activity) -> Activity:
        """Insert or update (by id) an activity; its outcome links are replaced."""

        def _do(conn: Connection) -> Activity:
            return self._save_linked(conn, ACTIVITY, a, "activity")

        return self._write(_do)

    def activities(self, locality_id: str) -> list[Activity]:
        """The locality's activities, by title."""
        return sorted(self._linked(ACTIVITY, locality_id), key=ACTIVITY.order)

    def delete_activity(self, activity_id: str) -> bool:
        return self._delete(s.activities, activity_id)

    def save_action(self, a: Action) -> Action:
        """Insert or update (by id) an action; its outcome links are replaced. An
        existing action keeps its created_at."""

        def _do(conn: Connection) -> Action:
            if a.round_id is not None:
                loc = self._require_round(conn, a.round_id, "the action")
                if loc != a.locality_id:
                    raise InputError("the action's round belongs to another locality")
            return self._save_linked(conn, ACTION, a, "action")

        return self._write(_do)

    def actions(self, locality_id: str) -> list[Action]:
        """The locality's actions, oldest first."""
        return sorted(self._linked(ACTION, locality_id), key=ACTION.order)

    def delete_action(self, action_id: str) -> bool:
        return self._delete(s.actions, action_id)

    def save_asset(self, a: Asset) -> Asset:
        """Insert or update (by id) a local asset; its outcome links are replaced."""

        def _do(conn: Connection) -> Asset:
            return self._save_linked(conn, ASSET, a, "asset")

        return self._write(_do)

    def assets(self, locality_id: str) -> list[Asset]:
        """The locality's assets, by category then description."""
        return sorted(self._linked(ASSET, locality_id), key=ASSET.order)

    def delete_asset(self, asset_id: str) -> bool:
        return self._delete(s.assets, asset_id)

    def _linked(self, m: Mapping[T], locality_id: str) -> list[T]:
        t = m.table

        def _do(conn: Connection) -> list[T]:
            rows = list(conn.execute(sa.select(t).where(t.c.locality_id == locality_id)))
            return self._linked_records(conn, m, rows)

        return self._read(_do)
