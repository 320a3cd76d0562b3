"""A member's own coffee settings in a pool: join, leave, pause, resume, frequency, skip, never."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from bot.domain.coffee.model import Frequency, Participation, ParticipationStatus, Pool
from bot.services.ports import UnitOfWorkFactory


def _update(
    uow: UnitOfWorkFactory, pool: Pool, user_id: str, now: datetime, **changes: object
) -> Participation:
    """Change the member's settings as stored now (a locked read-modify-write: nothing concurrent is lost)."""
    with uow() as work:
        _, updated = work.participation.update(pool.id, user_id, now, lambda p: replace(p, **changes))
        work.commit()
    return updated


def join(uow: UnitOfWorkFactory, pool: Pool, user_id: str, now: datetime) -> Participation:
    return _update(
        uow, pool, user_id, now, status=ParticipationStatus.ACTIVE, paused_until=None, ignored_rounds=0
    )


def leave(uow: UnitOfWorkFactory, pool: Pool, user_id: str, now: datetime) -> Participation:
    return _update(uow, pool, user_id, now, status=ParticipationStatus.LEFT)


def pause(uow: UnitOfWorkFactory, pool: Pool, user_id: str, until: date, now: datetime) -> Participation:
    return _update(uow, pool, user_id, now, paused_until=until)


def resume(uow: UnitOfWorkFactory, pool: Pool, user_id: str, now: datetime) -> Participation:
    return _update(
        uow,
        pool,
        user_id,
        now,
        status=ParticipationStatus.ACTIVE,
        paused_until=None,
        skip_next=False,
        ignored_rounds=0,
    )


def set_frequency(
    uow: UnitOfWorkFactory, pool: Pool, user_id: str, frequency: Frequency, now: datetime
) -> Participation:
    own = None if frequency is pool.schedule.frequency else frequency
    return _update(uow, pool, user_id, now, frequency=own)


def skip_next(uow: UnitOfWorkFactory, pool: Pool, user_id: str, now: datetime) -> Participation:
    return _update(uow, pool, user_id, now, skip_next=True)


def never_pair(uow: UnitOfWorkFactory, pool: Pool, user_id: str, other: str, now: datetime) -> bool:
    with uow() as work:
        added = work.participation.add_exclusion(pool.team_id, user_id, other, now)
        work.commit()
    return added
