"""Profile cards in the introductions channel (where each was posted) and Say hi claims."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.services.people.ports import CardPlace
from storage.people.models import ProfileCardRow, SayHiClaimRow
from storage.queries import run_delete


class SqlProfileCardRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, team_id: str, user_id: str) -> CardPlace | None:
        c = ProfileCardRow
        row = self._session.execute(
            select(c.channel_id, c.ts).where(c.team_id == team_id, c.user_id == user_id)
        ).first()
        return CardPlace(row.channel_id, row.ts) if row else None

    def remember(self, team_id: str, user_id: str, place: CardPlace, now: datetime) -> None:
        """Store where the member's card now is; the last card posted wins."""
        c = ProfileCardRow
        run_delete(self._session, delete(c).where(c.team_id == team_id, c.user_id == user_id))
        self._session.add(
            ProfileCardRow(
                team_id=team_id, user_id=user_id, channel_id=place.channel_id, ts=place.ts, posted_at=now
            )
        )
        self._session.flush()

    def claim_say_hi(self, team_id: str, clicker: str, member: str, day: date, now: datetime) -> bool:
        """True the first time `clicker` says hi to `member` on `day` (a savepoint: a loser stays usable)."""
        try:
            with self._session.begin_nested():
                self._session.add(
                    SayHiClaimRow(team_id=team_id, user_id=clicker, member_id=member, day=day, claimed_at=now)
                )
        except IntegrityError:
            return False
        return True

    def prune_say_hi(self, before: date) -> int:
        """Drop claims of days before `before`; returns how many."""
        return run_delete(self._session, delete(SayHiClaimRow).where(SayHiClaimRow.day < before))

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """The card's row and every Say hi claim naming the member (the card itself is deleted in Slack)."""
        c, s = ProfileCardRow, SayHiClaimRow
        card = run_delete(self._session, delete(c).where(c.team_id == team_id, c.user_id == user_id))
        run_delete(
            self._session,
            delete(s).where(s.team_id == team_id, or_(s.user_id == user_id, s.member_id == user_id)),
        )
        return {"profile_card": card}
