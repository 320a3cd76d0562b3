"""Due work before and after an event: the day-before briefing, the one-hour reminder, "who did you meet?".

Each is claimed (an insert against a unique key) before it is sent, so it goes out once however many
ticks run; Slack refusing it releases the claim for the next tick. Only people who can read the event's
channel get any: someone who left it (or whom Slack cannot vouch for right now) is skipped, unclaimed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.domain.events import ASK_FOR_DAYS, Attendee, Reminder, draft_pitch, due_reminders, people_to_look_for
from bot.domain.people.person import Role
from bot.domain.time import next_quarter_hour
from bot.services.events.ports import Briefing, DueAttendee, Event, EventMessenger, LookFor
from bot.services.people import directory
from bot.services.ports import ChannelAccess, SlackError, UnitOfWork, UnitOfWorkFactory, best_effort

LOOK_AHEAD = timedelta(days=2)  # the day before, in any time zone
LOOK_BACK = timedelta(days=ASK_FOR_DAYS + 1)


def send_due_reminders(
    uow: UnitOfWorkFactory,
    messenger_for: Callable[[str], EventMessenger],
    access: ChannelAccess,
    now: datetime,
) -> int:
    """Send what is due to everyone going who can read the channel; returns how many messages went out."""
    with uow() as work:
        due = work.events.due_attendees(now, now - LOOK_BACK, now + LOOK_AHEAD)
    messengers: dict[str, EventMessenger] = {}
    sent = 0
    for attendee in due:
        team_id, event = attendee.event.team_id, attendee.event
        messenger = messengers.setdefault(team_id, messenger_for(team_id))
        zone = directory.timezone_of(uow, messenger, team_id, attendee.user_id, now)
        kinds = due_reminders(event.starts_at, event.ends_at, zone, now, attendee.done)
        if kinds and access.can_read(team_id, event.channel_id, attendee.user_id):  # Slack only when due
            sent += sum(_send(uow, messenger, attendee, kind, now) for kind in kinds)
    return sent


def next_reminder(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """While an event is within reach (two days ahead to a week after), the next quarter hour, or its
    hour-before or end if sooner; else when the next one comes within reach (creating, moving or answering
    one wakes the job)."""
    with uow() as work:
        events = work.events.times_from(now - LOOK_BACK)
    times = []
    for starts_at, ends_at, _ in events:
        if starts_at - LOOK_AHEAD > now:
            times.append(starts_at - LOOK_AHEAD)
            continue
        times.append(next_quarter_hour(now))
        times += [at for at in (starts_at - timedelta(hours=1), ends_at) if at > now]
    return min(times, default=None)


def _send(
    uow: UnitOfWorkFactory, messenger: EventMessenger, attendee: DueAttendee, kind: Reminder, now: datetime
) -> int:
    event, user_id = attendee.event, attendee.user_id
    with uow() as work:
        if not work.events.claim_reminder(event, user_id, kind, now):
            return 0
        briefing = _briefing(work, messenger, event, user_id) if kind is Reminder.DAY_BEFORE else None
        work.commit()
    try:
        if briefing is not None:
            messenger.send_day_before(user_id, event, briefing)
        elif kind is Reminder.HOUR_BEFORE:
            messenger.send_hour_before(user_id, event)
        else:
            messenger.ask_who_met(user_id, event)
    except SlackError:
        with uow() as work:
            work.events.release_reminder(event.id, user_id, kind)
            work.commit()
        return 0
    return 1


def _briefing(work: UnitOfWork, messenger: EventMessenger, event: Event, user_id: str) -> Briefing:
    """An intern's pitch and people to look for; for anyone else, just the reminder."""
    me = _attendee(work, event.team_id, user_id)
    if me.role is not Role.INTERN:
        return Briefing(pitch=None)
    profile = work.profiles.get(event.team_id, user_id)
    pitch = profile.pitch if profile and profile.pitch else None
    if pitch is None:  # the name as the member directory keeps it; Slack only for someone it does not
        kept = work.directory.get(event.team_id, [user_id]).get(user_id)
        name = kept.name if kept else user_id
        if kept is None:
            with best_effort():
                name = messenger.member(user_id).name
        pitch = draft_pitch(
            name, me.team, profile.working_on if profile else None, profile.interests if profile else ()
        )
    going = work.events.roll(event.id).going
    met = {
        next(iter(pair - {user_id}))
        for pair in work.events.met_pairs(event.team_id, going)
        if user_id in pair
    }
    others = [_attendee(work, event.team_id, other) for other in going if other != user_id]
    chosen = people_to_look_for(me, others, frozenset(met))
    return Briefing(pitch=pitch, look_for=tuple(LookFor(p.user_id, p.line) for p in chosen))


def _attendee(work: UnitOfWork, team_id: str, user_id: str) -> Attendee:
    profile = work.profiles.get(team_id, user_id)
    person = work.members.get(team_id, user_id)
    role = profile.role if profile else person.role if person else None
    team = (profile.team if profile else None) or (person.team if person else None)
    line = None
    if profile is not None:
        line = profile.working_on or (
            ("Ask me about " + ", ".join(profile.interests[:3])) if profile.interests else None
        )
    return Attendee(user_id=user_id, role=role, team=team, line=line)
