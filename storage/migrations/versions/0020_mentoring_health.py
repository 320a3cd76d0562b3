"""Mentoring's close-out: in the mentee's last week each side of a live pair answers three private
questions (1-5), then gets drafts (the mentee a thank-you and a request for a reference; the mentor a
reminder to write it).

- mentoring_closeouts(pair_id, user_id): inserted once before the questions are sent; each answer set once;
  drafts_claimed_at / drafts_ts claim and stamp the one drafts DM.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCORES = ("useful", "again", "recommend")
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "mentoring_closeouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("claimed_at", WHEN, nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        *[sa.Column(score, sa.Integer(), nullable=True) for score in SCORES],
        sa.Column("answered_at", WHEN, nullable=True),
        sa.Column("drafts_claimed_at", WHEN, nullable=True),
        sa.Column("drafts_channel", sa.String(length=32), nullable=True),
        sa.Column("drafts_ts", sa.String(length=32), nullable=True),
        *[
            sa.CheckConstraint(f"{score} BETWEEN 1 AND 5", name=op.f(f"ck_mentoring_closeouts_{score}"))
            for score in SCORES
        ],
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["mentoring_pairs.id"],
            name=op.f("fk_mentoring_closeouts_pair_id_mentoring_pairs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_closeouts")),
        sa.UniqueConstraint("pair_id", "user_id", name=op.f("uq_mentoring_closeouts_pair_id_user_id")),
    )
    op.create_index("ix_mentoring_closeouts_team_id_user_id", "mentoring_closeouts", ["team_id", "user_id"])


def downgrade() -> None:
    op.drop_index("ix_mentoring_closeouts_team_id_user_id", table_name="mentoring_closeouts")
    op.drop_table("mentoring_closeouts")
