"""What a coffee group's introduction says: who is who, what they share, who organises, a starter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.people.person import Role


@dataclass(frozen=True)
class IntroPerson:
    user_id: str
    role: Role
    team: str | None = None
    interests: tuple[str, ...] = ()
    working_on: str | None = None


@dataclass(frozen=True)
class Intro:
    people: tuple[IntroPerson, ...]
    organiser: str  # user ID
    shared_interests: tuple[str, ...]  # tags two or more of them listed
    starter: str  # one conversation starter suited to this group
    meet_by: date  # the last day of the round, in the pool's time zone
