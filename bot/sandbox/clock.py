"""The sandbox's clock: it stands still until the visitor moves it ("+1 hour", "tomorrow 09:00", …)."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, time, timedelta

UNITS = {"minute": "minutes", "hour": "hours", "day": "days", "week": "weeks"}
_PLUS = re.compile(r"^\+\s*(\d{1,3})\s*(minute|hour|day|week)s?$")
_TOMORROW = re.compile(r"^tomorrow(?:\s+(\d{1,2}):(\d{2}))?$")
PHRASES = ("+1 hour", "+1 day", "tomorrow 09:00", "next week")
LONGEST_MOVE = timedelta(days=365)


class SandboxClock:
    """A movable `Clock` (callable returning an aware UTC datetime); thread-safe."""

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, moment: datetime) -> None:
        with self._lock:
            if moment < self._now:
                raise ValueError("the sandbox clock only moves forward")
            self._now = moment


def start_of_sandbox(real_now: datetime) -> datetime:
    """The sandbox starts on the coming Monday at 08:00 UTC, so the first round is a clock move away."""
    monday = real_now.date() + timedelta(days=(7 - real_now.weekday()) % 7 or 7)
    return datetime.combine(monday, time(8, 0), tzinfo=UTC)


def move(phrase: str, now: datetime) -> datetime | str:
    """Where `phrase` takes the clock from `now` (UTC), or a sentence saying what it understands."""
    target = _target(phrase, now)
    if isinstance(target, datetime) and target - now > LONGEST_MOVE:
        return "Move the clock by at most a year (365 days) at a time."
    return target


def _target(phrase: str, now: datetime) -> datetime | str:
    text = " ".join(phrase.strip().lower().split())
    plus = _PLUS.match(text)
    if plus:
        amount = int(plus.group(1))
        if amount == 0:
            return "Move the clock by at least 1."
        return now + timedelta(**{UNITS[plus.group(2)]: amount})
    tomorrow = _TOMORROW.match(text)
    if tomorrow:
        hour, minute = int(tomorrow.group(1) or 9), int(tomorrow.group(2) or 0)
        if hour > 23 or minute > 59:
            return "That is not a time of day: use HH:MM, like tomorrow 09:00."
        return datetime.combine(now.date() + timedelta(days=1), time(hour, minute), tzinfo=UTC)
    if text == "next week":
        monday = now.date() + timedelta(days=7 - now.weekday())
        return datetime.combine(monday, time(9, 0), tzinfo=UTC)
    return "Try " + ", ".join(f'"{p}"' for p in PHRASES) + " (or +N minutes/hours/days/weeks)."
