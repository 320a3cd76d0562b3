"""Which three times to propose: the rule docs/features.md ("Find a time: how slots are chosen") states.

1. Candidates are 30-minute slots starting on the hour and half hour (UTC, so :00 and :30 local in every
   zone a whole number of half hours from UTC; :15 and :45 in Nepal and the Chatham Islands), from two
   hours after now (`LEAD`) to the end of the fifth working day of whichever member's fifth day ends
   first (`hours.horizon`), that overlap no busy time and were not offered before.
2. Each candidate is scored, for every member in their own zone and working hours: minutes at night
   (22:00-07:00 outside their hours), and minutes outside their hours: how far their working day would
   have to stretch to hold it (a weekend day is measured from Friday's end or Monday's start).
3. Slots are taken one at a time, the least on this key each time: night minutes, minutes outside
   hours, the most minutes outside for any one member (so the stretch is shared), whether the
   organiser's local day already has a slot (offered now or before), how many slots already fall in
   the same half of the organiser's day (before 12:00, or from 12:00), then the earliest.
   So slots inside everyone's hours always come first, on different days, alternating mornings and
   afternoons; when hours never meet, the least bad times come, never at night when that can be avoided.
4. They are shown in time order. The organiser is the first member.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.domain.scheduling.hours import (
    horizon,
    night_intervals,
    night_minutes,
    resolve,
    stretch,
    working_intervals,
)
from bot.domain.scheduling.model import (
    SLOT,
    Attendee,
    Interval,
    Member,
    Proposal,
    Slot,
    merged,
    overlapping,
    utc,
)

LEAD = timedelta(hours=2)
"""No slot starts sooner than this after now: time to see the message and say yes."""

GRID = timedelta(minutes=30)
"""Slots start on the hour and the half hour, UTC."""

COUNT = 3
NOON = time(12, 0)


@dataclass(frozen=True, eq=False)  # compared by identity: each grid time is one candidate
class _Candidate:
    slot: Slot
    night: int
    worst: int  # the most minutes outside hours for one member
    day: date  # the organiser's local date
    afternoon: bool  # from 12:00 the organiser's local time
    free: bool  # neither busy nor offered before


def first_start(now: datetime) -> datetime:
    """The first grid time at least LEAD after `now`."""
    step = GRID.total_seconds()
    return datetime.fromtimestamp(math.ceil((utc(now) + LEAD).timestamp() / step) * step, UTC)


def window(attendees: Sequence[Attendee], now: datetime) -> Interval:
    """Where slots may fall: from `first_start` to the earliest of the members' five-working-day horizons."""
    start = first_start(now)
    return Interval(start, min(horizon(attendee, now + LEAD) for attendee in attendees))


def propose_slots(
    members: Sequence[Member],
    now: datetime,
    *,
    default_zone: str = "UTC",
    busy: Iterable[Interval] = (),
    exclude: Iterable[datetime] = (),
    count: int = COUNT,
) -> Proposal:
    """Up to `count` slots for `members` (the organiser first), by the rule above.

    `busy` is everyone's busy time together (from their calendars, when Rapport may read them);
    `exclude` the starts of slots offered before, for "None of these".
    """
    attendees = resolve(members, default_zone)
    if not attendees:
        raise ValueError("finding a time needs at least one member")
    if count < 1:
        raise ValueError("propose at least one slot")
    span = window(attendees, now)
    offered = {utc(moment) for moment in exclude}
    candidates = _candidates(attendees, span, merged(busy), offered)
    return Proposal(
        slots=_spread([c for c in candidates if c.free], count, _before(attendees[0], offered)),
        attendees=attendees,
        window=span,
        common_hours=any(not c.slot.outside_hours for c in candidates),
        assumed_zone=tuple(a.key for a in attendees if a.zone_assumed),
    )


def pencil_in(
    members: Sequence[Member], now: datetime, *, default_zone: str = "UTC", busy: Iterable[Interval] = ()
) -> Slot | None:
    """For "Pencil it in": the first slot that suits everyone (or the least bad one), None if none is free."""
    slots = propose_slots(members, now, default_zone=default_zone, busy=busy, count=1).slots
    return slots[0] if slots else None


def _candidates(
    attendees: Sequence[Attendee], span: Interval, busy: list[Interval], offered: set[datetime]
) -> list[_Candidate]:
    working = {a.key: working_intervals(a, span) for a in attendees}
    nights = {a.key: night_intervals(a, span) for a in attendees}
    organiser = attendees[0]
    found = []
    start = span.start
    while start + SLOT <= span.end:
        slot = Interval(start, start + SLOT)
        outside = {a.key: stretch(slot, working[a.key]) for a in attendees}
        local = start.astimezone(organiser.zone)
        found.append(
            _Candidate(
                slot=Slot(
                    start,
                    outside_hours=tuple(key for key, minutes in outside.items() if minutes),
                    minutes_outside=sum(outside.values()),
                ),
                night=sum(night_minutes(slot, working[a.key], nights[a.key]) for a in attendees),
                worst=max(outside.values()),
                day=local.date(),
                afternoon=local.time() >= NOON,
                free=start not in offered and not overlapping(busy, slot),
            )
        )
        start += GRID
    return found


def _before(organiser: Attendee, offered: set[datetime]) -> list[tuple[date, bool]]:
    """The organiser's (local day, afternoon?) of each slot offered before."""
    local = [moment.astimezone(organiser.zone) for moment in offered]
    return [(moment.date(), moment.time() >= NOON) for moment in local]


def _spread(free: list[_Candidate], count: int, before: list[tuple[date, bool]]) -> tuple[Slot, ...]:
    days = {day for day, _ in before}
    halves = Counter(afternoon for _, afternoon in before)
    picked: list[_Candidate] = []
    remaining = list(free)
    for _ in range(min(count, len(free))):
        best = min(
            remaining,
            key=lambda c: (
                c.night,
                c.slot.minutes_outside,
                c.worst,
                c.day in days,
                halves[c.afternoon],
                c.slot.start,
            ),
        )
        picked.append(best)
        remaining.remove(best)
        days.add(best.day)
        halves[best.afternoon] += 1
    return tuple(sorted((c.slot for c in picked), key=lambda slot: slot.start))
