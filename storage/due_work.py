"""When each scheduled job next has something to do: a tick skips a job until then (bot/jobs.py).

A job stores its next due time after it ran, only if nobody moved it meanwhile (a conditional UPDATE);
a use case that makes work due sooner moves it earlier (`wake`), in the transaction that stores the work.
A time stored only because no job sleeps longer than LONGEST_SLEEP is marked `capped` (a wake clears it).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import String, bindparam, false, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.services.ports import DueAt, Planned
from storage.base import Base, UTCDateTime
from storage.queries import run_prebuilt, run_update


class DueWorkRow(Base):
    __tablename__ = "due_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(64), unique=True)
    next_due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    capped: Mapped[bool] = mapped_column(server_default=false())  # the job knew of nothing sooner


D = DueWorkRow
_WAKE = (  # every use case that stores work runs this: built once
    update(D.__table__)
    .where(D.job == bindparam("the_job"), D.next_due_at > bindparam("at"))
    .values(next_due_at=bindparam("earlier"), capped=False)
)


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

    def next_due(self) -> dict[str, DueAt]:
        rows = self._session.execute(select(D.job, D.next_due_at, D.capped))
        return {job: DueAt(at, capped) for job, at, capped in rows}

    def settle(self, job: str, was: datetime | None, next_due: datetime, capped: bool = False) -> bool:
        if was is None:
            try:
                with self._session.begin_nested():
                    self._session.add(D(job=job, next_due_at=next_due, capped=capped))
                return True
            except IntegrityError:
                return False  # another process stored it first: theirs stands until the next run
        mine = update(D).where(D.job == job, D.next_due_at == was)
        return run_update(self._session, mine, next_due_at=next_due, capped=capped) == 1

    def settle_many(self, planned: Sequence[Planned]) -> None:
        """`settle` for each job of a tick, the updates in one executemany."""
        known = [
            {"j": p.job, "w": p.was, "t": p.next_due, "c": p.capped} for p in planned if p.was is not None
        ]
        for p in planned:
            if p.was is None:
                self.settle(p.job, None, p.next_due, p.capped)
        if known:
            table = D.__table__
            mine = (
                update(table)
                .where(table.c.job == bindparam("j"), table.c.next_due_at == bindparam("w"))
                .values(next_due_at=bindparam("t"), capped=bindparam("c"))
            )
            self._session.connection().execute(mine, known)

    def wake(self, job: str, at: datetime) -> None:
        run_prebuilt(self._session, _WAKE, {"the_job": job, "at": at, "earlier": at})
        _WAKES.add()
