"""Mentors and mentees as the rules see them: the stored records, with each person's team (their profile's,
else the roster's) and their Slack time zone's offset for overlapping hours.

Time zones are looked up through the messenger's `members`, the one seam a shared member directory
replaces; a lookup Slack refuses leaves the offset unknown (no overlap points), never the matching undone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bot.domain.mentoring.fit import room
from bot.domain.mentoring.model import Mentee, Mentor
from bot.domain.people.person import Role
from bot.services.mentoring.ports import LIVE, MenteeRecord, MentoringMessenger, MentorRecord
from bot.services.ports import SlackError, UnitOfWork

Offsets = Mapping[str, int | None]


def offsets(messenger: MentoringMessenger, user_ids: Iterable[str]) -> dict[str, int | None]:
    """Each person's UTC offset in minutes (None when Slack does not say)."""
    wanted = list(dict.fromkeys(user_ids))
    if not wanted:
        return {}
    try:
        found = messenger.members(wanted)
    except SlackError:
        return {}
    return {user_id: member.utc_offset_minutes for user_id, member in found.items()}


def team_of(work: UnitOfWork, team_id: str, user_id: str) -> str | None:
    profile = work.profiles.get(team_id, user_id)
    if profile is not None and profile.team:
        return profile.team
    person = work.members.get(team_id, user_id)
    return person.team if person else None


def role_of(work: UnitOfWork, team_id: str, user_id: str) -> Role | None:
    """The member's role: their profile's, else the roster's (None: unknown to Rapport)."""
    profile = work.profiles.get(team_id, user_id)
    if profile is not None:
        return profile.role
    person = work.members.get(team_id, user_id)
    return person.role if person else None


def as_mentor(work: UnitOfWork, record: MentorRecord, zones: Offsets) -> Mentor:
    return Mentor(
        user_id=record.user_id,
        capacity=record.capacity,
        topics=record.topics,
        team=team_of(work, record.team_id, record.user_id),
        utc_offset=zones.get(record.user_id),
    )


def as_mentee(work: UnitOfWork, record: MenteeRecord, zones: Offsets) -> Mentee:
    return Mentee(
        user_id=record.user_id,
        choices=record.choices,
        open_to_any=record.open_to_any,
        goals=record.goals,
        team=team_of(work, record.team_id, record.user_id),
        utc_offset=zones.get(record.user_id),
    )


def available(records: Sequence[MentorRecord]) -> list[MentorRecord]:
    """Mentors who take new mentees."""
    return [r for r in records if r.active]


def places_left(work: UnitOfWork, team_id: str, records: Sequence[MentorRecord]) -> dict[str, int]:
    """Places per active mentor with room, after their live pairs."""
    taken = work.mentoring.loads(team_id)
    mentors = [Mentor(r.user_id, r.capacity) for r in available(records)]
    return room(mentors, taken)


def turned_away(work: UnitOfWork, team_id: str, mentee_id: str) -> set[str]:
    """Mentors a mentee must never be given again: who declined them, let the request lapse, or ended the
    mentorship (and their current mentor, if any)."""
    return {p.mentor_id for p in work.mentoring.pairs_of(team_id, mentee_id) if p.mentee_id == mentee_id}


def has_live_pair(work: UnitOfWork, team_id: str, mentee_id: str) -> bool:
    """True when the mentee has a live pair (proposed or accepted)."""
    return any(
        p.mentee_id == mentee_id and p.status in LIVE for p in work.mentoring.pairs_of(team_id, mentee_id)
    )
