"""The day-before heads-up in a pool's channel (closing a round and "still in?" are in rounds.py)."""

from __future__ import annotations

from datetime import datetime

from bot.domain.coffee.model import Pool
from bot.domain.coffee.schedule import heads_up_at, starts_in_words, upcoming_slot
from bot.services.coffee.ports import CoffeeMessenger
from bot.services.ports import SlackError, UnitOfWorkFactory


def send_heads_up(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, pool: Pool, last_slot: datetime | None, now: datetime
) -> int:
    """Announce the next round in the channel a day ahead (or as soon as it is known, if later), once per
    slot."""
    assert pool.created_at is not None
    slot = upcoming_slot(pool.schedule, last_slot, pool.created_at, now)
    if now < heads_up_at(slot):
        return 0
    with uow() as work:
        if not work.pools.claim_heads_up(pool.id, slot):
            return 0
        work.commit()
    try:
        messenger.send_heads_up(pool.channel_id, pool.id, starts_in_words(slot, now, pool.schedule.timezone))
    except SlackError:
        return 0  # a missed courtesy; the round itself still happens
    return 1
