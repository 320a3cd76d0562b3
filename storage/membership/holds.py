"""Each member's hold row: updated (and so locked until commit) before one of their limits is counted,
so two requests of the same member are counted one after the other, on PostgreSQL as on SQLite."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.membership.models import MemberHoldRow
from storage.queries import run_delete, run_update

H = MemberHoldRow


class SqlMemberHolds:
    def __init__(self, session: Session) -> None:
        self._session = session

    def hold(self, team_id: str, user_id: str, now: datetime) -> None:
        """Lock the member's row until commit; a second request of theirs waits here for the first."""
        mine = update(H).where(H.team_id == team_id, H.user_id == user_id)
        if run_update(self._session, mine, held_at=now):
            return
        try:
            with self._session.begin_nested():
                self._session.add(H(team_id=team_id, user_id=user_id, held_at=now))
        except IntegrityError:  # their other request inserted it first: wait for its lock
            run_update(self._session, mine, held_at=now)

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        run_delete(self._session, delete(H).where(H.team_id == team_id, H.user_id == user_id))
        return {}
