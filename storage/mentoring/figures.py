"""What the lead's figures read about mentoring: every pair of a workspace and its sessions (check-ins
answered We met)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.mentoring.ports import CheckinAnswer, MenteeRecord, Pair
from storage.mentoring.models import CheckinRow, MenteeRow, PairRow
from storage.mentoring.pairs import _pair
from storage.mentoring.people import _mentee
from storage.queries import read_columns

C = CheckinRow


class MentoringFigures:
    _session: Session

    def team_pairs(self, team_id: str) -> list[Pair]:
        rows = self._session.scalars(
            select(PairRow).where(PairRow.team_id == team_id).order_by(PairRow.created_at, PairRow.id)
        )
        return [_pair(row) for row in rows]

    def sessions_met(self, team_id: str) -> dict[int, list[datetime]]:
        rows = self._session.execute(
            select(C.pair_id, C.answered_at)
            .where(C.team_id == team_id, C.answer == CheckinAnswer.MET.value, C.answered_at.is_not(None))
            .order_by(C.answered_at, C.id)
        )
        met: dict[int, list[datetime]] = defaultdict(list)
        for pair_id, at in rows:
            met[pair_id].append(at)
        return dict(met)

    def mentees(self, team_id: str) -> list[MenteeRecord]:
        mentees = select(*MenteeRow.__table__.columns).where(MenteeRow.team_id == team_id)
        return [_mentee(row) for row in read_columns(self._session, mentees.order_by(MenteeRow.mentee_id))]
