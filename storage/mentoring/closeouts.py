"""Close-outs: each person's three questions, inserted once per pair and person before they are sent (and
deleted again when Slack refuses them); each score set once by a conditional UPDATE; the drafts DM after
the last answer claimed with a lease, then stamped."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import and_, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.mentoring.closeout import QUESTIONS, Scores
from bot.domain.people.person import Role
from bot.services.mentoring.ports import Closeout, CloseoutDue, Pair, PairStatus
from storage.mentoring.models import CloseoutRow, PairRow
from storage.mentoring.pairs import _free, _pair
from storage.people.models import Member
from storage.queries import read_columns, run_delete, run_update

CO, P = CloseoutRow, PairRow
ALL_ANSWERED = and_(*(getattr(CO, q).is_not(None) for q in QUESTIONS))


def _scores(row: CloseoutRow) -> Scores:
    return Scores(row.useful, row.again, row.recommend)


class MentoringCloseouts:
    _session: Session

    def closeouts_due(self, since: date, until: date | None = None) -> list[CloseoutDue]:
        mentee = (Member.team_id == P.team_id) & (Member.user_id == P.mentee_id)
        rows = read_columns(
            self._session,
            select(*P.__table__.columns, Member.internship_end)
            .join(Member, mentee)
            .where(
                P.status == PairStatus.ACCEPTED.value,
                Member.role == Role.INTERN.value,
                Member.internship_end >= since,
                Member.internship_end <= (until or date.max),
            )
            .order_by(P.id),
        ).all()
        if not rows:
            return []
        asked = set(
            self._session.execute(
                select(CO.pair_id, CO.user_id).where(CO.pair_id.in_([row.id for row in rows]))
            )
        )
        return [
            CloseoutDue(_pair(row), person, row.internship_end)
            for row in rows
            for person in (row.mentee_id, row.mentor_id)
            if (row.id, person) not in asked
        ]

    def claim_closeout(self, pair: Pair, user_id: str, now: datetime) -> bool:
        try:
            with self._session.begin_nested():
                self._session.add(CO(pair_id=pair.id, team_id=pair.team_id, user_id=user_id, claimed_at=now))
        except IntegrityError:
            return False
        return True

    def release_closeout(self, pair_id: int, user_id: str) -> None:
        run_delete(self._session, delete(CO).where(CO.pair_id == pair_id, CO.user_id == user_id))

    def mark_closeout(self, pair_id: int, user_id: str, channel: str, ts: str) -> None:
        statement = update(CO).where(CO.pair_id == pair_id, CO.user_id == user_id)
        run_update(self._session, statement, channel_id=channel, message_ts=ts)

    def closeout(self, pair_id: int, user_id: str) -> Closeout | None:
        statement = select(CO).where(CO.pair_id == pair_id, CO.user_id == user_id)
        row = self._session.scalar(statement.execution_options(populate_existing=True))
        if row is None:
            return None
        return Closeout(row.pair_id, row.user_id, row.channel_id, row.message_ts, _scores(row), row.drafts_ts)

    def answer_closeout(self, pair_id: int, user_id: str, question: str, score: int, now: datetime) -> bool:
        if question not in QUESTIONS:
            raise ValueError(f"a close-out question is one of {', '.join(QUESTIONS)}, not {question!r}")
        column = getattr(CO, question)
        statement = update(CO).where(CO.pair_id == pair_id, CO.user_id == user_id, column.is_(None))
        return run_update(self._session, statement, **{question: score, "answered_at": now}) == 1

    def claim_drafts(self, pair_id: int, user_id: str, now: datetime, lease_seconds: int) -> bool:
        statement = update(CO).where(
            CO.pair_id == pair_id,
            CO.user_id == user_id,
            ALL_ANSWERED,
            CO.drafts_ts.is_(None),
            _free(CO.drafts_claimed_at, now, lease_seconds),
        )
        return run_update(self._session, statement, drafts_claimed_at=now) == 1

    def release_drafts(self, pair_id: int, user_id: str) -> None:
        statement = update(CO).where(CO.pair_id == pair_id, CO.user_id == user_id)
        run_update(self._session, statement, drafts_claimed_at=None)

    def mark_drafts(self, pair_id: int, user_id: str, channel: str, ts: str) -> None:
        statement = update(CO).where(CO.pair_id == pair_id, CO.user_id == user_id)
        run_update(self._session, statement, drafts_channel=channel, drafts_ts=ts)

    def drafts_owed(self, now: datetime, lease_seconds: int) -> list[tuple[Pair, str]]:
        rows = self._session.execute(
            select(P, CO.user_id)
            .join(CO, CO.pair_id == P.id)
            .where(ALL_ANSWERED, CO.drafts_ts.is_(None), _free(CO.drafts_claimed_at, now, lease_seconds))
            .order_by(CO.id)
        ).all()
        return [(_pair(row), user_id) for row, user_id in rows]

    def closeout_scores(self, team_id: str) -> dict[int, list[Scores]]:
        rows = self._session.scalars(select(CO).where(CO.team_id == team_id, CO.answered_at.is_not(None)))
        found: dict[int, list[Scores]] = defaultdict(list)
        for row in rows:
            found[row.pair_id].append(_scores(row))
        return dict(found)
