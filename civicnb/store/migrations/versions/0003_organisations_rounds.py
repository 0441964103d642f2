"""Organisations, indicator values per round, co-facilitators, who recorded what.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

``organisations``: the organisations taking part for each side of a locality.
``participants``: the participant's organisation, role (elected member / officer) and
the organisation of the other side they rate.
``outcome_readings``: an outcome's indicator value as it stood in a round.
``facilitators``: co-facilitators' names and key hashes.
``recorded_by`` (the facilitator's name, '' for what was recorded before) on the
deliberation records.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from civicnb.store.types import UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 64

RECORDED = (
    "joint_ratings",
    "outcomes",
    "activities",
    "actions",
    "assets",
    "harvest_notes",
    "attendance",
    "celebrations",
)


PARTICIPANT_ORGS = ("organisation_id", "rates_organisation_id")


def _sqlite() -> bool:
    return bool(op.get_bind().dialect.name == "sqlite")


@contextmanager
def _ratings_kept() -> Iterator[None]:
    """Keep the ratings aside while SQLite copies the participants table."""
    op.execute("CREATE TEMPORARY TABLE ratings_kept AS SELECT * FROM ratings")
    yield
    op.execute("DELETE FROM ratings")
    op.execute("INSERT INTO ratings SELECT * FROM ratings_kept")
    op.execute("DROP TABLE ratings_kept")


def _drop_column(table: str, column: str) -> None:
    if _sqlite():  # SQLite >= 3.35 drops a plain column in place (no copy, no cascade)
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column(table, column)


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("locality_id", sa.String(ID), nullable=False),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
        _fk("organisations", "locality_id", "localities"),
    )
    op.create_index("ix_organisations_locality_id", "organisations", ["locality_id"])

    if _sqlite():
        # SQLite adds a foreign key only by copying the table; dropping the old copy
        # cascades to the ratings (foreign keys are on): keep them aside meanwhile
        with (
            _ratings_kept(),
            op.batch_alter_table("participants", recreate="always") as batch,
        ):
            for column in PARTICIPANT_ORGS:
                batch.add_column(sa.Column(column, sa.String(ID), nullable=True))
                batch.create_foreign_key(
                    f"fk_participants_{column}_organisations",
                    "organisations",
                    [column],
                    ["id"],
                    ondelete="SET NULL",
                )
            batch.add_column(sa.Column("role", sa.String(16), nullable=False, server_default=""))
    else:
        for column in PARTICIPANT_ORGS:
            op.add_column("participants", sa.Column(column, sa.String(ID), nullable=True))
            op.create_foreign_key(
                f"fk_participants_{column}_organisations",
                "participants",
                "organisations",
                [column],
                ["id"],
                ondelete="SET NULL",
            )
        op.add_column(
            "participants", sa.Column("role", sa.String(16), nullable=False, server_default="")
        )
    for column in PARTICIPANT_ORGS:
        op.create_index(f"ix_participants_{column}", "participants", [column])

    for table in RECORDED:
        op.add_column(table, sa.Column("recorded_by", sa.Text(), nullable=False, server_default=""))

    op.create_table(
        "outcome_readings",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("round_id", sa.String(ID), nullable=False),
        sa.Column("outcome_id", sa.String(ID), nullable=False),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("recorded_by", sa.Text(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_outcome_readings"),
        sa.UniqueConstraint(
            "round_id", "outcome_id", name="uq_outcome_readings_round_id_outcome_id"
        ),
        _fk("outcome_readings", "round_id", "rounds"),
        _fk("outcome_readings", "outcome_id", "outcomes"),
    )
    op.create_index("ix_outcome_readings_outcome_id", "outcome_readings", ["outcome_id"])

    op.create_table(
        "facilitators",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("locality_id", sa.String(ID), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key_hash", sa.String(128), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_facilitators"),
        sa.UniqueConstraint("key_hash", name="uq_facilitators_key_hash"),
        _fk("facilitators", "locality_id", "localities"),
    )
    op.create_index("ix_facilitators_locality_id", "facilitators", ["locality_id"])


def downgrade() -> None:
    op.drop_table("facilitators")
    op.drop_table("outcome_readings")
    for table in reversed(RECORDED):
        _drop_column(table, "recorded_by")
    for column in PARTICIPANT_ORGS:
        op.drop_index(f"ix_participants_{column}", table_name="participants")
    if _sqlite():
        with (
            _ratings_kept(),  # as in upgrade
            op.batch_alter_table("participants", recreate="always") as batch,
        ):
            for column in (*PARTICIPANT_ORGS, "role"):
                batch.drop_column(column)
    else:
        for column in PARTICIPANT_ORGS:
            op.drop_constraint(
                f"fk_participants_{column}_organisations", "participants", type_="foreignkey"
            )
            op.drop_column("participants", column)
        op.drop_column("participants", "role")
    op.drop_index("ix_organisations_locality_id", table_name="organisations")
    op.drop_table("organisations")
