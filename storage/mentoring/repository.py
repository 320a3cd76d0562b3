"""The mentoring repository (`uow.mentoring`): its parts by what they hold, plus what forgetting needs."""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from bot.services.help.ports import PostPlace
from bot.services.mentoring.ports import PairStatus
from storage.mentoring.closeouts import MentoringCloseouts
from storage.mentoring.due import MentoringDue
from storage.mentoring.figures import MentoringFigures
from storage.mentoring.models import (
    CheckinRow,
    CloseoutRow,
    FitCheckRow,
    InvitationRow,
    MenteeRow,
    MentorRow,
    PairRow,
    WindowRow,
)
from storage.mentoring.pairs import MentoringPairs
from storage.mentoring.people import MentoringPeople
from storage.mentoring.sessions import MentoringSessions
from storage.mentoring.windows import MentoringWindows
from storage.queries import run_delete, run_update

P = PairRow
LIVE = (PairStatus.PROPOSED.value, PairStatus.ACCEPTED.value)


class SqlMentoringRepository(
    MentoringPeople,
    MentoringWindows,
    MentoringPairs,
    MentoringSessions,
    MentoringDue,
    MentoringFigures,
    MentoringCloseouts,
):
    """Mentoring of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def posts_of(self, team_id: str, user_id: str) -> list[PostPlace]:
        pairs = self._session.execute(
            select(P.id, P.request_channel, P.request_ts, P.kickoff_channel, P.kickoff_ts).where(
                P.team_id == team_id, or_(P.mentee_id == user_id, P.mentor_id == user_id)
            )
        ).all()
        ids = [row.id for row in pairs]
        places = [(row.request_channel, row.request_ts) for row in pairs]
        places += [(row.kickoff_channel, row.kickoff_ts) for row in pairs]
        for table in (CheckinRow, FitCheckRow, CloseoutRow):
            places += self._session.execute(
                select(table.channel_id, table.message_ts).where(table.pair_id.in_(ids))
            ).all()
        places += self._session.execute(  # the drafts name the other person (and the mentee's goals)
            select(CloseoutRow.drafts_channel, CloseoutRow.drafts_ts).where(CloseoutRow.pair_id.in_(ids))
        ).all()
        places += self._session.execute(
            select(InvitationRow.channel_id, InvitationRow.message_ts).where(
                InvitationRow.team_id == team_id, InvitationRow.user_id == user_id
            )
        ).all()
        return [PostPlace(channel, ts) for channel, ts in dict.fromkeys(places) if channel and ts]

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Delete the member's sign-up, goals, choices, invitations, fit-check and close-out answers; end
        their live pairs (a mentee left without a mentor is matched again); keep the pairs, check-ins and
        the other person's close-out that others were part of with `marker` in their place, and no decline
        reason."""
        mine = run_delete(
            self._session, delete(MentorRow).where(MentorRow.team_id == team_id, MentorRow.user_id == user_id)
        )
        mine += run_delete(
            self._session,
            delete(MenteeRow).where(MenteeRow.team_id == team_id, MenteeRow.mentee_id == user_id),
        )
        mine += run_delete(
            self._session,
            delete(InvitationRow).where(InvitationRow.team_id == team_id, InvitationRow.user_id == user_id),
        )
        mine += run_delete(
            self._session,
            delete(FitCheckRow).where(FitCheckRow.team_id == team_id, FitCheckRow.user_id == user_id),
        )
        mine += run_delete(
            self._session,
            delete(CloseoutRow).where(CloseoutRow.team_id == team_id, CloseoutRow.user_id == user_id),
        )
        theirs = (P.team_id == team_id) & or_(P.mentee_id == user_id, P.mentor_id == user_id)
        run_update(self._session, update(P).where(theirs, P.status.in_(LIVE)), status=PairStatus.ENDED.value)
        pairs = run_update(self._session, update(P).where(theirs), decline_reason=None)
        for column in (P.mentee_id, P.mentor_id):
            run_update(
                self._session,
                update(P).where(P.team_id == team_id, column == user_id),
                **{column.key: marker},
            )
        settings = run_update(
            self._session,
            update(WindowRow).where(WindowRow.team_id == team_id, WindowRow.opened_by == user_id),
            opened_by=marker,
        )
        settings += run_update(
            self._session,
            update(MentorRow).where(MentorRow.team_id == team_id, MentorRow.set_by == user_id),
            set_by=marker,
        )
        answered = update(CheckinRow).where(CheckinRow.team_id == team_id, CheckinRow.answered_by == user_id)
        run_update(self._session, answered, answered_by=marker)
        return {"mentoring": mine, "mentor_pairs": pairs, "mentoring_settings": settings}
