"""A member's own working hours, which Find a time proposes slots within (`/coffee hours`)."""

from __future__ import annotations

from datetime import datetime

from bot.domain.scheduling.model import DEFAULT_HOURS, WorkingHours
from bot.services.ports import UnitOfWorkFactory


def hours_of(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> tuple[WorkingHours, bool]:
    """The member's hours, and whether they are their own (False: the default)."""
    with uow() as work:
        own = work.working_hours.of(team_id, [user_id]).get(user_id)
    return (own, True) if own is not None else (DEFAULT_HOURS, False)


def set_hours(uow: UnitOfWorkFactory, team_id: str, user_id: str, hours: WorkingHours, now: datetime) -> None:
    """Store the member's own hours (the default is stored as no row, so it follows the default)."""
    with uow() as work:
        if hours == DEFAULT_HOURS:
            work.working_hours.clear(team_id, user_id)
        else:
            work.working_hours.set(team_id, user_id, hours, now)
        work.commit()


def reset_hours(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> None:
    """Back to the default hours."""
    with uow() as work:
        work.working_hours.clear(team_id, user_id)
        work.commit()
