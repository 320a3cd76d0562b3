"""The coffee work a tick does: start due rounds, finish deliveries, send due check-ins, close rounds."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.domain.coffee.schedule import due_slot
from bot.jobs import DueJob
from bot.runtime import Runtime
from bot.services.coffee.checkins import round_is_over, send_due_checkins
from bot.services.coffee.notices import close_round, send_heads_up
from bot.services.coffee.rounds import deliver_round, start_round

log = logging.getLogger(__name__)


def start_due_rounds(runtime: Runtime, now: datetime) -> int:
    with runtime.unit_of_work() as work:
        pools = [(pool, work.rounds.latest(pool.id)) for pool in work.pools.all()]
    started = 0
    for pool, latest in pools:
        assert pool.created_at is not None
        slot = due_slot(pool.schedule, latest.scheduled_for if latest else None, pool.created_at, now)
        if slot is None:
            continue
        result = start_round(
            runtime.unit_of_work, runtime.messenger_for(pool.team_id), pool, slot, now, runtime.new_seed()
        )
        if result.round is not None:
            log.info(
                "pool %s: round for %s started with %d groups", pool.id, slot, len(result.matching.groups)
            )
            started += 1
    return started


def send_heads_ups(runtime: Runtime, now: datetime) -> int:
    with runtime.unit_of_work() as work:
        pools = [(pool, work.rounds.latest(pool.id)) for pool in work.pools.all()]
    return sum(
        send_heads_up(
            runtime.unit_of_work,
            runtime.messenger_for(pool.team_id),
            pool,
            latest.scheduled_for if latest else None,
            now,
        )
        for pool, latest in pools
    )


def advance_open_rounds(runtime: Runtime, now: datetime) -> int:
    """Deliver what is not delivered yet, ask due check-ins, and close rounds that are over."""
    with runtime.unit_of_work() as work:
        rounds = [(r, work.pools.get_by_id(r.pool_id)) for r in work.rounds.open_rounds()]
    done = 0
    for the_round, pool in rounds:
        if pool is None:
            continue
        messenger = runtime.messenger_for(pool.team_id)
        done += deliver_round(runtime.unit_of_work, messenger, the_round.id, now)
        done += send_due_checkins(runtime.unit_of_work, messenger, the_round, pool, now)
        if round_is_over(the_round, pool, now):
            done += close_round(runtime.unit_of_work, messenger, pool, the_round, now)
    return done


JOBS = [
    DueJob("coffee rounds started", start_due_rounds),
    DueJob("coffee steps sent", advance_open_rounds),
    DueJob("coffee heads-ups sent", send_heads_ups),
]
