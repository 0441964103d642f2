"""The initial schema: localities, rounds, participants, ratings, deliberation records.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written out explicitly (not ``metadata.create_all``) so that later migrations are
diffs against a fixed starting point. ``tests/store/test_migrations.py`` checks that a
database upgraded to head matches ``civicnb/store/schema.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from civicnb.store.types import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 64


def _id() -> sa.Column[str]:
    return sa.Column("id", sa.String(ID), nullable=False)


def _fk_col(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(ID), nullable=nullable)


def _index(table: str, column: str) -> None:
    op.create_index(f"ix_{table}_{column}", table, [column])


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=f"fk_{table}_{column}_{target}",
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "localities",
        _id(),
        sa.Column("slug", sa.String(60), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("edition", sa.String(ID), nullable=False),
        sa.Column("min_group", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_localities"),
        sa.UniqueConstraint("slug", name="uq_localities_slug"),
    )

    op.create_table(
        "settings",
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )

    op.create_table(
        "rounds",
        _id(),
        _fk_col("locality_id"),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rounds"),
        _fk("rounds", "locality_id", "localities"),
        sa.UniqueConstraint("locality_id", "label", name="uq_rounds_locality_id_label"),
    )
    _index("rounds", "locality_id")

    op.create_table(
        "participants",
        _id(),
        _fk_col("locality_id"),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("named", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_participants"),
        _fk("participants", "locality_id", "localities"),
    )
    _index("participants", "locality_id")

    op.create_table(
        "ratings",
        _id(),
        _fk_col("round_id"),
        _fk_col("participant_id"),
        sa.Column("question_id", sa.String(ID), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("dont_know", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("would_help", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ratings"),
        _fk("ratings", "round_id", "rounds"),
        _fk("ratings", "participant_id", "participants"),
        sa.UniqueConstraint(
            "round_id",
            "participant_id",
            "question_id",
            name="uq_ratings_round_id_participant_id_question_id",
        ),
    )
    _index("ratings", "participant_id")

    op.create_table(
        "joint_ratings",
        _id(),
        _fk_col("round_id"),
        sa.Column("pair_id", sa.String(ID), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_joint_ratings"),
        _fk("joint_ratings", "round_id", "rounds"),
        sa.UniqueConstraint("round_id", "pair_id", name="uq_joint_ratings_round_id_pair_id"),
    )

    op.create_table(
        "outcomes",
        _id(),
        _fk_col("locality_id"),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("baseline", sa.Double(), nullable=True),
        sa.Column("target", sa.Double(), nullable=True),
        sa.Column("current", sa.Double(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outcomes"),
        _fk("outcomes", "locality_id", "localities"),
    )
    _index("outcomes", "locality_id")

    op.create_table(
        "activities",
        _id(),
        _fk_col("locality_id"),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("lead", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_activities"),
        _fk("activities", "locality_id", "localities"),
    )
    _index("activities", "locality_id")

    op.create_table(
        "actions",
        _id(),
        _fk_col("locality_id"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("strand", sa.String(8), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        _fk_col("round_id", nullable=True),
        sa.Column("screening", sa.JSON(), nullable=False),
        sa.Column("screening_notes", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_actions"),
        _fk("actions", "locality_id", "localities"),
        _fk("actions", "round_id", "rounds", ondelete="SET NULL"),
    )
    _index("actions", "locality_id")
    _index("actions", "round_id")

    op.create_table(
        "assets",
        _id(),
        _fk_col("locality_id"),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assets"),
        _fk("assets", "locality_id", "localities"),
    )
    _index("assets", "locality_id")

    for link, owner, owner_table in (
        ("activity_outcomes", "activity", "activities"),
        ("action_outcomes", "action", "actions"),
        ("asset_outcomes", "asset", "assets"),
    ):
        op.create_table(
            link,
            _fk_col(f"{owner}_id"),
            _fk_col("outcome_id"),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint(f"{owner}_id", "outcome_id", name=f"pk_{link}"),
            _fk(link, f"{owner}_id", owner_table),
            _fk(link, "outcome_id", "outcomes"),
        )
        _index(link, "outcome_id")

    op.create_table(
        "harvest_notes",
        _id(),
        _fk_col("round_id"),
        sa.Column("cafe_table", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("cafe_round", sa.Integer(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_harvest_notes"),
        _fk("harvest_notes", "round_id", "rounds"),
    )
    _index("harvest_notes", "round_id")

    op.create_table(
        "attendance",
        _id(),
        _fk_col("round_id"),
        sa.Column("stakeholder_group", sa.Text(), nullable=False),
        sa.Column("expected", sa.Boolean(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("outreach_note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_attendance"),
        _fk("attendance", "round_id", "rounds"),
    )
    _index("attendance", "round_id")


def downgrade() -> None:
    for table in (
        "attendance",
        "harvest_notes",
        "asset_outcomes",
        "action_outcomes",
        "activity_outcomes",
        "assets",
        "actions",
        "activities",
        "outcomes",
        "joint_ratings",
        "ratings",
        "participants",
        "rounds",
        "settings",
        "localities",
    ):
        op.drop_table(table)
