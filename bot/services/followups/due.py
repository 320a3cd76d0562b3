"""The follow-up work a tick does: send the thank-you nudges that are due."""

from __future__ import annotations

from datetime import datetime

from bot.jobs import DueJob
from bot.runtime import Runtime
from bot.services.followups.nudges import send_due_nudges


def send_nudges(runtime: Runtime, now: datetime) -> int:
    return send_due_nudges(runtime.unit_of_work, runtime.messenger_for, now)


JOBS = [DueJob("follow-up nudges sent", send_nudges)]
