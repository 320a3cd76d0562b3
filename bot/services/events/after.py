"""After an event: who did you meet? Each person named becomes one meeting of two (source `event`): the
member and that person, never the people named with each other. Only people going may be named. It brings
the usual thank-you nudge and shows in /coffee network, App Home, catch-ups and the recap. Also the pitch."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.domain.events import Answer
from bot.domain.people.person import Role
from bot.domain.people.profile import PITCH_LIMIT, Profile
from bot.services.events.ports import Event
from bot.services.followups.nudges import record_meeting
from bot.services.followups.ports import FollowUpMessenger, MeetingSource
from bot.services.ports import UnitOfWork, UnitOfWorkFactory

MAX_PEOPLE = 20
NOT_THERE = "Only people who were going to the event can say whom they met there."


def who_met_prefill(
    uow: UnitOfWorkFactory, team_id: str, event_id: int, user_id: str
) -> tuple[Event | None, tuple[str, ...]]:
    """The event and the member's table (without them), to prefill the modal; (None, ()) unless the member
    was going to it (the button's value comes from the client)."""
    with uow() as work:
        event = work.events.get(team_id, event_id)
        rsvp = work.events.rsvp(event_id, user_id) if event else None
        if event is None or rsvp is None or rsvp.answer is not Answer.GOING:
            return None, ()
        return event, tuple(u for u in work.events.table_of(event_id, user_id) if u != user_id)


def not_going(
    uow: UnitOfWorkFactory, team_id: str, event_id: int, user_id: str, people: Sequence[str]
) -> tuple[str, ...] | None:
    """Those of `people` who were not going to the event (unknown IDs among them), to refuse in the form;
    None when the member was not going either (or there is no such event)."""
    with uow() as work:
        going = _going(work, team_id, event_id, user_id)
    return None if going is None else tuple(p for p in dict.fromkeys(people) if p not in going)


def _going(work: UnitOfWork, team_id: str, event_id: int, user_id: str) -> frozenset[str] | None:
    """Everyone going to the event, when the member is among them; else None."""
    event = work.events.get(team_id, event_id)
    going = frozenset(work.events.roll(event_id).going) if event else frozenset()
    return going if user_id in going else None


def record_people_met(
    uow: UnitOfWorkFactory,
    followups: FollowUpMessenger,
    team_id: str,
    event_id: int,
    user_id: str,
    people: Sequence[str],
    now: datetime,
) -> str:
    """Store the answer once, a meeting of two for each person named who was going (the form refused the
    others already); an empty list is "Nobody new". Returns what to tell the member."""
    with uow() as work:
        going = _going(work, team_id, event_id, user_id)
        event = work.events.get(team_id, event_id)
        if going is None or event is None:
            return NOT_THERE
        named = [p for p in dict.fromkeys(people) if p in going and p != user_id][:MAX_PEOPLE]
        if not work.events.record_answer(event_id, user_id, "people" if named else "nobody", now):
            return "You already answered for this event. Thanks!"
        work.commit()
    if not named:
        return "Noted: nobody new this time. Thanks for going!"
    for person in named:
        record_meeting(
            uow,
            followups,
            team_id,
            MeetingSource.EVENT,
            f"{event_id}:{user_id}:{person}",
            [user_id, person],
            met_at=min(event.starts_at, now),
            nudge=[user_id],
        )
    return (
        f"Added {len(named)} {'person' if len(named) == 1 else 'people'} to your network. "
        "I'll remind you to say thanks on your next working morning."
    )


def pitch_to_edit(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> str | None:
    """The pitch saved on the member's profile, if any."""
    with uow() as work:
        profile = work.profiles.get(team_id, user_id)
    return profile.pitch if profile else None


def save_pitch(uow: UnitOfWorkFactory, team_id: str, user_id: str, pitch: str, now: datetime) -> str | None:
    """Save the pitch to the member's profile (starting one from the roster if needed); an error or None."""
    pitch = pitch.strip()
    if len(pitch) > PITCH_LIMIT:
        return f"Keep it under {PITCH_LIMIT} characters."
    with uow() as work:
        profile = work.profiles.get(team_id, user_id)
        if profile is None:
            person = work.members.get(team_id, user_id)
            profile = Profile(
                team_id=team_id,
                user_id=user_id,
                role=person.role if person else Role.INTERN,
                team=person.team if person else None,
                internship_start=person.internship_start if person else None,
                internship_end=person.internship_end if person else None,
            )
        work.profiles.save(replace(profile, pitch=pitch or None), now)
        work.commit()
    return None
