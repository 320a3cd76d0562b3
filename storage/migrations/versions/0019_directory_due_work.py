"""The member directory and when each kind of due work is next due.

- directory_members(team_id, user_id): what Slack last said about a person (name, time zone, deleted and bot
  flags), read by scheduled work instead of users.info.
- directory_walks(team_id): the daily walk of users.list that refreshes them, a few pages a tick.
- due_work(job): when each scheduled job next has something to do; a tick skips a job until then.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "directory_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=250), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=True),
        sa.Column("utc_offset_minutes", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("is_bot", sa.Boolean(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_members")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_directory_members_team_id_user_id")),
    )
    op.create_table(
        "directory_walks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("cursor", sa.String(length=500), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_walks")),
        sa.UniqueConstraint("team_id", name=op.f("uq_directory_walks_team_id")),
    )
    op.create_table(
        "due_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=64), nullable=False),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_due_work")),
        sa.UniqueConstraint("job", name=op.f("uq_due_work_job")),
    )


def downgrade() -> None:
    op.drop_table("due_work")
    op.drop_table("directory_walks")
    op.drop_table("directory_members")
