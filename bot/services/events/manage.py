"""Creating, announcing, listing, moving and cancelling events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.events import UPCOMING_LIMIT, EventForm, EventPlan, EventTime, Reminder, check_event
from bot.services.events.ports import Event, EventFigure, EventMessenger, EventStatus, Roll
from bot.services.ports import ChannelAccess, Due, SlackError, UnitOfWork, UnitOfWorkFactory, best_effort
from bot.services.workspace_channels import NOT_READABLE

CANNOT_POST = {
    "not_in_channel": "Rapport isn't in that channel: add it there (/invite @Rapport) or ask an admin.",
    "is_archived": "That channel is archived.",
    "private": "Rapport isn't in that private channel: add it there first (/invite @Rapport).",
}


def timezone_of(messenger: EventMessenger, user_id: str) -> str | None:
    try:
        return messenger.member(user_id).tz
    except SlackError:
        return None  # UTC then


def check_new_event(
    messenger: EventMessenger,
    access: ChannelAccess,
    team_id: str,
    user_id: str,
    form: EventForm,
    may_join: bool,
    now: datetime,
) -> tuple[EventPlan | None, dict[str, str]]:
    """The plan, or errors by field: the form's own, whether the creator can read the channel (the picker's
    value comes from the client), then whether Rapport may post there.

    Anyone may announce in a channel they can read and Rapport is in; an admin's choice of a public channel
    it is not in makes Rapport join it. A channel the creator cannot read gets one answer, whether Rapport
    is in it or not.
    """
    plan, errors = check_event(form, timezone_of(messenger, user_id), now)
    if form.channel_id and "channel" not in errors:
        if not access.can_read(team_id, form.channel_id, user_id):
            errors["channel"] = NOT_READABLE
            return None, errors
        reason = messenger.can_post(form.channel_id, join=may_join)
        if reason is not None:
            errors["channel"] = CANNOT_POST.get(reason, f"Rapport can't post there ({reason}).")
            return None, errors
    return plan, errors


def create_event(
    uow: UnitOfWorkFactory,
    messenger: EventMessenger,
    team_id: str,
    user_id: str,
    plan: EventPlan,
    now: datetime,
    upcoming_limit: int = UPCOMING_LIMIT,
) -> tuple[Event | None, bool]:
    """Store the event, then announce it; (event, announced). No event when the member has created
    `upcoming_limit` upcoming ones already (counted while their hold row is locked)."""
    with uow() as work:
        work.member_holds.hold(team_id, user_id, now)
        if work.events.created_upcoming(team_id, user_id, now) >= upcoming_limit:
            return None, False
        event = work.events.add(team_id, user_id, plan, now)
        wake_event_work(work, now)
        work.commit()
    try:
        ts = messenger.announce(event, Roll((), (), ()))
    except SlackError:
        return event, False
    with uow() as work:
        work.events.set_message(event.id, ts)
        work.commit()
    return event, True


def wake_event_work(work: UnitOfWork, now: datetime) -> None:
    """An event made, moved or answered: its reminders and tables are worked out again."""
    work.due_work.wake(Due.EVENT_REMINDERS, now)
    work.due_work.wake(Due.EVENT_TABLES, now)


def upcoming(
    uow: UnitOfWorkFactory, access: ChannelAccess, team_id: str, user_id: str, now: datetime, limit: int
) -> list[tuple[Event, Roll]]:
    """The first `limit` upcoming events announced where the member can read, each with its answers."""
    with uow() as work:
        events = work.events.upcoming(team_id, now)
    shown = [e for e in events if access.can_read(team_id, e.channel_id, user_id)][:limit]
    with uow() as work:
        return [(event, work.events.roll(event.id)) for event in shown]


@dataclass(frozen=True)
class EventChange:
    event: Event | None  # the event as changed; None when nothing changed
    text: str  # what to tell the person who asked


def cancel_event(
    uow: UnitOfWorkFactory,
    messenger: EventMessenger,
    access: ChannelAccess,
    team_id: str,
    event_id: int,
    user_id: str,
    is_admin: bool,
) -> EventChange:
    """Only the creator or an admin who can read its channel; everyone going or waiting is told once (the
    cancel is a claim)."""
    with uow() as work:
        event = work.events.get(team_id, event_id)
        why_not = _who_may_change(access, event, event_id, user_id, is_admin)
        if why_not or event is None:
            return EventChange(None, why_not or "")
        if not work.events.cancel(event.id):
            return EventChange(None, "That event was cancelled already.")
        roll = work.events.roll(event.id)
        work.commit()
    cancelled = replace(event, status=EventStatus.CANCELLED)
    told = _tell_everyone(messenger, access, cancelled, roll, messenger.tell_cancelled)
    return EventChange(cancelled, f"Cancelled. {told}")


def editable_event(
    uow: UnitOfWorkFactory,
    access: ChannelAccess,
    team_id: str,
    event_id: int,
    user_id: str,
    is_admin: bool,
    now: datetime,
) -> Event | str:
    """The event whose time this member may change, or why they may not."""
    with uow() as work:
        event = work.events.get(team_id, event_id)
    why_not = _why_not_movable(access, event, event_id, user_id, is_admin, now)
    return event if event is not None and why_not is None else why_not or ""


def reschedule_event(
    uow: UnitOfWorkFactory,
    messenger: EventMessenger,
    access: ChannelAccess,
    team_id: str,
    event_id: int,
    user_id: str,
    is_admin: bool,
    new: EventTime,
    now: datetime,
) -> EventChange:
    """Move the event (creator or admin, before it starts); everyone going or waiting is told once, and the
    reminders before it are due again for the new time. The change is made under the event's lock, so the
    same change submitted twice tells nobody twice."""
    with uow() as work:
        event = work.events.lock(team_id, event_id)
        why_not = _why_not_movable(access, event, event_id, user_id, is_admin, now)
        if why_not or event is None:
            return EventChange(None, why_not or "")
        if (event.starts_at, event.duration_minutes) == (new.starts_at, new.duration_minutes):
            return EventChange(None, "That is the time it has already, so nothing changed.")
        work.events.reschedule(event.id, new.starts_at, new.duration_minutes)
        work.events.clear_reminders(event.id, (Reminder.DAY_BEFORE, Reminder.HOUR_BEFORE))
        roll = work.events.roll(event.id)
        wake_event_work(work, now)
        work.commit()
    moved = replace(event, starts_at=new.starts_at, duration_minutes=new.duration_minutes)
    was = event.starts_at
    told = _tell_everyone(
        messenger, access, moved, roll, lambda person, now_at: messenger.tell_moved(person, now_at, was)
    )
    return EventChange(moved, f"Moved. {told}")


def cannot_change(event_id: int) -> str:
    """One answer for no such event, someone else's, and one whose channel the asker cannot read, so the
    answer never tells that event #N exists."""
    return (
        f"There is no event #{event_id} you can change (its creator can, or an admin who can see its "
        "channel): `/event list` shows the upcoming ones."
    )


