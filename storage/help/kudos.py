"""Kudos: the table and its queries. A thank-you is stored before it is posted, so the daily limit
counts it whatever happens to the post (the sender's hold row keeps two at once from both passing)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.domain.help.kudos import Kudos, KudosCounts, KudosFigures
from storage.help.models import KudosRow
from storage.queries import run_delete, run_update, scrub_mentions

K = KudosRow


def _kudos(row: KudosRow) -> Kudos:
    return Kudos(
        id=row.id,
        team_id=row.team_id,
        from_user_id=row.from_user_id,
        to_user_id=row.to_user_id,
        text=row.text,
        created_at=row.created_at,
        channel_id=row.channel_id,
        message_ts=row.message_ts,
    )


class SqlKudosRepository:
    """Kudos of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, team_id: str, from_user_id: str, to_user_id: str, text: str, now: datetime) -> Kudos:
        row = K(team_id=team_id, from_user_id=from_user_id, to_user_id=to_user_id, text=text, created_at=now)
        self._session.add(row)
        self._session.flush()
        return _kudos(row)

    def set_message(self, kudos_id: int, channel_id: str, ts: str) -> None:
        run_update(self._session, update(K).where(K.id == kudos_id), channel_id=channel_id, message_ts=ts)

    def remove(self, kudos_id: int) -> None:
        """Slack refused the post: the thank-you was never seen, so it does not count."""
        run_delete(self._session, delete(K).where(K.id == kudos_id))

    def sent_since(self, team_id: str, from_user_id: str, since: datetime) -> int:
        statement = select(func.count()).where(
            K.team_id == team_id, K.from_user_id == from_user_id, K.created_at > since
        )
        return self._session.scalar(statement) or 0

    def counts(self, team_id: str, user_id: str) -> KudosCounts:
        received = select(func.count()).where(K.team_id == team_id, K.to_user_id == user_id)
        given = select(func.count()).where(K.team_id == team_id, K.from_user_id == user_id)
        return KudosCounts(self._session.scalar(received) or 0, self._session.scalar(given) or 0)

    def figures(self, team_id: str) -> KudosFigures:
        statement = select(
            func.count(), func.count(K.to_user_id.distinct()), func.count(K.from_user_id.distinct())
        ).where(K.team_id == team_id, K.message_ts.is_not(None))
        given, thanked, thanking = self._session.execute(statement).one()
        return KudosFigures(given, thanked, thanking)

    def all(self, team_id: str) -> list[Kudos]:
        rows = self._session.scalars(select(K).where(K.team_id == team_id).order_by(K.created_at, K.id))
        return [_kudos(row) for row in rows]

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Kudos are shared by two people: `marker` takes the member's place, and what others wrote
        loses mentions of them."""
        sent = run_update(
            self._session,
            update(K).where(K.team_id == team_id, K.from_user_id == user_id),
            from_user_id=marker,
        )
        got = run_update(
            self._session, update(K).where(K.team_id == team_id, K.to_user_id == user_id), to_user_id=marker
        )
        scrub_mentions(self._session, K.text, K.id, K.team_id, team_id, user_id)
        return {"kudos": sent + got}
