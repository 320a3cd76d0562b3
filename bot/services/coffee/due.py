"""The coffee work a tick does: start due rounds, finish deliveries, send due check-ins, close rounds.

`bot/jobs.py` lists these with the rest of the due work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.domain.coffee.model import Pool, Round
from bot.domain.coffee.schedule import checkin_at, due_slot, heads_up_at, reask_at, round_end, upcoming_slot
from bot.domain.scheduling.group import CHECKIN_AFTER, Source, checkin_due
from bot.domain.scheduling.model import SLOT
from bot.services.coffee.checkins import round_is_over, send_due_checkins
from bot.services.coffee.notices import send_heads_up
from bot.services.coffee.ports import CoffeeMessenger, StepsLeft
from bot.services.coffee.rounds import close_round, deliver_round, start_round
from bot.services.ports import UnitOfWorkFactory

log = logging.getLogger(__name__)


MessengerFor = Callable[[str], CoffeeMessenger]


def start_due_rounds(
    uow: UnitOfWorkFactory, messenger_for: MessengerFor, new_seed: Callable[[], int], now: datetime
) -> int:
    with uow() as work:
        pools = [(pool, work.rounds.latest(pool.id)) for pool in work.pools.all()]
    started = 0
    for pool, latest in pools:
        assert pool.created_at is not None
        slot = due_slot(pool.schedule, latest.scheduled_for if latest else None, pool.created_at, now)
        if slot is None:
            continue
        result = start_round(uow, messenger_for(pool.team_id), pool, slot, now, new_seed())
        if result.round is not None:
            log.info(
                "pool %s: round for %s started with %d groups", pool.id, slot, len(result.matching.groups)
            )
            started += 1
    return started


def send_heads_ups(uow: UnitOfWorkFactory, messenger_for: MessengerFor, now: datetime) -> int:
    with uow() as work:
        pools = [(pool, work.rounds.latest(pool.id)) for pool in work.pools.all()]
    return sum(
        send_heads_up(
            uow,
            messenger_for(pool.team_id),
            pool,
            latest.scheduled_for if latest else None,
            now,
        )
        for pool, latest in pools
    )


def advance_open_rounds(uow: UnitOfWorkFactory, messenger_for: MessengerFor, now: datetime) -> int:
    """Deliver what is not delivered yet, ask due check-ins, and close rounds that are over."""
    with uow() as work:
        rounds = [(r, work.pools.get_by_id(r.pool_id)) for r in work.rounds.open_rounds()]
    done = 0
    for the_round, pool in rounds:
        if pool is None:
            continue
        messenger = messenger_for(pool.team_id)
        done += deliver_round(uow, messenger, the_round.id, now)
        done += send_due_checkins(uow, messenger, the_round, pool, now)
        if round_is_over(the_round, pool, now):
            done += close_round(uow, messenger, pool, the_round, now)
    return done


# When each is next due (bot/jobs.py skips the job until then)


def next_round_start(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The next slot of any pool; at once while a slot that is due has no round (Slack refused the start)."""
    return min((_next_start(pool, latest, now) for pool, latest in _pools(uow)), default=None)


def _next_start(pool: Pool, latest: Round | None, now: datetime) -> datetime:
    assert pool.created_at is not None
    last = latest.scheduled_for if latest else None
    if due_slot(pool.schedule, last, pool.created_at, now) is not None:
        return now
    return upcoming_slot(pool.schedule, last, pool.created_at, now)


def next_heads_up(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The day before each pool's next slot (once that is past, the slot after it)."""
    times = []
    for pool, latest in _pools(uow):
        assert pool.created_at is not None
        slot = upcoming_slot(pool.schedule, latest.scheduled_for if latest else None, pool.created_at, now)
        times.append(heads_up_at(slot) if heads_up_at(slot) > now else slot)
    return min(times, default=None)


def next_coffee_step(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """At once while a group is left to deliver, or to ask once its time came; else the next check-in time,
    re-ask time or end of an open round."""
    with uow() as work:
        rounds = [(r, work.pools.get_by_id(r.pool_id)) for r in work.rounds.open_rounds()]
        left = work.rounds.steps_left([r.id for r, _ in rounds])
        agreed = (
            work.scheduling.earliest_agreed(Source.COFFEE, now - SLOT - CHECKIN_AFTER) if rounds else None
        )
    times = [next_step(r, pool, left.get(r.id, StepsLeft()), now) for r, pool in rounds if pool is not None]
    if agreed is not None:  # a group that agreed a time with Find a time is asked an hour after it
        times.append(checkin_due(now, agreed, SLOT))
    return min(times, default=None)


def next_step(the_round: Round, pool: Pool, left: StepsLeft, now: datetime) -> datetime:
    """When a round next has a step to take: at once while a group is left to deliver, or left to ask
    once its time came; else its check-in time or re-ask time while ahead; else its end."""
    slot, frequency = the_round.scheduled_for, pool.schedule.frequency
    ask, reask = checkin_at(slot, frequency, pool.checkin_after_days), reask_at(slot, frequency)
    times = [round_end(slot, frequency)]
    if left.deliver:
        times.append(now)
    for at, owed in ((ask, left.ask), (reask, left.reask)):
        if now < at:
            times.append(at)
        elif owed:
            times.append(now)
    return min(times)


def _pools(uow: UnitOfWorkFactory) -> list[tuple[Pool, Round | None]]:
    with uow() as work:
        return [(pool, work.rounds.latest(pool.id)) for pool in work.pools.all()]
