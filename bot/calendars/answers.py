"""Reading what calendar systems answer: untrusted JSON, so every field is checked before it is used."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.domain.scheduling.model import Interval
from bot.services.scheduling.ports import CalendarError

_UTC_NAMES = ("UTC", "Etc/UTC", "Coordinated Universal Time")


def instant(value: Any, zone: Any = None) -> datetime:
    """An ISO 8601 time from an answer, aware; a naive one is read in `zone`, which must be UTC."""
    if not isinstance(value, str):
        raise CalendarError(f"the calendar answered a time that is not text ({type(value).__name__})")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CalendarError(f"the calendar answered a time that is not ISO 8601 ({value[:40]!r})") from None
    if moment.tzinfo is None:
        if zone not in _UTC_NAMES:
            raise CalendarError(f"the calendar answered a time in {str(zone)[:40]!r}, not UTC as asked")
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def interval(start: Any, end: Any, zone: Any = None) -> Interval | None:
    """A busy interval from an answer; None for an empty or backwards one (nothing to avoid)."""
    first, last = instant(start, zone), instant(end, zone)
    return Interval(first, last) if first < last else None


def one_line(value: object, limit: int = 200) -> str:
    """An error's text fit for one log line: whitespace folded, cut to `limit` characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
