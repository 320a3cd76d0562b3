"""Mentors, mentees, how well they fit, and the plan that assigns one to the other."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

MAX_CHOICES = 3
"""A mentee ranks up to this many mentors (or says "any of these")."""
MAX_GOALS = 3
MIN_CAPACITY, MAX_CAPACITY = 1, 3
"""How many mentees one mentor takes in a program."""
DEFAULT_HOURS = (9, 17)


@dataclass(frozen=True)
class Mentor:
    """A mentor who takes up to `capacity` mentees. `utc_offset` is in minutes (None: unknown);
    `hours` are their local working hours, start and end on the clock (0-24)."""

    user_id: str
    capacity: int = 1
    topics: tuple[str, ...] = ()
    team: str | None = None
    utc_offset: int | None = None
    hours: tuple[int, int] = DEFAULT_HOURS

    def __post_init__(self) -> None:
        if not MIN_CAPACITY <= self.capacity <= MAX_CAPACITY:
            raise ValueError(f"capacity {self.capacity} is not {MIN_CAPACITY}-{MAX_CAPACITY}")
        _check_hours(self.hours)


@dataclass(frozen=True)
class Mentee:
    """A mentee and the mentors they ranked, first choice first. `open_to_any` ("any of these") lets
    them have any mentor with room, after their ranked choices if they gave any."""

    user_id: str
    choices: tuple[str, ...] = ()
    open_to_any: bool = False
    goals: tuple[str, ...] = ()
    team: str | None = None
    utc_offset: int | None = None
    hours: tuple[int, int] = DEFAULT_HOURS

    def __post_init__(self) -> None:
        if len(self.choices) > MAX_CHOICES:
            raise ValueError(f"{len(self.choices)} choices; a mentee ranks at most {MAX_CHOICES}")
        if len(set(self.choices)) != len(self.choices):
            raise ValueError("a mentor appears twice in the choices")
        if self.user_id in self.choices:
            raise ValueError("a mentee cannot choose themselves")
        if len(self.goals) > MAX_GOALS:
            raise ValueError(f"{len(self.goals)} goals; a mentee gives at most {MAX_GOALS}")
        _check_hours(self.hours)

    def rank_of(self, mentor_id: str) -> int | None:
        """1 for their first choice, 2, 3; None when they did not rank this mentor."""
        return self.choices.index(mentor_id) + 1 if mentor_id in self.choices else None


def _check_hours(hours: tuple[int, int]) -> None:
    start, end = hours
    if not 0 <= start < end <= 24:
        raise ValueError(f"working hours {start}-{end} are not a span within a day")


@dataclass(frozen=True)
class Fit:
    """How well a mentor fits a mentee: a small score (0 to fit.FIT_MAX) and its reasons as short
    phrases, best first, for the "why" line."""

    score: int
    reasons: tuple[str, ...] = ()

    def why(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class Assignment:
    """One mentee with one mentor. `choice` is the mentor's rank among the mentee's choices (1-3), or
    None when they had them because they said "any of these"."""

    mentee: str
    mentor: str
    choice: int | None
    fit: Fit


@dataclass(frozen=True)
class Plan:
    """Who mentors whom, by mentee; and the mentees left without a mentor."""

    assignments: tuple[Assignment, ...]
    unmatched: tuple[str, ...]

    def signature(self) -> tuple[int, int, int, int]:
        """(matched, first choices, second, third): what the rule maximises, in this order."""
        choices = Counter(a.choice for a in self.assignments)
        return (len(self.assignments), choices[1], choices[2], choices[3])

    def loads(self) -> Counter[str]:
        """Mentees per mentor (mentors with none are absent)."""
        return Counter(a.mentor for a in self.assignments)

    def mentor_of(self, mentee_id: str) -> str | None:
        return next((a.mentor for a in self.assignments if a.mentee == mentee_id), None)
