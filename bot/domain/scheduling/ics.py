"""The confirmed slot as an iCalendar file (RFC 5545) to share in the group DM.

Hand-written because it is one event and the domain uses the standard library only; the tests parse
it back with the `icalendar` library. Times are UTC (`...Z`), so no VTIMEZONE is needed; text is
escaped (backslash, `;`, `,`, newlines) and control characters dropped; lines end in CRLF and are
folded at 75 octets without splitting a UTF-8 character.

With attendees it is a plain iCalendar object; without, it says `METHOD:PUBLISH` ("add this to your
calendar"), which RFC 5546 allows only without ATTENDEE lines. Either way nobody is invited by it: the
invitations come from the calendar system when Rapport has one (bot/calendars).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

TITLE_LIMIT = 200  # characters of the SUMMARY
DESCRIPTION_LIMIT = 2000  # characters of the DESCRIPTION
REMINDER_MINUTES = 10
LINE_OCTETS = 75
PRODID = "-//Rapport//Find a time//EN"

_STAMP = "%Y%m%dT%H%M%SZ"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # every control character but tab and line feed
_EMAIL = re.compile(r"^[^\s@\"<>()\\,;:]+@[^\s@\"<>()\\,;:]+\.[^\s@\"<>()\\,;:]+$")


@dataclass(frozen=True)
class Person:
    """Someone named in the file: a display name and an email address."""

    name: str
    email: str


def event_uid(conversation: str, start: datetime) -> str:
    """A stable UID for the meeting of this conversation at this time: sending the file again updates
    the same event in a calendar, and the UID does not show the Slack conversation ID."""
    digest = hashlib.sha256(f"{conversation}|{_utc(start)}".encode()).hexdigest()
    return f"{digest[:32]}@rapport"


def file_name(start: datetime) -> str:
    """'meeting-20260114T1500Z.ics'."""
    return f"meeting-{start.astimezone(UTC):%Y%m%dT%H%M}Z.ics"


def ics_event(
    *,
    uid: str,
    stamp: datetime,
    start: datetime,
    end: datetime,
    title: str,
    description: str = "",
    organiser: Person | None = None,
    attendees: Sequence[Person] = (),
) -> str:
    """The .ics text of one event, with a display reminder REMINDER_MINUTES before it.

    `stamp` is when the file is made (now). People whose address is not a plain email are left out.
    """
    people = [p for p in attendees if _EMAIL.match(p.email)]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if not people:
        lines.append("METHOD:PUBLISH")
    lines += [
        "BEGIN:VEVENT",
        f"UID:{text(uid)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{text(title[:TITLE_LIMIT])}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{text(description[:DESCRIPTION_LIMIT])}")
    if organiser is not None and _EMAIL.match(organiser.email):
        lines.append(f"ORGANIZER;CN={_param(organiser.name)}:mailto:{organiser.email}")
    lines += [f"ATTENDEE;CN={_param(p.name)};ROLE=REQ-PARTICIPANT:mailto:{p.email}" for p in people]
    lines += [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{text(title[:TITLE_LIMIT])}",
        f"TRIGGER:-PT{REMINDER_MINUTES}M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def text(value: str) -> str:
    """A TEXT value: control characters dropped, `\\ ; ,` escaped, line breaks as `\\n`."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(raw, escaped)
    return value


def fold(line: str) -> str:
    """The line cut into pieces of at most 75 octets, each after the first starting with a space."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def _param(value: str) -> str:
    """A quoted parameter value: no double quotes or control characters may appear inside one."""
    return '"' + _CONTROL.sub("", value.replace('"', "'").replace("\n", " ").replace("\t", " "))[:100] + '"'


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetimes must be timezone-aware")
    return moment.astimezone(UTC).strftime(_STAMP)
