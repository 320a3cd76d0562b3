"""A member's own working hours as typed (`08:00-16:00`, `10:00-18:30 mon-thu`), read and described.

Reading never raises: bad text gives a `Refusal` that names what is wrong, so the member can fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from bot.domain.scheduling.model import DEFAULT_HOURS, SLOT, WorkingHours

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_TEXT = 80
"""Longer text is refused unread (`08:00-16:00 mon,tue,wed,thu,fri,sat,sun` is 40 characters)."""

_TIMES = re.compile(r"^(\d{1,2}):(\d{2})\s*[-\u2013]\s*(\d{1,2}):(\d{2})$")
_DASH = re.compile(r"\s*[-\u2013]\s*")
_MINUTES = int(SLOT.total_seconds() // 60)


@dataclass(frozen=True)
class Refusal:
    """Why the text is not working hours, in one sentence."""

    reason: str


def read_hours(text: str) -> WorkingHours | Refusal:
    """`HH:MM-HH:MM`, optionally followed by days (`mon-thu`, `mon,wed,fri`); weekdays when none are given."""
    if len(text) > MAX_TEXT:
        return Refusal("that is too long to be working hours")
    times, _, days = _DASH.sub("-", " ".join(text.split())).partition(" ")
    found = _TIMES.match(times)
    if found is None:
        return Refusal(f"I can't read the times `{times}`")
    start, end = _time(found[1], found[2]), _time(found[3], found[4])
    if start is None or end is None:
        return Refusal("a time is between 00:00 and 23:59")
    length = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if length <= 0:
        return Refusal(f"the end ({end:%H:%M}) is not after the start ({start:%H:%M})")
    if length < _MINUTES:
        return Refusal(f"they are under {_MINUTES} minutes long, too short for a chat")
    weekdays = read_days(days) if days else DEFAULT_HOURS.weekdays
    if isinstance(weekdays, Refusal):
        return weekdays
    return WorkingHours(start, end, weekdays)


def read_days(text: str) -> frozenset[int] | Refusal:
    """`mon-thu`, `mon,wed,fri`, `sat` or a mix (`mon-wed,fri`); a range may wrap (`fri-mon`)."""
    chosen: set[int] = set()
    for part in text.replace(" ", ",").lower().split(","):
        if not part:
            continue
        first, _, last = part.partition("-")
        ends = [_day(first), _day(last or first)]
        if None in ends:
            unknown = first if ends[0] is None else last
            return Refusal(f"I don't know the day `{unknown[:12]}` (use mon, tue, wed, thu, fri, sat, sun)")
        day, stop = ends[0], ends[1]
        assert day is not None and stop is not None
        chosen.add(day)
        while day != stop:
            day = (day + 1) % 7
            chosen.add(day)
    return frozenset(chosen) if chosen else Refusal("name at least one day")


def describe(hours: WorkingHours) -> str:
    """`09:00-17:00, Monday to Friday`; `10:00-18:30, Monday, Wednesday and Friday`."""
    return f"{hours.start:%H:%M}-{hours.end:%H:%M}, {describe_days(hours.weekdays)}"


def describe_days(weekdays: frozenset[int]) -> str:
    days = sorted(weekdays)
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}"
    names = [DAY_NAMES[day] for day in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _time(hour: str, minute: str) -> time | None:
    if int(hour) > 23 or int(minute) > 59:
        return None
    return time(int(hour), int(minute))


def _day(text: str) -> int | None:
    word = text.strip()[:3]
    if len(text.strip()) < 3 or not any(name.lower().startswith(text.strip()) for name in DAY_NAMES):
        return None
    return DAYS.index(word)
