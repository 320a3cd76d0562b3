"""Pairs: proposed, asked (claimed, sent, reminded once), settled by the first answer or the deadline, kicked
off, ended. Every step is a single conditional UPDATE, so two presses, two ticks, or a tick beside a press
act once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.mentoring.model import Assignment
from bot.services.mentoring.ports import Pair, PairStatus
from storage.mentoring.models import CheckinRow, MenteeRow, PairRow
from storage.queries import run_update

P = PairRow
PROPOSED, ACCEPTED = PairStatus.PROPOSED.value, PairStatus.ACCEPTED.value


def _pair(row: PairRow) -> Pair:
    return Pair(
        id=row.id,
        team_id=row.team_id,
        mentee_id=row.mentee_id,
        mentor_id=row.mentor_id,
        choice=row.choice,
        fit_score=row.fit_score,
        status=PairStatus(row.status),
        created_at=row.created_at,
        requested_at=row.requested_at,
        request_channel=row.request_channel,
        request_ts=row.request_ts,
        request_attempts=row.request_attempts,
        due_at=row.due_at,
        reminded_at=row.reminded_at,
        answered_at=row.answered_at,
        kickoff_claimed_at=row.kickoff_claimed_at,
        kickoff_channel=row.kickoff_channel,
        kickoff_ts=row.kickoff_ts,
        kickoff_at=row.kickoff_at,
        ended_at=row.ended_at,
    )


def _free(claimed: object, now: datetime, lease_seconds: int) -> ColumnElement[bool]:
    """Not claimed, or claimed so long ago that the claimer must have died."""
    return or_(claimed.is_(None), claimed < now - timedelta(seconds=lease_seconds))  # type: ignore[attr-defined]


class MentoringPairs:
    _session: Session

    def add_pair(self, team_id: str, assignment: Assignment, now: datetime) -> Pair | None:
        row = P(
            team_id=team_id,
            mentee_id=assignment.mentee,
            mentor_id=assignment.mentor,
            choice=assignment.choice,
            fit_score=assignment.fit.score,
            status=PROPOSED,
            created_at=now,
            request_attempts=0,
        )
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:  # the mentee has a live pair already
            return None
        mentee = update(MenteeRow).where(
            MenteeRow.team_id == team_id, MenteeRow.mentee_id == assignment.mentee
        )
        run_update(self._session, mentee, unmatched_at=None, told_unmatched_at=None)
        return _pair(row)

    def pair(self, team_id: str, pair_id: int) -> Pair | None:
        statement = select(P).where(P.team_id == team_id, P.id == pair_id)
        row = self._session.scalar(statement.execution_options(populate_existing=True))
        return _pair(row) if row else None

    def pairs_of(self, team_id: str, user_id: str) -> list[Pair]:
        rows = self._session.scalars(
            select(P)
            .where(P.team_id == team_id, or_(P.mentee_id == user_id, P.mentor_id == user_id))
            .order_by(P.created_at, P.id)
            .execution_options(populate_existing=True)
        )
        return [_pair(row) for row in rows]

    def pair_in(self, team_id: str, channel_id: str) -> Pair | None:
        statement = (
            select(P)
            .where(P.team_id == team_id, P.kickoff_channel == channel_id, P.kickoff_ts.is_not(None))
            .order_by(P.id.desc())
            .limit(1)
        )
        row = self._session.scalar(statement.execution_options(populate_existing=True))
        return _pair(row) if row else None

    def requests_to_send(self, now: datetime, lease_seconds: int) -> list[Pair]:
        rows = self._session.scalars(
            select(P)
            .where(
                P.status == PROPOSED, P.request_ts.is_(None), _free(P.request_claimed_at, now, lease_seconds)
            )
            .order_by(P.id)
        )
        return [_pair(row) for row in rows]

    def claim_request(self, pair_id: int, now: datetime, lease_seconds: int) -> bool:
        statement = update(P).where(
            P.id == pair_id,
            P.status == PROPOSED,
            P.request_ts.is_(None),
            _free(P.request_claimed_at, now, lease_seconds),
        )
        return run_update(self._session, statement, request_claimed_at=now) == 1

    def mark_requested(
        self, pair_id: int, channel: str, ts: str, now: datetime, due_at: datetime, remind_at: datetime | None
    ) -> None:
        statement = update(P).where(P.id == pair_id)
        run_update(
            self._session,
            statement,
            request_channel=channel,
            request_ts=ts,
            requested_at=now,
            due_at=due_at,
            remind_at=remind_at,
        )

    def release_request(self, pair_id: int) -> int:
        statement = update(P).where(P.id == pair_id)
        run_update(self._session, statement, request_claimed_at=None, request_attempts=P.request_attempts + 1)
        return self._session.scalar(select(P.request_attempts).where(P.id == pair_id)) or 0

    def to_remind(self, now: datetime) -> list[Pair]:
        rows = self._session.scalars(
            select(P)
            .where(P.status == PROPOSED, P.reminded_at.is_(None), P.remind_at <= now, P.due_at > now)
            .order_by(P.id)
        )
        return [_pair(row) for row in rows]

    def overdue(self, now: datetime) -> list[Pair]:
        rows = self._session.scalars(select(P).where(P.status == PROPOSED, P.due_at <= now).order_by(P.id))
        return [_pair(row) for row in rows]

    def claim_reminder(self, pair_id: int, now: datetime) -> bool:
        statement = update(P).where(P.id == pair_id, P.status == PROPOSED, P.reminded_at.is_(None))
        return run_update(self._session, statement, reminded_at=now) == 1

    def settle(self, pair_id: int, status: PairStatus, now: datetime, reason: str | None = None) -> bool:
        if status not in (PairStatus.ACCEPTED, PairStatus.DECLINED, PairStatus.EXPIRED):
            raise ValueError(f"a proposal is settled as accepted, declined or expired, not {status.value}")
        statement = update(P).where(P.id == pair_id, P.status == PROPOSED)
        return (
            run_update(self._session, statement, status=status.value, answered_at=now, decline_reason=reason)
            == 1
        )

    def end(self, pair_id: int, now: datetime) -> bool:
        statement = update(P).where(P.id == pair_id, P.status == ACCEPTED)
        return run_update(self._session, statement, status=PairStatus.ENDED.value, ended_at=now) == 1

    def kickoffs_to_send(self, now: datetime, lease_seconds: int) -> list[Pair]:
        rows = self._session.scalars(
            select(P)
            .where(
                P.status == ACCEPTED, P.kickoff_ts.is_(None), _free(P.kickoff_claimed_at, now, lease_seconds)
            )
            .order_by(P.id)
        )
        return [_pair(row) for row in rows]

    def claim_kickoff(self, pair_id: int, now: datetime, lease_seconds: int) -> bool:
        statement = update(P).where(
            P.id == pair_id,
            P.status == ACCEPTED,
            P.kickoff_ts.is_(None),
            _free(P.kickoff_claimed_at, now, lease_seconds),
        )
        return run_update(self._session, statement, kickoff_claimed_at=now) == 1

    def mark_kickoff(
        self, pair_id: int, channel: str, ts: str, now: datetime, next_checkin_at: datetime
    ) -> None:
        statement = update(P).where(P.id == pair_id)
        run_update(
            self._session,
            statement,
            kickoff_channel=channel,
            kickoff_ts=ts,
            kickoff_at=now,
            next_checkin_at=next_checkin_at,
        )

    def release_kickoff(self, pair_id: int) -> None:
        run_update(self._session, update(P).where(P.id == pair_id), kickoff_claimed_at=None)

    def checkins_due(self, now: datetime) -> list[tuple[Pair, datetime, int]]:
        rows = self._session.scalars(
            select(P).where(P.status == ACCEPTED, P.next_checkin_at <= now).order_by(P.next_checkin_at, P.id)
        )
        pairs = [(_pair(row), row.kickoff_at) for row in rows if row.kickoff_at is not None]
        if not pairs:
            return []
        latest = select(CheckinRow.pair_id, func.max(CheckinRow.number)).group_by(CheckinRow.pair_id)
        numbers = dict(
            self._session.execute(latest.where(CheckinRow.pair_id.in_([p.id for p, _ in pairs]))).all()
        )
        return [(pair, started, numbers.get(pair.id, 0)) for pair, started in pairs]

    def set_next_checkin(self, pair_id: int, at: datetime) -> None:
        run_update(self._session, update(P).where(P.id == pair_id), next_checkin_at=at)
