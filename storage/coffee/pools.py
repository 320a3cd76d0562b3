"""Coffee pools: rows to and from the domain's frozen values (members' settings are in participation.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.coffee.model import Frequency, Pool, Schedule
from storage.coffee.models import PoolRow

# A new pool checks in after the domain's default number of days (a dataclass default is a class attribute).
DEFAULT_CHECKIN_AFTER_DAYS: int = Pool.checkin_after_days


def _to_pool(row: PoolRow) -> Pool:
    schedule = Schedule(
        frequency=Frequency(row.frequency), weekday=row.weekday, at=row.at_time, timezone=row.timezone
    )
    return Pool(
        id=row.id,
        team_id=row.team_id,
        channel_id=row.channel_id,
        schedule=schedule,
        checkin_after_days=row.checkin_after_days,
        created_at=row.created_at,
        autoschedule=row.autoschedule,
    )


def _set_schedule(row: PoolRow, schedule: Schedule) -> None:
    if not 0 <= schedule.weekday <= 6:
        raise ValueError(f"weekday must be 0..6, not {schedule.weekday}")
    row.frequency = Frequency(schedule.frequency).value
    row.weekday = schedule.weekday
    row.at_time = schedule.at
    row.timezone = schedule.timezone


class SqlPoolRepository:
    """Pools of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, team_id: str, channel_id: str) -> Pool | None:
        row = self._row(team_id, channel_id)
        return None if row is None else _to_pool(row)

    def get_by_id(self, pool_id: int) -> Pool | None:
        row = self._session.get(PoolRow, pool_id)
        return None if row is None else _to_pool(row)

    def create(self, team_id: str, channel_id: str, schedule: Schedule, now: datetime) -> tuple[Pool, bool]:
        """The channel's pool, created with `schedule` if it had none; True when created now.

        Two concurrent creates make one pool: the loser's insert fails in a savepoint
        and it returns the winner's pool with False.
        """
        existing = self._row(team_id, channel_id)
        if existing is not None:
            return _to_pool(existing), False
        row = PoolRow(
            team_id=team_id,
            channel_id=channel_id,
            checkin_after_days=DEFAULT_CHECKIN_AFTER_DAYS,
            created_at=now,
        )
        _set_schedule(row, schedule)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            winner = self._row(team_id, channel_id)
            if winner is None:
                raise
            return _to_pool(winner), False
        return _to_pool(row), True

    def update(self, pool_id: int, schedule: Schedule, checkin_after_days: int) -> Pool:
        """Change the schedule and check-in delay; LookupError for an unknown pool."""
        row = self._session.get(PoolRow, pool_id)
        if row is None:
            raise LookupError(f"no pool {pool_id}")
        _set_schedule(row, schedule)
        row.checkin_after_days = checkin_after_days
        self._session.flush()
        return _to_pool(row)

    def set_autoschedule(self, pool_id: int, on: bool) -> None:
        """Pencil it in, on or off for the pool."""
        self._session.execute(update(PoolRow).where(PoolRow.id == pool_id).values(autoschedule=on))

    def claim_heads_up(self, pool_id: int, slot: datetime) -> bool:
        """True for exactly one caller per pool and slot: that caller sends the day-before heads-up."""
        result = self._session.execute(
            update(PoolRow)
            .where(PoolRow.id == pool_id, or_(PoolRow.heads_up_slot.is_(None), PoolRow.heads_up_slot < slot))
            .values(heads_up_slot=slot)
        )
        return result.rowcount == 1

    def all(self) -> list[Pool]:
        return [_to_pool(row) for row in self._session.scalars(select(PoolRow).order_by(PoolRow.id))]

    def _row(self, team_id: str, channel_id: str) -> PoolRow | None:
        return self._session.scalars(
            select(PoolRow).where(PoolRow.team_id == team_id, PoolRow.channel_id == channel_id)
        ).one_or_none()
