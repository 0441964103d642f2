"""The facilitated workshop: revealed strands and the celebrations log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

``reveals``: one row per (round, strand) the facilitator has revealed.
``celebrations``: what the group celebrates (strand V), per locality, optionally per round.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from civicnb.store.types import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 64


def upgrade() -> None:
    op.create_table(
        "reveals",
        sa.Column("round_id", sa.String(ID), nullable=False),
        sa.Column("strand_id", sa.String(ID), nullable=False),
        sa.Column("revealed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("round_id", "strand_id", name="pk_reveals"),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name="fk_reveals_round_id_rounds", ondelete="CASCADE"
        ),
    )

    op.create_table(
        "celebrations",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("locality_id", sa.String(ID), nullable=False),
        sa.Column("round_id", sa.String(ID), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_celebrations"),
        sa.ForeignKeyConstraint(
            ["locality_id"],
            ["localities.id"],
            name="fk_celebrations_locality_id_localities",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name="fk_celebrations_round_id_rounds",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_celebrations_locality_id", "celebrations", ["locality_id"])
    op.create_index("ix_celebrations_round_id", "celebrations", ["round_id"])


def downgrade() -> None:
    op.drop_table("celebrations")
    op.drop_table("reveals")
