"""What a coffee group's introduction says: who is who, what they share, who organises, a starter."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.coffee import starters
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


MAX_SHARED = 3
SHARED_STARTER_CHANCE = 0.5  # how often a group with shared interests gets a starter about one


def compose_intro(people: Sequence[IntroPerson], organiser: str, meet_by: date, rng: random.Random) -> Intro:
    """The intro for one group; the same rng state always gives the same intro."""
    if organiser not in {person.user_id for person in people}:
        raise ValueError("the organiser must be one of the group")
    shared = shared_interests(people)
    return Intro(
        people=tuple(people),
        organiser=organiser,
        shared_interests=shared,
        starter=choose_starter(people, shared, rng),
        meet_by=meet_by,
    )


def shared_interests(people: Sequence[IntroPerson]) -> tuple[str, ...]:
    """Tags listed by at least two of them, alphabetically, at most MAX_SHARED."""
    counts = Counter(tag for person in people for tag in _tags(person))
    return tuple(sorted(tag for tag, count in counts.items() if count >= 2)[:MAX_SHARED])


def choose_starter(people: Sequence[IntroPerson], shared: Sequence[str], rng: random.Random) -> str:
    """Sometimes about a shared interest, otherwise one suited to the group's roles."""
    if shared and rng.random() < SHARED_STARTER_CHANCE:
        interest = rng.choice(list(shared))
        return rng.choice(starters.SHARED_INTEREST).format(who=_who(people, interest), interest=interest)
    return rng.choice(starters_for(people))


def starters_for(people: Sequence[IntroPerson]) -> tuple[str, ...]:
    """Career and advice starters for intern + colleague/mentor, peer ones for interns only."""
    interns = sum(person.role is Role.INTERN for person in people)
    if interns == len(people):
        return starters.PEER
    return starters.MENTORING if interns else starters.COLLEAGUE


def _who(people: Sequence[IntroPerson], interest: str) -> str:
    sharing = sum(interest in _tags(person) for person in people)
    if sharing == len(people):
        return "You both" if sharing == 2 else "You all"
    return "Two of you" if sharing == 2 else "Several of you"


def _tags(person: IntroPerson) -> set[str]:
    return {tag.strip().lower() for tag in person.interests if tag.strip()}
