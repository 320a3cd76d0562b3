"""When follow-ups happen: thank-you nudges after a meeting, catch-up suggestions as connections
cool, and the dates around the end of an internship.

Pure rules: `now`, `today` and time zones are parameters. Every datetime taken must be
timezone-aware; every datetime returned is in UTC. A time zone is an IANA name (as Slack's
`users.info` gives it); an unknown, invalid or missing one is read as UTC.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WORK_START = time(9, 0)
QUIET_UNTIL = time(8, 0)  # nudges may go out from 08:00 …
QUIET_FROM = time(19, 0)  # … up to, not including, 19:00 local
MAX_FOLDED = 5  # meetings mentioned in one day's nudge at most
CATCH_UP_WEEKS_INTERN = 4
CATCH_UP_WEEKS_OTHER = 8
SUGGESTION_GAP = timedelta(days=7)
RECAP_WORKING_DAYS = 5
ALUMNI_MONTHS = 3

_DAY = timedelta(days=1)


# Time zones and working days


def zone(timezone: str | None) -> tzinfo:
    """The member's zone, or UTC when Slack gave none or an unusable name."""
    if not timezone:
        return UTC
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC


def is_working_day(day: date) -> bool:
    """Monday to Friday (public holidays are not known here)."""
    return day.weekday() < 5


def _local(moment: datetime, timezone: str | None) -> datetime:
    _require_aware(moment)
    return moment.astimezone(zone(timezone))


def _morning(day: date, timezone: str | None) -> datetime:
    """WORK_START local on `day`, in UTC (fold=0: the offset before a DST switch)."""
    local = datetime.combine(day, WORK_START.replace(fold=0), tzinfo=zone(timezone))
    return local.astimezone(UTC)


def _next_working_day(day: date) -> date:
    day += _DAY
    while not is_working_day(day):
        day += _DAY
    return day


# Thank-you nudges


def next_working_morning(after: datetime, timezone: str | None) -> datetime:
    """09:00 local on the first working day strictly after the local date of `after`.

    A meeting recorded on Friday (at any hour) or over the weekend is nudged on Monday.
    """
    return _morning(_next_working_day(_local(after, timezone).date()), timezone)


def quiet(now: datetime, timezone: str | None) -> bool:
    """True on weekends and outside 08:00 to 19:00 local: no nudge is sent then."""
    local = _local(now, timezone)
    if not is_working_day(local.date()):
        return True
    return not QUIET_UNTIL <= local.time() < QUIET_FROM


def next_send_time(now: datetime, timezone: str | None) -> datetime:
    """`now` if a nudge may go out now, else the first working-day 09:00 local after now.

    Before 08:00 on a working day that is 09:00 the same day, not the next day.
    """
    if not quiet(now, timezone):
        return now
    today = _local(now, timezone).date()
    if is_working_day(today) and (morning := _morning(today, timezone)) > now:
        return morning
    return next_working_morning(now, timezone)


def remind_tomorrow(now: datetime, timezone: str | None) -> datetime:
    """For "Remind me tomorrow": the next working morning (on Friday, that is Monday)."""
    return next_working_morning(now, timezone)


@dataclass(frozen=True)
class PendingNudge:
    """A thank-you nudge owed to one member for one meeting, not yet sent, done or skipped."""

    meeting_id: int
    other_user_id: str
    met_on: date
    due_at: datetime


def fold_due_nudges(
    pending: Sequence[PendingNudge], now: datetime, last_sent: datetime | None, timezone: str | None
) -> list[PendingNudge]:
    """The nudges to send one member together now, oldest meeting first, at most MAX_FOLDED.

    Nothing while it is quiet for them, and nothing if they already had a nudge today
    (their local date): at most one message a day, several meetings folded into it.
    """
    if quiet(now, timezone) or _sent_today(last_sent, now, timezone):
        return []
    due = _unique(nudge for nudge in pending if nudge.due_at <= now)
    due.sort(key=lambda nudge: (nudge.met_on, nudge.due_at, nudge.meeting_id))
    return due[:MAX_FOLDED]


def _sent_today(last_sent: datetime | None, now: datetime, timezone: str | None) -> bool:
    if last_sent is None:
        return False
    return _local(last_sent, timezone).date() == _local(now, timezone).date()


def _unique(nudges: Iterable[PendingNudge]) -> list[PendingNudge]:
    """One nudge per meeting and person, whatever the caller's list repeats."""
    seen: dict[tuple[int, str], PendingNudge] = {}
    for nudge in nudges:
        seen.setdefault((nudge.meeting_id, nudge.other_user_id), nudge)
    return list(seen.values())


# Catch-up suggestions


@dataclass(frozen=True)
class Connection:
    """Someone in a member's network, as catch-up suggestions see them."""

    other_user_id: str
    last_interaction: date
    suggested_at: date | None  # when a catch-up with them was last suggested
    stopped: bool  # the member chose "Stop suggesting @x"


def catch_up_weeks(is_in_internship: bool) -> int:
    return CATCH_UP_WEEKS_INTERN if is_in_internship else CATCH_UP_WEEKS_OTHER


def choose_catch_up(
    connections: Iterable[Connection], today: date, is_in_internship: bool, last_suggestion: date | None
) -> str | None:
    """The user id to suggest catching up with today, or None.

    At most one suggestion a week per member. Among connections not stopped and quiet for
    at least N weeks, the one suggested least recently (never-suggested first), then the
    longest without interaction, then by user id: successive suggestions rotate.
    """
    if last_suggestion is not None and today - last_suggestion < SUGGESTION_GAP:
        return None
    cold_since = today - timedelta(weeks=catch_up_weeks(is_in_internship))
    cold = [c for c in connections if not c.stopped and c.last_interaction <= cold_since]
    if not cold:
        return None
    return min(cold, key=_rotation_key).other_user_id


def _rotation_key(connection: Connection) -> tuple[bool, date, date, str]:
    suggested = connection.suggested_at
    return (
        suggested is not None,
        suggested or date.min,
        connection.last_interaction,
        connection.other_user_id,
    )


# The end of an internship


def recap_day(internship_end: date) -> date:
    """Five working days before the end date: end Friday 28 Aug → Friday 21 Aug."""
    day = internship_end
    for _ in range(RECAP_WORKING_DAYS):
        day -= _DAY
        while not is_working_day(day):
            day -= _DAY
    return day


def alumni_reminder_day(internship_end: date) -> date:
    """Three calendar months after the end date, the day clamped to the month (31 May → 31 Aug,
    30 Nov → 28 or 29 Feb)."""
    months = internship_end.month - 1 + ALUMNI_MONTHS
    year, month = internship_end.year + months // 12, months % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(internship_end.day, last_day))


def in_internship(start: date | None, end: date | None, today: date) -> bool:
    """Whether `today` falls within the internship, both ends included.

    A missing bound is open on that side; with neither date known, not in an internship.
    """
    if start is None and end is None:
        return False
    return (start is None or start <= today) and (end is None or today <= end)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetimes must be timezone-aware")