def _who_may_change(
    access: ChannelAccess, event: Event | None, event_id: int, user_id: str, is_admin: bool
) -> str | None:
    """The creator, or an admin who can read the event's channel (else the modal would show its title)."""
    if event is None:
        return cannot_change(event_id)
    if event.created_by == user_id:
        return None
    if is_admin and access.can_read(event.team_id, event.channel_id, user_id):
        return None
    return cannot_change(event_id)


def _why_not_movable(
    access: ChannelAccess, event: Event | None, event_id: int, user_id: str, is_admin: bool, now: datetime
) -> str | None:
    why_not = _who_may_change(access, event, event_id, user_id, is_admin)
    if why_not or event is None:
        return why_not
    if event.status is EventStatus.CANCELLED:
        return "That event is cancelled."
    if event.starts_at <= now:
        return "That event has started already, so its time can't change."
    return None


def _tell_everyone(
    messenger: EventMessenger,
    access: ChannelAccess,
    event: Event,
    roll: Roll,
    tell: Callable[[str, Event], None],
) -> str:
    """Update the announcement, then tell each person going or waiting who can still read its channel;
    says how many were told."""
    with best_effort():
        messenger.update_announcement(event, roll)
    people = [p for p in roll.going + roll.waitlist if access.can_read(event.team_id, event.channel_id, p)]
    for person in people:
        with best_effort():
            tell(person, event)
    told = len(people)
    return f"{told} {'person was' if told == 1 else 'people were'} told."


def event_figures(uow: UnitOfWorkFactory, team_id: str) -> list[EventFigure]:
    with uow() as work:
        return work.events.figures(team_id)


def figures_for(
    uow: UnitOfWorkFactory, access: ChannelAccess, team_id: str, user_id: str
) -> list[EventFigure]:
    """The figures of the events announced where this admin can read (App Home's Program section)."""
    figures = event_figures(uow, team_id)
    return [f for f in figures if access.can_read(team_id, f.event.channel_id, user_id)]
