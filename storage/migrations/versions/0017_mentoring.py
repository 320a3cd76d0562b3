"""Mentoring in Slack.

- mentoring_mentors: who mentors, how many mentees (1-3), topics, cadence; locked while pairs are added.
- mentoring_mentees: a mentee's goals, what they would like in a mentor, their ranking, left unmatched.
- mentoring_windows: matching windows, at most one open per workspace; closing one is claimed once.
- mentoring_pairs: each proposed mentorship and its steps; at most one live pair per mentee.
- mentoring_checkins(pair_id, number) and mentoring_fit_checks(pair_id, user_id): claimed once each.
- mentoring_invitations(team_id, user_id, kind): the one invitation DM.
- meetings.source may be 'mentoring' (a session check-in answered We met).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-11
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SOURCES = "source IN ('coffee', 'met', 'introduction', 'event', 'help')"
NEW_SOURCES = "source IN ('coffee', 'met', 'introduction', 'event', 'help', 'mentoring')"
LIVE_PAIR = sa.text("status IN ('proposed', 'accepted')")
OPEN_WINDOW = sa.text("closed_at IS NULL")
WHEN = sa.DateTime(timezone=True)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _str(name: str, length: int = 32, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, WHEN, nullable=nullable)


def upgrade() -> None:
    _people()
    _windows_and_pairs()
    _steps()
    _meeting_sources(NEW_SOURCES)


def _people() -> None:
    op.create_table(
        "mentoring_mentors",
        _id(),
        _str("team_id"),
        _str("user_id"),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        _str("cadence", 16),
        sa.Column("active", sa.Boolean(), nullable=False),
        _str("set_by"),
        _when("created_at", nullable=False),
        _when("updated_at", nullable=False),
        _when("held_at"),
        sa.CheckConstraint("capacity BETWEEN 1 AND 3", name=op.f("ck_mentoring_mentors_capacity")),
        sa.CheckConstraint("cadence IN ('weekly', 'biweekly')", name=op.f("ck_mentoring_mentors_cadence")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_mentors")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_mentoring_mentors_team_id_user_id")),
    )
    op.create_table(
        "mentoring_mentees",
        _id(),
        _str("team_id"),
        _str("mentee_id"),
        sa.Column("goals", sa.JSON(), nullable=False),
        _str("wants", 300, nullable=True),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("open_to_any", sa.Boolean(), nullable=False),
        _when("submitted_at", nullable=False),
        _when("ranked_at"),
        _when("unmatched_at"),
        _when("told_unmatched_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_mentees")),
        sa.UniqueConstraint("team_id", "mentee_id", name=op.f("uq_mentoring_mentees_team_id_mentee_id")),
    )
    op.create_table(
        "mentoring_invitations",
        _id(),
        _str("team_id"),
        _str("user_id"),
        _str("kind", 16),
        _when("claimed_at", nullable=False),
        _str("channel_id", nullable=True),
        _str("message_ts", nullable=True),
        sa.CheckConstraint("kind IN ('mentor', 'mentee')", name=op.f("ck_mentoring_invitations_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_invitations")),
        sa.UniqueConstraint(
            "team_id", "user_id", "kind", name=op.f("uq_mentoring_invitations_team_id_user_id_kind")
        ),
    )


def _windows_and_pairs() -> None:
    op.create_table(
        "mentoring_windows",
        _id(),
        _str("team_id"),
        _str("opened_by"),
        _when("opened_at", nullable=False),
        _when("closes_at", nullable=False),
        _when("closed_at"),
        sa.Column("assigned", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_windows")),
    )
    op.create_index(
        "uq_mentoring_windows_open",
        "mentoring_windows",
        ["team_id"],
        unique=True,
        sqlite_where=OPEN_WINDOW,
        postgresql_where=OPEN_WINDOW,
    )
    op.create_table(
        "mentoring_pairs",
        _id(),
        _str("team_id"),
        _str("mentee_id"),
        _str("mentor_id"),
        sa.Column("choice", sa.Integer(), nullable=True),
        sa.Column("fit_score", sa.Integer(), nullable=False),
        _str("status", 16),
        _when("created_at", nullable=False),
        _when("request_claimed_at"),
        sa.Column("request_attempts", sa.Integer(), nullable=False),
        _when("requested_at"),
        _str("request_channel", nullable=True),
        _str("request_ts", nullable=True),
        _when("due_at"),
        _when("remind_at"),
        _when("reminded_at"),
        _when("answered_at"),
        _str("decline_reason", 300, nullable=True),
        _when("kickoff_claimed_at"),
        _str("kickoff_channel", nullable=True),
        _str("kickoff_ts", nullable=True),
        _when("kickoff_at"),
        _when("next_checkin_at"),
        _when("ended_at"),
        sa.CheckConstraint(
            "status IN ('proposed', 'accepted', 'declined', 'expired', 'ended')",
            name=op.f("ck_mentoring_pairs_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_pairs")),
    )
    op.create_index("ix_mentoring_pairs_status", "mentoring_pairs", ["status"])
    op.create_index("ix_mentoring_pairs_next_checkin_at", "mentoring_pairs", ["next_checkin_at"])
    op.create_index("ix_mentoring_pairs_team_id_mentor_id", "mentoring_pairs", ["team_id", "mentor_id"])
    op.create_index(
        "uq_mentoring_pairs_live_mentee",
        "mentoring_pairs",
        ["team_id", "mentee_id"],
        unique=True,
        sqlite_where=LIVE_PAIR,
        postgresql_where=LIVE_PAIR,
    )


def _steps() -> None:
    op.create_table(
        "mentoring_checkins",
        _id(),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        _str("team_id"),
        sa.Column("number", sa.Integer(), nullable=False),
        _when("claimed_at", nullable=False),
        _str("channel_id", nullable=True),
        _str("message_ts", nullable=True),
        _str("answer", 16, nullable=True),
        _str("answered_by", nullable=True),
        _when("answered_at"),
        sa.CheckConstraint(
            "answer IN ('met', 'scheduled', 'not_this_time')", name=op.f("ck_mentoring_checkins_answer")
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["mentoring_pairs.id"],
            name=op.f("fk_mentoring_checkins_pair_id_mentoring_pairs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_checkins")),
        sa.UniqueConstraint("pair_id", "number", name=op.f("uq_mentoring_checkins_pair_id_number")),
    )
    op.create_table(
        "mentoring_fit_checks",
        _id(),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        _str("team_id"),
        _str("user_id"),
        _when("claimed_at", nullable=False),
        _str("channel_id", nullable=True),
        _str("message_ts", nullable=True),
        _str("answer", 16, nullable=True),
        _when("answered_at"),
        sa.CheckConstraint("answer IN ('good', 'not_good')", name=op.f("ck_mentoring_fit_checks_answer")),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["mentoring_pairs.id"],
            name=op.f("fk_mentoring_fit_checks_pair_id_mentoring_pairs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_fit_checks")),
        sa.UniqueConstraint("pair_id", "user_id", name=op.f("uq_mentoring_fit_checks_pair_id_user_id")),
    )
    op.create_index("ix_mentoring_fit_checks_team_id_user_id", "mentoring_fit_checks", ["team_id", "user_id"])


def downgrade() -> None:
    mentoring = "SELECT id FROM meetings WHERE source = 'mentoring'"
    op.execute(f"DELETE FROM nudges WHERE meeting_id IN ({mentoring})")
    op.execute(f"DELETE FROM meeting_people WHERE meeting_id IN ({mentoring})")
    op.execute("DELETE FROM meetings WHERE source = 'mentoring'")
    _meeting_sources(OLD_SOURCES)
    op.drop_index("ix_mentoring_fit_checks_team_id_user_id", table_name="mentoring_fit_checks")
    op.drop_table("mentoring_fit_checks")
    op.drop_table("mentoring_checkins")
    op.drop_index("uq_mentoring_pairs_live_mentee", table_name="mentoring_pairs")
    op.drop_index("ix_mentoring_pairs_team_id_mentor_id", table_name="mentoring_pairs")
    op.drop_index("ix_mentoring_pairs_next_checkin_at", table_name="mentoring_pairs")
    op.drop_index("ix_mentoring_pairs_status", table_name="mentoring_pairs")
    op.drop_table("mentoring_pairs")
    op.drop_index("uq_mentoring_windows_open", table_name="mentoring_windows")
    op.drop_table("mentoring_windows")
    op.drop_table("mentoring_invitations")
    op.drop_table("mentoring_mentees")
    op.drop_table("mentoring_mentors")


def _meeting_sources(check: str) -> None:
    """Replace meetings' CHECK on source (SQLite rebuilds the table; PostgreSQL alters it)."""
    with op.batch_alter_table("meetings") as batch:
        batch.drop_constraint(op.f("ck_meetings_source"), type_="check")
        batch.create_check_constraint(op.f("ck_meetings_source"), sa.text(check))
