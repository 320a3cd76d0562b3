"""Networking events.

- events: what /event created, its announcement, and when its tables were claimed (once).
- event_rsvps(event_id, user_id): each person's answer (going, waitlist, declined) and table.
- event_reminders(event_id, user_id, kind): each reminder claimed before it is sent, once; the answer to
  "who did you meet?".
- event_tables(event_id, number): each table's group DM.
- meetings.source may be 'event'.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SOURCES = "source IN ('coffee', 'met', 'introduction')"
NEW_SOURCES = "source IN ('coffee', 'met', 'introduction', 'event')"


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("mix", sa.Boolean(), nullable=False),
        sa.Column("table_size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tables_claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('scheduled', 'cancelled')", name=op.f("ck_events_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index("ix_events_status_starts_at", "events", ["status", "starts_at"])
    op.create_table(
        "event_rsvps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("table_number", sa.Integer(), nullable=True),
        sa.CheckConstraint("answer IN ('going', 'waitlist', 'declined')", name=op.f("ck_event_rsvps_answer")),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_rsvps_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_rsvps")),
        sa.UniqueConstraint("event_id", "user_id", name=op.f("uq_event_rsvps_event_id_user_id")),
    )
    op.create_index("ix_event_rsvps_team_id_user_id", "event_rsvps", ["team_id", "user_id"])
    op.create_table(
        "event_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered", sa.String(length=16), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('day_before', 'hour_before', 'who_met')", name=op.f("ck_event_reminders_kind")
        ),
        sa.CheckConstraint("answered IN ('people', 'nobody')", name=op.f("ck_event_reminders_answered")),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_reminders_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_reminders")),
        sa.UniqueConstraint(
            "event_id", "user_id", "kind", name=op.f("uq_event_reminders_event_id_user_id_kind")
        ),
    )
    op.create_index("ix_event_reminders_team_id_user_id", "event_reminders", ["team_id", "user_id"])
    op.create_table(
        "event_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_tables_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_tables")),
        sa.UniqueConstraint("event_id", "number", name=op.f("uq_event_tables_event_id_number")),
    )
    _meeting_sources(NEW_SOURCES)


def downgrade() -> None:
    events = "SELECT id FROM meetings WHERE source = 'event'"
    op.execute(f"DELETE FROM nudges WHERE meeting_id IN ({events})")
    op.execute(f"DELETE FROM meeting_people WHERE meeting_id IN ({events})")
    op.execute("DELETE FROM meetings WHERE source = 'event'")
    _meeting_sources(OLD_SOURCES)
    op.drop_table("event_tables")
    op.drop_index("ix_event_reminders_team_id_user_id", table_name="event_reminders")
    op.drop_table("event_reminders")
    op.drop_index("ix_event_rsvps_team_id_user_id", table_name="event_rsvps")
    op.drop_table("event_rsvps")
    op.drop_index("ix_events_status_starts_at", table_name="events")
    op.drop_table("events")


def _meeting_sources(check: str) -> None:
    """Replace meetings' CHECK on source (SQLite rebuilds the table; PostgreSQL alters it)."""
    with op.batch_alter_table("meetings") as batch:
        batch.drop_constraint(op.f("ck_meetings_source"), type_="check")
        batch.create_check_constraint(op.f("ck_meetings_source"), sa.text(check))
