"""Going and Can't go: answers settled one at a time per event, the waitlist, promotion from it, and a seat
at the smallest table for whoever says Going after the tables were formed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.events import Answer, answer_for_going, late_table
from bot.services.events.manage import wake_event_work
from bot.services.events.ports import Event, EventMessenger, EventStatus, Roll
from bot.services.ports import ChannelAccess, UnitOfWork, UnitOfWorkFactory, best_effort


@dataclass(frozen=True)
class RsvpOutcome:
    event: Event
    answer: Answer | None  # None: the event is cancelled or over, nothing changed
    roll: Roll
    promoted: str | None = None  # who moved from the waitlist to going


def answer_event(
    uow: UnitOfWorkFactory,
    messenger: EventMessenger,
    access: ChannelAccess,
    team_id: str,
    event_id: int,
    user_id: str,
    going: bool,
    now: datetime,
) -> RsvpOutcome | None:
    """Store the answer; then update the announcement and tell whoever the waitlist promoted (the first
    waiting who can still read the channel). Saying Going again keeps one's place. None, and nothing
    done, for an unknown event or one announced where the member cannot read: the same to them."""
    with uow() as work:
        seen = work.events.get(team_id, event_id)
    if seen is None or not access.can_read(team_id, seen.channel_id, user_id):
        return None
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
            if was_going:
                readers = (u for u in roll.waitlist if access.can_read(team_id, event.channel_id, u))
                promoted = next(readers, None)
        work.events.answer(event, user_id, answer, now)
        if promoted:
            work.events.answer(event, promoted, Answer.GOING, now)
        roll = work.events.roll(event.id)
        arriving = [u for u in (user_id, promoted) if u and u in roll.going]
        readers = tuple(u for u in roll.going if access.can_read(team_id, event.channel_id, u))
        late = [seat for u in arriving if (seat := _seat_late(work, event, readers, u)) is not None]
        wake_event_work(work, now)
        work.commit()
    with best_effort():
        messenger.update_announcement(event, roll)
    if promoted:
        with best_effort():
            messenger.tell_promoted(promoted, event)
    for number, people, newcomer in late:
        with best_effort():
            channel = messenger.join_table(event, number, people, newcomer)
            if channel is not None:
                with uow() as work:
                    work.events.set_table_channel(event.id, number, channel)
                    work.commit()
    return RsvpOutcome(event, answer, roll, promoted)


def _seat_late(
    work: UnitOfWork, event: Event, going: tuple[str, ...], user_id: str
) -> tuple[int, tuple[str, ...], str] | None:
    """After the tables were formed, someone now going joins the smallest table: (table, who sits there,
    the newcomer), or None when there are no tables or they have a seat already. `going`: those going who
    can read the event's channel; only they are seated and told."""
    people_at = work.events.people_at_tables(event.id)
    current = work.events.rsvp(event.id, user_id)
    if people_at is None or current is None or current.table_number is not None:
        return None
    number = late_table(people_at)
    work.events.seat(event.id, [user_id] if people_at else going, number)  # no tables: nobody is seated
    people = tuple(u for u in work.events.table_of(event.id, user_id) if u in going)
    return (number, people, user_id) if len(people) > 1 else None
