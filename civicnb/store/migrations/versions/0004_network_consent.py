"""A locality's consent to be named in its network's report.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

``network_consent``: one row per locality that has said whether the network report
(``civicnb network-report``) may name it; a locality without a row is anonymous.
Deleted with its locality.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from civicnb.store.types import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 64


def upgrade() -> None:
    op.create_table(
        "network_consent",
        sa.Column("locality_id", sa.String(ID), nullable=False),
        sa.Column("named", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("locality_id", name="pk_network_consent"),
        sa.ForeignKeyConstraint(
            ["locality_id"],
            ["localities.id"],
            name="fk_network_consent_locality_id_localities",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("network_consent")
