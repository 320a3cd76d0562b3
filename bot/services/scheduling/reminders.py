"""The DM's reminder ten minutes before an agreed slot: claimed, sent, then stamped, so once; and an
agreed slot's announcement that Slack refused (or a process died before) sent again after its lease.

`next_scheduling_due` tells a scheduler when the next reminder falls due, without Slack.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.domain.scheduling.hours import resolve
from bot.domain.scheduling.model import Slot
from bot.domain.scheduling.render import slot_line
from bot.services.ports import SlackError, UnitOfWorkFactory
from bot.services.scheduling.ports import SchedulingMessenger
from bot.services.scheduling.proposals import Finding, members_of
from bot.services.scheduling.votes import ANNOUNCEMENT_LEASE_SECONDS, announce

CLAIM_LEASE_SECONDS = 300


def send_due_reminders(
    uow: UnitOfWorkFactory,
    messenger_for: Callable[[str], SchedulingMessenger],
    default_zone: str,
    now: datetime,
) -> int:
    """Remind each DM whose agreed slot starts within ten minutes; returns how many were sent."""
    with uow() as work:
        due = work.scheduling.due_reminders(now)
    sent = 0
    for stored in due:
        with uow() as work:
            if not work.scheduling.claim_reminder(stored.id, now, CLAIM_LEASE_SECONDS):
                continue
            work.commit()
        assert stored.confirmed is not None
        messenger = messenger_for(stored.group.team_id)
        try:
            present = members_of(messenger, stored.group)
            attendees = resolve(present.members, default_zone)
            when = slot_line(Slot(stored.confirmed), attendees, {a.key: f"<@{a.key}>" for a in attendees})
            messenger.remind(stored.group.conversation_id, when)
        except SlackError:
            continue  # the claim lapses after the lease; the next tick tries again while the slot is ahead
        with uow() as work:
            work.scheduling.stamp_reminded(stored.id, now)
            work.commit()
        sent += 1
    return sent


def retry_announcements(uow: UnitOfWorkFactory, finding_for: Callable[[str], Finding], now: datetime) -> int:
    """Announce again each agreed slot still ahead whose announcement was never stamped."""
    with uow() as work:
        waiting = work.scheduling.unannounced(now, ANNOUNCEMENT_LEASE_SECONDS)
    sent = 0
    for stored in waiting:
        with uow() as work:
            if not work.scheduling.claim_announcement(stored.id, now, ANNOUNCEMENT_LEASE_SECONDS):
                continue
            work.commit()
        assert stored.confirmed is not None
        sent += announce(uow, finding_for(stored.group.team_id), stored, stored.confirmed, now, book=False)
    return sent


def next_announcement_retry(uow_factory: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """When `retry_announcements` next has work: when the earliest claim on an agreed slot's unsent
    announcement lapses (`now` if it has), or None when every agreed slot ahead was announced."""
    with uow_factory() as work:
        due = work.scheduling.next_announcement_retry(now, ANNOUNCEMENT_LEASE_SECONDS)
    return None if due is None else max(due, now)


def next_scheduling_due(uow_factory: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """When `send_due_reminders` next has work: ten minutes before the earliest agreed slot still ahead
    and not reminded (`now` when that moment has come), or None when no slot is waiting."""
    with uow_factory() as work:
        due = work.scheduling.next_reminder(now)
    return None if due is None else max(due, now)
