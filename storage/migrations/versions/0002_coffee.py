"""Coffee chats: pools, participations, exclusions, rounds and their groups.

Constraint names follow the naming convention in storage.base (op.f marks
them as final). The unique constraints carry the concurrency rules:
rounds(pool_id, scheduled_for) makes two triggers for one slot create one
round; round_group_members(round_id, user_id) keeps a member in one group per
round.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FREQUENCIES = "('weekly', 'biweekly', 'monthly')"


def upgrade() -> None:
    op.create_table(
        "pools",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("frequency", sa.String(length=16), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("at_time", sa.Time(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("checkin_after_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heads_up_slot", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(f"frequency IN {FREQUENCIES}", name=op.f("ck_pools_frequency")),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_pools_weekday")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pools")),
        sa.UniqueConstraint("team_id", "channel_id", name=op.f("uq_pools_team_id_channel_id")),
    )

    op.create_table(
        "participations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pool_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("paused_until", sa.Date(), nullable=True),
        sa.Column("frequency", sa.String(length=16), nullable=True),
        sa.Column("skip_next", sa.Boolean(), nullable=False),
        sa.Column("ignored_rounds", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('active', 'left')", name=op.f("ck_participations_status")),
        sa.CheckConstraint(f"frequency IN {FREQUENCIES}", name=op.f("ck_participations_frequency")),
        sa.ForeignKeyConstraint(
            ["pool_id"], ["pools.id"], name=op.f("fk_participations_pool_id_pools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participations")),
        sa.UniqueConstraint("pool_id", "user_id", name=op.f("uq_participations_pool_id_user_id")),
    )

    op.create_table(
        "exclusions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("never_with", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exclusions")),
        sa.UniqueConstraint(
            "team_id", "user_id", "never_with", name=op.f("uq_exclusions_team_id_user_id_never_with")
        ),
    )

    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pool_id", sa.Integer(), nullable=False),
        sa.Column("scheduled_for", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["pool_id"], ["pools.id"], name=op.f("fk_rounds_pool_id_pools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.UniqueConstraint("pool_id", "scheduled_for", name=op.f("uq_rounds_pool_id_scheduled_for")),
    )

    op.create_table(
        "round_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("organiser", sa.String(length=32), nullable=False),
        sa.Column("conversation_id", sa.String(length=32), nullable=True),
        sa.Column("intro_ts", sa.String(length=32), nullable=True),
        sa.Column("intro_claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checkin_ts", sa.String(length=32), nullable=True),
        sa.Column("checkin_claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reask_claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reasked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("answered_by", sa.String(length=32), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("failed", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "answer IN ('met', 'scheduled', 'not_this_time')", name=op.f("ck_round_groups_answer")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_round_groups_round_id_rounds"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_groups")),
    )
    op.create_index(op.f("ix_round_groups_round_id"), "round_groups", ["round_id"], unique=False)

    op.create_table(
        "round_group_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_round_group_members_round_id_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["round_groups.id"],
            name=op.f("fk_round_group_members_group_id_round_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_group_members")),
        sa.UniqueConstraint("round_id", "user_id", name=op.f("uq_round_group_members_round_id_user_id")),
    )
    op.create_index(
        op.f("ix_round_group_members_group_id"), "round_group_members", ["group_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_round_group_members_group_id"), table_name="round_group_members")
    op.drop_table("round_group_members")
    op.drop_index(op.f("ix_round_groups_round_id"), table_name="round_groups")
    op.drop_table("round_groups")
    op.drop_table("rounds")
    op.drop_table("exclusions")
    op.drop_table("participations")
    op.drop_table("pools")
