"""Asks, suggestions, helpers and opt-ins. Claims are inserts against a unique constraint or single
conditional UPDATEs; the weekly limit is counted while the member's opt-in row is held by an UPDATE, so
two asks at once, two replicas or a tick beside a click settle each one once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.help.asks import AskDraft, AskFact, AskStatus
from bot.domain.people.mentors import Mentor
from bot.services.help.ports import Ask, HelpDm, PostPlace, SuggestionPlace
from storage.help.models import AskHelperRow, AskOptInRow, AskRow, AskSuggestionRow
from storage.people.models import Member, ProfileRow
from storage.people.profiles import _to_profile
from storage.queries import posted_by, run_delete, run_update, scrub_mentions

A, H, S, P = AskRow, AskHelperRow, AskSuggestionRow, AskOptInRow
OPEN = AskStatus.OPEN.value


class SqlAskRepository:
    """Asks of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _ask(self, row: AskRow) -> Ask:
        helpers = self._session.scalars(select(H.user_id).where(H.ask_id == row.id).order_by(H.id))
        return Ask(
            id=row.id,
            team_id=row.team_id,
            asker_id=row.asker_id,
            question=row.question,
            tags=tuple(row.tags or ()),
            by_when=row.by_when,
            channel_id=row.channel_id,
            status=AskStatus(row.status),
            created_at=row.created_at,
            message_ts=row.message_ts,
            helpers=tuple(helpers),
        )

    def add(self, team_id: str, asker_id: str, draft: AskDraft, channel_id: str, now: datetime) -> Ask:
        row = A(
            team_id=team_id,
            asker_id=asker_id,
            question=draft.question,
            tags=list(draft.tags),
            by_when=draft.by_when,
            channel_id=channel_id,
            status=OPEN,
            created_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return self._ask(row)

    def set_message(self, ask_id: int, ts: str) -> None:
        run_update(self._session, update(A).where(A.id == ask_id), message_ts=ts)

    def remove(self, ask_id: int) -> None:
        run_delete(self._session, delete(A).where(A.id == ask_id))

    def open_count(self, team_id: str, asker_id: str) -> int:
        mine = (A.team_id == team_id) & (A.asker_id == asker_id) & (A.status == OPEN)
        return self._session.scalar(select(func.count()).where(mine)) or 0

    def get(self, team_id: str, ask_id: int) -> Ask | None:
        statement = select(A).where(A.team_id == team_id, A.id == ask_id)
        row = self._session.execute(statement.execution_options(populate_existing=True)).scalar()
        return self._ask(row) if row else None

    def opted_in(self, team_id: str) -> list[Mentor]:
        on_profile = (ProfileRow.team_id == Member.team_id) & (ProfileRow.user_id == Member.user_id)
        on_opt_in = (P.team_id == Member.team_id) & (P.user_id == Member.user_id)
        found = self._session.execute(
            select(Member, ProfileRow)
            .join(ProfileRow, on_profile)
            .join(P, on_opt_in)
            .where(Member.team_id == team_id, P.opted_in.is_(True))
            .order_by(Member.user_id)
        )
        return [Mentor(member.user_id, _to_profile(row, member)) for member, row in found]

    def wants_asks(self, team_id: str, user_id: str) -> bool:
        found = self._session.scalar(select(P.opted_in).where(P.team_id == team_id, P.user_id == user_id))
        return bool(found)

    def set_wants_asks(self, team_id: str, user_id: str, on: bool, now: datetime) -> None:
        mine = update(P).where(P.team_id == team_id, P.user_id == user_id)
        if run_update(self._session, mine, opted_in=on, updated_at=now):
            return
        if not on:
            return  # never opted in: nothing to store
        try:
            with self._session.begin_nested():
                self._session.add(P(team_id=team_id, user_id=user_id, opted_in=on, updated_at=now))
        except IntegrityError:  # saved at the same moment from another request
            run_update(self._session, mine, opted_in=on, updated_at=now)

    def claim_suggestion(self, ask: Ask, user_id: str, now: datetime, limit: int, since: datetime) -> bool:
        hold = update(P).where(P.team_id == ask.team_id, P.user_id == user_id, P.opted_in.is_(True))
        if not run_update(self._session, hold, held_at=now):  # opted out; else theirs is locked till commit
            return False
        sent = self._session.scalar(
            select(func.count()).where(S.team_id == ask.team_id, S.user_id == user_id, S.sent_at > since)
        )
        if (sent or 0) >= limit:
            return False
        try:
            with self._session.begin_nested():
                self._session.add(S(ask_id=ask.id, team_id=ask.team_id, user_id=user_id, sent_at=now))
        except IntegrityError:
            return False
        return True

    def set_suggestion_message(self, ask_id: int, user_id: str, place: SuggestionPlace) -> None:
        mine = update(S).where(S.ask_id == ask_id, S.user_id == user_id)
        run_update(self._session, mine, channel_id=place.channel_id, message_ts=place.ts)

    def release_suggestion(self, ask_id: int, user_id: str) -> None:
        run_delete(self._session, delete(S).where(S.ask_id == ask_id, S.user_id == user_id))

    def was_asked(self, ask_id: int, user_id: str) -> bool:
        return self._session.scalar(select(S.id).where(S.ask_id == ask_id, S.user_id == user_id)) is not None

    def answer_suggestion(
        self, ask_id: int, user_id: str, answer: str, now: datetime
    ) -> SuggestionPlace | None:
        mine = (S.ask_id == ask_id) & (S.user_id == user_id)
        if not run_update(
            self._session, update(S).where(mine, S.answer.is_(None)), answer=answer, answered_at=now
        ):
            return None
        found = self._session.execute(select(S.channel_id, S.message_ts).where(mine)).first()
        if found is None or not found.channel_id or not found.message_ts:
            return None
        return SuggestionPlace(found.channel_id, found.message_ts)

    def claim_helper(self, ask: Ask, user_id: str, now: datetime) -> bool:
        try:
            with self._session.begin_nested():
                self._session.add(H(ask_id=ask.id, team_id=ask.team_id, user_id=user_id, helped_at=now))
        except IntegrityError:
            return False
        return True

    def set_helper_channel(self, ask_id: int, user_id: str, channel_id: str) -> None:
        run_update(
            self._session, update(H).where(H.ask_id == ask_id, H.user_id == user_id), channel_id=channel_id
        )

    def helper_channel(self, ask_id: int, user_id: str) -> str | None:
        return self._session.scalar(select(H.channel_id).where(H.ask_id == ask_id, H.user_id == user_id))

    def help_dm(self, team_id: str, channel_id: str, ask_id: int | None = None) -> HelpDm | None:
        where = [H.team_id == team_id, H.channel_id == channel_id, A.id == H.ask_id]
        where += [] if ask_id is None else [H.ask_id == ask_id]
        statement = select(H.id, H.ask_id, A.asker_id, H.user_id).where(*where).order_by(H.id.desc()).limit(1)
        row = self._session.execute(statement).one_or_none()
        return None if row is None else HelpDm(row.id, row.ask_id, row.asker_id, row.user_id, channel_id)

    def close(self, ask_id: int, status: AskStatus, now: datetime) -> bool:
        statement = update(A).where(A.id == ask_id, A.status == OPEN)
        return run_update(self._session, statement, status=status.value, closed_at=now) == 1

    def to_nudge(self, since: datetime) -> list[Ask]:
        helped = select(H.id).where(H.ask_id == A.id).exists()
        rows = self._session.scalars(
            select(A)
            .where(A.status == OPEN, A.nudged_at.is_(None), A.created_at <= since, ~helped)
            .order_by(A.created_at, A.id)
        )
        return [self._ask(row) for row in rows]

    def claim_nudge(self, ask_id: int, now: datetime) -> bool:
        statement = update(A).where(A.id == ask_id, A.status == OPEN, A.nudged_at.is_(None))
        return run_update(self._session, statement, nudged_at=now) == 1

    def release_nudge(self, ask_id: int) -> None:
        run_update(self._session, update(A).where(A.id == ask_id), nudged_at=None)

    def to_expire(self, before: datetime) -> list[Ask]:
        rows = self._session.scalars(
            select(A).where(A.status == OPEN, A.created_at <= before).order_by(A.created_at, A.id)
        )
        return [self._ask(row) for row in rows]

    def _first_helped(self, team_id: str) -> dict[int, datetime]:
        rows = self._session.execute(
            select(H.ask_id, func.min(H.helped_at)).where(H.team_id == team_id).group_by(H.ask_id)
        )
        return {ask_id: first for ask_id, first in rows}

    def facts(self, team_id: str) -> list[AskFact]:
        first = self._first_helped(team_id)
        rows = self._session.execute(select(A.id, A.created_at, A.status).where(A.team_id == team_id))
        return [AskFact(created, AskStatus(status), first.get(ask_id)) for ask_id, created, status in rows]

    def records(self, team_id: str) -> Sequence[tuple[Ask, datetime | None, int]]:
        first = self._first_helped(team_id)
        asked: dict[int, int] = defaultdict(int)
        for ask_id, count in self._session.execute(
            select(S.ask_id, func.count()).where(S.team_id == team_id).group_by(S.ask_id)
        ):
            asked[ask_id] = count
        rows = self._session.scalars(select(A).where(A.team_id == team_id).order_by(A.created_at, A.id))
        return [(ask, first.get(ask.id), asked[ask.id]) for ask in map(self._ask, rows)]

    def naming(self, team_id: str, user_id: str) -> list[int]:
        """Others' posted asks whose post names the member: they offered to help, or the question
        mentions them (what forgetting must redraw; their own asks are deleted)."""
        helped = select(H.id).where(H.ask_id == A.id, H.user_id == user_id).exists()
        names = or_(helped, A.question.contains(user_id))
        statement = select(A.id).where(
            A.team_id == team_id, A.asker_id != user_id, A.message_ts.is_not(None), names
        )
        return list(self._session.scalars(statement.order_by(A.id)))

    def posts_of(self, team_id: str, user_id: str) -> list[PostPlace]:
        return [PostPlace(*place) for place in posted_by(self._session, A, A.asker_id, team_id, user_id)]

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Delete the member's asks (with who was asked and who helped), their offers, suggestions and
        opt-in; others' questions lose mentions of them."""
        asks = run_delete(self._session, delete(A).where(A.team_id == team_id, A.asker_id == user_id))
        helped = run_delete(self._session, delete(H).where(H.team_id == team_id, H.user_id == user_id))
        asked = run_delete(self._session, delete(S).where(S.team_id == team_id, S.user_id == user_id))
        run_delete(self._session, delete(P).where(P.team_id == team_id, P.user_id == user_id))
        scrub_mentions(self._session, A.question, A.id, A.team_id, team_id, user_id)
        return {"asks": asks, "ask_answers": helped + asked}
