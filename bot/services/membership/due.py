"""Housekeeping a tick does: forget Slack event ids older than a day."""

from __future__ import annotations

from datetime import datetime

from bot.jobs import DueJob
from bot.runtime import Runtime
from bot.services.membership.seen_events import forget_old_events


def prune_seen_events(runtime: Runtime, now: datetime) -> int:
    return forget_old_events(runtime.unit_of_work, now)


JOBS = [DueJob("seen Slack events pruned", prune_seen_events)]
