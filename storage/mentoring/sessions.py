"""A pair's session check-ins and the private fit checks after the first session: each inserted once
against a unique key before it is sent, deleted again when Slack refuses it, answered by a conditional
UPDATE."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.services.mentoring.ports import Checkin, CheckinAnswer, FitAnswer, FitCheck, Pair, PairStatus
from storage.mentoring.models import CheckinRow, FitCheckRow, PairRow
from storage.mentoring.pairs import _pair
from storage.queries import read_columns, run_delete, run_update

C, F = CheckinRow, FitCheckRow
SCHEDULED = CheckinAnswer.SCHEDULED.value


class MentoringSessions:
    _session: Session

    def _insert(self, row: CheckinRow | FitCheckRow) -> bool:
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            return False
        return True

    def claim_checkin(self, pair: Pair, number: int, now: datetime) -> bool:
        return self._insert(C(pair_id=pair.id, team_id=pair.team_id, number=number, claimed_at=now))

    def release_checkin(self, pair_id: int, number: int) -> None:
        run_delete(self._session, delete(C).where(C.pair_id == pair_id, C.number == number))

    def mark_checkin(self, pair_id: int, number: int, channel: str, ts: str) -> None:
        statement = update(C).where(C.pair_id == pair_id, C.number == number)
        run_update(self._session, statement, channel_id=channel, message_ts=ts)

    def checkin(self, pair_id: int, number: int) -> Checkin | None:
        statement = select(C).where(C.pair_id == pair_id, C.number == number)
        row = self._session.scalar(statement.execution_options(populate_existing=True))
        if row is None:
            return None
        answer = CheckinAnswer(row.answer) if row.answer else None
        return Checkin(row.pair_id, row.number, row.channel_id, row.message_ts, answer, row.answered_by)

    def waiting_checkins(self, team_id: str) -> dict[int, list[int]]:
        posted = select(C.pair_id, C.number).where(C.team_id == team_id, C.message_ts.is_not(None))
        found: dict[int, list[int]] = {}
        for pair_id, number in self._session.execute(posted.where(C.answer.is_(None)).order_by(C.number)):
            found.setdefault(pair_id, []).append(number)
        return found

    def answer_checkin(
        self, pair_id: int, number: int, answer: CheckinAnswer, user_id: str, now: datetime
    ) -> bool:
        statement = update(C).where(
            C.pair_id == pair_id, C.number == number, or_(C.answer.is_(None), C.answer == SCHEDULED)
        )
        return (
            run_update(self._session, statement, answer=answer.value, answered_by=user_id, answered_at=now)
            == 1
        )

    def fit_checks_due(self) -> list[tuple[Pair, str]]:
        met = select(C.id).where(C.pair_id == PairRow.id, C.answer == CheckinAnswer.MET.value)
        rows = read_columns(
            self._session,
            select(*PairRow.__table__.columns)
            .where(PairRow.status == PairStatus.ACCEPTED.value, met.exists())
            .order_by(PairRow.id),
        ).all()
        if not rows:
            return []
        asked = set(
            self._session.execute(select(F.pair_id, F.user_id).where(F.pair_id.in_([r.id for r in rows])))
        )
        return [
            (_pair(row), person)
            for row in rows
            for person in (row.mentee_id, row.mentor_id)
            if (row.id, person) not in asked
        ]

    def claim_fit_check(self, pair: Pair, user_id: str, now: datetime) -> bool:
        return self._insert(F(pair_id=pair.id, team_id=pair.team_id, user_id=user_id, claimed_at=now))

    def release_fit_check(self, pair_id: int, user_id: str) -> None:
        run_delete(self._session, delete(F).where(F.pair_id == pair_id, F.user_id == user_id))

    def mark_fit_check(self, pair_id: int, user_id: str, channel: str, ts: str) -> None:
        statement = update(F).where(F.pair_id == pair_id, F.user_id == user_id)
        run_update(self._session, statement, channel_id=channel, message_ts=ts)

    def fit_check(self, pair_id: int, user_id: str) -> FitCheck | None:
        statement = select(F).where(F.pair_id == pair_id, F.user_id == user_id)
        row = self._session.scalar(statement.execution_options(populate_existing=True))
        if row is None:
            return None
        answer = FitAnswer(row.answer) if row.answer else None
        return FitCheck(row.pair_id, row.user_id, row.channel_id, row.message_ts, answer)

    def answer_fit_check(self, pair_id: int, user_id: str, answer: FitAnswer, now: datetime) -> bool:
        statement = update(F).where(F.pair_id == pair_id, F.user_id == user_id, F.answer.is_(None))
        return run_update(self._session, statement, answer=answer.value, answered_at=now) == 1
