"""A member's working hours set twice at the same instant (a double-click, two replicas) on both backends:
one row, one of the two values, and no error for either command."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time

from bot.domain.scheduling.model import WorkingHours
from storage.unit_of_work import SqlUnitOfWork
from tests.storage.test_introductions_concurrency import race

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
EARLY = WorkingHours(time(7, 0), time(15, 0))
LATE = WorkingHours(time(11, 0), time(19, 30), frozenset({0, 1, 2, 3}))
RACES = 6


def _set(user_id: str, hours: WorkingHours) -> Callable[[SqlUnitOfWork], None]:
    def set_hours(uow: SqlUnitOfWork) -> None:
        with uow:
            uow.working_hours.set("T1", user_id, hours, NOW)
            uow.commit()

    return set_hours


def _of(uow: SqlUnitOfWork, user_id: str) -> dict[str, WorkingHours]:
    with uow:
        return uow.working_hours.of("T1", [user_id])


def test_two_settings_at_once_leave_one_row_with_one_of_them(migrated_url: str) -> None:
    for index in range(RACES):
        user_id = f"U{index}"
        race(migrated_url, [_set(user_id, EARLY), _set(user_id, LATE)])
        stored = race(migrated_url, [lambda uow, u=user_id: _of(uow, u)])[0]
        assert stored[user_id] in (EARLY, LATE)
    everyone = race(migrated_url, [lambda uow: _of_all(uow)])[0]
    assert everyone == RACES  # one row each: the unique constraint held and the loser updated


def _of_all(uow: SqlUnitOfWork) -> int:
    with uow:
        return len(uow.working_hours.of("T1", [f"U{index}" for index in range(RACES)]))
