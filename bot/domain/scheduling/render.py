"""A slot in each person's local time: "Tue 14 Jan, 15:00-15:30".

English names are spelled here, not taken from the machine's locale, so a server set to another
language writes the same text the tests read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from bot.domain.scheduling.model import Attendee, Slot

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def local_when(moment: datetime, zone: tzinfo) -> str:
    """'Tue 14 Jan, 15:00': the day, date and time in `zone`."""
    local = moment.astimezone(zone)
    return f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]}, {local:%H:%M}"


def local_span(slot: Slot, zone: tzinfo) -> str:
    """'Tue 14 Jan, 15:00-15:30' (the end's date is left out: a slot is half an hour)."""
    return f"{local_when(slot.start, zone)}-{slot.end.astimezone(zone):%H:%M}"


def utc_offset(moment: datetime, zone: tzinfo) -> str:
    """'UTC+1', 'UTC+5:30', 'UTC-10', 'UTC': the zone's offset at that moment (DST included)."""
    offset = moment.astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def your_time(slot: Slot, attendee: Attendee) -> str:
    """For one person (an ephemeral message, a DM): 'Tue 14 Jan, 15:00-15:30 (your time)'."""
    return f"{local_span(slot, attendee.zone)} (your time)"


@dataclass(frozen=True)
class LocalTime:
    """How a slot reads for some of the members: those who share a local time, in the order given."""

    text: str  # "Tue 14 Jan, 15:00-15:30"
    offset: str  # "UTC+1"
    keys: tuple[str, ...]
    outside_hours: tuple[str, ...]  # of those, the ones for whom it is outside working hours


def in_each_zone(slot: Slot, attendees: Sequence[Attendee]) -> tuple[LocalTime, ...]:
    """The slot's local times, one per distinct (time, offset), the organiser's first."""
    groups: dict[tuple[str, str], list[str]] = {}
    for attendee in attendees:
        key = (local_span(slot, attendee.zone), utc_offset(slot.start, attendee.zone))
        groups.setdefault(key, []).append(attendee.key)
    return tuple(
        LocalTime(text, offset, tuple(keys), tuple(k for k in keys if k in slot.outside_hours))
        for (text, offset), keys in groups.items()
    )


def slot_line(slot: Slot, attendees: Sequence[Attendee], names: Mapping[str, str]) -> str:
    """One line for the group: the time for each, e.g.
    'Tue 14 Jan, 15:00-15:30 (UTC+1) for Ana and Ben · Tue 14 Jan, 19:30-20:00 (UTC+5:30) for Chandra'.

    Everyone on one local time reads 'Tue 14 Jan, 15:00-15:30 (UTC+1)'. A slot outside someone's
    working hours says so after their name: '... for Chandra (outside working hours)'. `names` are
    shown as given (the caller escapes them); a key without a name shows the key.
    """
    times = in_each_zone(slot, attendees)
    parts = []
    for time in times:
        text = f"{time.text} ({time.offset})"
        if len(times) > 1:
            text += " for " + _listed([names.get(key, key) for key in time.keys])
        if len(time.outside_hours) == len(time.keys):
            text += " (outside working hours)"
        elif time.outside_hours:
            text += (
                " (outside working hours for " + _listed([names.get(k, k) for k in time.outside_hours]) + ")"
            )
        parts.append(text)
    return " · ".join(parts)


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
