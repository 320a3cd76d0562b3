"""Members' own settings per pool (and who never meets whom), and the "still in?" question each may be owed.

Settings change by read-modify-write under a row lock (`update`): a Pause pressed while a tick counts a
silent round must not be overwritten by the tick's older copy, nor the count by the Pause.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.coffee.model import Frequency, Participation, ParticipationStatus, StayQuestion
from storage.coffee.models import ExclusionRow, ParticipationRow, PoolRow
from storage.queries import insert_ignoring_taken, new_row_values, run_delete, run_update

P = ParticipationRow
LOCKED_PER_QUERY = 500  # user IDs per IN list: well under SQLite's 32,766 bound parameters


def _to_participation(row: ParticipationRow) -> Participation:
    return Participation(
        pool_id=row.pool_id,
        user_id=row.user_id,
        status=ParticipationStatus(row.status),
        paused_until=row.paused_until,
        frequency=None if row.frequency is None else Frequency(row.frequency),
        skip_next=row.skip_next,
        ignored_rounds=row.ignored_rounds,
    )


def _set_settings(row: ParticipationRow, participation: Participation, now: datetime) -> None:
    row.status = ParticipationStatus(participation.status).value
    row.paused_until = participation.paused_until
    row.frequency = None if participation.frequency is None else Frequency(participation.frequency).value
    row.skip_next = participation.skip_next
    row.ignored_rounds = participation.ignored_rounds
    row.updated_at = now


def _defaults(team_id: str, pool_id: int, user_id: str, now: datetime) -> ParticipationRow:
    row = P(team_id=team_id, pool_id=pool_id, user_id=user_id)
    _set_settings(row, Participation(pool_id, user_id), now)
    return row


class SqlParticipationRepository:
    """Members' own settings per pool, and who never wants to meet whom."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, pool_id: int, user_id: str) -> Participation:
        """The member's settings, or the defaults (active) when none are stored."""
        row = self._row(pool_id, user_id)
        return Participation(pool_id, user_id) if row is None else _to_participation(row)

    def update(
        self, pool_id: int, user_id: str, now: datetime, change: Callable[[Participation], Participation]
    ) -> tuple[Participation, Participation]:
        """Apply `change` to the member's stored settings (the defaults when none are) under a row lock;
        returns them (before, after). LookupError for an unknown pool.

        PostgreSQL: SELECT ... FOR UPDATE, so a concurrent update waits and then reads this one's result
        (a first row inserted by two at once: the loser's insert waits, fails, and it locks the winner's).
        SQLite: every transaction begins IMMEDIATE (storage/db.py), which already serialises them.
        """
        row = self._locked(pool_id, user_id) or self._insert_defaults(pool_id, user_id, now)
        before = _to_participation(row)
        after = change(before)
        if after != before:
            _set_settings(row, after, now)
            self._session.flush()
        return before, after

    def update_many(
        self, pool_id: int, changes: Mapping[str, Callable[[Participation], Participation]], now: datetime
    ) -> dict[str, tuple[Participation, Participation]]:
        """`update` for many members of one pool at once (a closing round counts all its members): rows
        missing are inserted with the defaults (a concurrent insert of the same row is left alone), then
        all are locked in batches of one SELECT … FOR UPDATE each, ordered by user so two callers lock in
        the same order, and the changed ones are written in one flush."""
        if not changes:
            return {}
        team_id = self._team_of(pool_id)
        user_ids = sorted(changes)
        rows = self._locked_many(pool_id, user_ids)
        if missing := [user_id for user_id in user_ids if user_id not in rows]:
            self._insert_defaults_many(team_id, pool_id, missing, now)
            rows |= self._locked_many(pool_id, missing)
        result = {}
        for user_id in user_ids:
            row = rows[user_id]
            before = _to_participation(row)
            after = changes[user_id](before)
            if after != before:
                _set_settings(row, after, now)
            result[user_id] = (before, after)
        self._session.flush()
        return result

    def save(self, participation: Participation, now: datetime) -> None:
        """Overwrite the member's settings with these (seeding, tests); LookupError for an unknown pool.

        A change to what is stored goes through `update`: saving a copy read earlier in the
        transaction would undo whatever another transaction changed in between.
        """
        row = self._row(participation.pool_id, participation.user_id) or self._insert_defaults(
            participation.pool_id, participation.user_id, now
        )
        _set_settings(row, participation, now)
        self._session.flush()

    def in_pool(self, pool_id: int) -> dict[str, Participation]:
        """Stored settings of every member who has any, by user ID."""
        rows = self._session.scalars(
            select(ParticipationRow)
            .where(ParticipationRow.pool_id == pool_id)
            .order_by(ParticipationRow.user_id)
        )
        return {row.user_id: _to_participation(row) for row in rows}

    def add_exclusion(self, team_id: str, user_id: str, never_with: str, now: datetime) -> bool:
        """Record that `user_id` never wants to be paired with `never_with`; False if already recorded.

        Recorded per asker: B asking after A asked is a new row (and True), though the pair
        was already excluded. ValueError when someone excludes themselves.
        """
        if user_id == never_with:
            raise ValueError("a member cannot exclude themselves")
        row = ExclusionRow(team_id=team_id, user_id=user_id, never_with=never_with, created_at=now)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            if self._exclusion_exists(team_id, user_id, never_with):
                return False
            raise
        return True

    def exclusions(self, team_id: str) -> frozenset[frozenset[str]]:
        """Every excluded pair in the workspace (either side asked)."""
        pairs = self._session.execute(
            select(ExclusionRow.user_id, ExclusionRow.never_with).where(ExclusionRow.team_id == team_id)
        )
        return frozenset(frozenset(pair) for pair in pairs)

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Remove the member's settings in every pool and every "never" pair they are part of.

        An exclusion someone else made about them goes too: it names them, and once forgotten they
        are a stranger to Rapport, so there is nobody left for it to keep away.
        """
        p, e = ParticipationRow, ExclusionRow
        settings = run_delete(self._session, delete(p).where(p.team_id == team_id, p.user_id == user_id))
        either_side = or_(e.user_id == user_id, e.never_with == user_id)
        never = run_delete(self._session, delete(e).where(e.team_id == team_id, either_side))
        return {"pool_settings": settings, "never_choices": never}

    def owe_stay_question(self, pool_id: int, user_id: str, round_id: int) -> None:
        """Record, with the close of `round_id`, that the member is owed "still in?" (a new one replaces
        an unsent older one: one question is enough)."""
        owed = {"stay_round_id": round_id, "stay_claimed_at": None, "stay_channel_id": None}
        if run_update(self._session, update(P).where(*self._is(pool_id, user_id)), **owed) != 1:
            raise LookupError(f"no settings of {user_id} in pool {pool_id}")

    def owed_stay_questions(self) -> list[StayQuestion]:
        """Every "still in?" owed and not yet settled, in every pool, claimed or not."""
        rows = self._session.execute(
            select(P.pool_id, P.user_id, P.stay_round_id, P.stay_channel_id)
            .where(P.stay_round_id.is_not(None))
            .order_by(P.pool_id, P.user_id)
        )
        return [StayQuestion(pool_id, user, round_id, channel) for pool_id, user, round_id, channel in rows]

    def stay_question_claims(self) -> tuple[bool, datetime | None]:
        owed = P.stay_round_id.is_not(None)
        row = self._session.execute(
            select(func.count().filter(P.stay_claimed_at.is_(None)), func.min(P.stay_claimed_at)).where(owed)
        ).one()
        return bool(row[0]), row[1]

    def claim_stay_question(
        self, question: StayQuestion, now: datetime, lease_seconds: int
    ) -> StayQuestion | None:
        """The question as stored now, for exactly one caller while it is owed and unclaimed or its claim is
        older than the lease (the process that claimed it died); None for everyone else."""
        stale = now - timedelta(seconds=lease_seconds)
        owed = (*self._is(question.pool_id, question.user_id), P.stay_round_id == question.round_id)
        statement = update(P).where(*owed, or_(P.stay_claimed_at.is_(None), P.stay_claimed_at < stale))
        if run_update(self._session, statement, stay_claimed_at=now) != 1:
            return None
        channel = self._session.scalar(select(P.stay_channel_id).where(*owed))
        return StayQuestion(question.pool_id, question.user_id, question.round_id, channel)

    def stamp_stay_question(self, question: StayQuestion, channel_id: str) -> None:
        """The member's DM is open: a retry looks there for the question before asking again."""
        statement = update(P).where(
            *self._is(question.pool_id, question.user_id), P.stay_round_id == question.round_id
        )
        run_update(self._session, statement, stay_channel_id=channel_id)

    def settle_stay_question(self, question: StayQuestion) -> None:
        """Nothing more is owed for this close: Slack took the question, refused it, or it is moot."""
        statement = update(P).where(
            *self._is(question.pool_id, question.user_id), P.stay_round_id == question.round_id
        )
        run_update(self._session, statement, stay_round_id=None, stay_claimed_at=None, stay_channel_id=None)

    def _is(self, pool_id: int, user_id: str) -> tuple:
        return (P.pool_id == pool_id, P.user_id == user_id)

    def _locked(self, pool_id: int, user_id: str) -> ParticipationRow | None:
        """The member's row, locked until the transaction ends, refreshed if the session held it."""
        return self._locked_many(pool_id, [user_id]).get(user_id)

    def _locked_many(self, pool_id: int, user_ids: Sequence[str]) -> dict[str, ParticipationRow]:
        """`_locked` for many members, in user order (two callers lock in the same order)."""
        found = {}
        for start in range(0, len(user_ids), LOCKED_PER_QUERY):
            batch = user_ids[start : start + LOCKED_PER_QUERY]
            rows = self._session.scalars(
                select(P)
                .where(P.pool_id == pool_id, P.user_id.in_(batch))
                .order_by(P.user_id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
            found.update((row.user_id, row) for row in rows)
        return found

    def _insert_defaults_many(
        self, team_id: str, pool_id: int, user_ids: Sequence[str], now: datetime
    ) -> None:
        rows = [_defaults(team_id, pool_id, user_id, now) for user_id in user_ids]
        insert_ignoring_taken(self._session, P, [new_row_values(row) for row in rows])

    def _insert_defaults(self, pool_id: int, user_id: str, now: datetime) -> ParticipationRow:
        """Insert the member's default settings and lock them (or lock the row a concurrent insert made)."""
        row = _defaults(self._team_of(pool_id), pool_id, user_id, now)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            raced = self._locked(pool_id, user_id)
            if raced is None:
                raise
            return raced
        return row

    def _team_of(self, pool_id: int) -> str:
        team_id = self._session.scalar(select(PoolRow.team_id).where(PoolRow.id == pool_id))
        if team_id is None:
            raise LookupError(f"no pool {pool_id}")
        return team_id

    def _exclusion_exists(self, team_id: str, user_id: str, never_with: str) -> bool:
        found = self._session.scalar(
            select(ExclusionRow.id).where(
                ExclusionRow.team_id == team_id,
                ExclusionRow.user_id == user_id,
                ExclusionRow.never_with == never_with,
            )
        )
        return found is not None

    def _row(self, pool_id: int, user_id: str) -> ParticipationRow | None:
        return self._session.scalars(
            select(ParticipationRow).where(
                ParticipationRow.pool_id == pool_id, ParticipationRow.user_id == user_id
            )
        ).one_or_none()
