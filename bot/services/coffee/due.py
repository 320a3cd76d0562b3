"""The coffee work a tick does: start due rounds, finish deliveries, send due check-ins, close rounds.

`bot/jobs.py` lists these with the rest of the due work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.domain.coffee.schedule import due_slot
from bot.services.coffee.checkins import round_is_over, send_due_checkins
from bot.services.coffee.notices import send_heads_up
from bot.services.coffee.ports import CoffeeMessenger
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
