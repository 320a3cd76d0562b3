"""The introduction work a tick does: close introductions nobody answered within a week."""

from __future__ import annotations

from datetime import datetime

from bot.due_work import DueJob
from bot.runtime import Runtime
from bot.services.introductions import expire_overdue


def expire_introductions(runtime: Runtime, now: datetime) -> int:
    return expire_overdue(runtime.unit_of_work, runtime.intro_messenger_for, now)


JOBS = [DueJob("introductions expired", expire_introductions)]
