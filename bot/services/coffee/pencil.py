"""Pencil it in (opt-in per pool): halfway through a round, each delivered group that has not answered the
check-in and never pressed Find a time gets one slot Rapport chose, to Accept or replace."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime

from bot.domain.coffee.model import Pool, Round, RoundGroup
from bot.domain.coffee.schedule import mid_round
from bot.domain.scheduling.group import Source
from bot.services.coffee.find_time import as_group_dm
from bot.services.ports import UnitOfWorkFactory
from bot.services.scheduling.proposals import Finding, Outcome, pencil_in

PER_TICK = 50
"""Groups tried per tick (each asks Slack for its members' time zones); the rest wait for the next tick."""


def pencil_in_silent_groups(
    uow: UnitOfWorkFactory, finding_for: Callable[[str], Finding], now: datetime
) -> int:
    """Pencil a time in for the silent groups of every round past its middle, in pools that opted in."""
    with uow() as work:
        pools = {pool.id: pool for pool in work.pools.all() if pool.autoschedule}
        rounds = [r for r in work.rounds.open_rounds() if r.pool_id in pools]
    posted, budget = 0, PER_TICK
    for the_round in rounds:
        if budget <= 0:
            break
        tried, sent = _round(uow, finding_for, the_round, pools[the_round.pool_id], now, budget)
        posted, budget = posted + sent, budget - tried
    return posted


def next_pencil_in(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """When `pencil_in_silent_groups` next has work: at once while a round past its middle, in a pool that
    opted in, has a silent group not yet given a time; else the earliest middle still ahead (a round's start
    and `/coffee setup autoschedule on` wake the job); None when no such round is open."""
    with uow() as work:
        pools = {pool.id: pool for pool in work.pools.all() if pool.autoschedule}
        middles = []
        for the_round in work.rounds.open_rounds():
            pool = pools.get(the_round.pool_id)
            if pool is None:
                continue
            middle = mid_round(the_round.scheduled_for, pool.schedule.frequency)
            if middle > now:
                middles.append(middle)
                continue
            used = work.scheduling.used(the_round.team_id, Source.COFFEE)
            if any(_silent(group, used) for group in work.rounds.groups(the_round.id)):
                return now
    return min(middles, default=None)


def _silent(group: RoundGroup, used: Collection[str]) -> bool:
    """Delivered, not failed, no answer to the check-in, and never given a time (pressed or pencilled)."""
    return bool(
        group.intro_ts
        and group.conversation_id
        and not group.failed
        and group.answer is None
        and str(group.id) not in used
    )


def _round(
    uow: UnitOfWorkFactory,
    finding_for: Callable[[str], Finding],
    the_round: Round,
    pool: Pool,
    now: datetime,
    budget: int,
) -> tuple[int, int]:
    if now < mid_round(the_round.scheduled_for, pool.schedule.frequency):
        return 0, 0
    with uow() as work:
        groups = work.rounds.groups(the_round.id)
        used = work.scheduling.used(the_round.team_id, Source.COFFEE)
    silent = [g for g in groups if _silent(g, used)]
    finding = finding_for(the_round.team_id)
    sent = 0
    for group in silent[:budget]:
        found = pencil_in(uow, finding, as_group_dm(the_round.team_id, group), now)
        sent += found.outcome is Outcome.POSTED
    return min(len(silent), budget), sent
