"""Pools: a channel becomes a pool by /coffee setup or by inviting the bot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.coffee.model import Pool, Schedule
from bot.services.coffee.ports import CoffeeMessenger
from bot.services.ports import Due, SlackError, UnitOfWork, UnitOfWorkFactory, best_effort


@dataclass(frozen=True)
class PoolSetup:
    pool: Pool
    created: bool
    joined_error: str | None = None  # Slack's refusal to let the bot join, e.g. a private channel


def set_up_pool(
    uow: UnitOfWorkFactory,
    messenger: CoffeeMessenger,
    team_id: str,
    channel_id: str,
    schedule: Schedule,
    now: datetime,
) -> PoolSetup:
    """Make the channel a pool (or change its schedule) and announce it there."""
    joined_error = None
    try:
        messenger.join(channel_id)
    except SlackError as error:
        joined_error = error.code
    with uow() as work:
        pool, created = work.pools.create(team_id, channel_id, schedule, now)
        if not created and pool.schedule != schedule:
            pool = work.pools.update(pool.id, schedule, pool.checkin_after_days)
        _wake_rounds(work, now)
        work.commit()
    if joined_error is None:
        verb = "is now a coffee pool" if created else "has a new schedule"
        _announce(messenger, channel_id, f"{verb}: rounds run {schedule.describe()}")
    return PoolSetup(pool=pool, created=created, joined_error=joined_error)


def adopt_channel(
    uow: UnitOfWorkFactory,
    messenger: CoffeeMessenger,
    team_id: str,
    channel_id: str,
    schedule: Schedule,
    now: datetime,
) -> PoolSetup:
    """The bot was invited to a channel: make it a pool with `schedule` unless it already is one."""
    with uow() as work:
        pool, created = work.pools.create(team_id, channel_id, schedule, now)
        _wake_rounds(work, now)
        work.commit()
    if created:
        _announce(messenger, channel_id, f"is now a coffee pool: rounds run {schedule.describe()}")
    return PoolSetup(pool=pool, created=created)


def _wake_rounds(work: UnitOfWork, now: datetime) -> None:
    """A new pool or schedule: when rounds start and their heads-ups go out is worked out again."""
    work.due_work.wake(Due.ROUNDS, now)
    work.due_work.wake(Due.HEADS_UPS, now)


def _announce(messenger: CoffeeMessenger, channel_id: str, what: str) -> None:
    with best_effort():  # the pool exists; the announcement is a courtesy
        messenger.announce(
            channel_id,
            f"☕ This channel {what}. Everyone here is paired for a coffee chat each round; `/coffee help` "
            "shows how to pause, skip or leave, and admins change the schedule with `/coffee setup`.",
        )


def pool_of(uow: UnitOfWorkFactory, team_id: str, channel_id: str) -> Pool | None:
    with uow() as work:
        return work.pools.get(team_id, channel_id)


def set_autoschedule(uow: UnitOfWorkFactory, pool: Pool, on: bool, now: datetime) -> None:
    """Pencil it in, on or off for the pool (only admins reach this)."""
    with uow() as work:
        work.pools.set_autoschedule(pool.id, on)
        work.due_work.wake(Due.PENCIL_IN, now)  # a round already past its middle is pencilled in at once
        work.commit()
