"""Propose slots for a group DM, avoiding calendars' busy time when Rapport may read it.

A calendar that cannot be read (wrong key, revoked permission, timeout, an answer of the wrong shape)
leaves the slots to working hours, with one log line and never an exception: finding a time is a
courtesy on top of the introduction, which has already been delivered.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from bot.domain.scheduling.hours import resolve
from bot.domain.scheduling.model import Interval, Member, Proposal
from bot.domain.scheduling.slots import COUNT, propose_slots, window
from bot.services.scheduling.ports import BusyTimes, CalendarError, CalendarProvider

log = logging.getLogger(__name__)

NO_EMAIL = "no email"


def offer_slots(
    members: Sequence[Member],
    emails: Mapping[str, str],
    now: datetime,
    *,
    calendar: CalendarProvider | None,
    default_zone: str,
    exclude: Iterable[datetime] = (),
    count: int = COUNT,
) -> Proposal:
    """`count` slots for `members` (the organiser first; members who left are not passed), avoiding
    the busy time of every member whose calendar can be read. `emails` maps member keys to the
    addresses Slack gave (users:read.email); a member without one is taken as free in working hours.
    """
    busy: list[Interval] = []
    if calendar is not None:
        span = window(resolve(members, default_zone), now)
        busy = _busy(calendar, [m.key for m in members], emails, span)
    return propose_slots(members, now, default_zone=default_zone, busy=busy, exclude=exclude, count=count)


def _busy(
    calendar: CalendarProvider, keys: list[str], emails: Mapping[str, str], span: Interval
) -> list[Interval]:
    known = list(dict.fromkeys(emails[key] for key in keys if emails.get(key)))
    if not known:
        log.info("%s: nobody in the group has an email in Slack; slots use working hours", calendar.name)
        return []
    try:
        found = calendar.busy(known[0], known, span.start, span.end)
    except CalendarError as error:
        log.warning("%s: busy times not read, slots use working hours: %s", calendar.name, error)
        return []
    except Exception as error:  # an adapter's bug must not fail the intro either
        log.warning(
            "%s: busy times not read (%s), slots use working hours", calendar.name, type(error).__name__
        )
        return []
    _log_unread(calendar.name, keys, emails, found)
    return [interval for email in known for interval in found.busy.get(email, ())]


def _log_unread(name: str, keys: list[str], emails: Mapping[str, str], found: BusyTimes) -> None:
    reasons = [
        NO_EMAIL if not emails.get(key) else found.unread.get(emails[key]) for key in dict.fromkeys(keys)
    ]
    missing = [reason for reason in reasons if reason]
    if missing:
        log.info(
            "%s: %d of %d calendars not read (%s); those members' working hours are used",
            name,
            len(missing),
            len(reasons),
            ", ".join(sorted(set(missing))),
        )
