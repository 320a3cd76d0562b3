"""ORM models of membership: who has been welcomed (a retried team_join welcomes once), the Slack
events already handled (a retried or redelivered event runs once), and each member's hold row (their
limits are counted one request at a time)."""

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


class MemberHoldRow(Base):
    """One row per member, updated (and so locked until commit) by each request that counts one of their
    limits before it inserts: kudos, offers, asks, events, updates. A row that does not exist yet cannot be
    locked, so counting the rows being limited (even FOR UPDATE) let concurrent requests all pass."""

    __tablename__ = "member_holds"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime())
