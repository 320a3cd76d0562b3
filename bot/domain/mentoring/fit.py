"""How well a mentor fits a mentee, why, and the few best mentors to show a mentee.

The score is a small integer, so the assignment can rank whole plans by it without rounding:
4 points per goal of the mentee's that the mentor's topics share (at most 3 goals), 2 for a mentor on
another team (an intern learns more outside their own), 2 for 4 or more working hours in common, 1 for
1 to 3. A goal and a topic are shared when every word of one starts a word of the other, as finding
mentors by topic does: "data" and "data science", "career" and "careers".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.mentoring.model import MAX_GOALS, Fit, Mentee, Mentor
from bot.domain.people.mentors import words

TOPIC_POINTS = 4
ANOTHER_TEAM_POINTS = 2
LONG_OVERLAP_HOURS = 4  # 2 points from here, 1 point from 1 hour
FIT_MAX = MAX_GOALS * TOPIC_POINTS + ANOTHER_TEAM_POINTS + 2
SUGGESTIONS = 5
"""Mentors shown to a mentee to rank."""

_DAY = 24 * 60


@dataclass(frozen=True)
class Suggestion:
    mentor: Mentor
    fit: Fit


def fit(mentee: Mentee, mentor: Mentor) -> Fit:
    """The score and its reasons, strongest first: shared topics, another team, overlapping hours."""
    score, reasons = 0, []
    shared = shared_goals(mentee.goals, mentor.topics)
    if shared:
        score += TOPIC_POINTS * len(shared)
        reasons.append(f"shared {'topic' if len(shared) == 1 else 'topics'}: {', '.join(shared)}")
    if mentee.team and mentor.team and mentee.team.casefold() != mentor.team.casefold():
        score += ANOTHER_TEAM_POINTS
        reasons.append(f"another team: {mentor.team}")
    hours = overlap_hours(mentee, mentor)
    if hours:
        score += 2 if hours >= LONG_OVERLAP_HOURS else 1
        reasons.append(f"{hours} overlapping {'hour' if hours == 1 else 'hours'}")
    return Fit(score, tuple(reasons))


def shared_goals(goals: Iterable[str], topics: Iterable[str]) -> list[str]:
    """The mentee's goals (in their words and order) that one of the mentor's topics shares."""
    theirs = _words_of(tuple(topics))
    return [
        goal.strip()
        for goal, mine in zip(goals, _words_of(tuple(goals)), strict=True)
        if mine and any(topic and _shared(mine, topic) for topic in theirs)
    ]


@lru_cache(maxsize=4096)
def _words_of(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Each phrase's words; cached, as a plan scores every mentee against every mentor."""
    return tuple(tuple(words(p)) for p in phrases)


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    def covers(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
        return all(any(w.startswith(s) for w in long) for s in short)

    return covers(a, b) or covers(b, a)


def overlap_hours(a: Mentee | Mentor, b: Mentee | Mentor) -> int:
    """Whole hours both are at work on the same day (0 when either time zone is unknown)."""
    if a.utc_offset is None or b.utc_offset is None:
        return 0
    a_start, a_end = (h * 60 - a.utc_offset for h in a.hours)
    b_start, b_end = (h * 60 - b.utc_offset for h in b.hours)
    minutes = sum(
        max(0, min(a_end, b_end + shift) - max(a_start, b_start + shift)) for shift in (-_DAY, 0, _DAY)
    )
    return min(minutes, a_end - a_start, b_end - b_start) // 60


def room(mentors: Iterable[Mentor], taken: Mapping[str, int] | None = None) -> dict[str, int]:
    """Places left per mentor, for mentors with at least one."""
    taken = taken or {}
    left = {m.user_id: m.capacity - taken.get(m.user_id, 0) for m in mentors}
    return {mentor: places for mentor, places in sorted(left.items()) if places > 0}


def suggest(
    mentee: Mentee,
    mentors: Iterable[Mentor],
    taken: Mapping[str, int] | None = None,
    declined: Collection[str] = (),
    limit: int = SUGGESTIONS,
) -> list[Suggestion]:
    """The best-fitting mentors with room, best first (ties by user ID), leaving out the mentee
    themselves and anyone who declined them."""
    mentors = list(mentors)
    open_places = room(mentors, taken)
    candidates = [
        Suggestion(m, fit(mentee, m))
        for m in mentors
        if m.user_id in open_places and m.user_id != mentee.user_id and m.user_id not in declined
    ]
    candidates.sort(key=lambda s: (-s.fit.score, s.mentor.user_id))
    return candidates[:limit]
