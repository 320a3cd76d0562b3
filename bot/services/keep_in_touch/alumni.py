"""Alumni contact: what an intern opts in to share, and one reminder per colleague three months on.

Reminders read only stored data about the intern (their account may be deactivated by then).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from bot.domain.keep_in_touch import (
    ALUMNI_WINDOW,
    AlumniContact,
    alumni_reminder_day,
    check_alumni_contact,
    due_on,
    internship_of,
)
from bot.domain.privacy import is_anonymous
from bot.domain.time import first_local_moment, next_quarter_hour
from bot.services.keep_in_touch.ports import KeepInTouchMessenger
from bot.services.people import directory
from bot.services.ports import Due, SlackError, UnitOfWorkFactory

CLAIM_LEASE_SECONDS = 600


def share_contact(
    uow: UnitOfWorkFactory,
    team_id: str,
    user_id: str,
    email: str,
    linkedin: str,
    opted_in: bool,
    now: datetime,
) -> dict[str, str]:
    """Store the intern's contact; returns field errors instead when something is wrong (nothing stored)."""
    contact, errors = check_alumni_contact(email, linkedin, opted_in)
    if contact is None:
        return errors
    with uow() as work:
        work.keep_in_touch.save_contact(team_id, user_id, contact, now)
        work.due_work.wake(Due.ALUMNI, now)
        work.commit()
    return {}


def withdraw_contact(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> bool:
    """Forget the shared contact; True when there was one."""
    with uow() as work:
        withdrawn = work.keep_in_touch.withdraw_contact(team_id, user_id)
        work.commit()
    return withdrawn


def shared_contact(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> AlumniContact | None:
    with uow() as work:
        return work.keep_in_touch.contact(team_id, user_id)


def send_alumni_reminders(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], KeepInTouchMessenger], now: datetime
) -> int:
    """Each colleague who met an alumnus who shared a contact: one reminder, on a working morning."""
    with uow() as work:
        contacts = work.keep_in_touch.shared_contacts()
    sent = 0
    for team_id, intern, contact in contacts:
        with uow() as work:
            end = internship_of(work.members.get(team_id, intern), work.profiles.get(team_id, intern)).end
            reminded = work.keep_in_touch.reminded(team_id, intern)
            network = work.followups.network(team_id, intern)
            colleagues = [e.other_user_id for e in network if not is_anonymous(e.other_user_id)]
        if end is None or not _near(alumni_reminder_day(end), now):
            continue
        messenger = messenger_for(team_id)
        for colleague in colleagues:
            if colleague not in reminded:
                sent += _remind(uow, messenger, team_id, intern, colleague, contact, end, now)
    return sent


def next_alumni_reminder(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The next quarter hour while a shared contact's reminder window is open anywhere; else when the next
    one opens (sharing a contact wakes the job)."""
    with uow() as work:
        ends = [
            internship_of(work.members.get(team_id, intern), work.profiles.get(team_id, intern)).end
            for team_id, intern, _ in work.keep_in_touch.shared_contacts()
        ]
    days = [alumni_reminder_day(end) for end in ends if end is not None]
    if any(_near(day, now) for day in days):
        return next_quarter_hour(now)
    later = [first_local_moment(day) for day in days if day >= now.date()]
    return max(min(later), next_quarter_hour(now)) if later else None


def _near(day: date, now: datetime) -> bool:
    """Whether `now` may fall in the reminder window in some time zone (a day either side of UTC)."""
    return day - timedelta(days=1) <= now.date() <= day + ALUMNI_WINDOW + timedelta(days=1)


def _remind(
    uow: UnitOfWorkFactory,
    messenger: KeepInTouchMessenger,
    team_id: str,
    intern: str,
    colleague: str,
    contact: AlumniContact,
    end: date,
    now: datetime,
) -> int:
    try:
        member = directory.member(uow, messenger, team_id, colleague, now)
    except SlackError:
        return 0
    day = alumni_reminder_day(end)
    gone = member.deleted or member.is_bot
    if not gone and not due_on(day, now, member.tz, until=day + ALUMNI_WINDOW):
        return 0
    with uow() as work:
        if not work.keep_in_touch.claim_reminder(team_id, intern, colleague, now, CLAIM_LEASE_SECONDS):
            return 0
        work.commit()
    if not gone:  # a colleague whose account is gone is settled without a message, and not asked about again
        try:
            messenger.remind_alumni(colleague, intern, contact)
        except SlackError:
            return 0  # the claim lapses after the lease and a later tick tries again
    with uow() as work:
        work.keep_in_touch.mark_reminder_sent(team_id, intern, colleague, now)
        work.commit()
    return 0 if gone else 1
