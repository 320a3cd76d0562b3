"""ORM models. Every workspace-owned table carries `team_id`."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from bot.domain.coffee.model import CheckinAnswer, Frequency, ParticipationStatus
from bot.domain.introductions.consent import Answer, Outcome
from bot.domain.people.person import Role

# Deterministic constraint names, identical on SQLite and PostgreSQL, so that
# autogenerate compares like with like and migrations can drop them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetime stored as UTC; SQLite loses the offset, so restore it on load."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware value")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """CHECK text restricting `column` to `values` (NULL passes, as in SQL)."""
    return f"{column} IN (" + ", ".join(f"'{value}'" for value in values) + ")"


ROLE_VALUES = tuple(role.value for role in Role)
FREQUENCY_VALUES = tuple(f.value for f in Frequency)
STATUS_VALUES = tuple(s.value for s in ParticipationStatus)
ANSWER_VALUES = tuple(a.value for a in CheckinAnswer)
INTRO_ANSWER_VALUES = tuple(a.value for a in Answer)
OUTCOME_VALUES = tuple(o.value for o in Outcome)


class Member(Base):
    """One person of a workspace's program roster."""

    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id"),
        CheckConstraint(
            "role IN (" + ", ".join(f"'{value}'" for value in ROLE_VALUES) + ")",
            name="role",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(16))
    team: Mapped[str | None] = mapped_column(String(200))
    internship_start: Mapped[date | None] = mapped_column(Date)
    internship_end: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProfileRow(Base):
    """What a member wrote about themselves with /intro; role, team and dates live on `Member`."""

    __tablename__ = "profiles"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    pronouns: Mapped[str | None] = mapped_column(String(40))
    working_on: Mapped[str | None] = mapped_column(String(300))
    interests: Mapped[list[str]] = mapped_column(JSON)
    pitch: Mapped[str | None] = mapped_column(String(500))
    linkedin_url: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


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


class IntroductionRow(Base):
    """A warm introduction: who proposed it, both sides' answers, where the requests went, the outcome."""

    __tablename__ = "introductions"
    __table_args__ = (
        CheckConstraint(one_of("a_answer", INTRO_ANSWER_VALUES), name="a_answer"),
        CheckConstraint(one_of("b_answer", INTRO_ANSWER_VALUES), name="b_answer"),
        CheckConstraint(one_of("outcome", OUTCOME_VALUES), name="outcome"),
        # At most one pending introduction per pair, whoever proposed it and in whichever order.
        Index(
            "uq_introductions_pending_pair",
            "team_id",
            "pair_key",
            unique=True,
            sqlite_where=text("outcome = 'pending'"),
            postgresql_where=text("outcome = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    pair_key: Mapped[str | None] = mapped_column(String(65))
    proposer: Mapped[str] = mapped_column(String(32))
    user_a: Mapped[str] = mapped_column(String(32))
    user_b: Mapped[str] = mapped_column(String(32))
    why: Mapped[str] = mapped_column(String(500))
    a_answer: Mapped[str | None] = mapped_column(String(16))
    a_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    b_answer: Mapped[str | None] = mapped_column(String(16))
    b_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    a_channel: Mapped[str | None] = mapped_column(String(32))
    a_ts: Mapped[str | None] = mapped_column(String(32))
    b_channel: Mapped[str | None] = mapped_column(String(32))
    b_ts: Mapped[str | None] = mapped_column(String(32))
    # Consent requests Slack refused are tried again: how often, and when last (also a sending lease).
    a_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    a_tried_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    b_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    b_tried_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    group_channel: Mapped[str | None] = mapped_column(String(32))  # the group DM, once it is open
    meeting_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class IntroNudgeRow(Base):
    """The latest "introduce yourself" nudge a member got; one row per member."""

    __tablename__ = "intro_nudges"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    nudged_by: Mapped[str] = mapped_column(String(32))
    nudged_at: Mapped[datetime] = mapped_column(UTCDateTime())
