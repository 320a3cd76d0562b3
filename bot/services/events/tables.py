"""At the start of an event with mixing on: seat the people going who can read its channel at tables, once;
open each DM."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.domain.coffee.matching import Candidate, MatchingHistory
from bot.domain.events import seat_tables
from bot.domain.people.person import Role
from bot.services.events.ports import Event, EventMessenger
from bot.services.ports import ChannelAccess, UnitOfWork, UnitOfWorkFactory, best_effort


def seat_due_tables(
    uow: UnitOfWorkFactory,
    messenger_for: Callable[[str], EventMessenger],
    access: ChannelAccess,
    new_seed: Callable[[], int],
    now: datetime,
) -> int:
    """Seat every event that has started; returns how many tables were opened."""
    with uow() as work:
        events = work.events.events_to_seat(now)
    opened = 0
    for event in events:
        with uow() as work:
            going = work.events.roll(event.id).going
        # Asked before the claim, so the lookups under it are remembered answers; when nobody going can be
        # vouched for (Slack failing, or everyone left), the event is left unclaimed for the next tick.
        if going and not any(access.can_read(event.team_id, event.channel_id, u) for u in going):
            continue
        opened += _seat(uow, messenger_for(event.team_id), access, event, new_seed(), now)
    return opened


def next_seating(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The start of the next event still to seat (creating or moving one wakes the job)."""
    with uow() as work:
        events = work.events.times_from(now - timedelta(days=1))
    return min((max(start, now) for start, end, to_seat in events if to_seat and end > now), default=None)


def _seat(
    uow: UnitOfWorkFactory,
    messenger: EventMessenger,
    access: ChannelAccess,
    event: Event,
    seed: int,
    now: datetime,
) -> int:
    with uow() as work:
        if not work.events.claim_tables(event.id, now):
            return 0  # another tick seated it
        going = [
            u for u in work.events.roll(event.id).going if access.can_read(event.team_id, event.channel_id, u)
        ]
        history = MatchingHistory(
            last_met={pair: 0 for pair in work.events.met_pairs(event.team_id, going)},
            exclusions=frozenset(),
            organiser_counts={},
        )
        people = [_candidate(work, event.team_id, user_id) for user_id in going]
        tables = seat_tables(people, event.table_size, history, random.Random(seed))
        work.events.save_tables(event, tables)
        work.commit()
    opened = 0
    for number, people_at in enumerate(tables, start=1):
        if len(people_at) < 2:
            continue
        with best_effort():
            channel = messenger.open_table(event, number, people_at)
            with uow() as work:
                work.events.set_table_channel(event.id, number, channel)
                work.commit()
            opened += 1
    return opened


def _candidate(work: UnitOfWork, team_id: str, user_id: str) -> Candidate:
    person = work.members.get(team_id, user_id)
    profile = work.profiles.get(team_id, user_id)
    role = profile.role if profile else person.role if person else Role.COLLEAGUE
    team = (profile.team if profile else None) or (person.team if person else None)
    return Candidate(user_id=user_id, role=role, team=team, utc_offset_minutes=None)
