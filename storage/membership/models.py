"""ORM models of membership: who has been welcomed (a retried team_join welcomes once), and the Slack
events already handled (a retried or redelivered event runs once)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime


class WelcomeRow(Base):
    """One welcome DM claimed for a new member; the unique key is the claim."""

    __tablename__ = "welcomes"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SeenEventRow(Base):
    """One Events API delivery, claimed by inserting its event_id (the primary key)."""

    __tablename__ = "seen_events"
    __table_args__ = (Index("ix_seen_events_seen_at", "seen_at"),)

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
