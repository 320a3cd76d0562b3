"""Introductions and nudges. Answers, closing and nudges are single conditional UPDATEs, so two
clicks, two replicas or a tick beside a click settle each thing once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Update, and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.introductions import Answer, Introduction, Outcome, pair_key, retry_due_before
from storage.introductions.models import IntroductionRow, IntroProposerRow
from storage.queries import run_delete, run_update, scrub_mentions

PENDING = Outcome.PENDING.value


class SqlIntroductionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, intro: Introduction) -> Introduction | None:
        """Store a pending introduction; None when the pair already has one (the unique pending pair)."""
        row = IntroductionRow(
            team_id=intro.team_id,
            pair_key=pair_key(intro.a, intro.b),
            proposer=intro.proposer,
            user_a=intro.a,
            user_b=intro.b,
            why=intro.why,
            a_answer=intro.a_answer.value if intro.a_answer else None,
            a_answered_at=intro.a_answered_at,
            b_answer=intro.b_answer.value if intro.b_answer else None,
            b_answered_at=intro.b_answered_at,
            outcome=intro.outcome.value,
            created_at=intro.created_at,
            closed_at=intro.closed_at,
        )
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            return None
        return _to_intro(row)

    def hold_proposer(self, team_id: str, proposer: str, now: datetime) -> None:
        """Lock the proposer's row until commit, so their proposals are counted one at a time."""
        p = IntroProposerRow
        hold = update(p).where(p.team_id == team_id, p.user_id == proposer)
        if self._run(hold, held_at=now):
            return
        try:
            with self._session.begin_nested():
                self._session.add(IntroProposerRow(team_id=team_id, user_id=proposer, held_at=now))
        except IntegrityError:  # their other proposal created the row first: wait for its lock
            self._run(hold, held_at=now)

    def get(self, intro_id: int) -> Introduction | None:
        row = self._session.get(IntroductionRow, intro_id, populate_existing=True)
        return _to_intro(row) if row else None

    def pending_between(self, team_id: str, x: str, y: str) -> bool:
        r = IntroductionRow
        pair = or_(and_(r.user_a == x, r.user_b == y), and_(r.user_a == y, r.user_b == x))
        found = select(r.id).where(r.team_id == team_id, r.outcome == PENDING, pair).limit(1)
        return self._session.scalar(found) is not None

    def proposed_since(self, team_id: str, proposer: str, since: datetime) -> int:
        r = IntroductionRow
        count = select(func.count()).where(r.team_id == team_id, r.proposer == proposer, r.created_at > since)
        return self._session.scalar(count) or 0

    def record_answer(self, intro_id: int, user_id: str, answer: Answer, now: datetime) -> bool:
        r = IntroductionRow
        side_a = update(r).where(r.id == intro_id, r.outcome == PENDING, r.user_a == user_id)
        side_b = update(r).where(r.id == intro_id, r.outcome == PENDING, r.user_b == user_id)
        done = self._run(side_a.where(r.a_answer.is_(None)), a_answer=answer.value, a_answered_at=now)
        if not done:
            done = self._run(side_b.where(r.b_answer.is_(None)), b_answer=answer.value, b_answered_at=now)
        return done == 1

    def close(self, intro_id: int, outcome: Outcome, now: datetime) -> bool:
        r = IntroductionRow
        claim = update(r).where(r.id == intro_id, r.outcome == PENDING)
        return self._run(claim, outcome=outcome.value, closed_at=now) == 1

    def pending_created_before(self, cutoff: datetime) -> list[Introduction]:
        r = IntroductionRow
        rows = self._session.scalars(
            select(r).where(r.outcome == PENDING, r.created_at <= cutoff).order_by(r.id)
        )
        return [_to_intro(row) for row in rows]

    def pending_involving(self, team_id: str, user_id: str) -> list[Introduction]:
        """Introductions still waiting for answers that the member proposed or is asked to join."""
        r = IntroductionRow
        involved = or_(r.proposer == user_id, r.user_a == user_id, r.user_b == user_id)
        rows = self._session.scalars(
            select(r).where(r.team_id == team_id, r.outcome == PENDING, involved).order_by(r.id)
        )
        return [_to_intro(row) for row in rows]

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Delete the introductions they proposed; in the others, put `marker` in their place.

        The proposer's reason goes too: it was written about them; other reasons lose mentions of them.
        """
        r = IntroductionRow
        proposed = run_delete(self._session, delete(r).where(r.team_id == team_id, r.proposer == user_id))
        side_a = update(r).where(r.team_id == team_id, r.user_a == user_id)
        side_b = update(r).where(r.team_id == team_id, r.user_b == user_id)
        part_of = self._run(side_a, user_a=marker, why="", a_channel=None, a_ts=None, pair_key=None)
        part_of += self._run(side_b, user_b=marker, why="", b_channel=None, b_ts=None, pair_key=None)
        lock = IntroProposerRow
        run_delete(self._session, delete(lock).where(lock.team_id == team_id, lock.user_id == user_id))
        scrub_mentions(self._session, r.why, r.id, r.team_id, team_id, user_id)
        return {"introductions_proposed": proposed, "introductions_anonymised": part_of}

    def remember_request(self, intro_id: int, user_id: str, channel_id: str, ts: str) -> None:
        row = self._session.get(IntroductionRow, intro_id)
        if row is None:
            return
        if row.user_a == user_id:
            row.a_channel, row.a_ts = channel_id, ts
        else:
            row.b_channel, row.b_ts = channel_id, ts
        self._session.flush()

    def request_message(self, intro_id: int, user_id: str) -> tuple[str, str] | None:
        row = self._session.get(IntroductionRow, intro_id)
        if row is None:
            return None
        channel, ts = (row.a_channel, row.a_ts) if row.user_a == user_id else (row.b_channel, row.b_ts)
        return (channel, ts) if channel and ts else None

    def claim_request(self, intro_id: int, user_id: str, now: datetime) -> int | None:
        """Claim one attempt at sending `user_id`'s consent request; its number, or None when not due.

        Due: still pending and undelivered, and never tried or last tried before RETRY_AFTER ago.
        """
        r = IntroductionRow
        row = self._session.get(IntroductionRow, intro_id, populate_existing=True)
        if row is None:
            return None
        side_a = row.user_a == user_id
        channel, attempts, tried_at = (
            (r.a_channel, r.a_attempts, r.a_tried_at) if side_a else (r.b_channel, r.b_attempts, r.b_tried_at)
        )
        seen = row.a_attempts if side_a else row.b_attempts
        claim = update(r).where(
            r.id == intro_id,
            r.outcome == PENDING,
            channel.is_(None),
            attempts == seen,
            or_(tried_at.is_(None), tried_at <= retry_due_before(now)),
        )
        values = (
            {"a_attempts": seen + 1, "a_tried_at": now}
            if side_a
            else {"b_attempts": seen + 1, "b_tried_at": now}
        )
        return seen + 1 if self._run(claim, **values) == 1 else None

    def unsent_requests(self, now: datetime) -> list[tuple[Introduction, str]]:
        """Pending consent requests not delivered and due for an attempt: tried and refused before,
        or never tried at all (the process stopped between storing the introduction and sending)."""
        r = IntroductionRow
        due = retry_due_before(now)
        side_a = and_(
            r.user_a != r.proposer,
            r.a_channel.is_(None),
            or_(r.a_tried_at <= due, and_(r.a_tried_at.is_(None), r.created_at <= due)),
        )
        side_b = and_(
            r.user_b != r.proposer,
            r.b_channel.is_(None),
            or_(r.b_tried_at <= due, and_(r.b_tried_at.is_(None), r.created_at <= due)),
        )
        rows = self._session.scalars(
            select(r).where(r.outcome == PENDING, or_(side_a, side_b)).order_by(r.id)
        )
        unsent = []
        for row in rows:
            for user_id, channel in ((row.user_a, row.a_channel), (row.user_b, row.b_channel)):
                if user_id != row.proposer and channel is None:
                    unsent.append((_to_intro(row), user_id))
        return unsent

    def in_group(
        self, team_id: str, intro_id: int | None = None, channel_id: str | None = None
    ) -> tuple[Introduction, str] | None:
        """An introduction made in this workspace (by ID, or the latest in this group DM) and its group DM."""
        r = IntroductionRow
        where = [r.team_id == team_id, r.outcome == Outcome.INTRODUCED.value, r.group_channel.is_not(None)]
        where.append(r.id == intro_id if intro_id is not None else r.group_channel == channel_id)
        row = self._session.scalars(select(r).where(*where).order_by(r.id.desc()).limit(1)).one_or_none()
        return None if row is None or row.group_channel is None else (_to_intro(row), row.group_channel)

    def opened_group(self, intro_id: int, channel_id: str) -> None:
        r = IntroductionRow
        self._run(update(r).where(r.id == intro_id), group_channel=channel_id)

    def met_before(self, cutoff: datetime) -> list[Introduction]:
        """Accepted introductions whose group DM opened by `cutoff` and that are not meetings yet."""
        r = IntroductionRow
        rows = self._session.scalars(
            select(r)
            .where(
                r.outcome == Outcome.INTRODUCED.value,
                r.group_channel.is_not(None),
                r.meeting_recorded_at.is_(None),
                r.closed_at <= cutoff,
            )
            .order_by(r.id)
        )
        return [_to_intro(row) for row in rows]

    def mark_meeting_recorded(self, intro_id: int, now: datetime) -> None:
        r = IntroductionRow
        self._run(update(r).where(r.id == intro_id, r.meeting_recorded_at.is_(None)), meeting_recorded_at=now)

    def _run(self, statement: Update, **values: Any) -> int:
        return run_update(self._session, statement, **values)


def _to_intro(row: IntroductionRow) -> Introduction:
    return Introduction(
        id=row.id,
        team_id=row.team_id,
        proposer=row.proposer,
        a=row.user_a,
        b=row.user_b,
        why=row.why,
        created_at=row.created_at,
        a_answer=Answer(row.a_answer) if row.a_answer else None,
        a_answered_at=row.a_answered_at,
        b_answer=Answer(row.b_answer) if row.b_answer else None,
        b_answered_at=row.b_answered_at,
        outcome=Outcome(row.outcome),
        closed_at=row.closed_at,
    )
