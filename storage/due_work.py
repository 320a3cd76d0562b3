"""When each scheduled job next has something to do: a tick skips a job until then (bot/jobs.py).

A job stores its next due time after it ran, only if nobody moved it meanwhile (a conditional UPDATE);
a use case that makes work due sooner moves it earlier (`wake`), in the transaction that stores the work.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import String, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.base import Base, UTCDateTime
from storage.queries import run_update


class DueWorkRow(Base):
    __tablename__ = "due_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(64), unique=True)
    next_due_at: Mapped[datetime] = mapped_column(UTCDateTime())


D = DueWorkRow


class _Wakes:
    """How many wakes this process has stored (a rolled-back one counts too: it only costs a read)."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()

    def add(self) -> None:
        with self._lock:
            self._count += 1

    def count(self) -> int:
        return self._count


_WAKES = _Wakes()


def wakes_stored() -> int:
    """A number that changes whenever this process wakes a job: a tick reads the table again only then
    (another process's wakes it sees at its next tick, as it would have anyway)."""
    return _WAKES.count()


class SqlDueWorkRepository:
    """The due-work table of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def next_due(self) -> dict[str, datetime]:
        return {job: at for job, at in self._session.execute(select(D.job, D.next_due_at))}

    def settle(self, job: str, was: datetime | None, next_due: datetime) -> bool:
        if was is None:
            try:
                with self._session.begin_nested():
                    self._session.add(D(job=job, next_due_at=next_due))
                return True
            except IntegrityError:
                return False  # another process stored it first: theirs stands until the next run
        mine = update(D).where(D.job == job, D.next_due_at == was)
        return run_update(self._session, mine, next_due_at=next_due) == 1

    def settle_many(self, planned: Sequence[tuple[str, datetime | None, datetime]]) -> None:
        """`settle` for each (job, was, next due) of a tick, the updates in one executemany."""
        known = [{"j": job, "w": was, "t": then} for job, was, then in planned if was is not None]
        for job, was, then in planned:
            if was is None:
                self.settle(job, was, then)
        if known:
            table = D.__table__
            mine = (
                update(table)
                .where(table.c.job == bindparam("j"), table.c.next_due_at == bindparam("w"))
                .values(next_due_at=bindparam("t"))
            )
            self._session.connection().execute(mine, known)

    def wake(self, job: str, at: datetime) -> None:
        run_update(self._session, update(D).where(D.job == job, D.next_due_at > at), next_due_at=at)
        _WAKES.add()
