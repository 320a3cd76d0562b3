"""Insight: the program lead's weekly digest and its opt-out.

digest_settings(team_id, user_id) holds a lead's choice (no row: the digest is on);
digest_sends(team_id, user_id, week_of) is inserted before a digest goes out, so each
lead gets one digest a week however many ticks or replicas run.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "digest_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_settings")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_digest_settings_team_id_user_id")),
    )
    op.create_table(
        "digest_sends",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("week_of", sa.Date(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_sends")),
        sa.UniqueConstraint(
            "team_id", "user_id", "week_of", name=op.f("uq_digest_sends_team_id_user_id_week_of")
        ),
    )


def downgrade() -> None:
    op.drop_table("digest_sends")
    op.drop_table("digest_settings")
