"""The values the matching engine takes and gives back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.domain.people.person import Role


@dataclass(frozen=True)
class Candidate:
    """One member taking part in this round."""

    user_id: str
    role: Role
    team: str | None
    utc_offset_minutes: int | None


@dataclass(frozen=True)
class MatchingHistory:
    """What earlier rounds and settings say about who should meet whom."""

    last_met: Mapping[frozenset[str], int]  # pair -> index of the most recent round they were grouped in
    exclusions: frozenset[frozenset[str]]  # pairs that must never be grouped
    organiser_counts: Mapping[str, int]  # how often each user has organised
    # member -> teams of everyone they have met in this workspace (meetings of every source, not only
    # this pool's rounds); empty when unknown, which turns the unmet-team preference off
    teams_met: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Group:
    """Two or three people who meet this round; the organiser proposes a time."""

    members: tuple[str, ...]
    organiser: str
    repeat_pairs: int


@dataclass(frozen=True)
class Unmatched:
    """Someone we could not place, with a sentence the app can show them."""

    user_id: str
    reason: str


@dataclass(frozen=True)
class Matching:
    """The outcome of one round."""

    groups: tuple[Group, ...]
    unmatched: tuple[Unmatched, ...]
