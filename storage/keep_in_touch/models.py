"""ORM models of keeping in touch: catch-up settings and suggestions, internship recaps, the
alumni contact an intern shares, and the reminders colleagues get about it.

Every step that sends something has a unique key and a claim (claimed_at, a lease), so it goes out once.
Imported by storage.keep_in_touch.connections and the migration env, so `alembic check` sees them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime


class CatchUpMemberRow(Base):
    """A member's catch-up switch and when they were last sent a suggestion (one a week)."""

    __tablename__ = "catch_up_members"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    enabled: Mapped[bool] = mapped_column(Boolean)
    last_suggested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime())  # not looked at again until then


class CatchUpPersonRow(Base):
    """What a member chose about catching up with one person of their network."""

    __tablename__ = "catch_up_people"
    __table_args__ = (UniqueConstraint("team_id", "user_id", "other_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    other_user_id: Mapped[str] = mapped_column(String(32))
    suggested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    caught_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # "Let's catch up" counts
    stopped: Mapped[bool] = mapped_column(Boolean)


class RecapRow(Base):
    """The one network recap of an intern."""

    __tablename__ = "recaps"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    internship_end: Mapped[date] = mapped_column(Date)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_channel: Mapped[str | None] = mapped_column(String(32))
    file_id: Mapped[str | None] = mapped_column(String(32))


class AlumniContactRow(Base):
    """Contact details an intern opted in to share with the colleagues they met; deleted on withdrawal."""

    __tablename__ = "alumni_contacts"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    linkedin_url: Mapped[str | None] = mapped_column(String(200))
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AlumniReminderRow(Base):
    """The one reminder a colleague gets to check in with an alumnus."""

    __tablename__ = "alumni_reminders"
    __table_args__ = (UniqueConstraint("team_id", "intern_id", "colleague_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    intern_id: Mapped[str] = mapped_column(String(32))
    colleague_id: Mapped[str] = mapped_column(String(32))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # or settled: the colleague is gone
