"""The in-process scheduler: a thin APScheduler job that runs the due work every minute."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.jobs import run_due_work
from bot.runtime import Runtime

TICK_SECONDS = 60


def start_scheduler(
    runtime: Runtime, tick: Callable[[], object] | None = None, first_in: timedelta = timedelta()
) -> BackgroundScheduler:
    """Start ticking after `first_in` (at once by default), then every minute; a slow tick is never run twice
    at once. `tick` replaces running the due work at the runtime's clock (the sandbox adds its lock)."""
    scheduler = BackgroundScheduler(
        timezone=UTC,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": TICK_SECONDS},
    )
    scheduler.add_job(
        tick or (lambda: run_due_work(runtime, runtime.clock())),
        IntervalTrigger(seconds=TICK_SECONDS, timezone=UTC),
        id="due-work",
        name="due work",
        next_run_time=datetime.now(UTC) + first_in,
    )
    scheduler.start()
    return scheduler
