"""What the use cases need from the outside world, as protocols the adapters implement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol

from bot.domain.people import Person
from bot.domain.profile import Profile
from bot.domain.roster_counts import RosterCounts
from bot.services.coffee_ports import ParticipationRepository, PoolRepository, RoundRepository


@dataclass(frozen=True)
class DirectoryUser:
    """A workspace account as Slack reports it."""

    user_id: str
    email: str | None
    is_bot: bool
    deleted: bool


class UserDirectory(Protocol):
    """Looks people up in the workspace (Slack's users.* methods)."""

    def by_email(self, email: str) -> DirectoryUser | None: ...

    def by_id(self, user_id: str) -> DirectoryUser | None: ...


class MemberRepository(Protocol):
    def get(self, team_id: str, user_id: str) -> Person | None: ...

    def upsert_roster(self, people: list[Person], now: datetime) -> RosterCounts: ...

    def list_team(self, team_id: str) -> list[Person]: ...


class UnitOfWork(Protocol):
    """One database transaction; nothing is stored unless `commit()` is called."""

    members: MemberRepository
    profiles: ProfileRepository
    pools: PoolRepository
    participation: ParticipationRepository
    rounds: RoundRepository

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...


class ProfileRepository(Protocol):
    def get(self, team_id: str, user_id: str) -> Profile | None: ...

    def save(self, profile: Profile, now: datetime) -> bool:
        """Store the profile; True when it is the member's first one."""
        ...
