"""Warm introductions and "introduce yourself" nudges.

intro_nudges(team_id, user_id) is unique: one row per member holds their latest nudge, so the
weekly limit is a conditional update of that row.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ANSWERS = "('accepted', 'declined')"
OUTCOMES = "('pending', 'introduced', 'declined', 'expired')"


def upgrade() -> None:
    op.create_table(
        "introductions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("proposer", sa.String(length=32), nullable=False),
        sa.Column("user_a", sa.String(length=32), nullable=False),
        sa.Column("user_b", sa.String(length=32), nullable=False),
        sa.Column("why", sa.String(length=500), nullable=False),
        sa.Column("a_answer", sa.String(length=16), nullable=True),
        sa.Column("a_answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("b_answer", sa.String(length=16), nullable=True),
        sa.Column("b_answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("a_channel", sa.String(length=32), nullable=True),
        sa.Column("a_ts", sa.String(length=32), nullable=True),
        sa.Column("b_channel", sa.String(length=32), nullable=True),
        sa.Column("b_ts", sa.String(length=32), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(f"a_answer IN {ANSWERS}", name=op.f("ck_introductions_a_answer")),
        sa.CheckConstraint(f"b_answer IN {ANSWERS}", name=op.f("ck_introductions_b_answer")),
        sa.CheckConstraint(f"outcome IN {OUTCOMES}", name=op.f("ck_introductions_outcome")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_introductions")),
    )
    op.create_index(op.f("ix_introductions_team_id"), "introductions", ["team_id"], unique=False)

    op.create_table(
        "intro_nudges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("nudged_by", sa.String(length=32), nullable=False),
        sa.Column("nudged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intro_nudges")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_intro_nudges_team_id_user_id")),
    )


def downgrade() -> None:
    op.drop_table("intro_nudges")
    op.drop_index(op.f("ix_introductions_team_id"), table_name="introductions")
    op.drop_table("introductions")
