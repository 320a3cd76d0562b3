"""Find a time: a proposal per group DM and group, the slots it offered, and members' votes.

- scheduling_proposals: unique per (team, conversation, source, source_ref); confirmed_start is set once
  (a conditional UPDATE); its announcement (announce_claimed_at, announced_at) and the reminder ten minutes
  before (reminder_claimed_at, reminded_at) are each claimed, then stamped.
- scheduling_members(proposal_id, user_id): who the slots are for.
- scheduling_slots(proposal_id, start): every start offered, with the batch ("None of these") that did.
- scheduling_votes(proposal_id, user_id, start): a member pressed a slot.
- pools.autoschedule: Pencil it in (`/coffee setup autoschedule on`), off by default.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)
PROPOSALS = "scheduling_proposals"


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _str(name: str, length: int = 32) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=False)


def _proposal(table: str) -> tuple[sa.Column, sa.ForeignKeyConstraint]:
    return (
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            [f"{PROPOSALS}.id"],
            name=op.f(f"fk_{table}_proposal_id_{PROPOSALS}"),
            ondelete="CASCADE",
        ),
    )


def upgrade() -> None:
    with op.batch_alter_table("pools") as batch:
        batch.add_column(sa.Column("autoschedule", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        PROPOSALS,
        _id(),
        _str("team_id"),
        _str("conversation_id"),
        _str("source", 16),
        _str("source_ref"),
        _str("organiser"),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("confirmed_start", WHEN, nullable=True),
        sa.Column("confirmed_at", WHEN, nullable=True),
        sa.Column("announce_claimed_at", WHEN, nullable=True),
        sa.Column("announced_at", WHEN, nullable=True),
        sa.Column("reminder_claimed_at", WHEN, nullable=True),
        sa.Column("reminded_at", WHEN, nullable=True),
        sa.CheckConstraint(
            "source IN ('coffee', 'introduction')", name=op.f("ck_scheduling_proposals_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduling_proposals")),
        sa.UniqueConstraint(
            "team_id",
            "conversation_id",
            "source",
            "source_ref",
            name=op.f("uq_scheduling_proposals_team_id_conversation_id_source_source_ref"),
        ),
    )
    op.create_index(
        op.f("ix_scheduling_proposals_confirmed_start"), PROPOSALS, ["confirmed_start"], unique=False
    )
    op.create_table(
        "scheduling_members",
        _id(),
        _str("team_id"),
        *_proposal("scheduling_members"),
        _str("user_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduling_members")),
        sa.UniqueConstraint("proposal_id", "user_id", name=op.f("uq_scheduling_members_proposal_id_user_id")),
    )
    op.create_table(
        "scheduling_slots",
        _id(),
        *_proposal("scheduling_slots"),
        sa.Column("start", WHEN, nullable=False),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduling_slots")),
        sa.UniqueConstraint("proposal_id", "start", name=op.f("uq_scheduling_slots_proposal_id_start")),
    )
    op.create_table(
        "scheduling_votes",
        _id(),
        _str("team_id"),
        *_proposal("scheduling_votes"),
        _str("user_id"),
        sa.Column("start", WHEN, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduling_votes")),
        sa.UniqueConstraint(
            "proposal_id", "user_id", "start", name=op.f("uq_scheduling_votes_proposal_id_user_id_start")
        ),
    )


def downgrade() -> None:
    op.drop_table("scheduling_votes")
    op.drop_table("scheduling_slots")
    op.drop_table("scheduling_members")
    op.drop_index(op.f("ix_scheduling_proposals_confirmed_start"), table_name=PROPOSALS)
    op.drop_table(PROPOSALS)
    with op.batch_alter_table("pools") as batch:
        batch.drop_column("autoschedule")
