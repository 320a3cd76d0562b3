"""Find a time in more group DMs: scheduling_proposals.source also takes 'mentoring' (a mentoring pair's
kickoff DM) and 'ask' (an "I can help" DM). SQLite rebuilds the table to replace the CHECK; PostgreSQL
alters it.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SOURCES = "source IN ('coffee', 'introduction')"
NEW_SOURCES = "source IN ('coffee', 'introduction', 'mentoring', 'ask')"


def upgrade() -> None:
    _sources(NEW_SOURCES)


def downgrade() -> None:
    added = "source IN ('mentoring', 'ask')"
    for table in ("scheduling_votes", "scheduling_slots", "scheduling_members"):
        op.execute(
            f"DELETE FROM {table} WHERE proposal_id IN (SELECT id FROM scheduling_proposals WHERE {added})"
        )
    op.execute(f"DELETE FROM scheduling_proposals WHERE {added}")
    _sources(OLD_SOURCES)


def _sources(check: str) -> None:
    with op.batch_alter_table("scheduling_proposals") as batch:
        batch.drop_constraint(op.f("ck_scheduling_proposals_source"), type_="check")
        batch.create_check_constraint(op.f("ck_scheduling_proposals_source"), sa.text(check))
