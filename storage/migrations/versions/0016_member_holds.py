"""Member holds: one row per member, locked while a limit of theirs is counted.

- member_holds(team_id, user_id): updated before kudos, offers, asks, events and updates count a member's
  limits, so concurrent requests of one member are counted one at a time (PostgreSQL locks rows, and a
  row that does not exist yet cannot be locked).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "member_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_holds")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_member_holds_team_id_user_id")),
    )


def downgrade() -> None:
    op.drop_table("member_holds")
