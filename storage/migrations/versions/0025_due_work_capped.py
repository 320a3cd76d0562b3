"""A due time stored only because no job sleeps longer than LONGEST_SLEEP is marked as the cap's.

- due_work.capped: the job knew of nothing sooner. When that time comes, a tick asks the job again when it
  is next due as of its last run (a read) and runs it only if that time has come: a forgotten wake is still
  caught, and an idle job costs one read every six hours instead of a run and a read. A wake clears it.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("due_work") as batch:
        batch.add_column(sa.Column("capped", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("due_work") as batch:
        batch.drop_column("capped")
