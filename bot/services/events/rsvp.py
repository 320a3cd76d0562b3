"""Going and Can't go: answers settled one at a time per event, the waitlist, and promotion from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.events import Answer, answer_for_going
from bot.services.events.ports import Event, EventMessenger, EventStatus, Roll
from bot.services.ports import UnitOfWorkFactory, best_effort


@dataclass(frozen=True)
class RsvpOutcome:
    event: Event
    answer: Answer | None  # None: the event is cancelled or over, nothing changed
    roll: Roll
    promoted: str | None = None  # who moved from the waitlist to going


def answer_event(
    uow: UnitOfWorkFactory,
    messenger: EventMessenger,
    team_id: str,
    event_id: int,
    user_id: str,
    going: bool,
    now: datetime,
) -> RsvpOutcome | None:
    """Store the answer (None for an unknown event); then update the announcement and tell whoever
    the waitlist promoted. Saying Going again keeps one's place."""
    with uow() as work:
        event = work.events.lock(team_id, event_id)
        if event is None:
            return None
        roll = work.events.roll(event.id)
        if event.status is not EventStatus.SCHEDULED or event.ends_at <= now:
            return RsvpOutcome(event, None, roll)
        current = work.events.rsvp(event.id, user_id)
        promoted = None
        if going:
            kept = current is not None and current.answer in (Answer.GOING, Answer.WAITLIST)
            answer = current.answer if kept and current else answer_for_going(len(roll.going), event.capacity)
        else:
            answer = Answer.DECLINED
            was_going = current is not None and current.answer is Answer.GOING
            if was_going and roll.waitlist:
                promoted = roll.waitlist[0]
        work.events.answer(event, user_id, answer, now)
        if promoted:
            work.events.answer(event, promoted, Answer.GOING, now)
        roll = work.events.roll(event.id)
        work.commit()
    with best_effort():
        messenger.update_announcement(event, roll)
    if promoted:
        with best_effort():
            messenger.tell_promoted(promoted, event)
    return RsvpOutcome(event, answer, roll, promoted)
