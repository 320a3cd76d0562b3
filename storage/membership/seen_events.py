"""Claiming Slack event deliveries by event_id: the first insert wins, later ones are duplicates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from storage.membership.models import SeenEventRow
from storage.queries import insert_new, run_delete


class SqlSeenEventRepository:
    """Seen event ids of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, event_id: str, team_id: str, now: datetime) -> bool:
        """True for the first delivery of `event_id` (a repeat's insert does nothing, without an error)."""
        return insert_new(
            self._session, SeenEventRow, event_id=event_id[:64], team_id=team_id[:32], seen_at=now
        )

    def prune(self, before: datetime) -> int:
        """Forget deliveries seen before `before`; returns how many."""
        return run_delete(self._session, delete(SeenEventRow).where(SeenEventRow.seen_at < before))
