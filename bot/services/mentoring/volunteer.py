"""Mentors opt in: `/mentor` (and App Home) opens a form prefilled from what Rapport knows; anyone may
volunteer; an admin may set anyone's capacity; `/mentor stop` takes no new mentees (current ones go on)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bot.domain.mentoring.forms import MAX_TOPICS, Volunteering
from bot.domain.mentoring.model import MIN_CAPACITY
from bot.domain.mentoring.schedule import Cadence
from bot.services.mentoring.ports import LIVE, MentoringMessenger, MentorRecord
from bot.services.ports import Due, SlackError, UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class MentorForm:
    """What the mentor's form starts with: their sign-up, or their profile's "ask me about" tags."""

    capacity: int
    topics: tuple[str, ...]
    cadence: Cadence
    signed_up: bool
    mentees: int = 0  # live pairs now


def mentor_form(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> MentorForm:
    with uow() as work:
        record = work.mentoring.mentor(team_id, user_id)
        mentees = sum(
            1
            for p in work.mentoring.pairs_of(team_id, user_id)
            if p.mentor_id == user_id and p.status in LIVE
        )
        if record is not None and record.active:
            return MentorForm(record.capacity, record.topics, record.cadence, True, mentees)
        return MentorForm(
            MIN_CAPACITY, _suggested_topics(work, team_id, user_id), Cadence.BIWEEKLY, False, mentees
        )


def _suggested_topics(work: UnitOfWork, team_id: str, user_id: str) -> tuple[str, ...]:
    profile = work.profiles.get(team_id, user_id)
    return tuple(profile.interests[:MAX_TOPICS]) if profile else ()


def volunteer(uow: UnitOfWorkFactory, team_id: str, user_id: str, given: Volunteering, now: datetime) -> bool:
    """Save the member's sign-up (anyone may volunteer); True the first time."""
    record = MentorRecord(team_id, user_id, given.capacity, given.topics, given.cadence, active=True)
    with uow() as work:
        first = work.mentoring.save_mentor(record, user_id, now)
        work.due_work.wake(Due.LATE_MATCHES, now)  # room for mentees waiting
        work.commit()
    return first


def stop_mentoring(uow: UnitOfWorkFactory, team_id: str, user_id: str, now: datetime) -> bool:
    """Take no new mentees; False when they were not taking any."""
    with uow() as work:
        record = work.mentoring.mentor(team_id, user_id)
        if record is None or not record.active:
            return False
        work.mentoring.save_mentor(replace(record, active=False), user_id, now)
        work.commit()
    return True


class CapacitySet(StrEnum):
    SET = "set"  # they were a mentor: capacity changed
    ADDED = "added"  # they became a mentor with this capacity
    NOT_A_PERSON = "not_a_person"  # a bot, a deactivated account, or nobody Slack knows


def set_capacity(
    uow: UnitOfWorkFactory,
    messenger: MentoringMessenger,
    team_id: str,
    admin_id: str,
    user_id: str,
    capacity: int,
    now: datetime,
) -> CapacitySet:
    """An admin sets anyone's capacity (1-3); someone who is not a mentor yet becomes one, with their
    profile's topics and every two weeks. Mentees they already have stay, even above the new number."""
    try:
        member = messenger.member(user_id)
    except SlackError:
        return CapacitySet.NOT_A_PERSON
    if member.is_bot or member.deleted:
        return CapacitySet.NOT_A_PERSON
    with uow() as work:
        record = work.mentoring.mentor(team_id, user_id)
        added = record is None
        if record is None:
            topics = _suggested_topics(work, team_id, user_id)
            record = MentorRecord(team_id, user_id, capacity, topics, Cadence.BIWEEKLY)
        work.mentoring.save_mentor(replace(record, capacity=capacity, active=True), admin_id, now)
        work.due_work.wake(Due.LATE_MATCHES, now)  # room for mentees waiting
        work.commit()
    return CapacitySet.ADDED if added else CapacitySet.SET
