"""Each member's working hours and nights as intervals in UTC, and the five working days ahead.

Local times become instants with `fold=0`: on the night clocks go back, an ambiguous 01:30 is the
first one; a time that does not exist (02:30 when clocks go forward) lands an hour later. Working
hours are in the day, so neither changes a slot; both are tested around the March changes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.scheduling.model import Attendee, Interval, Member, overlapping

WORKING_DAYS = 5
"""Slots are proposed within each member's next five working days."""

NIGHT = (time(22, 0), time(7, 0))
"""22:00 to 07:00 local: never proposed to anyone outside their working hours, when that can be avoided."""

_DAY = timedelta(days=1)
_NONE = timedelta(0)
_FAR = 7 * 24 * 60  # minutes: no working day within a week of the slot


def known_zone(name: str | None) -> ZoneInfo | None:
    """The zone named, or None for no name, an unknown one, or a malformed one (e.g. "../etc")."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def resolve(members: Iterable[Member], default_zone: str) -> tuple[Attendee, ...]:
    """Members with their zones, once each (the first mention of a key wins), in the order given.

    A member without a usable zone gets the workspace's (`default_zone`, UTC if that is unusable too),
    flagged so the message can say so.
    """
    fallback = known_zone(default_zone) or ZoneInfo("UTC")
    seen: set[str] = set()
    attendees = []
    for member in members:
        if member.key in seen:
            continue
        seen.add(member.key)
        zone = known_zone(member.timezone)
        attendees.append(Attendee(member.key, zone or fallback, member.hours, zone_assumed=zone is None))
    return tuple(attendees)


def instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`at` local on `day`, in UTC."""
    return datetime.combine(day, at.replace(fold=0), tzinfo=zone).astimezone(UTC)


def _local_days(attendee: Attendee, span: Interval, margin: int = 1) -> Iterator[date]:
    """Every local date that touches `span`, with `margin` days on each side."""
    day = span.start.astimezone(attendee.zone).date() - margin * _DAY
    last = span.end.astimezone(attendee.zone).date() + margin * _DAY
    while day <= last:
        yield day
        day += _DAY


def working_intervals(attendee: Attendee, span: Interval) -> list[Interval]:
    """The attendee's working hours on their working days in and a week around `span`, in UTC (a week,
    so that even someone who works one day a week has a working day to measure a slot against)."""
    hours, found = attendee.hours, []
    for day in _local_days(attendee, span, margin=7):
        start, end = instant(day, hours.start, attendee.zone), instant(day, hours.end, attendee.zone)
        if day.weekday() in hours.weekdays and start < end:  # 02:00-03:00 vanishes when clocks go forward
            found.append(Interval(start, end))
    return found


def night_intervals(attendee: Attendee, span: Interval) -> list[Interval]:
    """22:00 to 07:00 local, every night around `span`, in UTC."""
    begin, end = NIGHT
    return [
        Interval(instant(day, begin, attendee.zone), instant(day + _DAY, end, attendee.zone))
        for day in _local_days(attendee, span)
    ]


def horizon(attendee: Attendee, earliest: datetime) -> datetime:
    """The end (local midnight, in UTC) of the attendee's fifth working day.

    A day counts when it is one of their working weekdays and its working hours end after `earliest`
    (now plus the lead time): on Friday evening the five days are Monday to Friday of next week.
    """
    day = earliest.astimezone(attendee.zone).date()
    counted = 0
    while True:
        if (
            day.weekday() in attendee.hours.weekdays
            and instant(day, attendee.hours.end, attendee.zone) > earliest
        ):
            counted += 1
            if counted == WORKING_DAYS:
                return instant(day + _DAY, time(0, 0), attendee.zone)
        day += _DAY


def stretch(slot: Interval, working: Sequence[Interval]) -> int:
    """How far `slot` is outside working hours: the fewest minutes one working day would have to grow
    by to hold it (0 inside; 30 for 17:00-17:30 after a day ending at 17:00; 90 for 07:30-08:00 before
    one starting at 09:00; a Saturday is measured from Friday's end or Monday's start).

    `working` is in time order and never overlaps, so only the days just before and after the slot's
    start can be the nearest (a working day is at least a slot long).
    """
    after = bisect_right(working, slot.start, key=lambda day: day.start)
    return min(
        (
            _minutes(max(day.start - slot.start, _NONE)) + _minutes(max(slot.end - day.end, _NONE))
            for day in working[max(0, after - 1) : after + 1]
        ),
        default=_FAR,
    )


def night_minutes(slot: Interval, working: Sequence[Interval], nights: Sequence[Interval]) -> int:
    """Minutes of `slot` at night and outside working hours (someone who starts at 06:00 chose to).
    Both lists are in time order and disjoint."""
    at_night = 0
    for night in overlapping(nights, slot):
        part = Interval(max(slot.start, night.start), min(slot.end, night.end))
        at_night += part.minutes_shared(part) - sum(
            part.minutes_shared(d) for d in overlapping(working, part)
        )
    return at_night


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)
