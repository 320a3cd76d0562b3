"""A "still in?" DM owed is stored with the close that owes it, then claimed and stamped as it is sent.

- participations.stay_round_id: the round whose close owes the member "still in?" (NULL: none owed).
- participations.stay_claimed_at: the lease of the process sending it.
- participations.stay_channel_id: the member's DM once opened, where a retry looks for the question first.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("stay_round_id", "stay_claimed_at", "stay_channel_id")


def upgrade() -> None:
    with op.batch_alter_table("participations") as batch:
        batch.add_column(sa.Column("stay_round_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("stay_claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("stay_channel_id", sa.String(length=32), nullable=True))
    op.create_index(
        op.f("ix_participations_stay_round_id"), "participations", ["stay_round_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_participations_stay_round_id"), table_name="participations")
    with op.batch_alter_table("participations") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column)
