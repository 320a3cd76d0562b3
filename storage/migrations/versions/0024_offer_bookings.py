"""Find a time in Book a chat's group DM.

- offer_bookings(offer_id, user_id): unique per offer and booker (`user_id`); the group DM Slack opened
  (`channel_id`) and when. Deleted with the offer (CASCADE) and when the booker is forgotten.
- scheduling_proposals.source also takes 'offer'. SQLite rebuilds the table to replace the CHECK;
  PostgreSQL alters it.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SOURCES = "source IN ('coffee', 'introduction', 'mentoring', 'ask')"
NEW_SOURCES = "source IN ('coffee', 'introduction', 'mentoring', 'ask', 'offer')"


def upgrade() -> None:
    op.create_table(
        "offer_bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_offer_bookings_offer_id_offers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_bookings")),
        sa.UniqueConstraint("offer_id", "user_id", name=op.f("uq_offer_bookings_offer_id_user_id")),
    )
    op.create_index("ix_offer_bookings_team_id_channel_id", "offer_bookings", ["team_id", "channel_id"])
    op.create_index("ix_offer_bookings_team_id_user_id", "offer_bookings", ["team_id", "user_id"])
    _sources(NEW_SOURCES)


def downgrade() -> None:
    added = "source = 'offer'"
    for table in ("scheduling_votes", "scheduling_slots", "scheduling_members"):
        op.execute(
            f"DELETE FROM {table} WHERE proposal_id IN (SELECT id FROM scheduling_proposals WHERE {added})"
        )
    op.execute(f"DELETE FROM scheduling_proposals WHERE {added}")
    _sources(OLD_SOURCES)
    op.drop_index("ix_offer_bookings_team_id_user_id", table_name="offer_bookings")
    op.drop_index("ix_offer_bookings_team_id_channel_id", table_name="offer_bookings")
    op.drop_table("offer_bookings")


def _sources(check: str) -> None:
    with op.batch_alter_table("scheduling_proposals") as batch:
        batch.drop_constraint(op.f("ck_scheduling_proposals_source"), type_="check")
        batch.create_check_constraint(op.f("ck_scheduling_proposals_source"), sa.text(check))
