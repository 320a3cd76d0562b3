"""A tick runs each job when it is due; at the cap's time (LONGEST_SLEEP, when a job knew of nothing sooner)
it asks the job first and runs it only if work came due without a wake. Real storage, made-up jobs."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

import bot.jobs
from bot.jobs import LONGEST_SLEEP, DueJob, at_leisure, run_due_work
from bot.services.ports import DueAt
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


class StoredWork:
    """Work items due at some time, as a use case stores them; `run` does those due, `next_due` reads them."""

    def __init__(self) -> None:
        self.due: list[datetime] = []
        self.runs = 0

    def run(self, runtime: Any, now: datetime) -> int:
        self.runs += 1
        done = [at for at in self.due if at <= now]
        self.due = [at for at in self.due if at > now]
        return len(done)

    def next_due(self, runtime: Any, now: datetime) -> datetime | None:
        return min(self.due, default=None)


ALARM = T0 + LONGEST_SLEEP + HOUR  # a job due by the clock alone, like the day-before heads-up


def after_the_alarm(runtime: Any, now: datetime) -> datetime | None:
    """Like many a job's next due time, it assumes the job just ran at `now`."""
    return ALARM if now < ALARM else None


@pytest.fixture
def tick(session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> Any:
    work, housekeeping, alarm = StoredWork(), StoredWork(), StoredWork()
    jobs = [
        DueJob("work", work.run, work.next_due),
        DueJob("housekeeping", housekeeping.run, at_leisure),
        DueJob("alarm", alarm.run, after_the_alarm),
    ]
    monkeypatch.setattr(bot.jobs, "scheduled_jobs", lambda: jobs)
    runtime = SimpleNamespace(
        unit_of_work=lambda: SqlUnitOfWork(session_factory), wakes=itertools.count().__next__
    )

    def at(now: datetime) -> dict[str, int]:
        return run_due_work(runtime, now)

    at.work, at.housekeeping, at.alarm, at.runtime = work, housekeeping, alarm, runtime  # type: ignore[attr-defined]
    return at


def stored(tick: Any) -> dict[str, DueAt]:
    with tick.runtime.unit_of_work() as work:
        return work.due_work.next_due()


def test_an_idle_job_only_looks_at_the_cap_and_housekeeping_runs(tick: Any) -> None:
    assert tick(T0) == {"work": 0, "housekeeping": 0, "alarm": 0}
    assert (tick.work.runs, tick.housekeeping.runs) == (1, 1)  # never seen: both run
    capped = DueAt(T0 + LONGEST_SLEEP, capped=True)
    assert stored(tick) == {"work": capped, "housekeeping": capped, "alarm": capped}

    assert tick(T0 + LONGEST_SLEEP - HOUR) == {"work": 0, "housekeeping": 0, "alarm": 0}
    assert (tick.work.runs, tick.housekeeping.runs) == (1, 1)  # both asleep

    tick(T0 + LONGEST_SLEEP)
    assert (tick.work.runs, tick.housekeeping.runs) == (1, 2)  # work looked, found nothing; housekeeping ran
    assert stored(tick)["work"] == DueAt(T0 + 2 * LONGEST_SLEEP, True)


def test_work_stored_without_a_wake_is_done_at_the_cap(tick: Any) -> None:
    tick(T0)
    tick.work.due.append(T0 + HOUR)  # a use case forgot to wake the job
    assert tick(T0 + 2 * HOUR)["work"] == 0  # the job sleeps until the cap
    assert tick(T0 + LONGEST_SLEEP)["work"] == 1  # the cap's look found it due: done now, not six hours on


def test_a_known_due_time_is_not_capped_and_runs_without_a_look_first(tick: Any) -> None:
    tick.work.due.append(T0 + 2 * HOUR)
    tick(T0)
    assert stored(tick)["work"] == DueAt(T0 + 2 * HOUR, False)
    tick.work.due.append(T0 + LONGEST_SLEEP + 3 * HOUR)  # beyond the cap: it looks again at the cap
    assert tick(T0 + 2 * HOUR)["work"] == 1
    assert stored(tick)["work"] == DueAt(T0 + 2 * HOUR + LONGEST_SLEEP, True)
    assert tick(T0 + 2 * HOUR + LONGEST_SLEEP)["work"] == 0
    assert tick.work.runs == 2  # looked at the cap; its work is an hour later
    assert stored(tick)["work"] == DueAt(T0 + LONGEST_SLEEP + 3 * HOUR, False)
    assert tick(T0 + LONGEST_SLEEP + 3 * HOUR)["work"] == 1


def test_a_job_due_by_the_clock_runs_at_the_first_tick_after_its_time_though_only_the_cap_was_stored(
    tick: Any,
) -> None:
    tick(T0)
    assert stored(tick)["alarm"] == DueAt(T0 + LONGEST_SLEEP, capped=True)  # the alarm is further off
    tick(ALARM + HOUR)  # no tick for seven hours (a stopped process): asked as of its last run, it is due
    assert tick.alarm.runs == 2
