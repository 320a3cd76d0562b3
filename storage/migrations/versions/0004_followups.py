"""Follow-ups: meetings, the people of each meeting, and thank-you nudges.

meetings(team_id, source, source_ref) is unique, so a meeting is recorded once
however many clicks or replicas report it; nudges(meeting_id, user_id) gives a
member one nudge per meeting. nudges(status, due_at) serves the due-nudge scan,
meeting_people(team_id, user_id) a member's network.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOURCES = "('coffee', 'met', 'introduction')"
STATUSES = "('pending', 'sent', 'done', 'skipped')"


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("source_ref", sa.String(length=64), nullable=False),
        sa.Column("met_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f"source IN {SOURCES}", name=op.f("ck_meetings_source")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
        sa.UniqueConstraint(
            "team_id", "source", "source_ref", name=op.f("uq_meetings_team_id_source_source_ref")
        ),
    )

    op.create_table(
        "meeting_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_people_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_people")),
        sa.UniqueConstraint("meeting_id", "user_id", name=op.f("uq_meeting_people_meeting_id_user_id")),
    )
    op.create_index(
        op.f("ix_meeting_people_team_id_user_id"), "meeting_people", ["team_id", "user_id"], unique=False
    )

    op.create_table(
        "nudges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_channel", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.CheckConstraint(f"status IN {STATUSES}", name=op.f("ck_nudges_status")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_nudges_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nudges")),
        sa.UniqueConstraint("meeting_id", "user_id", name=op.f("uq_nudges_meeting_id_user_id")),
    )
    op.create_index(op.f("ix_nudges_status_due_at"), "nudges", ["status", "due_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_nudges_status_due_at"), table_name="nudges")
    op.drop_table("nudges")
    op.drop_index(op.f("ix_meeting_people_team_id_user_id"), table_name="meeting_people")
    op.drop_table("meeting_people")
    op.drop_table("meetings")
