"""The store's tables (SQLAlchemy Core).

One table per record type of :mod:`civicnb.records`, plus link tables for the
many-to-many "serves this outcome" relations and a ``settings`` key/value table for
workspace-level values (e.g. the facilitator key hash).

Everything of a locality hangs off ``localities`` with ``ON DELETE CASCADE``: deleting
a locality deletes its rounds, participants, ratings, deliberation records and links.

This module is the *target* schema. The database is created and upgraded by the
Alembic migrations in ``civicnb/store/migrations/versions/`` (written out explicitly);
a test checks that a database upgraded to head matches this metadata exactly.
"""

from __future__ import annotations

import sqlalchemy as sa

from civicnb.store.types import UTCDateTime

__all__ = [
    "action_outcomes",
    "actions",
    "activities",
    "activity_outcomes",
    "asset_outcomes",
    "assets",
    "attendance",
    "celebrations",
    "facilitators",
    "harvest_notes",
    "joint_ratings",
    "localities",
    "metadata",
    "network_consent",
    "organisations",
    "outcome_readings",
    "outcomes",
    "participants",
    "ratings",
    "reveals",
    "rounds",
    "settings",
]

ID = 64
"""Length of every id column (the model allows ids of at most 64 characters)."""

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def _id() -> sa.Column[str]:
    return sa.Column("id", sa.String(ID), primary_key=True)


def _recorded_by() -> sa.Column[str]:
    return sa.Column("recorded_by", sa.Text, nullable=False, server_default="")


def _fk(
    name: str, target: str, *, nullable: bool = False, ondelete: str = "CASCADE"
) -> sa.Column[str]:
    return sa.Column(
        name,
        sa.String(ID),
        sa.ForeignKey(target, ondelete=ondelete),
        nullable=nullable,
        index=True,
    )


