"""A member's own working hours for Find a time (`/coffee hours 08:00-16:00 mon-thu`).

- working_hours(team_id, user_id): unique per member and workspace; start and end as local times of day
  (validated by the domain: at least 30 minutes apart); weekdays as digits (Monday = 0).
  No row means 09:00-17:00 on weekdays.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "working_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("weekdays", sa.String(length=7), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_working_hours")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_working_hours_team_id_user_id")),
    )


def downgrade() -> None:
    op.drop_table("working_hours")
