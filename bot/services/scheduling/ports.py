"""What finding a time needs from a calendar system (Google Workspace or Microsoft 365), when one is set up.

Adapters live in bot/calendars; tests use the fake endpoints in tests/calendars. Both adapters turn
every failure (a wrong key, a revoked permission, a timeout, an answer of the wrong shape) into a
`CalendarError`, so the use cases fall back to working hours with one log line and never fail an intro.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.domain.scheduling.group import GroupDm, ScheduledGroup, Source
from bot.domain.scheduling.model import Interval, WorkingHours
from bot.services.ports import SlackMember


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


class WorkingHoursRepository(Protocol):
    """Members' own working hours (storage/scheduling/hours.py); a member without any has the default."""

    def of(self, team_id: str, user_ids: Iterable[str]) -> dict[str, WorkingHours]: ...

    def set(self, team_id: str, user_id: str, hours: WorkingHours, now: datetime) -> None: ...

    def clear(self, team_id: str, user_id: str) -> bool: ...

    def forget(self, team_id: str, user_id: str, marker: str) -> Mapping[str, int]: ...


class SchedulingRepository(Protocol):
    """Proposals, slots and votes (storage/scheduling/repository.py)."""

    def find(self, group: GroupDm) -> ScheduledGroup | None: ...

    def get(self, proposal_id: int) -> ScheduledGroup | None: ...

    def create(self, group: GroupDm, starts: Sequence[datetime], now: datetime) -> ScheduledGroup | None:
        """Store the first slots; None when a concurrent press stored the group's proposal first."""
        ...

    def withdraw(self, proposal_id: int) -> None:
        """Delete an unagreed proposal (its first message was refused), votes and slots with it."""
        ...

    def add_batch(self, proposal_id: int, starts: Sequence[datetime], seen_batches: int) -> bool:
        """More slots, unless a batch was added since the caller read `seen_batches` (or it is agreed)."""
        ...

    def vote(self, proposal_id: int, user_id: str, start: datetime, now: datetime) -> bool:
        """Record the member's press; True only for the one press that makes `start` the agreed slot."""
        ...

    def stamp_announced(self, proposal_id: int, now: datetime) -> None: ...

    def unannounced(self, now: datetime, lease_seconds: int) -> list[ScheduledGroup]:
        """Agreed slots still ahead whose announcement was claimed longer than the lease ago, unstamped."""
        ...

    def claim_announcement(self, proposal_id: int, now: datetime, lease_seconds: int) -> bool: ...

    def due_reminders(self, now: datetime) -> list[ScheduledGroup]: ...

    def claim_reminder(self, proposal_id: int, now: datetime, lease_seconds: int) -> bool: ...

    def stamp_reminded(self, proposal_id: int, now: datetime) -> None: ...

    def next_reminder(self, now: datetime) -> datetime | None: ...

    def next_announcement_retry(self, now: datetime, lease_seconds: int) -> datetime | None: ...

    def earliest_agreed(self, source: Source, after: datetime) -> datetime | None: ...

    def confirmed(self, team_id: str, source: Source, refs: Iterable[str]) -> dict[str, datetime]: ...

    def any_agreed(self, team_id: str, source: Source, started_by: datetime) -> bool:
        """Whether any group of `source` agreed a slot that started by `started_by`."""
        ...

    def used(self, team_id: str, source: Source) -> dict[str, bool]:
        """Each group of `source` that pressed Find a time: True when it agreed a slot."""
        ...

    def forget(self, team_id: str, user_id: str, marker: str) -> Mapping[str, int]: ...


@dataclass(frozen=True)
class SlotsMessage:
    """Proposed slots as the group sees them: (button value, the slot in everyone's time) and notes
    (a member's zone assumed, hours that never meet); `more` says "None of these" may offer more."""

    proposal_id: int
    slots: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    more: bool
    pencilled: bool = False  # Pencil it in: one slot Rapport chose, to Accept or replace


@dataclass(frozen=True)
class ConfirmedMessage:
    when: str  # the slot in everyone's time
    google: str
    outlook: str
    on_calendar: bool  # also put on the organiser's calendar, with the others invited


class SchedulingMessenger(Protocol):
    """Slack's side of finding a time, in one workspace; Block Kit is the adapter's business."""

    def members(self, user_ids: Sequence[str]) -> dict[str, SlackMember]:
        """People Slack knows (time zone, email); anyone it does not is left out."""
        ...

    def post_slots(self, channel_id: str, message: SlotsMessage) -> str: ...

    def post_confirmed(self, channel_id: str, message: ConfirmedMessage) -> str: ...

    def upload_ics(self, channel_id: str, filename: str, content: str, comment: str) -> str:
        """Slack's external upload into the DM; returns the file's ID."""
        ...

    def remind(self, channel_id: str, when: str) -> str: ...
