"""Help: kudos and offers.

- kudos: who thanked whom for what (/kudos, or Post kudos publicly on a thank-you nudge), and its post.
- offers: what a member offered to help with (/offer), its post in the asks channel, and when it was taken
  down. A booked chat is a meeting of source 'help' whose source_ref is "offer:<id>:<booker>".

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kudos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("from_user_id", sa.String(length=32), nullable=False),
        sa.Column("to_user_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kudos")),
    )
    op.create_index(
        "ix_kudos_team_id_from_user_id_created_at", "kudos", ["team_id", "from_user_id", "created_at"]
    )
    op.create_index("ix_kudos_team_id_to_user_id", "kudos", ["team_id", "to_user_id"])
    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
    )
    op.create_index("ix_offers_team_id_user_id", "offers", ["team_id", "user_id"])


def downgrade() -> None:
    op.drop_index("ix_offers_team_id_user_id", table_name="offers")
    op.drop_table("offers")
    op.drop_index("ix_kudos_team_id_to_user_id", table_name="kudos")
    op.drop_index("ix_kudos_team_id_from_user_id_created_at", table_name="kudos")
    op.drop_table("kudos")
