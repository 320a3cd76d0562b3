"""The values finding a time works on: intervals, working hours, members and the slots proposed.

Every datetime is timezone-aware; those the rules return are in UTC.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

SLOT = timedelta(minutes=30)
"""A meeting's length."""

WORKDAYS = frozenset(range(5))  # Monday = 0, as datetime.weekday()


def utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive datetime (whose zone nobody knows) is refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetimes must be timezone-aware")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Interval:
    """[start, end) in UTC: a busy time, a stretch of working hours, a slot."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", utc(self.start))
        object.__setattr__(self, "end", utc(self.end))
        if self.end <= self.start:
            raise ValueError("an interval ends after it starts")

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    def minutes_shared(self, other: Interval) -> int:
        shared = min(self.end, other.end) - max(self.start, other.start)
        return max(0, int(shared.total_seconds() // 60))


def merged(intervals: Iterable[Interval]) -> list[Interval]:
    """The same time as disjoint intervals in time order (busy times from several calendars overlap)."""
    result: list[Interval] = []
    for interval in sorted(intervals, key=lambda i: i.start):
        if result and interval.start <= result[-1].end:
            result[-1] = Interval(result[-1].start, max(result[-1].end, interval.end))
        else:
            result.append(interval)
    return result


def overlapping(disjoint: Sequence[Interval], span: Interval) -> Sequence[Interval]:
    """Those of `disjoint` (in time order, as `merged` gives) that overlap `span`, found by bisection."""
    first = bisect_right(disjoint, span.start, key=lambda i: i.end)
    return disjoint[first : bisect_left(disjoint, span.end, key=lambda i: i.start)]


@dataclass(frozen=True)
class WorkingHours:
    """When a member meets people, in their own time zone: 09:00 to 17:00, Monday to Friday, by default.

    Hours are within one day (start before end, at least one slot long); whole minutes only.
    """

    start: time = time(9, 0)
    end: time = time(17, 0)
    weekdays: frozenset[int] = WORKDAYS

    def __post_init__(self) -> None:
        for moment in (self.start, self.end):
            if moment.second or moment.microsecond or moment.tzinfo is not None:
                raise ValueError("working hours are whole minutes, without a time zone")
        length = (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)
        if length < SLOT.total_seconds() // 60:
            raise ValueError("working hours end at least 30 minutes after they start, on the same day")
        if not self.weekdays or not self.weekdays <= frozenset(range(7)):
            raise ValueError("working days are one or more of 0 (Monday) to 6 (Sunday)")


DEFAULT_HOURS = WorkingHours()


@dataclass(frozen=True)
class Member:
    """Someone in the group DM: `key` is who (a Slack user ID; opaque here), `timezone` the IANA name
    Slack gave (None, or a name this machine does not know, means the workspace default is used)."""

    key: str
    timezone: str | None
    hours: WorkingHours = DEFAULT_HOURS


@dataclass(frozen=True)
class Attendee:
    """A member with their zone resolved; `zone_assumed` says the workspace default stands in for theirs."""

    key: str
    zone: ZoneInfo
    hours: WorkingHours
    zone_assumed: bool = False


@dataclass(frozen=True)
class Slot:
    """A proposed time. `outside_hours` names the members for whom some of it falls outside their
    working hours (empty when it suits everyone); `minutes_outside` adds up, over them, how many minutes
    their working day would have to stretch to hold it (`hours.stretch`)."""

    start: datetime
    outside_hours: tuple[str, ...] = ()
    minutes_outside: int = 0

    @property
    def end(self) -> datetime:
        return self.start + SLOT

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)


@dataclass(frozen=True)
class Proposal:
    """What `propose_slots` found.

    `common_hours` is False when the members' working hours never meet in the window (busy time aside):
    the slots are then the least bad, and the message says so. `assumed_zone` lists the members whose
    zone Slack did not give, for whom the workspace default was used. Fewer slots than asked for (even
    none) means every other time in the window was taken, busy or offered before.
    """

    slots: tuple[Slot, ...]
    attendees: tuple[Attendee, ...]
    window: Interval
    common_hours: bool
    assumed_zone: tuple[str, ...] = field(default=())

    @property
    def within_hours(self) -> bool:
        """Every slot suits everyone's working hours."""
        return all(not slot.outside_hours for slot in self.slots)
