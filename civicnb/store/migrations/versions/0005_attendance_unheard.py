"""Who's not here, in the room too: a note per stakeholder group present but whose voice
and contribution are not being fully recognised.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

``attendance.unheard_note``: '' for what was recorded before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "attendance", sa.Column("unheard_note", sa.Text(), nullable=False, server_default="")
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # SQLite >= 3.35 drops a plain column in place
        op.execute("ALTER TABLE attendance DROP COLUMN unheard_note")
    else:
        op.drop_column("attendance", "unheard_note")
