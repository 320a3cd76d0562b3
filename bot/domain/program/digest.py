"""When a program lead's weekly digest is due: Monday 09:00 in their own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.domain.time import zone

DIGEST_HOUR = 9


def candidate_week(now: datetime) -> date | None:
    """The Monday whose 09:00 may have come somewhere on Earth by `now` (UTC+14 to UTC-12), else None.

    Outside that window no time zone is on a Monday after nine, so the job need not ask Slack anything.
    """
    utc = now.astimezone(UTC)
    monday = utc.date() + timedelta(days=(7 - utc.weekday()) % 7 if utc.weekday() == 6 else -utc.weekday())
    start = datetime.combine(monday, datetime.min.time(), tzinfo=UTC) + timedelta(hours=DIGEST_HOUR - 14)
    end = datetime.combine(monday, datetime.min.time(), tzinfo=UTC) + timedelta(hours=24 + 12)
    return monday if start <= utc < end else None


def digest_due(now: datetime, timezone: str | None) -> date | None:
    """The local Monday when it is Monday from 09:00 on in `timezone` (UTC when unknown), else None."""
    local = now.astimezone(zone(timezone))
    return local.date() if local.weekday() == 0 and local.hour >= DIGEST_HOUR else None


def next_digest_check(now: datetime) -> datetime:
    """While `candidate_week` has a Monday, the next quarter hour (a lead's 09:00 may begin then); else when
    the next Monday's window opens (Sunday 19:00 UTC, Monday 09:00 at UTC+14)."""
    utc = now.astimezone(UTC)
    if candidate_week(utc) is not None:
        quarter = utc.replace(second=0, microsecond=0)
        return quarter - timedelta(minutes=quarter.minute % 15) + timedelta(minutes=15)
    monday = utc.date() + timedelta(days=(7 - utc.weekday()) % 7 or 7)
    return datetime.combine(monday, datetime.min.time(), tzinfo=UTC) + timedelta(hours=DIGEST_HOUR - 14)
