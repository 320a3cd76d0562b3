"""When mentoring's steps are due: the matching window's close, a mentor's answer deadline and its one
reminder (in working days, in the mentor's time zone), and the pair's check-ins at the mentor's cadence.

Pure rules: `now` and time zones are parameters; every datetime returned is in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from bot.domain.help.asks import working_days_after
from bot.domain.time import next_send_time, zone

WINDOW_DAYS = 7
"""How long a matching window stays open unless the lead says otherwise (RAPPORT_MENTORING_WINDOW_DAYS)."""
ANSWER_DAYS = 3
"""Working days a mentor has to accept or decline (RAPPORT_MENTORING_ANSWER_DAYS)."""
MAX_WINDOW_DAYS = 90
MAX_ANSWER_DAYS = 10


class Cadence(StrEnum):
    """How often a mentor can meet."""

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"

    @property
    def days(self) -> int:
        return 7 if self is Cadence.WEEKLY else 14

    @property
    def label(self) -> str:
        return "weekly" if self is Cadence.WEEKLY else "every two weeks"


def window_closes_at(until: date, timezone: str | None) -> datetime:
    """A window open "until" a day closes at the end of that day (midnight after it) in `timezone`."""
    local = datetime.combine(until + timedelta(days=1), time(0, 0), tzinfo=zone(timezone))
    return local.astimezone(UTC)


def default_close_day(now: datetime, timezone: str | None, days: int = WINDOW_DAYS) -> date:
    """The day a window opened now closes by default: `days` days on, in `timezone`."""
    return now.astimezone(zone(timezone)).date() + timedelta(days=days)


def answer_due(sent_at: datetime, timezone: str | None, days: int = ANSWER_DAYS) -> datetime:
    """When an unanswered request times out: `days` working days after it was sent, the same local time."""
    return working_days_after(sent_at, days, timezone).astimezone(UTC)


def reminder_due(sent_at: datetime, timezone: str | None, days: int = ANSWER_DAYS) -> datetime | None:
    """The one reminder: a working day before the deadline, outside quiet hours; none with a one-day
    deadline (there is no day left to remind on)."""
    if days < 2:
        return None
    return next_send_time(working_days_after(sent_at, days - 1, timezone), timezone).astimezone(UTC)


def checkin_due(started_at: datetime, cadence: Cadence, number: int, timezone: str | None) -> datetime:
    """Check-in `number` (1, 2, …) of a pair that started at `started_at`: one cadence per session,
    sent at a working hour of `timezone`."""
    if number < 1:
        raise ValueError(f"check-ins are numbered from 1, not {number}")
    return next_send_time(started_at + timedelta(days=cadence.days * number), timezone).astimezone(UTC)


def next_checkin(
    started_at: datetime, cadence: Cadence, sent: int, timezone: str | None, now: datetime
) -> int | None:
    """The check-in due at `now` after `sent` were sent (only the latest one is sent: a pair that missed
    several ticks gets one question, not a pile), or None when none is due."""
    due = sent + 1
    if checkin_due(started_at, cadence, due, timezone) > now:
        return None
    while checkin_due(started_at, cadence, due + 1, timezone) <= now:
        due += 1
    return due
