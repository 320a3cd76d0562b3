"""Coffee pools, members' participation, rounds and check-ins: the values the rules work on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum


class Frequency(StrEnum):
    """How often a pool meets (or a member takes part). Monthly means every four weeks."""

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"

    @property
    def days(self) -> int:
        return {"weekly": 7, "biweekly": 14, "monthly": 28}[self.value]


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Schedule:
    """When a pool's rounds start: a weekday and a local time, every `frequency`."""

    frequency: Frequency = Frequency.WEEKLY
    weekday: int = 0  # Monday = 0, as datetime.weekday()
    at: time = time(10, 0)
    timezone: str = "UTC"  # IANA name

    def describe(self) -> str:
        day = WEEKDAYS[self.weekday].title()
        return f"{self.frequency.value} on {day}s at {self.at:%H:%M} ({self.timezone})"


@dataclass(frozen=True)
class Pool:
    """A channel whose members are paired for coffee."""

    id: int
    team_id: str
    channel_id: str
    schedule: Schedule
    checkin_after_days: int = 3
    created_at: datetime | None = None
    autoschedule: bool = False  # Pencil it in: a time is proposed for groups silent by mid-round


class ParticipationStatus(StrEnum):
    ACTIVE = "active"
    LEFT = "left"


@dataclass(frozen=True)
class Participation:
    """One member's own settings in one pool (absent = active with the pool's defaults)."""

    pool_id: int
    user_id: str
    status: ParticipationStatus = ParticipationStatus.ACTIVE
    paused_until: date | None = None  # paused up to and including the day before this date
    frequency: Frequency | None = None  # None = the pool's
    skip_next: bool = False
    ignored_rounds: int = 0  # consecutive rounds whose check-in they did not answer


@dataclass(frozen=True)
class StayQuestion:
    """A "still in?" DM owed to a member since the close of `round_id`, sent like a group's intro:
    claimed, their DM stamped once opened, and settled once Slack took it (or refused it)."""

    pool_id: int
    user_id: str
    round_id: int
    channel_id: str | None = None  # their DM, once opened: a retry looks there before asking again


class CheckinAnswer(StrEnum):
    MET = "met"
    SCHEDULED = "scheduled"
    NOT_THIS_TIME = "not_this_time"


@dataclass(frozen=True)
class RoundGroup:
    """A stored group of one round, with each delivery step's stamp."""

    id: int
    round_id: int
    members: tuple[str, ...]
    organiser: str
    conversation_id: str | None = None
    intro_ts: str | None = None  # the intro message, once posted
    checkin_ts: str | None = None  # the check-in message, once posted
    answer: CheckinAnswer | None = None
    answered_by: str | None = None
    answered_at: datetime | None = None
    reasked_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None
    failed: bool = False  # gave up after the bounded retries
    claimed_steps: frozenset[str] = frozenset()  # steps some process has claimed (maybe it died after)


@dataclass(frozen=True)
class Round:
    id: int
    pool_id: int
    team_id: str
    scheduled_for: datetime  # the slot this round fills; unique per pool
    seed: int
    started_at: datetime
    closed_at: datetime | None = None
