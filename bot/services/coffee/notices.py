"""The notices around rounds: the day-before heads-up, and "still in?" after three silent rounds."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.coffee.eligibility import ignored_three_in_a_row
from bot.domain.coffee.model import Pool, Round
from bot.domain.coffee.schedule import heads_up_at, upcoming_slot
from bot.services.coffee.ports import CoffeeMessenger
from bot.services.ports import SlackError, UnitOfWorkFactory, best_effort


def send_heads_up(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, pool: Pool, last_slot: datetime | None, now: datetime
) -> int:
    """Announce the next round in the channel a day ahead, once per slot."""
    assert pool.created_at is not None
    slot = upcoming_slot(pool.schedule, last_slot, pool.created_at, now)
    if now < heads_up_at(slot):
        return 0
    with uow() as work:
        if not work.pools.claim_heads_up(pool.id, slot):
            return 0
        work.commit()
    try:
        messenger.send_heads_up(pool.channel_id, pool.id, slot, pool.schedule.timezone)
    except SlackError:
        return 0  # a missed courtesy; the round itself still happens
    return 1


def close_round(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, pool: Pool, the_round: Round, now: datetime
) -> int:
    """Close the round once and count unanswered check-ins; ask members silent three rounds running."""
    to_ask: list[str] = []
    with uow() as work:
        if not work.rounds.close(the_round.id, now):
            return 0
        for group in work.rounds.groups(the_round.id):
            if group.intro_ts is None:
                continue
            for user_id in group.members:
                current = work.participation.get(pool.id, user_id)
                ignored = 0 if group.answer else current.ignored_rounds + 1
                work.participation.save(replace(current, ignored_rounds=ignored), now)
                if (
                    not group.answer
                    and ignored_three_in_a_row(ignored)
                    and not ignored_three_in_a_row(ignored - 1)
                ):
                    to_ask.append(user_id)
        work.commit()
    for user_id in to_ask:
        with best_effort():
            messenger.ask_to_stay(user_id, pool.id, pool.channel_id)
    return 1
