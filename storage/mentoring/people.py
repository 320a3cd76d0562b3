"""Mentors, mentees and the one invitation each gets. Mentor rows double as the workspace's matching lock:
`hold_mentors` writes every one of them (in id order) before pairs are counted and added."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.mentoring.schedule import Cadence
from bot.services.mentoring.ports import InvitationKind, MenteeRecord, MentorRecord, PairStatus
from storage.mentoring.models import InvitationRow, MenteeRow, MentorRow, PairRow
from storage.queries import run_delete, run_update

LIVE_VALUES = (PairStatus.PROPOSED.value, PairStatus.ACCEPTED.value)


def _mentor(row: MentorRow) -> MentorRecord:
    return MentorRecord(
        team_id=row.team_id,
        user_id=row.user_id,
        capacity=row.capacity,
        topics=tuple(row.topics or ()),
        cadence=Cadence(row.cadence),
        active=row.active,
    )


def _mentee(row: MenteeRow) -> MenteeRecord:
    return MenteeRecord(
        team_id=row.team_id,
        user_id=row.mentee_id,
        goals=tuple(row.goals or ()),
        wants=row.wants,
        choices=tuple(row.choices or ()),
        open_to_any=row.open_to_any,
        ranked_at=row.ranked_at,
        unmatched_at=row.unmatched_at,
    )


class MentoringPeople:
    _session: Session

    def mentor(self, team_id: str, user_id: str) -> MentorRecord | None:
        row = self._session.scalar(
            select(MentorRow).where(MentorRow.team_id == team_id, MentorRow.user_id == user_id)
        )
        return _mentor(row) if row else None

    def mentors(self, team_id: str) -> list[MentorRecord]:
        rows = self._session.scalars(
            select(MentorRow).where(MentorRow.team_id == team_id).order_by(MentorRow.user_id)
        )
        return [_mentor(row) for row in rows]

    def save_mentor(self, record: MentorRecord, by: str, now: datetime) -> bool:
        values = {
            "capacity": record.capacity,
            "topics": list(record.topics),
            "cadence": record.cadence.value,
            "active": record.active,
            "set_by": by,
            "updated_at": now,
        }
        mine = update(MentorRow).where(
            MentorRow.team_id == record.team_id, MentorRow.user_id == record.user_id
        )
        if run_update(self._session, mine, **values):
            return False
        try:
            with self._session.begin_nested():
                self._session.add(
                    MentorRow(team_id=record.team_id, user_id=record.user_id, created_at=now, **values)
                )
        except IntegrityError:  # they volunteered at the same moment elsewhere: this one replaces it
            run_update(self._session, mine, **values)
            return False
        return True

    def hold_mentors(self, team_id: str, now: datetime) -> list[MentorRecord]:
        ids = list(
            self._session.scalars(
                select(MentorRow.id).where(MentorRow.team_id == team_id).order_by(MentorRow.id)
            )
        )
        for mentor_id in ids:  # one at a time in id order: two holders never wait on each other crosswise
            run_update(self._session, update(MentorRow).where(MentorRow.id == mentor_id), held_at=now)
        return self.mentors(team_id)

    def loads(self, team_id: str) -> dict[str, int]:
        rows = self._session.execute(
            select(PairRow.mentor_id, func.count())
            .where(PairRow.team_id == team_id, PairRow.status.in_(LIVE_VALUES))
            .group_by(PairRow.mentor_id)
        )
        return {mentor: count for mentor, count in rows}

    def mentee(self, team_id: str, user_id: str) -> MenteeRecord | None:
        row = self._mentee_row(team_id, user_id)
        return _mentee(row) if row else None

    def _mentee_row(self, team_id: str, user_id: str) -> MenteeRow | None:
        statement = select(MenteeRow).where(MenteeRow.team_id == team_id, MenteeRow.mentee_id == user_id)
        return self._session.scalar(statement.execution_options(populate_existing=True))

    def save_goals(
        self, team_id: str, user_id: str, goals: Sequence[str], wants: str | None, now: datetime
    ) -> None:
        mine = update(MenteeRow).where(MenteeRow.team_id == team_id, MenteeRow.mentee_id == user_id)
        if run_update(self._session, mine, goals=list(goals), wants=wants, submitted_at=now):
            return
        row = MenteeRow(
            team_id=team_id,
            mentee_id=user_id,
            goals=list(goals),
            wants=wants,
            choices=[],
            open_to_any=False,
            submitted_at=now,
        )
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            run_update(self._session, mine, goals=list(goals), wants=wants, submitted_at=now)

    def save_ranking(
        self, team_id: str, user_id: str, choices: Sequence[str], open_to_any: bool, now: datetime
    ) -> bool:
        mine = update(MenteeRow).where(MenteeRow.team_id == team_id, MenteeRow.mentee_id == user_id)
        return (
            run_update(self._session, mine, choices=list(choices), open_to_any=open_to_any, ranked_at=now)
            == 1
        )

    def withdraw(self, team_id: str, user_id: str) -> None:
        mine = update(MenteeRow).where(MenteeRow.team_id == team_id, MenteeRow.mentee_id == user_id)
        run_update(self._session, mine, ranked_at=None, unmatched_at=None, told_unmatched_at=None)
        mentor = update(MentorRow).where(MentorRow.team_id == team_id, MentorRow.user_id == user_id)
        run_update(self._session, mentor, active=False)

    def waiting(self, team_id: str) -> list[MenteeRecord]:
        live = select(PairRow.id).where(
            PairRow.team_id == MenteeRow.team_id,
            PairRow.mentee_id == MenteeRow.mentee_id,
            PairRow.status.in_(LIVE_VALUES),
        )
        rows = self._session.scalars(
            select(MenteeRow)
            .where(MenteeRow.team_id == team_id, MenteeRow.ranked_at.is_not(None), ~live.exists())
            .order_by(MenteeRow.mentee_id)
        )
        return [_mentee(row) for row in rows]

    def mark_unmatched(self, team_id: str, user_ids: Collection[str], now: datetime) -> None:
        if user_ids:
            statement = update(MenteeRow).where(
                MenteeRow.team_id == team_id,
                MenteeRow.mentee_id.in_(list(user_ids)),
                MenteeRow.unmatched_at.is_(None),
            )
            run_update(self._session, statement, unmatched_at=now, told_unmatched_at=None)

    def claim_unmatched_notice(self, team_id: str, user_id: str, now: datetime) -> bool:
        statement = update(MenteeRow).where(
            MenteeRow.team_id == team_id,
            MenteeRow.mentee_id == user_id,
            MenteeRow.unmatched_at.is_not(None),
            MenteeRow.told_unmatched_at.is_(None),
        )
        return run_update(self._session, statement, told_unmatched_at=now) == 1

    def unmatched_to_tell(self) -> list[tuple[str, str]]:
        rows = self._session.execute(
            select(MenteeRow.team_id, MenteeRow.mentee_id)
            .where(MenteeRow.unmatched_at.is_not(None), MenteeRow.told_unmatched_at.is_(None))
            .order_by(MenteeRow.id)
        )
        return [(team_id, user_id) for team_id, user_id in rows]

    def release_unmatched_notice(self, team_id: str, user_id: str) -> None:
        statement = update(MenteeRow).where(MenteeRow.team_id == team_id, MenteeRow.mentee_id == user_id)
        run_update(self._session, statement, told_unmatched_at=None)

    def unmatched(self, team_id: str) -> list[str]:
        rows = self._session.scalars(
            select(MenteeRow.mentee_id)
            .where(MenteeRow.team_id == team_id, MenteeRow.unmatched_at.is_not(None))
            .order_by(MenteeRow.mentee_id)
        )
        return list(rows)

    def invited(self, team_id: str, kind: InvitationKind) -> set[str]:
        rows = self._session.scalars(
            select(InvitationRow.user_id).where(
                InvitationRow.team_id == team_id, InvitationRow.kind == kind.value
            )
        )
        return set(rows)

    def claim_invitation(self, team_id: str, user_id: str, kind: InvitationKind, now: datetime) -> bool:
        row = InvitationRow(team_id=team_id, user_id=user_id, kind=kind.value, claimed_at=now)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            return False
        return True

    def release_invitation(self, team_id: str, user_id: str, kind: InvitationKind) -> None:
        run_delete(self._session, delete(InvitationRow).where(*_invitation(team_id, user_id, kind)))

    def mark_invitation(
        self, team_id: str, user_id: str, kind: InvitationKind, channel: str, ts: str
    ) -> None:
        statement = update(InvitationRow).where(*_invitation(team_id, user_id, kind))
        run_update(self._session, statement, channel_id=channel, message_ts=ts)


def _invitation(team_id: str, user_id: str, kind: InvitationKind) -> tuple[ColumnElement[bool], ...]:
    row = InvitationRow
    return (row.team_id == team_id, row.user_id == user_id, row.kind == kind.value)
