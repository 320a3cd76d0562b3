"""When each of mentoring's scheduled jobs next has something to do (bot/services/mentoring/due.py): one
small read each, over the columns that job's own query filters on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.services.mentoring.ports import PairStatus
from storage.mentoring.models import MenteeRow, PairRow, WindowRow

P, W = PairRow, WindowRow
PROPOSED, ACCEPTED = PairStatus.PROPOSED.value, PairStatus.ACCEPTED.value
LIVE_VALUES = (PROPOSED, ACCEPTED)


class MentoringDue:
    _session: Session

    def has_windows(self) -> bool:
        return self._session.scalar(select(W.id).limit(1)) is not None

    def next_window_close(self) -> datetime | None:
        return self._session.scalar(select(func.min(W.closes_at)).where(W.closed_at.is_(None)))

    def late_joiners_unseen(self) -> bool:
        newest = select(func.max(W.id)).group_by(W.team_id)
        closed = select(W.team_id).where(W.id.in_(newest), W.closed_at.is_not(None))
        live = select(P.id).where(
            P.team_id == MenteeRow.team_id, P.mentee_id == MenteeRow.mentee_id, P.status.in_(LIVE_VALUES)
        )
        unseen = select(MenteeRow.id).where(
            MenteeRow.team_id.in_(closed),
            MenteeRow.ranked_at.is_not(None),
            MenteeRow.unmatched_at.is_(None),
            ~live.exists(),
        )
        return self._session.scalar(unseen.limit(1)) is not None

    def request_claims(self) -> tuple[bool, datetime | None]:
        return self._claims(P.request_claimed_at, (P.status == PROPOSED) & P.request_ts.is_(None))

    def kickoff_claims(self) -> tuple[bool, datetime | None]:
        return self._claims(P.kickoff_claimed_at, (P.status == ACCEPTED) & P.kickoff_ts.is_(None))

    def _claims(
        self, claimed: InstrumentedAttribute[datetime | None], pending: object
    ) -> tuple[bool, datetime | None]:
        row = self._session.execute(
            select(func.count().filter(claimed.is_(None)), func.min(claimed)).where(pending)  # type: ignore[arg-type]
        ).one()
        return bool(row[0]), row[1]

    def next_deadline(self) -> datetime | None:
        return self._session.scalar(select(func.min(P.due_at)).where(P.status == PROPOSED))

    def next_mentor_reminder(self, now: datetime) -> datetime | None:
        return self._session.scalar(
            select(func.min(P.remind_at)).where(P.status == PROPOSED, P.reminded_at.is_(None), P.due_at > now)
        )

    def next_checkin_time(self) -> datetime | None:
        return self._session.scalar(
            select(func.min(P.next_checkin_at)).where(P.status == ACCEPTED, P.kickoff_at.is_not(None))
        )
