"""When rounds start, end and nudge people, and the arguments of `/coffee setup` and `/coffee pause`.

Every datetime taken or returned here is timezone-aware; returned ones are in UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.coffee.model import WEEKDAYS, Frequency, Schedule

_DAY = timedelta(days=1)
_TINY = timedelta(microseconds=1)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_SPAN = re.compile(r"^(\d{1,4})\s*(day|days|week|weeks)$")
_ISO_DATE = re.compile(r"^(?:until\s+)?(\d{4}-\d{2}-\d{2})$")


def next_slot(schedule: Schedule, after: datetime) -> datetime:
    """The first slot strictly after `after`: schedule.weekday at schedule.at, local time, in UTC.

    A local time that does not exist (clocks jump forward) or happens twice (clocks go back)
    is read with fold=0, i.e. with the offset in force before the switch.
    """
    _require_aware(after, "after")
    zone = ZoneInfo(schedule.timezone)
    start = after.astimezone(zone).date()
    for offset in range(8):
        day = start + timedelta(days=offset)
        if day.weekday() != schedule.weekday:
            continue
        local = datetime.combine(day, schedule.at.replace(tzinfo=None, fold=0), tzinfo=zone)
        slot = local.astimezone(UTC)
        if slot > after:
            return slot
    raise AssertionError("unreachable: a weekday recurs within eight days")  # pragma: no cover


def due_slot(
    schedule: Schedule, last_slot: datetime | None, created_at: datetime, now: datetime
) -> datetime | None:
    """The slot a new round should fill at `now`, or None when none is due.

    The first slot follows `created_at`; each next one is at least `frequency.days - 1` days
    after the previous (the day of slack absorbs DST shifts and a changed weekday). After an
    outage only the latest missed slot is returned, never a burst of rounds; being the last of
    the chain that is <= now, it is at most about one round's length old.
    """
    _require_aware(now, "now")
    slot = next_slot(schedule, created_at) if last_slot is None else _following(schedule, last_slot)
    if slot > now:
        return None
    while (later := _following(schedule, slot)) <= now:
        slot = later
    return slot


def upcoming_slot(
    schedule: Schedule, last_slot: datetime | None, created_at: datetime, now: datetime
) -> datetime:
    """The first slot after `now` that a round will fill: what the day-before heads-up announces."""
    _require_aware(now, "now")
    slot = next_slot(schedule, created_at) if last_slot is None else _following(schedule, last_slot)
    while slot <= now:
        slot = _following(schedule, slot)
    return slot


def _following(schedule: Schedule, slot: datetime) -> datetime:
    """The first slot at least `frequency.days - 1` days after `slot`."""
    earliest = slot + timedelta(days=schedule.frequency.days - 1)
    return next_slot(schedule, earliest - _TINY)


def round_end(slot: datetime, frequency: Frequency) -> datetime:
    return slot + timedelta(days=frequency.days)


def mid_round(slot: datetime, frequency: Frequency) -> datetime:
    """Halfway through the round: when Pencil it in proposes a time to groups that have none."""
    return slot + (round_end(slot, frequency) - slot) / 2


def checkin_at(slot: datetime, frequency: Frequency, checkin_after_days: int) -> datetime:
    """`checkin_after_days` after the slot, but no later than a day before the round ends."""
    return min(slot + timedelta(days=checkin_after_days), reask_at(slot, frequency))


def reask_at(slot: datetime, frequency: Frequency) -> datetime:
    """Near the end of the round: when groups that answered Scheduled are asked again."""
    return round_end(slot, frequency) - _DAY


def heads_up_at(slot: datetime) -> datetime:
    return slot - _DAY


def starts_in_words(slot: datetime, now: datetime, timezone: str) -> str:
    """When a round starts, as the heads-up says it: "today at 10:00", "tomorrow (Monday at 10:00)",
    "on Wednesday at 10:00", else with the date; today and tomorrow by the calendar of the pool's zone.
    A late heads-up (the pool was set up, or the tick ran, on the round's own day) says "today"."""
    _require_aware(slot, "slot")
    _require_aware(now, "now")
    zone = ZoneInfo(timezone)
    local = slot.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    at = f"{local:%H:%M}"
    if days == 0:
        return f"today at {at}"
    if days == 1:
        return f"tomorrow ({local:%A} at {at})"
    if 1 < days < 7:
        return f"on {local:%A} at {at}"
    return f"on {local:%A} {local.day} {local:%B} at {at}"


def parse_time(text: str) -> time | None:
    """A 24-hour "HH:MM" (or "H:MM"), or None."""
    match = _TIME.match(text.strip())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_weekday(text: str) -> int | None:
    """Monday = 0 … Sunday = 6 from "monday", "mondays" or "mon" in any case, or None."""
    word = text.strip().lower()
    for number, name in enumerate(WEEKDAYS):
        if word in (name, name + "s", name[:3]):
            return number
    return None


class PauseRefusal(StrEnum):
    """Why a pause was refused, so the member is told what to change."""

    UNREADABLE = "unreadable"
    PASSED = "passed"  # a date before today
    TODAY = "today"  # a pause must end after today
    TOO_FAR = "too_far"  # more than a year ahead


def read_pause(text: str, today: date) -> date | PauseRefusal:
    """The date a pause ends (the member is back that day) from "2 weeks", "3 days",
    "until 2026-07-01" or "2026-07-01", or why it cannot be: a pause ends after today and within a year.
    """
    words = " ".join(text.strip().lower().split())
    if span := _SPAN.match(words):
        days = int(span[1]) * (7 if span[2].startswith("week") else 1)
        if days == 0:
            return PauseRefusal.UNREADABLE
        if days > 400:
            return PauseRefusal.TOO_FAR
        end = today + timedelta(days=days)
    elif iso := _ISO_DATE.match(words):
        try:
            end = date.fromisoformat(iso[1])
        except ValueError:
            return PauseRefusal.UNREADABLE
    else:
        return PauseRefusal.UNREADABLE
    if end < today:
        return PauseRefusal.PASSED
    if end == today:
        return PauseRefusal.TODAY
    return end if end <= _a_year_after(today) else PauseRefusal.TOO_FAR


def pause_until(text: str, today: date) -> date | None:
    """`read_pause`'s date, or None when it is refused."""
    read = read_pause(text, today)
    return None if isinstance(read, PauseRefusal) else read


def pause_example(today: date) -> date:
    """A date to show in an example: four weeks ahead, always one a pause may end on."""
    return today + timedelta(weeks=4)


def _a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
