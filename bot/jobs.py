"""Scheduled work, run the same way by the in-process scheduler and by `rapport tick`.

Each job finds what is due at `now` from stored facts and claims it in the database before it
talks to Slack, so running it twice (two replicas, a tick beside `rapport run`) does nothing twice.
The jobs themselves are listed in `scheduled_jobs()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.runtime import Runtime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DueJob:
    name: str
    run: Callable[[Runtime, datetime], int]  # returns how many items it handled


def scheduled_jobs() -> list[DueJob]:
    # Imported here: the feature modules import DueJob from this one.
    from bot.services.coffee import due as coffee_jobs
    from bot.services.followups import due as followup_jobs
    from bot.services.introductions import due as intro_jobs
    from bot.services.keep_in_touch import due as keep_in_touch_jobs
    from bot.services.membership import due as hardening_jobs
    from bot.services.program import due as insight_jobs

    return [
        *coffee_jobs.JOBS,
        *intro_jobs.JOBS,
        *followup_jobs.JOBS,
        *keep_in_touch_jobs.JOBS,
        *insight_jobs.JOBS,
        *hardening_jobs.JOBS,
    ]


def run_due_work(runtime: Runtime, now: datetime) -> dict[str, int]:
    """Run every job once; one failing job is logged and does not stop the others."""
    done: dict[str, int] = {}
    for job in scheduled_jobs():
        try:
            done[job.name] = job.run(runtime, now)
        except Exception:
            log.exception("scheduled job %s failed; it will be tried again at the next tick", job.name)
            done[job.name] = -1
    return done
