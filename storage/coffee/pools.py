"""Coffee pools and members' participation: rows to and from the domain's frozen values."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.coffee.model import Frequency, Participation, ParticipationStatus, Pool, Schedule
from storage.coffee.models import ExclusionRow, ParticipationRow, PoolRow
from storage.queries import run_delete

# A new pool checks in after the domain's default number of days (a dataclass default is a class attribute).
DEFAULT_CHECKIN_AFTER_DAYS: int = Pool.checkin_after_days


def _to_pool(row: PoolRow) -> Pool:
    schedule = Schedule(
        frequency=Frequency(row.frequency), weekday=row.weekday, at=row.at_time, timezone=row.timezone
    )
    return Pool(
        id=row.id,
        team_id=row.team_id,
        channel_id=row.channel_id,
        schedule=schedule,
        checkin_after_days=row.checkin_after_days,
        created_at=row.created_at,
    )


def _set_schedule(row: PoolRow, schedule: Schedule) -> None:
    if not 0 <= schedule.weekday <= 6:
        raise ValueError(f"weekday must be 0..6, not {schedule.weekday}")
    row.frequency = Frequency(schedule.frequency).value
    row.weekday = schedule.weekday
    row.at_time = schedule.at
    row.timezone = schedule.timezone


class SqlPoolRepository:
    """Pools of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, team_id: str, channel_id: str) -> Pool | None:
        row = self._row(team_id, channel_id)
        return None if row is None else _to_pool(row)

    def get_by_id(self, pool_id: int) -> Pool | None:
        row = self._session.get(PoolRow, pool_id)
        return None if row is None else _to_pool(row)

    def create(self, team_id: str, channel_id: str, schedule: Schedule, now: datetime) -> tuple[Pool, bool]:
        """The channel's pool, created with `schedule` if it had none; True when created now.

        Two concurrent creates make one pool: the loser's insert fails in a savepoint
        and it returns the winner's pool with False.
        """
        existing = self._row(team_id, channel_id)
        if existing is not None:
            return _to_pool(existing), False
        row = PoolRow(
            team_id=team_id,
            channel_id=channel_id,
            checkin_after_days=DEFAULT_CHECKIN_AFTER_DAYS,
            created_at=now,
        )
        _set_schedule(row, schedule)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            winner = self._row(team_id, channel_id)
            if winner is None:
                raise
            return _to_pool(winner), False
        return _to_pool(row), True

    def update(self, pool_id: int, schedule: Schedule, checkin_after_days: int) -> Pool:
        """Change the schedule and check-in delay; LookupError for an unknown pool."""
        row = self._session.get(PoolRow, pool_id)
        if row is None:
            raise LookupError(f"no pool {pool_id}")
        _set_schedule(row, schedule)
        row.checkin_after_days = checkin_after_days
        self._session.flush()
        return _to_pool(row)

    def claim_heads_up(self, pool_id: int, slot: datetime) -> bool:
        """True for exactly one caller per pool and slot: that caller sends the day-before heads-up."""
        result = self._session.execute(
            update(PoolRow)
            .where(PoolRow.id == pool_id, or_(PoolRow.heads_up_slot.is_(None), PoolRow.heads_up_slot < slot))
            .values(heads_up_slot=slot)
        )
        return result.rowcount == 1

    def all(self) -> list[Pool]:
        return [_to_pool(row) for row in self._session.scalars(select(PoolRow).order_by(PoolRow.id))]

    def _row(self, team_id: str, channel_id: str) -> PoolRow | None:
        return self._session.scalars(
            select(PoolRow).where(PoolRow.team_id == team_id, PoolRow.channel_id == channel_id)
        ).one_or_none()


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


class SqlParticipationRepository:
    """Members' own settings per pool, and who never wants to meet whom."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, pool_id: int, user_id: str) -> Participation:
        """The member's settings, or the defaults (active) when none are stored."""
        row = self._row(pool_id, user_id)
        return Participation(pool_id, user_id) if row is None else _to_participation(row)

    def save(self, participation: Participation, now: datetime) -> None:
        """Insert or update the member's settings; LookupError for an unknown pool."""
        row = self._row(participation.pool_id, participation.user_id)
        if row is not None:
            _set_settings(row, participation, now)
            self._session.flush()
            return
        team_id = self._session.scalar(select(PoolRow.team_id).where(PoolRow.id == participation.pool_id))
        if team_id is None:
            raise LookupError(f"no pool {participation.pool_id}")
        row = ParticipationRow(team_id=team_id, pool_id=participation.pool_id, user_id=participation.user_id)
        _set_settings(row, participation, now)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            raced = self._row(participation.pool_id, participation.user_id)
            if raced is None:
                raise
            _set_settings(raced, participation, now)
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
