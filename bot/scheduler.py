"""The in-process scheduler: a thin APScheduler job that runs the due work every minute."""

from __future__ import annotations

from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.jobs import run_due_work
from bot.runtime import Runtime

TICK_SECONDS = 60


def start_scheduler(runtime: Runtime) -> BackgroundScheduler:
    """Start ticking now and then every minute; a slow tick is never run twice at once."""
    scheduler = BackgroundScheduler(
        timezone=UTC,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": TICK_SECONDS},
    )
    scheduler.add_job(
        lambda: run_due_work(runtime, runtime.clock()),
        IntervalTrigger(seconds=TICK_SECONDS, timezone=UTC),
        id="due-work",
        name="due work",
        next_run_time=datetime.now(UTC),
    )
    scheduler.start()
    return scheduler
