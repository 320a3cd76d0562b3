"""Lifecycle and privacy: welcomes(team_id, user_id) is unique, so a new member is welcomed once
however often Slack retries team_join. Forgetting members needs no schema change.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "welcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_welcomes")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_welcomes_team_id_user_id")),
    )


def downgrade() -> None:
    op.drop_table("welcomes")
