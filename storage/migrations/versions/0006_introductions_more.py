"""Introductions: workspace settings (introductions channel) and introduction follow-through.

- workspace_settings: the introductions channel an admin set from Slack.
- intro_proposers: one row per proposer, locked while a proposal counts the daily limit.
- introductions.pair_key with a partial unique index: one pending introduction per pair.
  Existing pending rows get their key, except later duplicates of a pair (left without one).
- introductions: retry bookkeeping of consent requests, the group DM, when it became a meeting.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = sa.text("outcome = 'pending'")
NEW_COLUMNS = (
    "pair_key",
    "a_attempts",
    "a_tried_at",
    "b_attempts",
    "b_tried_at",
    "group_channel",
    "meeting_recorded_at",
)


def upgrade() -> None:
    op.create_table(
        "workspace_settings",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("intro_channel", sa.String(length=32), nullable=True),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_workspace_settings")),
    )
    op.create_table(
        "intro_proposers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intro_proposers")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_intro_proposers_team_id_user_id")),
    )
    with op.batch_alter_table("introductions") as batch:
        batch.add_column(sa.Column("pair_key", sa.String(length=65), nullable=True))
        batch.add_column(sa.Column("a_attempts", sa.Integer(), server_default=sa.text("0"), nullable=False))
        batch.add_column(sa.Column("a_tried_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("b_attempts", sa.Integer(), server_default=sa.text("0"), nullable=False))
        batch.add_column(sa.Column("b_tried_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("group_channel", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("meeting_recorded_at", sa.DateTime(timezone=True), nullable=True))
    _key_pending_pairs()
    op.create_index(
        "uq_introductions_pending_pair",
        "introductions",
        ["team_id", "pair_key"],
        unique=True,
        sqlite_where=PENDING,
        postgresql_where=PENDING,
    )


def _key_pending_pairs() -> None:
    """Give each pending pair its key; a pair pending twice keeps the key on its oldest row only."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, team_id, user_a, user_b FROM introductions WHERE outcome = 'pending' ORDER BY id")
    )
    seen: set[tuple[str, str]] = set()
    for intro_id, team_id, a, b in rows.fetchall():
        key = ":".join(sorted((a, b)))
        if (team_id, key) in seen:
            continue
        seen.add((team_id, key))
        bind.execute(
            sa.text("UPDATE introductions SET pair_key = :key WHERE id = :id"), {"key": key, "id": intro_id}
        )


def downgrade() -> None:
    op.drop_index("uq_introductions_pending_pair", table_name="introductions")
    with op.batch_alter_table("introductions") as batch:
        for column in reversed(NEW_COLUMNS):
            batch.drop_column(column)
    op.drop_table("intro_proposers")
    op.drop_table("workspace_settings")
