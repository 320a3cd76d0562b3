"""Finding mentors by topic: their "ask me about" tags, what they work on and what they offer to help with,
matched word by word.

A topic matches when every word of it starts one of the mentor's words (case-insensitive), so
"data" finds "data science" and "databases", and "sec eng" finds "security engineering".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.people.profile import Profile

LIST_LIMIT = 15
"""Mentors shown at once; the rest are counted so the member can narrow with a topic."""

SUGGESTION_LIMIT = 8
_WORD = re.compile(r"[^\W_]+(?:[+#.'-][^\W_]+)*[+#]*")


@dataclass(frozen=True)
class Mentor:
    """A mentor (by their profile's role, or the roster's when they have no profile)."""

    user_id: str
    profile: Profile | None
    offers: tuple[str, ...] = ()  # what they offer to help with (`/offer`)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def topic_words(topic: str) -> list[str]:
    return words(topic)


def matches(mentor: Mentor, wanted: Sequence[str]) -> bool:
    """True when every wanted word is the start of one of the mentor's words; no words matches all."""
    if not wanted:
        return True
    profile = mentor.profile
    if profile is None:
        return False
    theirs = words(" ".join((*profile.interests, profile.working_on or "", *mentor.offers)))
    return all(any(word.startswith(w) for word in theirs) for w in wanted)


def find(mentors: Sequence[Mentor], topic: str) -> list[Mentor]:
    """Matching mentors, those with a profile first, then in the given order."""
    wanted = topic_words(topic)
    found = [m for m in mentors if matches(m, wanted)]
    return sorted(found, key=lambda m: m.profile is None)


def suggestions(mentors: Sequence[Mentor], limit: int = SUGGESTION_LIMIT) -> list[str]:
    """The mentors' most common "ask me about" tags, to offer when a topic found nobody."""
    counts = Counter(tag for m in mentors if m.profile for tag in m.profile.interests)
    return [tag for tag, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]]
