"""What the people use cases (roster, profiles, mentors, the introductions channel) need from outside."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.domain.people.mentors import Mentor
from bot.domain.people.person import Person
from bot.domain.people.profile import Profile
from bot.domain.people.roster import RosterCounts
from bot.services.ports import DirectoryMember


@dataclass(frozen=True)
class DirectoryUser:
    """A workspace account as Slack reports it."""

    user_id: str
    email: str | None
    is_bot: bool
    deleted: bool
    name: str = ""
    tz: str | None = None
    utc_offset_minutes: int | None = None

    def directory_member(self) -> DirectoryMember:
        """What the member directory keeps of the account (no email)."""
        return DirectoryMember(
            self.user_id,
            self.name or self.user_id,
            self.tz,
            self.utc_offset_minutes,
            self.deleted,
            self.is_bot,
        )


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

    def page(self, cursor: str | None) -> tuple[list[DirectoryUser], str | None]:
        """One page of users.list from `cursor` (None: the first), and the next page's cursor (None: done).

        Raises SlackError; "invalid_cursor" when Slack no longer knows the cursor.
        """
        ...


@dataclass(frozen=True)
class DirectoryWalk:
    """A workspace's walk of users.list that refreshes the member directory, a few pages a tick."""

    team_id: str
    cursor: str | None  # where the walk in progress resumes; None when no walk is under way
    finished_at: datetime | None  # when the last whole walk ended


class DirectoryRepository(Protocol):
    """The member directory: what Slack last said about each person Rapport deals with, per workspace."""

    def get(self, team_id: str, user_ids: Collection[str]) -> dict[str, DirectoryMember]: ...

    def save(self, team_id: str, members: Sequence[DirectoryMember], now: datetime, add: bool = True) -> int:
        """Store what Slack said; with `add` False only people already kept are updated.

        Returns how many rows were written (a person whose fields did not change costs no write).
        """
        ...

    def walks(self) -> list[DirectoryWalk]:
        """Every workspace with people in the directory (a walk row is made with its first person)."""
        ...

    def step_walk(self, walk: DirectoryWalk, next_cursor: str | None, now: datetime) -> bool:
        """Move the walk on from where `walk` says it is to `next_cursor` (None: finished at `now`); False,
        with nothing written, when another process moved it first."""
        ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...


class MemberRepository(Protocol):
    def get(self, team_id: str, user_id: str) -> Person | None: ...

    def upsert_roster(self, people: list[Person], now: datetime) -> RosterCounts: ...

    def list_team(self, team_id: str) -> list[Person]: ...


class ProfileRepository(Protocol):
    def get(self, team_id: str, user_id: str) -> Profile | None: ...

    def get_many(self, team_id: str, user_ids: Sequence[str]) -> dict[str, Profile]:
        """`get` for many members in one read; those without a profile are left out."""
        ...

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
