"""What the event use cases need from storage and from Slack."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from bot.domain.events import Answer, EventPlan, Reminder
from bot.services.ports import SlackMember


class EventStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Event:
    id: int
    team_id: str
    created_by: str
    title: str
    description: str | None
    starts_at: datetime
    duration_minutes: int
    where: str | None
    channel_id: str
    capacity: int | None
    mix: bool
    table_size: int
    status: EventStatus
    message_ts: str | None = None

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True)
class Rsvp:
    event_id: int
    user_id: str
    answer: Answer
    answered_at: datetime
    table_number: int | None = None


@dataclass(frozen=True)
class Roll:
    """Who answered what, in the order they answered (the waitlist's order)."""

    going: tuple[str, ...]
    waitlist: tuple[str, ...]
    declined: tuple[str, ...]


@dataclass(frozen=True)
class DueAttendee:
    """Someone going to an event near enough to be reminded or asked, with what they already got."""

    event: Event
    user_id: str
    done: frozenset[Reminder]


@dataclass(frozen=True)
class EventFigure:
    """One event in the program view."""

    event: Event
    going: int
    waitlisted: int
    declined: int
    answered: int  # answers to "who did you meet?" (people named or nobody new)
    meetings: int


class EventMessenger(Protocol):
    """The Slack calls events make, for one workspace."""

    def member(self, user_id: str) -> SlackMember: ...

    def can_post(self, channel_id: str, join: bool) -> str | None:
        """None when Rapport may post in the channel (joining it if `join` and it is public), else why not."""
        ...

    def announce(self, event: Event, roll: Roll) -> str:
        """Post the announcement in the event's channel; returns its ts."""
        ...

    def update_announcement(self, event: Event, roll: Roll) -> None: ...

    def tell_promoted(self, user_id: str, event: Event) -> None:
        """A DM: someone left, so the member moved from the waitlist to going."""
        ...

    def tell_cancelled(self, user_id: str, event: Event) -> None: ...

    def tell_moved(self, user_id: str, event: Event, was: datetime) -> None:
        """A DM: the event now starts at `event.starts_at` instead of `was`."""
        ...

    def send_day_before(self, user_id: str, event: Event, briefing: Briefing) -> None: ...

    def send_hour_before(self, user_id: str, event: Event) -> None: ...

    def ask_who_met(self, user_id: str, event: Event) -> None: ...

    def open_table(self, event: Event, number: int, user_ids: Sequence[str]) -> str:
        """Open the table's group DM, post "Your table at …"; returns the conversation's ID."""
        ...

    def join_table(self, event: Event, number: int, user_ids: Sequence[str], newcomer: str) -> str | None:
        """Tell the table (a new group DM with the newcomer in it) who just joined; returns its ID, or
        None when the table is too big for a group DM and only the newcomer was told by DM."""
        ...


@dataclass(frozen=True)
class LookFor:
    user_id: str
    line: str | None


@dataclass(frozen=True)
class Briefing:
    """What the day-before reminder carries: an intern's pitch and people to look for."""

    pitch: str | None  # None for someone who is not an intern
    look_for: tuple[LookFor, ...] = ()


class EventRepository(Protocol):
    def add(self, team_id: str, created_by: str, plan: EventPlan, now: datetime) -> Event: ...

    def set_message(self, event_id: int, ts: str) -> None: ...

    def get(self, team_id: str, event_id: int) -> Event | None: ...

    def naming(self, team_id: str, user_id: str) -> list[int]:
        """Announced events whose post names the member (creator, going or waiting, or a mention)."""
        ...

    def created_upcoming(self, team_id: str, created_by: str, now: datetime) -> int:
        """Events the member created that are neither cancelled nor over."""
        ...

    def lock(self, team_id: str, event_id: int) -> Event | None:
        """The event, its row locked until commit: answers to one event are settled one at a time."""
        ...

    def upcoming(self, team_id: str, now: datetime) -> list[Event]:
        """Scheduled events that have not ended, soonest first."""
        ...

    def cancel(self, event_id: int) -> bool:
        """Scheduled → cancelled; False when it was cancelled already (so everyone is told once)."""
        ...

    def reschedule(self, event_id: int, starts_at: datetime, duration_minutes: int) -> None: ...

    def clear_reminders(self, event_id: int, kinds: Sequence[Reminder]) -> int:
        """Forget that these reminders were sent (the event moved, so they are due again); how many."""
        ...

    def roll(self, event_id: int) -> Roll: ...

    def rsvp(self, event_id: int, user_id: str) -> Rsvp | None: ...

    def answer(self, event: Event, user_id: str, answer: Answer, now: datetime) -> None:
        """Store the member's answer; a new answer keeps the place in line only if it did not change."""
        ...

    def due_attendees(self, now: datetime, since: datetime, until: datetime) -> list[DueAttendee]:
        """Everyone going to a scheduled event starting between `since` and `until`, across workspaces."""
        ...

    def claim_reminder(self, event: Event, user_id: str, kind: Reminder, now: datetime) -> bool:
        """Insert-once: True only for the first claim of this reminder."""
        ...

    def release_reminder(self, event_id: int, user_id: str, kind: Reminder) -> None:
        """Slack refused it: the next tick may try again."""
        ...

    def events_to_seat(self, now: datetime) -> list[Event]:
        """Scheduled events with mixing on that have started, not ended, and have no tables yet."""
        ...

    def times_from(self, since: datetime) -> list[tuple[datetime, datetime, bool]]:
        """(starts_at, ends_at, tables still to seat) of every scheduled event starting from `since`."""
        ...

    def claim_tables(self, event_id: int, now: datetime) -> bool:
        """Once per event: True only for the first claim."""
        ...

    def save_tables(self, event: Event, tables: Sequence[Sequence[str]]) -> None: ...

    def set_table_channel(self, event_id: int, number: int, channel_id: str) -> None: ...

    def people_at_tables(self, event_id: int) -> dict[int, int] | None:
        """How many people going sit at each table; None while the tables are not formed yet."""
        ...

    def seat(self, event_id: int, user_ids: Sequence[str], number: int) -> None:
        """Seat these people at table `number`, adding the table when it is new."""
        ...

    def table_of(self, event_id: int, user_id: str) -> tuple[str, ...]:
        """Everyone at the member's table (the member included), or () without one."""
        ...

    def met_pairs(self, team_id: str, user_ids: Sequence[str]) -> set[frozenset[str]]:
        """Pairs among these people who already share a recorded meeting."""
        ...

    def record_answer(self, event_id: int, user_id: str, answered: str, now: datetime) -> bool:
        """The answer to "who did you meet?" (`people` or `nobody`); False when it was answered already."""
        ...

    def figures(self, team_id: str) -> list[EventFigure]: ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...
