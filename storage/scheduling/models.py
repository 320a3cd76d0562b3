"""ORM models of finding a time: one proposal per group DM and group, the slots offered, members' votes."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.scheduling.group import Source
from storage.base import Base, UTCDateTime, one_of

SOURCE_VALUES = tuple(s.value for s in Source)


class SchedulingProposalRow(Base):
    """Find a time in one group DM, for one group (a coffee round's group, an introduction…).

    `confirmed_start` is set once, by a conditional UPDATE that also claims the announcement for the press
    that set it; the announcement and the reminder are each claimed, then stamped.
    """

    __tablename__ = "scheduling_proposals"
    __table_args__ = (
        UniqueConstraint("team_id", "conversation_id", "source", "source_ref"),
        CheckConstraint(one_of("source", SOURCE_VALUES), name="source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16))
    source_ref: Mapped[str] = mapped_column(String(32))  # the group's ID in its feature
    organiser: Mapped[str] = mapped_column(String(32))
    batches: Mapped[int]  # how many sets of slots were offered ("None of these" adds one)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    confirmed_start: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    announce_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # a lease, like reminders'
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminder_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SchedulingMemberRow(Base):
    """Someone the slots are for: everyone in the group when it was proposed, minus who was forgotten."""

    __tablename__ = "scheduling_members"
    __table_args__ = (UniqueConstraint("proposal_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("scheduling_proposals.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))


class SchedulingSlotRow(Base):
    """A slot offered (its UTC start), in the batch that offered it."""

    __tablename__ = "scheduling_slots"
    __table_args__ = (UniqueConstraint("proposal_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("scheduling_proposals.id", ondelete="CASCADE"))
    start: Mapped[datetime] = mapped_column(UTCDateTime())
    batch: Mapped[int]


class SchedulingVoteRow(Base):
    """A member pressed a slot: it works for them."""

    __tablename__ = "scheduling_votes"
    __table_args__ = (UniqueConstraint("proposal_id", "user_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("scheduling_proposals.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    start: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WorkingHoursRow(Base):
    """A member's own working hours in a workspace (`/coffee hours`); without a row, 09:00-17:00 on weekdays.

    Local times of day (the member's Slack zone applies); `weekdays` is the days' digits, Monday = 0 (e.g.
    "0123" for Monday to Thursday). Only validated `WorkingHours` are written (end at least 30 minutes after
    start, one or more days).
    """

    __tablename__ = "working_hours"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    start_time: Mapped[time] = mapped_column(Time())
    end_time: Mapped[time] = mapped_column(Time())
    weekdays: Mapped[str] = mapped_column(String(7))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
