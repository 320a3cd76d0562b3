"""`/intro mentors [topic]`: the workspace's mentors whose tags match a topic."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.domain.people.mentors import Mentor, find, suggestions
from bot.services.ports import UnitOfWork


@dataclass(frozen=True)
class MentorSearch:
    found: list[Mentor]
    total: int  # every mentor but the caller, whatever the topic
    suggestions: list[str]  # topics the mentors list, to offer when nobody matched


def search_mentors(
    uow_factory: Callable[[], UnitOfWork], team_id: str, caller: str, topic: str
) -> MentorSearch:
    with uow_factory() as uow:
        offers: dict[str, list[str]] = defaultdict(list)
        for offer in uow.offers.current(team_id):
            offers[offer.user_id].append(offer.text)
        mentors = [
            replace(m, offers=tuple(offers[m.user_id]))
            for m in uow.profiles.mentors(team_id)
            if m.user_id != caller
        ]
    found = find(mentors, topic)
    return MentorSearch(found, len(mentors), [] if found else suggestions(mentors))
