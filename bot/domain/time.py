"""Time zones, working days and quiet hours: when Rapport may speak to someone.

Pure rules: `now` and time zones are parameters. Every datetime taken must be timezone-aware; every
datetime returned is in UTC. A time zone is an IANA name (as Slack's `users.info` gives it); an
unknown, invalid or missing one is read as UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WORK_START = time(9, 0)


QUIET_UNTIL = time(8, 0)  # nudges may go out from 08:00 …


QUIET_FROM = time(19, 0)  # … up to, not including, 19:00 local


_DAY = timedelta(days=1)


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


def local_time(moment: datetime, timezone: str | None) -> datetime:
    _require_aware(moment)
    return moment.astimezone(zone(timezone))


def working_morning_of(day: date, timezone: str | None) -> datetime:
    """WORK_START local on `day`, in UTC (fold=0: the offset before a DST switch)."""
    local = datetime.combine(day, WORK_START.replace(fold=0), tzinfo=zone(timezone))
    return local.astimezone(UTC)


def _next_working_day(day: date) -> date:
    day += _DAY
    while not is_working_day(day):
        day += _DAY
    return day


def next_working_morning(after: datetime, timezone: str | None) -> datetime:
    """09:00 local on the first working day strictly after the local date of `after`.

    A meeting recorded on Friday (at any hour) or over the weekend is nudged on Monday.
    """
    return working_morning_of(_next_working_day(local_time(after, timezone).date()), timezone)


def quiet(now: datetime, timezone: str | None) -> bool:
    """True on weekends and outside 08:00 to 19:00 local: no nudge is sent then."""
    local = local_time(now, timezone)
    if not is_working_day(local.date()):
        return True
    return not QUIET_UNTIL <= local.time() < QUIET_FROM


def next_send_time(now: datetime, timezone: str | None) -> datetime:
    """`now` if a nudge may go out now, else the first working-day 09:00 local after now.

    Before 08:00 on a working day that is 09:00 the same day, not the next day.
    """
    if not quiet(now, timezone):
        return now
    today = local_time(now, timezone).date()
    if is_working_day(today) and (morning := working_morning_of(today, timezone)) > now:
        return morning
    return next_working_morning(now, timezone)


def remind_tomorrow(now: datetime, timezone: str | None) -> datetime:
    """For "Remind me tomorrow": the next working morning (on Friday, that is Monday)."""
    return next_working_morning(now, timezone)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetimes must be timezone-aware")


QUARTER = timedelta(minutes=15)
EARLIEST_ZONE = timedelta(hours=14)  # UTC+14: a local date begins up to 14 hours before UTC's


def next_quarter_hour(now: datetime) -> datetime:
    """The next hh:00, :15, :30 or :45 UTC after `now`: every zone's local hours and half-hours begin on one,
    so work that waits for someone's morning is never later than this to look again."""
    _require_aware(now)
    start = now.astimezone(UTC).replace(second=0, microsecond=0)
    return start - timedelta(minutes=start.minute % 15) + QUARTER


def first_local_moment(day: date) -> datetime:
    """When `day` begins in the earliest time zone (UTC+14), in UTC: nothing dated `day` is due before."""
    return datetime.combine(day, time(0, 0), tzinfo=UTC) - EARLIEST_ZONE


def end_of_quiet(now: datetime, timezone: str | None) -> datetime:
    """`now` when it is not `quiet` in `timezone`, else when the quiet ends: 08:00 local on a working day."""
    if not quiet(now, timezone):
        return now
    day = local_time(now, timezone).date()
    while True:
        start = datetime.combine(day, QUIET_UNTIL.replace(fold=0), tzinfo=zone(timezone)).astimezone(UTC)
        if is_working_day(day) and start > now:
            return start
        day += _DAY
