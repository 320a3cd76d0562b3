"""Facts for App Home, program insight and exports, and the weekly digest's opt-out and claims.

Reads select columns, so they see the conditional UPDATEs other repositories ran in this session.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, func, or_, select, union, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.coffee.model import CheckinAnswer
from bot.domain.program.figures import GroupFact, MeetingFact, NudgeFact
from bot.services.followups.ports import NudgeStatus
from bot.services.program.ports import IntroductionFact, MeetingRecord, OpenThanks, PendingCheckin
from storage.coffee.models import ParticipationRow, PoolRow, RoundGroupMemberRow, RoundGroupRow, RoundRow
from storage.events.models import EventRow
from storage.followups.models import MeetingPersonRow, MeetingRow, NudgeRow
from storage.help.models import AskRow, KudosRow, OfferRow
from storage.introductions.models import IntroductionRow
from storage.people.models import Member
from storage.program.models import DigestSendRow, DigestSettingRow
from storage.queries import people_by_owner, read_columns, run_delete, run_update

G, GM, R = RoundGroupRow, RoundGroupMemberRow, RoundRow
N, P, M = NudgeRow, MeetingPersonRow, MeetingRow


class SqlProgramRepository:
    """Insight queries of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def groups(self, team_id: str, channels: Sequence[str] | None) -> list[GroupFact]:
        query = (  # the columns the facts need, not whole rows: the lead's view reads every group there is
            select(G.id, G.answer, G.failed, G.last_error, G.intro_ts, R.scheduled_for, R.closed_at)
            .add_columns(PoolRow.channel_id)
            .join(R, R.id == G.round_id)
            .join(PoolRow, PoolRow.id == R.pool_id)
            .where(G.team_id == team_id)
            .order_by(R.scheduled_for, G.id)
        )
        if channels is not None:
            query = query.where(PoolRow.channel_id.in_(list(channels)))
        rows = read_columns(self._session, query).all()
        ids = query.with_only_columns(G.id).order_by(None)
        members = people_by_owner(self._session, GM.group_id, GM.user_id, GM.id, ids)
        return [
            GroupFact(
                group_id=r.id,
                pool_channel=r.channel_id,
                scheduled_for=r.scheduled_for,
                members=tuple(members[r.id]),
                answer=r.answer,
                round_closed=r.closed_at is not None,
                failed=r.failed,
                last_error=r.last_error,
                delivered=r.intro_ts is not None,
            )
            for r in rows
        ]

    def meetings(self, team_id: str) -> list[MeetingFact]:
        return [MeetingFact(r.people, r.met_at) for r in self.meeting_records(team_id)]

    def meeting_records(self, team_id: str) -> list[MeetingRecord]:
        rows = read_columns(
            self._session,
            select(M.id, M.met_at, M.source, M.note).where(M.team_id == team_id).order_by(M.met_at, M.id),
        ).all()
        ids = select(M.id).where(M.team_id == team_id)
        people = people_by_owner(self._session, P.meeting_id, P.user_id, P.id, ids)
        return [MeetingRecord(r.id, r.met_at, r.source, tuple(people[r.id]), r.note) for r in rows]

    def nudges(self, team_id: str) -> list[NudgeFact]:
        rows = read_columns(self._session, select(N.sent_at, N.status).where(N.team_id == team_id))
        return [NudgeFact(sent_at, status == NudgeStatus.DONE.value) for sent_at, status in rows]

    def introductions(self, team_id: str) -> list[IntroductionFact]:
        I = IntroductionRow  # noqa: E741 - a table alias, like the module's others
        rows = self._session.execute(
            select(I.id, I.created_at, I.proposer, I.user_a, I.user_b, I.outcome, I.closed_at)
            .where(I.team_id == team_id)
            .order_by(I.created_at, I.id)
        )
        return [IntroductionFact(*row) for row in rows]

    def pending_checkins(self, team_id: str, user_id: str) -> list[PendingCheckin]:
        waiting = or_(G.answer.is_(None), G.answer == CheckinAnswer.SCHEDULED.value)
        rows = self._session.execute(
            select(G.id, G.reasked_at, PoolRow.channel_id)
            .join(GM, GM.group_id == G.id)
            .join(R, R.id == G.round_id)
            .join(PoolRow, PoolRow.id == R.pool_id)
            .where(GM.team_id == team_id, GM.user_id == user_id, G.checkin_ts.is_not(None), waiting)
            .where(R.closed_at.is_(None))
            .order_by(R.scheduled_for.desc(), G.id)
        ).all()
        members = people_by_owner(self._session, GM.group_id, GM.user_id, GM.id, [r.id for r in rows])
        return [
            PendingCheckin(
                r.id, r.channel_id, tuple(u for u in members[r.id] if u != user_id), r.reasked_at is not None
            )
            for r in rows
        ]

    def open_thanks(self, team_id: str, user_id: str) -> list[OpenThanks]:
        rows = self._session.execute(
            select(N.message_channel, N.message_ts, N.meeting_id)
            .where(N.team_id == team_id, N.user_id == user_id, N.status == NudgeStatus.SENT.value)
            .where(N.message_ts.is_not(None))
            .order_by(N.sent_at.desc(), N.id)
        ).all()
        people = people_by_owner(self._session, P.meeting_id, P.user_id, P.id, [r.meeting_id for r in rows])
        found: dict[tuple[str, str], list[str]] = {}
        for channel, ts, meeting_id in rows:
            others = found.setdefault((channel, ts), [])
            others.extend(u for u in people[meeting_id] if u != user_id and u not in others)
        return [OpenThanks(channel, ts, tuple(others)) for (channel, ts), others in found.items()]

    def thank_yous_sent(self, team_id: str, user_id: str) -> int:
        done = (N.team_id == team_id) & (N.user_id == user_id) & (N.status == NudgeStatus.DONE.value)
        return self._session.scalar(select(func.count()).select_from(N).where(done)) or 0

    def member_pool_ids(self, team_id: str, user_id: str) -> set[int]:
        settings = select(ParticipationRow.pool_id).where(
            ParticipationRow.team_id == team_id, ParticipationRow.user_id == user_id
        )
        grouped = (
            select(R.pool_id)
            .join(GM, GM.round_id == R.id)
            .where(GM.team_id == team_id, GM.user_id == user_id)
        )
        return set(self._session.scalars(select(union(settings, grouped).subquery().c[0])))

    def team_ids(self) -> list[str]:
        teams = union(
            select(Member.team_id),
            select(PoolRow.team_id),
            select(EventRow.team_id),
            select(AskRow.team_id),
            select(KudosRow.team_id),
            select(OfferRow.team_id),
        ).subquery()
        return sorted(self._session.scalars(select(teams.c[0])))

    def digest_enabled(self, team_id: str, user_id: str) -> bool:
        enabled = self._session.scalar(
            select(DigestSettingRow.enabled).where(
                DigestSettingRow.team_id == team_id, DigestSettingRow.user_id == user_id
            )
        )
        return enabled is None or enabled

    def set_digest(self, team_id: str, user_id: str, enabled: bool, now: datetime) -> None:
        mine = (DigestSettingRow.team_id == team_id) & (DigestSettingRow.user_id == user_id)
        if run_update(self._session, update(DigestSettingRow).where(mine), enabled=enabled, updated_at=now):
            return
        row = DigestSettingRow(team_id=team_id, user_id=user_id, enabled=enabled, updated_at=now)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:  # a concurrent first choice: the later one wins
            run_update(self._session, update(DigestSettingRow).where(mine), enabled=enabled, updated_at=now)

    def digest_claimed(self, team_id: str, user_id: str, week_of: date) -> bool:
        return (
            self._session.scalar(select(DigestSendRow.id).where(*self._week(team_id, user_id, week_of)))
            is not None
        )

    def claim_digest(self, team_id: str, user_id: str, week_of: date, now: datetime) -> bool:
        row = DigestSendRow(team_id=team_id, user_id=user_id, week_of=week_of, claimed_at=now)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            if not self.digest_claimed(team_id, user_id, week_of):
                raise
            return False
        return True

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """A lead's digest choice and the weeks it was sent are theirs alone: deleted."""
        gone = 0
        for model in (DigestSettingRow, DigestSendRow):
            mine = delete(model).where(model.team_id == team_id, model.user_id == user_id)
            gone += run_delete(self._session, mine)
        return {"digest": gone}

    def mark_digest_sent(self, team_id: str, user_id: str, week_of: date, now: datetime) -> None:
        run_update(
            self._session, update(DigestSendRow).where(*self._week(team_id, user_id, week_of)), sent_at=now
        )

    @staticmethod
    def _week(team_id: str, user_id: str, week_of: date):
        return (
            DigestSendRow.team_id == team_id,
            DigestSendRow.user_id == user_id,
            DigestSendRow.week_of == week_of,
        )