localities = sa.Table(
    "localities",
    metadata,
    _id(),
    sa.Column("slug", sa.String(60), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.Text, nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("edition", sa.String(ID), nullable=False),
    sa.Column("min_group", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

rounds = sa.Table(
    "rounds",
    metadata,
    _id(),
    _fk("locality_id", "localities.id"),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("date", sa.Date, nullable=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.UniqueConstraint("locality_id", "label"),
)

organisations = sa.Table(
    "organisations",
    metadata,
    _id(),
    _fk("locality_id", "localities.id"),
    sa.Column("side", sa.String(8), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
)

participants = sa.Table(
    "participants",
    metadata,
    _id(),
    _fk("locality_id", "localities.id"),
    sa.Column("side", sa.String(8), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("named", sa.Boolean, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    _fk("organisation_id", "organisations.id", nullable=True, ondelete="SET NULL"),
    sa.Column("role", sa.String(16), nullable=False, server_default=""),
    _fk("rates_organisation_id", "organisations.id", nullable=True, ondelete="SET NULL"),
)

ratings = sa.Table(
    "ratings",
    metadata,
    _id(),
    # round_id is covered by the unique constraint's leading column: no extra index
    sa.Column(
        "round_id", sa.String(ID), sa.ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False
    ),
    _fk("participant_id", "participants.id"),
    sa.Column("question_id", sa.String(ID), nullable=False),
    sa.Column("score", sa.Integer, nullable=True),
    sa.Column("dont_know", sa.Boolean, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("would_help", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("round_id", "participant_id", "question_id"),
)

joint_ratings = sa.Table(
    "joint_ratings",
    metadata,
    _id(),
    sa.Column(
        "round_id", sa.String(ID), sa.ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("pair_id", sa.String(ID), nullable=False),
    sa.Column("score", sa.Integer, nullable=True),
    sa.Column("narrative", sa.Text, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    _recorded_by(),
    sa.UniqueConstraint("round_id", "pair_id"),
)

outcomes = sa.Table(
    "outcomes",
    metadata,
    _id(),
    _fk("locality_id", "localities.id"),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("category", sa.String(16), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("indicator", sa.Text, nullable=False),
    sa.Column("unit", sa.Text, nullable=False),
    sa.Column("baseline", sa.Double, nullable=True),
    sa.Column("target", sa.Double, nullable=True),
    sa.Column("current", sa.Double, nullable=True),
    _recorded_by(),
)

activities = sa.Table(
    "activities",
    metadata,
    _id(),
    _fk("locality_id", "localities.id"),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("lead", sa.Text, nullable=False),
    _recorded_by(),
)

actions = sa.Table(
    "actions",
    metadata,
    _id(),
    _fk("locality_id", "localities.id"),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("strand", sa.String(8), nullable=False),
    sa.Column("owner", sa.Text, nullable=False),
    sa.Column("due", sa.Date, nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    _fk("round_id", "rounds.id", nullable=True, ondelete="SET NULL"),
    sa.Column("screening", sa.JSON, nullable=False),
    sa.Column("screening_notes", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    _recorded_by(),
)

assets = sa.Table(
    "assets",
    metadata,
    _id(),
    _fk("locality_id", "localities.id"),
    sa.Column("category", sa.String(16), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    _recorded_by(),
)


def _link(name: str, owner: str, owner_table: str) -> sa.Table:
    """A link table owner -> outcome; ``position`` keeps the order of ``outcome_ids``."""
    return sa.Table(
        name,
        metadata,
        sa.Column(
            f"{owner}_id",
            sa.String(ID),
            sa.ForeignKey(f"{owner_table}.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "outcome_id",
            sa.String(ID),
            sa.ForeignKey("outcomes.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
    )


activity_outcomes = _link("activity_outcomes", "activity", "activities")
action_outcomes = _link("action_outcomes", "action", "actions")
asset_outcomes = _link("asset_outcomes", "asset", "assets")

harvest_notes = sa.Table(
    "harvest_notes",
    metadata,
    _id(),
    _fk("round_id", "rounds.id"),
    sa.Column("cafe_table", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("cafe_round", sa.Integer, nullable=False),
    sa.Column("themes", sa.JSON, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    _recorded_by(),
)

attendance = sa.Table(
    "attendance",
    metadata,
    _id(),
    _fk("round_id", "rounds.id"),
    sa.Column("stakeholder_group", sa.Text, nullable=False),
    sa.Column("expected", sa.Boolean, nullable=False),
    sa.Column("present", sa.Boolean, nullable=False),
    sa.Column("outreach_note", sa.Text, nullable=False),
    _recorded_by(),
    sa.Column("unheard_note", sa.Text, nullable=False, server_default=""),
)

celebrations = sa.Table(
    "celebrations",
    metadata,
    _id(),
    _fk("locality_id", "localities.id"),
    _fk("round_id", "rounds.id", nullable=True, ondelete="SET NULL"),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    _recorded_by(),
)

outcome_readings = sa.Table(
    "outcome_readings",
    metadata,
    _id(),
    sa.Column(
        "round_id", sa.String(ID), sa.ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False
    ),
    _fk("outcome_id", "outcomes.id"),
    sa.Column("value", sa.Double, nullable=True),
    _recorded_by(),
    sa.UniqueConstraint("round_id", "outcome_id"),
)
"""An outcome's indicator value as it stood in a round."""

facilitators = sa.Table(
    "facilitators",
    metadata,
    _id(),
    _fk("locality_id", "localities.id"),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("key_hash", sa.String(128), nullable=False, unique=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
)
"""Co-facilitators of a locality: a name and the hash of their own key (never the key;
kept out of workbooks)."""

reveals = sa.Table(
    "reveals",
    metadata,
    sa.Column(
        "round_id",
        sa.String(ID),
        sa.ForeignKey("rounds.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("strand_id", sa.String(ID), primary_key=True),
    sa.Column("revealed_at", UTCDateTime, nullable=False),
)
"""Which strands of a round the facilitator has revealed (a row per revealed strand)."""

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(128), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

network_consent = sa.Table(
    "network_consent",
    metadata,
    sa.Column(
        "locality_id",
        sa.String(ID),
        sa.ForeignKey("localities.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("named", sa.Boolean, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
"""Whether a locality lets its network's report name it (no row: it stays anonymous;
``civicnb network-consent``). Kept with the store, not in the workbook: consent is given
to the network that holds the store."""
