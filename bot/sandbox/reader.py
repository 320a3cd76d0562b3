"""Who reads a message, as a Slack client knows them: names for IDs, the people and conversations its
pickers offer, their time zone and the time now (for `<!date^…>`, shown in the reader's own zone)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Names = Callable[[str], str]  # an ID (U…, C…) → the name the client shows


@dataclass(frozen=True)
class Pickable:
    """A conversation a picker may offer; `kind` is Slack's filter word: public, private, im or mpim."""

    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class Reader:
    names: Names
    people: tuple[tuple[str, str], ...] = ()  # (user ID, name) for user pickers, in the order shown
    conversations: tuple[Pickable, ...] = ()
    zone: str | None = None
    now: datetime = field(default_factory=lambda: datetime.now(UTC))


def reader_of(names: Names | Reader) -> Reader:
    return names if isinstance(names, Reader) else Reader(names)


def format_date(epoch: int, tokens: str, reader: Reader) -> str:
    """`<!date^epoch^tokens|…>` as Slack shows it, in the reader's zone: {date_num}, {date}, {date_short},
    {date_long} (each also _pretty: today, yesterday, tomorrow), {time}, {time_secs}, {ago}."""
    zone = _zone(reader.zone)
    moment = datetime.fromtimestamp(epoch, UTC).astimezone(zone)
    today = reader.now.astimezone(zone).date()
    shown = {
        "date_num": moment.strftime("%Y-%m-%d"),
        "time": f"{moment.hour % 12 or 12}:{moment:%M} {'AM' if moment.hour < 12 else 'PM'}",
        "time_secs": f"{moment.hour % 12 or 12}:{moment:%M:%S} {'AM' if moment.hour < 12 else 'PM'}",
        "ago": _ago(int((reader.now - moment).total_seconds())),
    }
    day, year = moment.day, moment.year
    shown["date"] = f"{moment:%B} {_ordinal(day)}, {year}"
    shown["date_short"] = f"{moment:%b} {day}, {year}"
    shown["date_long"] = f"{moment:%A}, {shown['date']}"
    for name in ("date", "date_short", "date_long"):
        shown[f"{name}_pretty"] = _pretty(moment.date(), today) or shown[name]
    for name, value in shown.items():
        tokens = tokens.replace("{" + name + "}", value)
    return tokens


def _zone(name: str | None) -> tzinfo:
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _pretty(day: date, today: date) -> str | None:
    return {-1: "yesterday", 0: "today", 1: "tomorrow"}.get((day - today).days)


def _ago(seconds: int) -> str:
    future, seconds = seconds < 0, abs(seconds)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            words = f"{count} {unit}{'s' if count != 1 else ''}"
            return f"in {words}" if future else f"{words} ago"
    return "just now"
