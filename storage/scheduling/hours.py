"""Members' own working hours in SQL: one row per member and workspace, replaced whole when set again."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.scheduling.model import WorkingHours
from storage.queries import run_delete
from storage.scheduling.models import WorkingHoursRow as H


class SqlWorkingHoursRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def of(self, team_id: str, user_ids: Iterable[str]) -> dict[str, WorkingHours]:
        """The members' own hours; a member who set none is left out (the default applies)."""
        rows = self._session.scalars(select(H).where(H.team_id == team_id, H.user_id.in_(list(user_ids))))
        return {row.user_id: _hours(row) for row in rows}

    def set(self, team_id: str, user_id: str, hours: WorkingHours, now: datetime) -> None:
        """Store the member's hours; the last command wins, even when two arrive at once."""
        values = {
            "start_time": hours.start,
            "end_time": hours.end,
            "weekdays": "".join(str(day) for day in sorted(hours.weekdays)),
            "updated_at": now,
        }
        row = self._row(team_id, user_id)
        if row is None:
            try:
                with self._session.begin_nested():
                    self._session.add(H(team_id=team_id, user_id=user_id, **values))
                return
            except IntegrityError:  # the same member's other command created the row at the same moment
                row = self._row(team_id, user_id)
                assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
        self._session.flush()

    def clear(self, team_id: str, user_id: str) -> bool:
        """Back to the default; False when the member had set none."""
        return self.forget(team_id, user_id, "").get("working_hours", 0) > 0

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """The hours are the member's own: deleted."""
        gone = run_delete(self._session, delete(H).where(H.team_id == team_id, H.user_id == user_id))
        return {"working_hours": gone}

    def _row(self, team_id: str, user_id: str) -> H | None:
        return self._session.scalars(
            select(H)
            .where(H.team_id == team_id, H.user_id == user_id)
            .execution_options(populate_existing=True)
        ).first()


def _hours(row: H) -> WorkingHours:
    return WorkingHours(row.start_time, row.end_time, frozenset(int(day) for day in row.weekdays))
