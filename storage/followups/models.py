"""ORM models of follow-ups: meetings, who was there, and the thank-you nudges they owe.

`storage/schema.py` imports this module, so Alembic's metadata sees these tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.services.followups.ports import MeetingSource, NudgeStatus
from storage.base import Base, UTCDateTime, one_of

SOURCE_VALUES = tuple(s.value for s in MeetingSource)
NUDGE_STATUS_VALUES = tuple(s.value for s in NudgeStatus)


class MeetingRow(Base):
    """A meeting, recorded once per (team_id, source, source_ref)."""

    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("team_id", "source", "source_ref"),
        CheckConstraint(one_of("source", SOURCE_VALUES), name="source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16))
    source_ref: Mapped[str] = mapped_column(String(64))
    met_at: Mapped[datetime] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MeetingPersonRow(Base):
    """One person of a meeting; the id keeps the order the people were given in."""

    __tablename__ = "meeting_people"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id"),
        Index("ix_meeting_people_team_id_user_id", "team_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))


class NudgeRow(Base):
    """A thank-you nudge for one member about one meeting; claimed_at is a sending lease."""

    __tablename__ = "nudges"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id"),
        CheckConstraint(one_of("status", NUDGE_STATUS_VALUES), name="status"),
        Index("ix_nudges_status_due_at", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_channel: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
