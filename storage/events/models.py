"""ORM models of networking events: the event, each person's answer, reminders sent, and tables.

`storage/schema.py` imports this module, so Alembic's metadata sees these tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.events import DESCRIPTION_LIMIT, TITLE_LIMIT, WHERE_LIMIT, Answer, Reminder
from bot.services.events.ports import EventStatus
from storage.base import Base, UTCDateTime, one_of

STATUS_VALUES = tuple(s.value for s in EventStatus)
ANSWER_VALUES = tuple(a.value for a in Answer)
REMINDER_VALUES = tuple(r.value for r in Reminder)
WHO_MET_VALUES = ("people", "nobody")


class EventRow(Base):
    """An event; tables_claimed_at is set once, by whoever seats its tables."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(one_of("status", STATUS_VALUES), name="status"),
        Index("ix_events_status_starts_at", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(TITLE_LIMIT))
    description: Mapped[str | None] = mapped_column(String(DESCRIPTION_LIMIT))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration_minutes: Mapped[int] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(WHERE_LIMIT))
    channel_id: Mapped[str] = mapped_column(String(32))
    capacity: Mapped[int | None] = mapped_column(Integer)
    mix: Mapped[bool] = mapped_column(Boolean)
    table_size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    tables_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class EventRsvpRow(Base):
    """One person's answer; answered_at orders the waitlist."""

    __tablename__ = "event_rsvps"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        CheckConstraint(one_of("answer", ANSWER_VALUES), name="answer"),
        Index("ix_event_rsvps_team_id_user_id", "team_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    answer: Mapped[str] = mapped_column(String(16))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    table_number: Mapped[int | None] = mapped_column(Integer)


class EventReminderRow(Base):
    """A reminder (or the "who did you meet?" question) claimed for one person: inserted once, before
    it is sent. `answered` holds the answer to "who did you meet?"."""

    __tablename__ = "event_reminders"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id", "kind"),
        CheckConstraint(one_of("kind", REMINDER_VALUES), name="kind"),
        CheckConstraint(one_of("answered", WHO_MET_VALUES), name="answered"),
        Index("ix_event_reminders_team_id_user_id", "team_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered: Mapped[str | None] = mapped_column(String(16))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class EventTableRow(Base):
    """A table of an event and its group DM (who sits there is on event_rsvps.table_number)."""

    __tablename__ = "event_tables"
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    channel_id: Mapped[str | None] = mapped_column(String(32))
