"""What the people use cases (roster, profiles, mentors, the introductions channel) need from outside."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.domain.people.mentors import Mentor
from bot.domain.people.person import Person
from bot.domain.people.profile import Profile
from bot.domain.people.roster import RosterCounts


@dataclass(frozen=True)
class DirectoryUser:
    """A workspace account as Slack reports it."""

    user_id: str
    email: str | None
    is_bot: bool
    deleted: bool


@dataclass(frozen=True)
class CardPlace:
    """Where a profile card was posted: its channel and message ts."""

    channel_id: str
    ts: str


class UserDirectory(Protocol):
    """Looks people up in the workspace (Slack's users.* methods)."""

    def by_email(self, email: str) -> DirectoryUser | None: ...

    def by_id(self, user_id: str) -> DirectoryUser | None: ...

    def pages(self) -> Iterator[list[DirectoryUser]]:
        """Every account, deactivated ones and bots too, a page (one Slack call) at a time."""
        ...


class MemberRepository(Protocol):
    def get(self, team_id: str, user_id: str) -> Person | None: ...

    def upsert_roster(self, people: list[Person], now: datetime) -> RosterCounts: ...

    def list_team(self, team_id: str) -> list[Person]: ...


class ProfileRepository(Protocol):
    def get(self, team_id: str, user_id: str) -> Profile | None: ...

    def save(self, profile: Profile, now: datetime) -> bool:
        """Store the profile; True when it is the member's first one."""
        ...

    def mentors(self, team_id: str) -> list[Mentor]:
        """Members whose role is mentor, with their profile when they wrote one."""
        ...


class ProfileInviteRepository(Protocol):
    def claim(self, team_id: str, user_id: str, nudged_by: str, now: datetime, interval: timedelta) -> bool:
        """Record a nudge unless one went less than `interval` ago; True when this call may send it."""
        ...

    def last(self, team_id: str, user_id: str) -> datetime | None: ...


class ProfileCardRepository(Protocol):
    """Where each member's card is, and the Say hi claims made from cards."""

    def get(self, team_id: str, user_id: str) -> CardPlace | None: ...

    def remember(self, team_id: str, user_id: str, place: CardPlace, now: datetime) -> None: ...

    def claim_say_hi(self, team_id: str, clicker: str, member: str, day: date, now: datetime) -> bool:
        """True for the first Say hi from `clicker` to `member` on `day`."""
        ...

    def prune_say_hi(self, before: date) -> int: ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...
