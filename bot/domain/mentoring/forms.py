"""What mentors and mentees type, checked field by field: nothing is half-accepted, and every error names
its field so a form can show it beside the input.

- a mentor: how many mentees (1-3), the topics they can help with, how often they can meet;
- a mentee: up to 3 goals and what they would like in a mentor; then up to 3 mentors ranked, or "any of
  these", each a mentor of the workspace, never themselves, never twice.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from bot.domain.mentoring.model import MAX_CAPACITY, MAX_CHOICES, MAX_GOALS, MIN_CAPACITY
from bot.domain.mentoring.schedule import Cadence
from bot.domain.people.profile import MAX_TAGS, TAG_LIMIT, parse_interests

GOAL_LIMIT = 150
WANTS_LIMIT = 300
REASON_LIMIT = 300
MAX_TOPICS = MAX_TAGS
TOPIC_LIMIT = TAG_LIMIT


@dataclass(frozen=True)
class VolunteerForm:
    """The raw answers of the mentor's form."""

    capacity: str
    topics: str
    cadence: str


@dataclass(frozen=True)
class Volunteering:
    capacity: int
    topics: tuple[str, ...]
    cadence: Cadence


@dataclass(frozen=True)
class Goals:
    goals: tuple[str, ...]
    wants: str | None


@dataclass(frozen=True)
class Ranking:
    choices: tuple[str, ...]
    open_to_any: bool


def check_capacity(value: str) -> int | None:
    """A whole number from 1 to 3, else None."""
    value = value.strip()
    if value.isascii() and value.isdigit() and len(value) <= 2:
        number = int(value)
        return number if MIN_CAPACITY <= number <= MAX_CAPACITY else None
    return None


CAPACITY_ERROR = f"Choose how many mentees: a whole number from {MIN_CAPACITY} to {MAX_CAPACITY}."


def check_volunteer(form: VolunteerForm) -> tuple[Volunteering | None, dict[str, str]]:
    errors: dict[str, str] = {}
    capacity = check_capacity(form.capacity)
    if capacity is None:
        errors["capacity"] = CAPACITY_ERROR
    topics = parse_interests(form.topics)
    if not topics:
        errors["topics"] = "Name at least one topic you can help with, like “career advice” or “SQL”."
    elif len(topics) > MAX_TOPICS or any(len(t) > TOPIC_LIMIT for t in topics):
        errors["topics"] = (
            f"Up to {MAX_TOPICS} topics (each under {TOPIC_LIMIT} characters), comma-separated."
        )
    cadence = next((c for c in Cadence if c.value == form.cadence), None)
    if cadence is None:
        errors["cadence"] = "Choose weekly or every two weeks."
    if errors or capacity is None or cadence is None:
        return None, errors
    return Volunteering(capacity, topics, cadence), {}


def check_goals(goals: str, wants: str) -> tuple[Goals | None, dict[str, str]]:
    """Goals are one a line (blank lines ignored); at least one, at most three."""
    errors: dict[str, str] = {}
    lines = [line.strip() for line in re.split(r"[\r\n]+", goals) if line.strip()]
    unique = list(dict.fromkeys(lines))
    if not unique:
        errors["goals"] = "Write at least one goal, one a line: what would you like to learn or do?"
    elif len(unique) > MAX_GOALS:
        errors["goals"] = f"Up to {MAX_GOALS} goals, one a line (you wrote {len(unique)})."
    elif any(len(goal) > GOAL_LIMIT for goal in unique):
        errors["goals"] = f"Keep each goal under {GOAL_LIMIT} characters."
    wanted = wants.strip()
    if len(wanted) > WANTS_LIMIT:
        errors["wants"] = f"Keep it under {WANTS_LIMIT} characters."
    if errors:
        return None, errors
    return Goals(tuple(unique), wanted or None), {}


def check_ranking(
    mentee: str, picked: tuple[str | None, ...], any_of_these: bool, mentors: Collection[str]
) -> tuple[Ranking | None, dict[str, str]]:
    """`picked` are the first, second and third choice fields (None when empty), keyed in errors as
    choice1..choice3; `mentors` are the workspace's mentors with room."""
    errors: dict[str, str] = {}
    if len(picked) > MAX_CHOICES:
        return None, {"choice1": f"Rank at most {MAX_CHOICES} mentors."}
    last = max((k for k, value in enumerate(picked) if value), default=-1)
    chosen: list[str] = []
    for k, value in enumerate(picked[: last + 1]):
        field = f"choice{k + 1}"
        if not value:
            errors[field] = "Fill your choices in order: this one is empty but a later one is not."
        elif value == mentee:
            errors[field] = "You can't choose yourself as your mentor."
        elif value in chosen:
            errors[field] = "You chose this mentor already: choose each mentor once."
        elif value not in mentors:
            errors[field] = "That person is not a mentor with room any more: choose another."
        if value:
            chosen.append(value)
    if not chosen and not any_of_these:
        errors["choice1"] = "Rank at least one mentor, or tick “any of these”."
    if errors:
        return None, errors
    return Ranking(tuple(chosen), any_of_these), {}
