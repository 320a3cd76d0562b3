"""ORM models of coffee: pools, members' participation and exclusions, rounds and their groups."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    String,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.coffee.model import CheckinAnswer, Frequency, ParticipationStatus
from storage.base import Base, UTCDateTime, one_of

FREQUENCY_VALUES = tuple(f.value for f in Frequency)

STATUS_VALUES = tuple(s.value for s in ParticipationStatus)

ANSWER_VALUES = tuple(a.value for a in CheckinAnswer)


class PoolRow(Base):
    """A channel whose members are paired for coffee, with its schedule."""

    __tablename__ = "pools"
    __table_args__ = (
        UniqueConstraint("team_id", "channel_id"),
        CheckConstraint(one_of("frequency", FREQUENCY_VALUES), name="frequency"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    frequency: Mapped[str] = mapped_column(String(16))
    weekday: Mapped[int]
    at_time: Mapped[time] = mapped_column(Time)
    timezone: Mapped[str] = mapped_column(String(64))
    checkin_after_days: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    heads_up_slot: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the slot last announced
    autoschedule: Mapped[bool] = mapped_column(default=False, server_default=false())  # Pencil it in


class ParticipationRow(Base):
    """One member's own settings in one pool; no row means active with the pool's defaults."""

    __tablename__ = "participations"
    __table_args__ = (
        UniqueConstraint("pool_id", "user_id"),
        CheckConstraint(one_of("status", STATUS_VALUES), name="status"),
        CheckConstraint(one_of("frequency", FREQUENCY_VALUES), name="frequency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    pool_id: Mapped[int] = mapped_column(ForeignKey("pools.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    paused_until: Mapped[date | None] = mapped_column(Date)
    frequency: Mapped[str | None] = mapped_column(String(16))
    skip_next: Mapped[bool]
    ignored_rounds: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # "still in?" owed since the close of this round (NULL: nothing owed), its claim (a lease) and
    # the member's DM once opened, so a retry after a crash looks there before asking again
    stay_round_id: Mapped[int | None] = mapped_column(index=True)
    stay_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    stay_channel_id: Mapped[str | None] = mapped_column(String(32))


class ExclusionRow(Base):
    """`user_id` asked never to be paired with `never_with` (the pair is excluded both ways)."""

    __tablename__ = "exclusions"
    __table_args__ = (UniqueConstraint("team_id", "user_id", "never_with"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    never_with: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RoundRow(Base):
    """One round of a pool; the unique slot makes concurrent starts create it once."""

    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("pool_id", "scheduled_for"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    pool_id: Mapped[int] = mapped_column(ForeignKey("pools.id", ondelete="CASCADE"))
    scheduled_for: Mapped[datetime] = mapped_column(UTCDateTime())
    seed: Mapped[int] = mapped_column(BigInteger)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RoundGroupRow(Base):
    """A group of a round with its delivery steps: *_claimed_at is a lease, the stamp marks done."""

    __tablename__ = "round_groups"
    __table_args__ = (CheckConstraint(one_of("answer", ANSWER_VALUES), name="answer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    organiser: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[str | None] = mapped_column(String(32))
    intro_ts: Mapped[str | None] = mapped_column(String(32))
    intro_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checkin_ts: Mapped[str | None] = mapped_column(String(32))
    checkin_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reask_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reasked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answer: Mapped[str | None] = mapped_column(String(16))
    answered_by: Mapped[str | None] = mapped_column(String(32))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int]
    last_error: Mapped[str | None] = mapped_column(String(200))
    failed: Mapped[bool]


class RoundGroupMemberRow(Base):
    """A member of a group; unique per round, so nobody is in two groups of one round."""

    __tablename__ = "round_group_members"
    __table_args__ = (UniqueConstraint("round_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("round_groups.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
