"""Sharing updates.

- update_settings(team_id, user_id): the monthly prompt and the notices switches, and the month last asked.
- updates: where each shared update (or farewell) was posted, claimed once by its share key.
- update_digests(team_id, user_id, week_start): the one notice DM of a week, claimed before it is sent.
- update_notices(update_id, user_id): each connection owed a line, and the digest that carries it.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "update_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("prompts_on", sa.Boolean(), nullable=False),
        sa.Column("notices_on", sa.Boolean(), nullable=False),
        sa.Column("prompted_month", sa.String(length=7), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_update_settings")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_update_settings_team_id_user_id")),
    )
    op.create_table(
        "updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("share_key", sa.String(length=64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("permalink", sa.String(length=500), nullable=True),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('update', 'farewell')", name=op.f("ck_updates_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_updates")),
        sa.UniqueConstraint(
            "team_id", "user_id", "share_key", name=op.f("uq_updates_team_id_user_id_share_key")
        ),
    )
    op.create_table(
        "update_digests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_update_digests")),
        sa.UniqueConstraint(
            "team_id",
            "user_id",
            "week_start",
            name=op.f("uq_update_digests_team_id_user_id_week_start"),
        ),
    )
    op.create_table(
        "update_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("update_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("digest_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["update_id"],
            ["updates.id"],
            name=op.f("fk_update_notices_update_id_updates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["digest_id"],
            ["update_digests.id"],
            name=op.f("fk_update_notices_digest_id_update_digests"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_update_notices")),
        sa.UniqueConstraint("update_id", "user_id", name=op.f("uq_update_notices_update_id_user_id")),
    )
    op.create_index("ix_update_notices_team_id_user_id", "update_notices", ["team_id", "user_id"])


def downgrade() -> None:
    op.drop_index("ix_update_notices_team_id_user_id", table_name="update_notices")
    op.drop_table("update_notices")
    op.drop_table("update_digests")
    op.drop_table("updates")
    op.drop_table("update_settings")
