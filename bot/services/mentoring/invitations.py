"""Once a workspace runs mentor matching (a window was opened), each roster mentor who has not signed up is
invited once by DM, and each intern, from their first day, is asked once for their goals. Sent during
working hours in the program's time zone; each is claimed (an insert) before it is sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from bot.domain.people.person import Person, Role
from bot.domain.time import local_time, quiet
from bot.services.mentoring.ports import InvitationKind, MentoringMessenger, Window
from bot.services.ports import SlackError, UnitOfWorkFactory

UNDELIVERABLE = frozenset({"cannot_dm_bot", "user_disabled", "account_inactive", "user_not_found"})


def send_invitations(
    uow: UnitOfWorkFactory,
    messenger_for: Callable[[str], MentoringMessenger],
    now: datetime,
    timezone: str | None,
) -> int:
    """Invite whoever is due in every workspace with a window; returns how many invitations went out."""
    if quiet(now, timezone):
        return 0
    with uow() as work:
        windows = work.mentoring.latest_windows()
    sent = 0
    for window in windows:
        due = _due(uow, window, now, timezone)
        if due:
            messenger = messenger_for(window.team_id)
            sent += sum(_invite(uow, messenger, window, person, kind, now) for person, kind in due)
    return sent


def _due(
    uow: UnitOfWorkFactory, window: Window, now: datetime, timezone: str | None
) -> list[tuple[str, InvitationKind]]:
    return _owed(uow, window.team_id, local_time(now, timezone).date())[0]


def first_owed_day(uow: UnitOfWorkFactory, now: datetime, timezone: str | None) -> date | None:
    """The first day (program's time zone) anyone is owed an invitation in a workspace with a window:
    today when someone is owed one now (a refusal Slack may not repeat included), else the earliest
    internship start to come of an intern not yet asked; None when nobody is owed one, ever, as the
    roster stands (a roster change, a sign-up or a new window wakes the job)."""
    with uow() as work:
        windows = work.mentoring.latest_windows()
    today = local_time(now, timezone).date()
    days = []
    for window in windows:
        owed, later = _owed(uow, window.team_id, today)
        days += [today] if owed else [later] if later else []
    return min(days, default=None)


def _owed(
    uow: UnitOfWorkFactory, team_id: str, today: date
) -> tuple[list[tuple[str, InvitationKind]], date | None]:
    """Who is owed an invitation today, and the first later day an intern not yet asked starts."""
    with uow() as work:
        roster = work.members.list_team(team_id)
        volunteers = {m.user_id for m in work.mentoring.mentors(team_id)}
        asked = {kind: work.mentoring.invited(team_id, kind) for kind in InvitationKind}
        settled = asked[InvitationKind.MENTEE] | {m.user_id for m in work.mentoring.mentees(team_id)}
        mentors = [
            (p.user_id, InvitationKind.MENTOR)
            for p in roster
            if p.role is Role.MENTOR and p.user_id not in volunteers | asked[InvitationKind.MENTOR]
        ]
        interns = [
            (p.user_id, InvitationKind.MENTEE)
            for p in roster
            if _in_internship(p, today)
            and p.user_id not in settled  # asked already, or gave goals without being asked
        ]
        later = [
            p.internship_start
            for p in roster
            if p.role is Role.INTERN
            and p.internship_start is not None
            and p.internship_start > today
            and (p.internship_end is None or p.internship_end >= p.internship_start)
            and p.user_id not in asked[InvitationKind.MENTEE]
        ]
    return mentors + interns, min(later, default=None)


def _in_internship(person: Person, today: date) -> bool:
    started = person.internship_start is None or person.internship_start <= today
    ongoing = person.internship_end is None or person.internship_end >= today
    return person.role is Role.INTERN and started and ongoing


def _invite(
    uow: UnitOfWorkFactory,
    messenger: MentoringMessenger,
    window: Window,
    user_id: str,
    kind: InvitationKind,
    now: datetime,
) -> int:
    team_id = window.team_id
    with uow() as work:
        if not work.mentoring.claim_invitation(team_id, user_id, kind, now):
            return 0
        work.commit()
    try:
        if kind is InvitationKind.MENTOR:
            channel, ts = messenger.invite_mentor(user_id)
        else:
            channel, ts = messenger.invite_mentee(
                user_id, window.closes_at if window.closed_at is None else None
            )
    except SlackError as error:
        if error.code not in UNDELIVERABLE:  # a passing refusal: the next tick tries again
            with uow() as work:
                work.mentoring.release_invitation(team_id, user_id, kind)
                work.commit()
        return 0
    with uow() as work:
        work.mentoring.mark_invitation(team_id, user_id, kind, channel, ts)
        work.commit()
    return 1
