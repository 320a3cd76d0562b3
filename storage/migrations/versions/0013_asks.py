"""Asks.

- asks: what /ask posted, where, its status (open, solved, expired) and its one nudge (claimed once).
- ask_helpers(ask_id, user_id): who pressed I can help, once each, and their group DM.
- ask_suggestions(ask_id, user_id): private "this ask matches what you know" DMs, claimed before they are
  sent; the weekly limit counts them. The answer (helping, declined) is never shown to the asker.
- ask_opt_ins(team_id, user_id): "tell me about asks that match what I know", locked while the limit
  is counted.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "asks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("asker_id", sa.String(length=32), nullable=False),
        sa.Column("question", sa.String(length=1000), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("by_when", sa.Date(), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("nudged_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('open', 'solved', 'expired')", name=op.f("ck_asks_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asks")),
    )
    op.create_index("ix_asks_status_created_at", "asks", ["status", "created_at"])
    op.create_index("ix_asks_team_id_asker_id", "asks", ["team_id", "asker_id"])
    op.create_table(
        "ask_helpers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ask_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("helped_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["ask_id"], ["asks.id"], name=op.f("fk_ask_helpers_ask_id_asks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ask_helpers")),
        sa.UniqueConstraint("ask_id", "user_id", name=op.f("uq_ask_helpers_ask_id_user_id")),
    )
    op.create_index("ix_ask_helpers_team_id_user_id", "ask_helpers", ["team_id", "user_id"])
    op.create_table(
        "ask_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ask_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("answer IN ('helping', 'declined')", name=op.f("ck_ask_suggestions_answer")),
        sa.ForeignKeyConstraint(
            ["ask_id"], ["asks.id"], name=op.f("fk_ask_suggestions_ask_id_asks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ask_suggestions")),
        sa.UniqueConstraint("ask_id", "user_id", name=op.f("uq_ask_suggestions_ask_id_user_id")),
    )
    op.create_index(
        "ix_ask_suggestions_team_id_user_id_sent_at", "ask_suggestions", ["team_id", "user_id", "sent_at"]
    )
    op.create_table(
        "ask_opt_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("opted_in", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ask_opt_ins")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_ask_opt_ins_team_id_user_id")),
    )


def downgrade() -> None:
    op.drop_table("ask_opt_ins")
    op.drop_index("ix_ask_suggestions_team_id_user_id_sent_at", table_name="ask_suggestions")
    op.drop_table("ask_suggestions")
    op.drop_index("ix_ask_helpers_team_id_user_id", table_name="ask_helpers")
    op.drop_table("ask_helpers")
    op.drop_index("ix_asks_team_id_asker_id", table_name="asks")
    op.drop_index("ix_asks_status_created_at", table_name="asks")
    op.drop_table("asks")
