"""What the follow-up use cases need from storage."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from bot.domain.followups import NudgeMessage
from bot.services.ports import SlackMember


class MeetingSource(StrEnum):
    COFFEE = "coffee"  # a coffee group answered We met
    MET = "met"  # /coffee met @user: a meeting Rapport did not arrange
    INTRODUCTION = "introduction"  # an accepted warm introduction
    EVENT = "event"  # someone named people they met at a networking event
    HELP = "help"  # one helped the other: an ask answered, an offer booked
    MENTORING = "mentoring"  # a mentor and their mentee said We met at a session check-in


class NudgeStatus(StrEnum):
    PENDING = "pending"  # waiting for its due time (or snoozed until then)
    SENT = "sent"  # in a message the member has not answered yet
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Meeting:
    id: int
    team_id: str
    source: MeetingSource
    source_ref: str  # e.g. the round group's id; with `source`, unique: a meeting is recorded once
    people: tuple[str, ...]
    met_at: datetime
    note: str | None = None


@dataclass(frozen=True)
class Nudge:
    """A thank-you reminder for one member about one meeting."""

    id: int
    meeting_id: int
    team_id: str
    user_id: str
    others: tuple[str, ...]  # whom they met
    due_at: datetime
    status: NudgeStatus
    met_on: date
    note: str | None = None
    message_channel: str | None = None
    message_ts: str | None = None


@dataclass(frozen=True)
class NetworkEntry:
    other_user_id: str
    how: MeetingSource
    first_met: datetime
    last_met: datetime
    times: int


class FollowUpMessenger(Protocol):
    """The Slack calls follow-ups make, for one workspace."""

    def member(self, user_id: str) -> SlackMember: ...

    def send_nudge(self, user_id: str, message: NudgeMessage) -> tuple[str, str]:
        """DM the member their follow-up; returns the message's (channel, ts)."""
        ...

    def close_nudge(self, channel: str, ts: str, text: str) -> None:
        """Replace the nudge's buttons with what the member chose."""
        ...


class FollowUpRepository(Protocol):
    def record_meeting(
        self,
        team_id: str,
        source: MeetingSource,
        source_ref: str,
        people: Sequence[str],
        met_at: datetime,
        note: str | None,
    ) -> Meeting | None:
        """Store the meeting; None when this source_ref was already recorded (a unique constraint)."""
        ...

    def add_nudge(self, meeting: Meeting, user_id: str, due_at: datetime) -> Nudge | None:
        """One nudge per meeting and member (a unique constraint); None when it exists already."""
        ...

    def due_nudges(self, now: datetime) -> list[Nudge]:
        """Pending nudges whose due time has come, across workspaces, oldest first."""
        ...

    def networks(self, team_id: str, user_ids: Sequence[str]) -> dict[str, list[NetworkEntry]]:
        """`network` of many members in one read."""
        ...

    def last_sent(self, team_id: str, user_ids: Sequence[str]) -> dict[str, datetime]:
        """`last_sent_at` of many members in one read (those never nudged are left out)."""
        ...

    def first_pending_due(self, after: datetime | None = None) -> datetime | None:
        """The earliest due time of any pending nudge (due after `after`, if given), across workspaces."""
        ...

    def last_sent_at(self, team_id: str, user_id: str) -> datetime | None:
        """When the member was last sent a nudge message, for the one-a-day rule."""
        ...

    def claim(self, nudge_ids: Sequence[int], now: datetime, lease_seconds: int) -> bool:
        """Atomically move these pending nudges to a claimed state; True only if every one was claimed."""
        ...

    def mark_sent(self, nudge_ids: Sequence[int], channel: str, ts: str, now: datetime) -> None: ...

    def nudges_in_message(self, channel: str, ts: str) -> list[Nudge]: ...

    def set_status(self, nudge_ids: Sequence[int], status: NudgeStatus) -> None:
        """Done or skipped: final, never sent again."""
        ...

    def snooze(self, nudge_ids: Sequence[int], due_at: datetime) -> None:
        """Back to pending until `due_at` (Remind me tomorrow)."""
        ...

    def cancel_for_departed(self, team_id: str, user_id: str) -> int:
        """Skip the member's open nudges and others' pending nudges about meeting only them."""
        ...

    def network(self, team_id: str, user_id: str) -> list[NetworkEntry]:
        """Everyone the member met, most recent first."""
        ...

    def people_met(self, team_id: str, user_ids: Collection[str]) -> Mapping[str, frozenset[str]]:
        """Each of `user_ids` -> everyone they shared a meeting with (any source), in one query."""
        ...

    def teams_met(self, team_id: str) -> Mapping[str, frozenset[str]]:
        """Member -> roster teams of everyone they met in this workspace, from meetings of any source."""
        ...
