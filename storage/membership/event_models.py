"""ORM model of the Slack events already handled, so a retried or redelivered event runs once.

It shares `storage.models.Base`; storage.membership.seen_events and the migration env import it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class SeenEventRow(Base):
    """One Events API delivery, claimed by inserting its event_id (the primary key)."""

    __tablename__ = "seen_events"
    __table_args__ = (Index("ix_seen_events_seen_at", "seen_at"),)

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
