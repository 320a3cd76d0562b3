"""What catch-ups, recaps and alumni reminders need from storage and from Slack."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.domain.followups import NetworkRow, ThankYou
from bot.domain.keep_in_touch import AlumniContact, Internship
from bot.services.ports import SlackMember


@dataclass(frozen=True)
class PersonChoice:
    """What a member chose about catching up with one person, and when they last did."""

    other_user_id: str
    suggested_at: datetime | None
    snoozed_until: datetime | None
    caught_up_at: datetime | None
    stopped: bool


@dataclass(frozen=True)
class Recap:
    """An intern's network recap: everyone they met, teams reached, who to thank."""

    user_id: str
    rows: tuple[NetworkRow, ...]
    teams: int
    thanks: tuple[ThankYou, ...]
    end: date
    farewell: str | None = None  # a drafted farewell post for the introductions channel


@dataclass(frozen=True)
class CatchUpFacts:
    """What deciding a member's catch-up takes, besides their network (read for many members at once)."""

    last_suggested_at: datetime | None
    internship: Internship
    choices: dict[str, PersonChoice]


class KeepInTouchRepository(Protocol):
    def catch_ups_on(self, team_id: str, user_id: str) -> bool: ...

    def set_catch_ups(self, team_id: str, user_id: str, on: bool) -> None: ...

    def networked_members(self, now: datetime) -> list[tuple[str, str]]:
        """(team_id, user_id) of everyone who met someone, catch-ups on and not deferred past `now`."""
        ...

    def next_check(self) -> datetime | None:
        """When the first of `networked_members` is next looked at (one never looked at: long ago)."""
        ...

    def defer_many(self, team_id: str, until: Mapping[str, datetime]) -> None:
        """Leave each member alone until their time (outside their morning, or their account is gone)."""
        ...

    def last_suggested_at(self, team_id: str, user_id: str) -> datetime | None: ...

    def catch_up_facts(self, team_id: str, user_ids: Sequence[str]) -> dict[str, CatchUpFacts]:
        """For each member: the last suggestion, the roster's internship dates, their choices; three reads."""
        ...

    def choices(self, team_id: str, user_id: str) -> dict[str, PersonChoice]: ...

    def claim_suggestion(self, team_id: str, user_id: str, now: datetime, since: datetime) -> bool:
        """Stamp the member's last suggestion at `now` unless one went after `since`; True if this won."""
        ...

    def release_suggestion(
        self, team_id: str, user_id: str, now: datetime, previous: datetime | None
    ) -> None:
        """Undo a claim whose message could not be sent."""
        ...

    def mark_suggested(self, team_id: str, user_id: str, other: str, now: datetime) -> None: ...

    def caught_up(self, team_id: str, user_id: str, other: str, now: datetime) -> bool:
        """Record "Let's catch up" once per suggestion; True when this call recorded it."""
        ...

    def snooze(self, team_id: str, user_id: str, other: str, until: datetime) -> None: ...

    def stop(self, team_id: str, user_id: str, other: str) -> None: ...

    def interns(self) -> list[tuple[str, str, Internship]]:
        """(team_id, user_id, internship) of interns with an end date, across workspaces."""
        ...

    def recap_sent(self, team_id: str, user_id: str) -> bool: ...

    def recapped(self) -> set[tuple[str, str]]:
        """(team_id, user_id) of every intern whose recap went out, in one read."""
        ...

    def recap_claimed(self, team_id: str, user_id: str) -> bool:
        """Whether the intern's recap was ever claimed (sent or not)."""
        ...

    def claim_recap(self, team_id: str, user_id: str, end: date, now: datetime, lease_seconds: int) -> bool:
        """Insert the intern's recap claim (or take back a stale unsent one); True if this call may send."""
        ...

    def mark_recap_sent(
        self, team_id: str, user_id: str, channel: str, file_id: str | None, now: datetime
    ) -> None: ...

    def save_contact(self, team_id: str, user_id: str, contact: AlumniContact, now: datetime) -> None: ...

    def withdraw_contact(self, team_id: str, user_id: str) -> bool: ...

    def contact(self, team_id: str, user_id: str) -> AlumniContact | None: ...

    def shared_contacts(self) -> list[tuple[str, str, AlumniContact]]: ...

    def claim_reminder(
        self, team_id: str, intern_id: str, colleague_id: str, now: datetime, lease_seconds: int
    ) -> bool: ...

    def reminded(self, team_id: str, intern_id: str) -> set[str]:
        """Colleagues already reminded about this alumnus."""
        ...

    def mark_reminder_sent(self, team_id: str, intern_id: str, colleague_id: str, now: datetime) -> None: ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...


RECAP_CSV_PREFIX = "network-"  # the recap's CSV is network-<end date>.csv; resuming looks for it by name


@dataclass(frozen=True)
class SentRecap:
    """A recap found in the intern's DM: where, and whether its CSV was shared after it."""

    channel: str
    csv_shared: bool


class KeepInTouchMessenger(Protocol):
    """The Slack calls of keeping in touch, for one workspace."""

    def member(self, user_id: str) -> SlackMember: ...

    def suggest_catch_up(self, user_id: str, other: str, other_name: str, weeks: int) -> None: ...

    def open_catch_up(self, user_id: str, other: str) -> str:
        """Open a DM of the two people with a friendly opener; returns its channel."""
        ...

    def close_message(self, channel: str, ts: str, text: str) -> None: ...

    def send_recap(self, recap: Recap) -> str:
        """DM the recap, tagged so `find_recap` can recognise it; returns the DM's channel id."""
        ...

    def find_recap(self, user_id: str) -> SentRecap | None:
        """The recap already in the intern's DM, if a run stopped after posting it."""
        ...

    def upload_csv(self, channel: str, filename: str, content: str, comment: str) -> str:
        """Upload a CSV into the channel; returns the file id."""
        ...

    def remind_alumni(self, colleague: str, intern: str, contact: AlumniContact) -> None: ...
