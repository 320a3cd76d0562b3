"""Members press the slots that work for them; the first slot everyone pressed is agreed, once.

A button's value is untrusted: its proposal must be this DM's, the presser one of its members, and
the slot one it offered that has not begun (bot/domain/scheduling/picks.py). The press that completes
a slot wins the conditional UPDATE (storage); only that request announces it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.scheduling.group import CHECKIN_AFTER, REMINDER_BEFORE, GroupDm, ScheduledGroup, Source
from bot.domain.scheduling.hours import resolve
from bot.domain.scheduling.ics import Person, event_uid, file_name, ics_event
from bot.domain.scheduling.links import calendar_links
from bot.domain.scheduling.model import SLOT, Slot
from bot.domain.scheduling.picks import PickProblem, check_pick
from bot.domain.scheduling.render import slot_line
from bot.services.ports import Due, SlackError, UnitOfWork, UnitOfWorkFactory
from bot.services.scheduling.booking import put_on_calendar
from bot.services.scheduling.ports import ConfirmedMessage
from bot.services.scheduling.proposals import Finding, Outcome, Present, check_place, members_of

log = logging.getLogger(__name__)

TITLE = "Coffee chat"
TITLES = {Source.MENTORING: "Mentoring session"}
"""The calendar title of a source's meeting, where it is not a coffee chat."""
DESCRIPTION = "Agreed with Find a time in your Rapport group DM in Slack."
ANNOUNCEMENT_LEASE_SECONDS = 300
"""An agreed slot's announcement is claimed by the press that agreed it; a tick retries it after this."""
_VALUE = re.compile(r"(\d{1,12})\|(.{1,40})")


class Vote(StrEnum):
    NOTED = "noted"  # counted; others still to press it
    AGREED_NOW = "agreed_now"  # this press completed the slot: announced
    ALREADY_AGREED = "already_agreed"


@dataclass(frozen=True)
class Pressed:
    result: Vote | Outcome | PickProblem
    start: datetime | None = None
    waiting_for: tuple[str, ...] = ()


def parse_value(value: object) -> tuple[int, str] | None:
    """(proposal ID, slot value) from a slot button's value, or None for anything else."""
    match = _VALUE.fullmatch(value) if isinstance(value, str) else None
    return None if match is None else (int(match.group(1)), match.group(2))


def press_slot(
    uow: UnitOfWorkFactory,
    finding: Finding,
    team_id: str,
    channel_id: str,
    user_id: str,
    value: object,
    now: datetime,
) -> Pressed:
    """Count the member's press; the press that makes a slot everyone's is the one that announces it."""
    parsed = parse_value(value)
    if parsed is None:
        return Pressed(PickProblem.MALFORMED)
    with uow() as work:
        stored = work.scheduling.get(parsed[0])
    problem = check_place(stored, team_id, channel_id, user_id)
    if problem is not None or stored is None:
        return Pressed(problem or Outcome.GONE)
    if stored.confirmed is not None:
        return Pressed(Vote.ALREADY_AGREED, stored.confirmed)
    start = check_pick(parsed[1], stored.offered, now)
    if isinstance(start, PickProblem):
        return Pressed(start)
    with uow() as work:
        agreed = work.scheduling.vote(stored.id, user_id, start, now)
        if agreed:
            _wake_after_agreeing(work, stored.group, start, now)
        work.commit()
        after = work.scheduling.get(stored.id)
    if not agreed:
        if after is not None and after.confirmed is not None:
            return Pressed(Vote.ALREADY_AGREED, after.confirmed)
        return Pressed(Vote.NOTED, start, after.waiting_for(start) if after else ())
    announce(uow, finding, stored, start, now)
    return Pressed(Vote.AGREED_NOW, start)


def _wake_after_agreeing(work: UnitOfWork, group: GroupDm, start: datetime, now: datetime) -> None:
    """The work an agreed slot makes due: its reminder, the announcement's retry should this press fail,
    and a coffee group's check-in an hour after the slot."""
    work.due_work.wake(Due.TIME_REMINDERS, start - REMINDER_BEFORE)
    work.due_work.wake(Due.TIME_ANNOUNCEMENTS, now + timedelta(seconds=ANNOUNCEMENT_LEASE_SECONDS))
    if group.source is Source.COFFEE:
        work.due_work.wake(Due.COFFEE_STEPS, start + SLOT + CHECKIN_AFTER)


def announce(
    uow: UnitOfWorkFactory,
    finding: Finding,
    stored: ScheduledGroup,
    start: datetime,
    now: datetime,
    book: bool = True,
) -> int:
    """The agreed time in everyone's zone with calendar links, the .ics file, and (with a calendar
    system, unless `book` is False) the event on the organiser's calendar. Each part failing is logged;
    none undoes the others. A retry passes book=False: the first attempt booked before posting, and a
    calendar system would make a second event, not update the first."""
    slot = Slot(start)
    try:
        present = members_of(finding.messenger, stored.group)
    except SlackError as error:
        log.warning("find a time: members of %s not read: %s", stored.group.conversation_id, error.code)
        present = Present([], {}, {})
    attendees = resolve(present.members, finding.default_zone) if present.members else ()
    when = (
        slot_line(slot, attendees, {a.key: f"<@{a.key}>" for a in attendees})
        if attendees
        else f"{start:%Y-%m-%d %H:%M} UTC"
    )
    google, outlook = calendar_links(_title(stored), DESCRIPTION, slot.start, slot.end)
    on_calendar = book and _book(finding, stored, present.emails, slot)
    channel = stored.group.conversation_id
    try:
        finding.messenger.post_confirmed(channel, ConfirmedMessage(when, google, outlook, on_calendar))
        finding.messenger.upload_ics(
            channel, file_name(start), _ics(stored, present, slot, now), "Add it to your calendar"
        )
    except SlackError as error:
        log.warning("find a time: the agreed slot in %s was not fully announced: %s", channel, error.code)
        return 0  # the claim lapses; "find-a-time announcements retried" sends it again
    with uow() as work:
        work.scheduling.stamp_announced(stored.id, now)
        work.commit()
    return 1


def _book(finding: Finding, stored: ScheduledGroup, emails: dict[str, str], slot: Slot) -> bool:
    organiser = emails.get(stored.group.organiser)
    if finding.calendar is None or organiser is None:
        return False
    others = [emails[key] for key in stored.group.members if key in emails]
    return put_on_calendar(finding.calendar, organiser, others, slot, _title(stored), DESCRIPTION) is not None


def _title(stored: ScheduledGroup) -> str:
    return TITLES.get(stored.group.source, TITLE)


def _ics(stored: ScheduledGroup, present: Present, slot: Slot, now: datetime) -> str:
    keys = [key for key in stored.group.members if key in present.emails]
    people = {key: Person(present.names.get(key, key), present.emails[key]) for key in keys}
    organiser = people.get(stored.group.organiser)
    return ics_event(
        uid=event_uid(stored.group.conversation_id, slot.start),
        stamp=now,
        start=slot.start,
        end=slot.end,
        title=_title(stored),
        description=DESCRIPTION,
        organiser=organiser,
        attendees=[p for key, p in people.items() if key != stored.group.organiser],
    )
