"""Profile invites: at most one "introduce yourself" nudge per person in an interval, whoever asks."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.people.models import ProfileInviteRow
from storage.queries import run_delete, run_update


class SqlProfileInviteRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, team_id: str, user_id: str, nudged_by: str, now: datetime, interval: timedelta) -> bool:
        n = ProfileInviteRow
        due = update(n).where(n.team_id == team_id, n.user_id == user_id, n.nudged_at <= now - interval)
        if run_update(self._session, due, nudged_by=nudged_by, nudged_at=now) == 1:
            return True
        if self.last(team_id, user_id) is not None:
            return False
        try:
            with self._session.begin_nested():
                self._session.add(
                    ProfileInviteRow(team_id=team_id, user_id=user_id, nudged_by=nudged_by, nudged_at=now)
                )
        except IntegrityError:
            return False  # someone nudged them at the same moment
        return True

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Remove the nudges they got; nudges they sent keep only the marker."""
        n = ProfileInviteRow
        got = run_delete(self._session, delete(n).where(n.team_id == team_id, n.user_id == user_id))
        sent = update(n).where(n.team_id == team_id, n.nudged_by == user_id)
        run_update(self._session, sent, nudged_by=marker)
        return {"intro_nudges": got}

    def last(self, team_id: str, user_id: str) -> datetime | None:
        n = ProfileInviteRow
        return self._session.scalar(select(n.nudged_at).where(n.team_id == team_id, n.user_id == user_id))
