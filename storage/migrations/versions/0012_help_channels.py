"""Help: where asks, offers and kudos are posted, and help as a way people meet.

- workspace_settings gains asks_channel and kudos_channel, set by an admin with `/coffee setup asks|kudos`.
- meetings.source may be 'help' (an ask answered, an offer booked).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SOURCES = "source IN ('coffee', 'met', 'introduction', 'event')"
NEW_SOURCES = "source IN ('coffee', 'met', 'introduction', 'event', 'help')"


def upgrade() -> None:
    with op.batch_alter_table("workspace_settings") as batch:
        batch.add_column(sa.Column("asks_channel", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("kudos_channel", sa.String(length=32), nullable=True))
    _meeting_sources(NEW_SOURCES)


def downgrade() -> None:
    helped = "SELECT id FROM meetings WHERE source = 'help'"
    op.execute(f"DELETE FROM nudges WHERE meeting_id IN ({helped})")
    op.execute(f"DELETE FROM meeting_people WHERE meeting_id IN ({helped})")
    op.execute("DELETE FROM meetings WHERE source = 'help'")
    _meeting_sources(OLD_SOURCES)
    with op.batch_alter_table("workspace_settings") as batch:
        batch.drop_column("kudos_channel")
        batch.drop_column("asks_channel")


def _meeting_sources(check: str) -> None:
    """Replace meetings' CHECK on source (SQLite rebuilds the table; PostgreSQL alters it)."""
    with op.batch_alter_table("meetings") as batch:
        batch.drop_constraint(op.f("ck_meetings_source"), type_="check")
        batch.create_check_constraint(op.f("ck_meetings_source"), sa.text(check))
