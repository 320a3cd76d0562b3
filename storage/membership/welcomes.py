"""Welcome claims: the unique (team_id, user_id) row is taken before the welcome DM is sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.membership.models import WelcomeRow
from storage.queries import run_delete

W = WelcomeRow


class SqlWelcomeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, team_id: str, user_id: str, now: datetime) -> bool:
        """True for the one caller that may welcome this member; a retry or a second replica gets False."""
        try:
            with self._session.begin_nested():
                self._session.add(W(team_id=team_id, user_id=user_id, claimed_at=now))
        except IntegrityError:
            taken = select(W.id).where(W.team_id == team_id, W.user_id == user_id)
            if self._session.scalar(taken) is None:
                raise
            return False
        return True

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        gone = run_delete(self._session, delete(W).where(W.team_id == team_id, W.user_id == user_id))
        return {"welcome": gone}
