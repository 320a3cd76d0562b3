"""When each of mentoring's scheduled jobs (bot/jobs.py) next has something to do: one small read each,
never later than the work is due. The use cases that store such work wake the job (`due_work.wake`)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.domain.time import end_of_quiet, local_time, next_quarter_hour, zone
from bot.services.mentoring import invitations, kickoff, proposals
from bot.services.ports import UnitOfWorkFactory


def next_window_close(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The earliest close of an open window (opening or moving one wakes the job)."""
    with uow() as work:
        return work.mentoring.next_window_close()


def next_late_match(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """At once while a mentee waits unseen where the window has closed; else nothing until something frees a
    place or a mentee ranks (those wake the job)."""
    with uow() as work:
        return now if work.mentoring.late_joiners_unseen() else None


def next_request(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """At once for a request not claimed; else when the earliest claim lapses (its process may have died)."""
    with uow() as work:
        unclaimed, claimed = work.mentoring.request_claims()
    return _claims(unclaimed, claimed, now, proposals.CLAIM_LEASE_SECONDS)


def next_request_expiry(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The earliest deadline of a request sent (sending one wakes the job at its deadline)."""
    with uow() as work:
        return work.mentoring.next_deadline()


def next_mentor_reminder(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    with uow() as work:
        return work.mentoring.next_mentor_reminder(now)


def next_kickoff(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """At once for an accepted pair's kickoff not claimed; else when the earliest claim lapses."""
    with uow() as work:
        unclaimed, claimed = work.mentoring.kickoff_claims()
    return _claims(unclaimed, claimed, now, kickoff.CLAIM_LEASE_SECONDS)


def next_checkin(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The earliest next check-in of a pair kicked off (a kickoff wakes the job at its first)."""
    with uow() as work:
        return work.mentoring.next_checkin_time()


def next_fit_check(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """While anyone is owed "Is this a good fit?", the next quarter hour: each is asked in their own working
    hours, which begin on a quarter hour in every zone (conservative: no time zone is read here)."""
    with uow() as work:
        return next_quarter_hour(now) if work.mentoring.fit_checks_due() else None


def next_unmatched_notice(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    with uow() as work:
        return now if work.mentoring.unmatched_to_tell() else None


def next_invitation(uow: UnitOfWorkFactory, now: datetime, timezone: str | None) -> datetime | None:
    """Nothing before a first window, nor once everyone on the roster was asked (a roster change or a window
    wakes the job); while someone is owed one, the end of the program's quiet hours, and in its working
    hours the next quarter hour (a refusal is tried again); else the morning the next intern starts."""
    with uow() as work:
        if not work.mentoring.has_windows():
            return None
    day = invitations.first_owed_day(uow, now, timezone)
    if day is None:
        return None
    if day > local_time(now, timezone).date():
        return end_of_quiet(datetime.combine(day, time(0, 0), tzinfo=zone(timezone)), timezone)
    start = end_of_quiet(now, timezone)
    return start if start > now else next_quarter_hour(now)


def _claims(unclaimed: bool, claimed: datetime | None, now: datetime, lease_seconds: int) -> datetime | None:
    if unclaimed:
        return now
    return claimed + timedelta(seconds=lease_seconds) if claimed is not None else None
