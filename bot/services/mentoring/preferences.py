"""Mentees say what they want: up to 3 goals and what they would like in a mentor; then Rapport shows the 5
best-fitting mentors with room, each with a line on why, and the intern ranks up to 3 or says "any of
these". Only interns are mentees; their goals are seen by them, their mentor and admins only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.mentoring.fit import SUGGESTIONS, suggest
from bot.domain.mentoring.forms import Goals, Ranking, check_ranking
from bot.domain.mentoring.model import Fit
from bot.domain.people.person import Role
from bot.services.mentoring.people import (
    as_mentee,
    as_mentor,
    available,
    places_left,
    role_of,
    turned_away,
)
from bot.services.mentoring.ports import MenteeRecord, MentoringMessenger
from bot.services.ports import Due, SlackError, SlackMember, UnitOfWorkFactory

HOURS_POINTS = 2  # the most overlapping hours add to a fit (bot/domain/mentoring/fit.py)

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


@dataclass(frozen=True)
class Suggested:
    """A mentor shown to a mentee: who, their name for the ranking's options, and why they fit."""

    user_id: str
    name: str
    fit: Fit


def suggestions_for(
    uow: UnitOfWorkFactory, messenger: MentoringMessenger, team_id: str, user_id: str
) -> list[Suggested]:
    """The best-fitting mentors with room for the member, best first, without anyone who turned them away.

    Hours in common add at most 2 points, so only mentors within 2 points of the fifth best without them
    can make the list: only those are looked up in Slack (a form must answer within Slack's 3 seconds)."""
    with uow() as work:
        record = work.mentoring.mentee(team_id, user_id)
        mentors = available(work.mentoring.mentors(team_id))
        places = places_left(work, team_id, mentors)
        taken = work.mentoring.loads(team_id)
        refused = turned_away(work, team_id, user_id)
        with_room = [m for m in mentors if m.user_id in places]
        if record is None:
            return []
        mentee = _unranked(record)
        rough = suggest(
            as_mentee(work, mentee, {}),
            [as_mentor(work, m, {}) for m in with_room],
            taken,
            refused,
            len(with_room),
        )
    cut = rough[SUGGESTIONS - 1].fit.score - HOURS_POINTS if len(rough) > SUGGESTIONS else -1
    close = [s.mentor.user_id for s in rough if s.fit.score >= cut]
    people = _people(messenger, [user_id, *close])
    zones = {u: m.utc_offset_minutes for u, m in people.items()}
    with uow() as work:
        candidates = [as_mentor(work, m, zones) for m in with_room if m.user_id in close]
        best = suggest(as_mentee(work, mentee, zones), candidates, taken, refused)
    return [Suggested(s.mentor.user_id, _name(people, s.mentor.user_id), s.fit) for s in best]


def _people(messenger: MentoringMessenger, user_ids: list[str]) -> dict[str, SlackMember]:
    try:
        return messenger.members(user_ids)
    except SlackError:
        return {}


def _name(people: dict[str, SlackMember], user_id: str) -> str:
    member = people.get(user_id)
    return member.name if member is not None else user_id


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
        work.due_work.wake(Due.LATE_MATCHES, now)  # after the window's close, they are matched one by one
        work.commit()
    return ranking, {}


def mentee_record(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> MenteeRecord | None:
    """The member's goals and ranking, to prefill their form."""
    with uow() as work:
        return work.mentoring.mentee(team_id, user_id)
