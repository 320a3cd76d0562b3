"""The member directory: what Slack last said about each person, and each workspace's walk of users.list.

Writes are idempotent (the same person stored twice is one row), so two replicas refreshing at once cost
a little work, never a wrong row; the walk moves on by a conditional UPDATE, so only one of them goes on.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.services.people.ports import DirectoryWalk
from bot.services.ports import DirectoryMember
from storage.people.models import DirectoryRow, DirectoryWalkRow
from storage.queries import run_delete, run_prebuilt, run_update

CHUNK = 500  # user IDs per IN (...): well inside SQLite's and PostgreSQL's parameter limits
NAME_LENGTH = 250
FIELDS = ("name", "tz", "utc_offset_minutes", "deleted", "is_bot")
R, W = DirectoryRow, DirectoryWalkRow
_MEMBERS = select(R.user_id, R.name, R.tz, R.utc_offset_minutes, R.deleted, R.is_bot).where(
    R.team_id == bindparam("team_id"), R.user_id.in_(bindparam("user_ids", expanding=True))
)


class SqlDirectoryRepository:
    """The directory of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, team_id: str, user_ids: Collection[str]) -> dict[str, DirectoryMember]:
        """Plain columns, not ORM objects: every scheduled job reads this, often for one person."""
        found: dict[str, DirectoryMember] = {}
        for chunk in _chunks(user_ids):
            rows = run_prebuilt(self._session, _MEMBERS, {"team_id": team_id, "user_ids": chunk})
            found.update((row[0], DirectoryMember(*row)) for row in rows)
        return found

    def save(self, team_id: str, members: Sequence[DirectoryMember], now: datetime, add: bool = True) -> int:
        """One read for the batch, an UPDATE only for what changed, one insert for the new (when `add`)."""
        wanted = {m.user_id: _values(m) for m in members}
        existing = {row.user_id: row for row in self._rows(team_id, wanted)}
        written = 0
        for user_id, row in existing.items():
            values = wanted[user_id]
            if any(getattr(row, field) != values[field] for field in FIELDS):
                mine = update(R).where(R.team_id == team_id, R.user_id == user_id)
                written += run_update(self._session, mine, seen_at=now, **values)
        new = [
            R(team_id=team_id, user_id=u, seen_at=now, **v) for u, v in wanted.items() if u not in existing
        ]
        if add and new:
            written += self._insert(new)
            self._ensure_walk(team_id)
        return written

    def walks(self) -> list[DirectoryWalk]:
        rows = self._session.execute(select(W.team_id, W.cursor, W.finished_at).order_by(W.team_id))
        return [DirectoryWalk(team_id, cursor, finished_at) for team_id, cursor, finished_at in rows]

    def step_walk(self, walk: DirectoryWalk, next_cursor: str | None, now: datetime) -> bool:
        where_it_was = (
            W.team_id == walk.team_id,
            W.cursor.is_(None) if walk.cursor is None else W.cursor == walk.cursor,
            W.finished_at.is_(None) if walk.finished_at is None else W.finished_at == walk.finished_at,
        )
        values: dict[str, Any] = {"cursor": next_cursor}
        if next_cursor is None:
            values["finished_at"] = now
        return run_update(self._session, update(W).where(*where_it_was), **values) == 1

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """The member's directory row (a walk adds nobody back: it refreshes only the people kept)."""
        mine = delete(R).where(R.team_id == team_id, R.user_id == user_id)
        return {"directory": run_delete(self._session, mine)}

    def _rows(self, team_id: str, user_ids: Collection[str]) -> Iterator[DirectoryRow]:
        for chunk in _chunks(user_ids):
            yield from self._session.scalars(select(R).where(R.team_id == team_id, R.user_id.in_(chunk)))

    def _insert(self, rows: list[DirectoryRow]) -> int:
        """All at once; when another process stored some of them meanwhile, one by one."""
        try:
            with self._session.begin_nested():
                self._session.add_all(rows)
            return len(rows)
        except IntegrityError:
            pass
        inserted = 0
        for row in rows:
            fresh = R(**{c: getattr(row, c) for c in ("team_id", "user_id", "seen_at", *FIELDS)})
            try:
                with self._session.begin_nested():
                    self._session.add(fresh)
                inserted += 1
            except IntegrityError:
                continue  # stored meanwhile: theirs is as fresh as ours
        return inserted

    def _ensure_walk(self, team_id: str) -> None:
        if self._session.scalar(select(W.id).where(W.team_id == team_id)) is not None:
            return
        try:
            with self._session.begin_nested():
                self._session.add(W(team_id=team_id, cursor=None, finished_at=None))
        except IntegrityError:
            pass  # made meanwhile


def _chunks(user_ids: Collection[str]) -> Iterator[list[str]]:
    ids = sorted(set(user_ids))
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _values(member: DirectoryMember) -> dict[str, Any]:
    return {
        "name": member.name[:NAME_LENGTH],
        "tz": member.tz if member.tz and len(member.tz) <= 64 else None,
        "utc_offset_minutes": member.utc_offset_minutes,
        "deleted": member.deleted,
        "is_bot": member.is_bot,
    }
