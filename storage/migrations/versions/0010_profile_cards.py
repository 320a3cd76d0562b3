"""Profile cards and Say hi claims.

profile_cards(team_id, user_id) holds the channel and ts of the card last posted for a member, so
forgetting deletes it and sharing again replaces it; say_hi_claims(team_id, user_id, member_id, day)
is inserted before a **Say hi** goes out, so one pair gets one a UTC day however often it is clicked.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "profile_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("ts", sa.String(length=32), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_cards")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_profile_cards_team_id_user_id")),
    )
    op.create_table(
        "say_hi_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_say_hi_claims")),
        sa.UniqueConstraint(
            "team_id",
            "user_id",
            "member_id",
            "day",
            name=op.f("uq_say_hi_claims_team_id_user_id_member_id_day"),
        ),
    )


def downgrade() -> None:
    op.drop_table("say_hi_claims")
    op.drop_table("profile_cards")
