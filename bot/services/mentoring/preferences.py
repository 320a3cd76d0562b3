"""Mentees say what they want: up to 3 goals and what they would like in a mentor; then Rapport shows the 5
best-fitting mentors with room, each with a line on why, and the intern ranks up to 3 or says "any of
these". Only interns are mentees; their goals are seen by them, their mentor and admins only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.mentoring.fit import Suggestion, suggest
from bot.domain.mentoring.forms import Goals, Ranking, check_ranking
from bot.domain.people.person import Role
from bot.services.mentoring.people import (
    as_mentee,
    as_mentor,
    available,
    offsets,
    places_left,
    role_of,
    turned_away,
)
from bot.services.mentoring.ports import LIVE, MenteeRecord, MentoringMessenger, Pair, PairStatus, Window
from bot.services.ports import UnitOfWorkFactory

NOT_AN_INTERN = (
    "Mentor matching is for interns: your roster or /intro profile says you're not one. "
    "Ask your program lead if that's wrong, or volunteer as a mentor with `/mentor`."
)


def may_be_mentee(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> bool:
    with uow() as work:
        return role_of(work, team_id, user_id) is Role.INTERN


def save_goals(uow: UnitOfWorkFactory, team_id: str, user_id: str, goals: Goals, now: datetime) -> str | None:
    """Store the goals (why not, if they may not be a mentee)."""
    with uow() as work:
        if role_of(work, team_id, user_id) is not Role.INTERN:
            return NOT_AN_INTERN
        work.mentoring.save_goals(team_id, user_id, goals.goals, goals.wants, now)
        work.commit()
    return None


def suggestions_for(
    uow: UnitOfWorkFactory, messenger: MentoringMessenger, team_id: str, user_id: str
) -> list[Suggestion]:
    """The best-fitting mentors with room for the member, best first, without anyone who turned them away."""
    with uow() as work:
        record = work.mentoring.mentee(team_id, user_id)
        mentors = available(work.mentoring.mentors(team_id))
        places = places_left(work, team_id, mentors)
        taken = work.mentoring.loads(team_id)
        refused = turned_away(work, team_id, user_id)
    if record is None:
        return []
    with_room = [m for m in mentors if m.user_id in places]
    zones = offsets(messenger, [user_id, *(m.user_id for m in with_room)])
    with uow() as work:
        mentee = as_mentee(work, _unranked(record), zones)
        candidates = [as_mentor(work, m, zones) for m in with_room]
    return suggest(mentee, candidates, taken, refused)


def _unranked(record: MenteeRecord) -> MenteeRecord:
    """Suggestions do not depend on an earlier ranking (which may name a mentor now full)."""
    return MenteeRecord(record.team_id, record.user_id, record.goals, record.wants)


def save_ranking(
    uow: UnitOfWorkFactory,
    team_id: str,
    user_id: str,
    picked: tuple[str | None, ...],
    any_of_these: bool,
    now: datetime,
) -> tuple[Ranking | None, dict[str, str]]:
    """Check the ranking against the mentors with room now, and store it; errors by field."""
    with uow() as work:
        if work.mentoring.mentee(team_id, user_id) is None:
            return None, {"choice1": "Tell Rapport your goals first: `/mentor find`."}
        mentors = available(work.mentoring.mentors(team_id))
        places = places_left(work, team_id, mentors)
        refused = turned_away(work, team_id, user_id)
        ranking, errors = check_ranking(user_id, picked, any_of_these, set(places) - refused)
        if ranking is None:
            return None, errors
        work.mentoring.save_ranking(team_id, user_id, ranking.choices, ranking.open_to_any, now)
        work.commit()
    return ranking, {}


@dataclass(frozen=True)
class MenteeStanding:
    """A mentee's part of App Home: what they asked for, the window, and their mentor once matched."""

    record: MenteeRecord | None
    window: Window | None
    mentor: str | None  # accepted; while a request is with a mentor the mentee is not told who
    waiting_for_answer: bool


def mentee_standing(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> MenteeStanding:
    with uow() as work:
        record = work.mentoring.mentee(team_id, user_id)
        window = work.mentoring.latest_window(team_id)
        live: list[Pair] = [
            p
            for p in work.mentoring.pairs_of(team_id, user_id)
            if p.mentee_id == user_id and p.status in LIVE
        ]
    accepted = next((p.mentor_id for p in live if p.status is PairStatus.ACCEPTED), None)
    return MenteeStanding(record, window, accepted, bool(live) and accepted is None)
