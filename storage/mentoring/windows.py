"""Matching windows: at most one open per workspace (a partial unique index); closing one is a claim, so
two ticks assign its mentees once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.services.mentoring.ports import Window
from storage.mentoring.models import WindowRow
from storage.queries import run_update


def _window(row: WindowRow) -> Window:
    return Window(row.id, row.team_id, row.opened_by, row.opened_at, row.closes_at, row.closed_at)


class MentoringWindows:
    _session: Session

    def open_window(self, team_id: str, by: str, closes_at: datetime, now: datetime) -> Window | None:
        row = WindowRow(team_id=team_id, opened_by=by, opened_at=now, closes_at=closes_at)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            return None
        return _window(row)

    def move_window(self, window_id: int, closes_at: datetime) -> bool:
        statement = update(WindowRow).where(WindowRow.id == window_id, WindowRow.closed_at.is_(None))
        return run_update(self._session, statement, closes_at=closes_at) == 1

    def open_window_of(self, team_id: str) -> Window | None:
        row = self._session.scalar(
            select(WindowRow).where(WindowRow.team_id == team_id, WindowRow.closed_at.is_(None))
        )
        return _window(row) if row else None

    def latest_window(self, team_id: str) -> Window | None:
        row = self._session.scalar(
            select(WindowRow)
            .where(WindowRow.team_id == team_id)
            .order_by(WindowRow.opened_at.desc(), WindowRow.id.desc())
        )
        return _window(row) if row else None

    def due_windows(self, now: datetime) -> list[Window]:
        rows = self._session.scalars(
            select(WindowRow)
            .where(WindowRow.closed_at.is_(None), WindowRow.closes_at <= now)
            .order_by(WindowRow.id)
        )
        return [_window(row) for row in rows]

    def claim_close(self, window_id: int, now: datetime) -> bool:
        statement = update(WindowRow).where(WindowRow.id == window_id, WindowRow.closed_at.is_(None))
        return run_update(self._session, statement, closed_at=now) == 1

    def record_assigned(self, window_id: int, count: int) -> None:
        run_update(self._session, update(WindowRow).where(WindowRow.id == window_id), assigned=count)

    def latest_windows(self) -> list[Window]:
        newest = select(func.max(WindowRow.id)).group_by(WindowRow.team_id)
        rows = self._session.scalars(
            select(WindowRow).where(WindowRow.id.in_(newest)).order_by(WindowRow.team_id)
        )
        return [_window(row) for row in rows]
