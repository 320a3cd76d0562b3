"""What finding a time needs from a calendar system (Google Workspace or Microsoft 365), when one is set up.

Adapters live in bot/calendars; tests use the fake endpoints in tests/calendars. Both adapters turn
every failure (a wrong key, a revoked permission, a timeout, an answer of the wrong shape) into a
`CalendarError`, so the use cases fall back to working hours with one log line and never fail an intro.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.domain.scheduling.model import Interval


class CalendarError(Exception):
    """The calendar system could not be read or written. The message is one line for the operator's log:
    what failed and, where known, the setting or permission to check. It never carries a secret."""


@dataclass(frozen=True)
class BusyTimes:
    """Busy time per email address read, and why the others could not be read (e.g. 'notFound': outside
    the directory). Those others are taken as free within their working hours."""

    busy: Mapping[str, tuple[Interval, ...]]
    unread: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CalendarEvent:
    """An event created on the organiser's calendar; `link` opens it there, when the system gives one."""

    id: str
    link: str | None = None


class CalendarProvider(Protocol):
    """A calendar system Rapport may read busy times from and put meetings on."""

    name: str  # "Google Calendar", "Microsoft 365": for log lines

    def busy(self, organiser: str, emails: Sequence[str], start: datetime, end: datetime) -> BusyTimes:
        """Busy times of `emails` between `start` and `end`, asked as `organiser` (whose access reads them).

        Raises CalendarError when nothing could be read.
        """
        ...

    def create_event(
        self,
        organiser: str,
        attendees: Sequence[str],
        start: datetime,
        end: datetime,
        title: str,
        description: str,
    ) -> CalendarEvent:
        """Put the meeting on `organiser`'s calendar with `attendees` invited; the calendar system sends
        the invitations. Raises CalendarError when it could not."""
        ...
