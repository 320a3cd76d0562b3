"""The introduction work a tick does: retry consent requests Slack refused, close introductions
nobody answered within a week, and record accepted introductions as meetings once their group DM
has been open a few days (the follow-up nudges job, which runs after these, then thanks them)."""

from __future__ import annotations

from datetime import datetime

from bot.jobs import DueJob
from bot.runtime import Runtime
from bot.services.introductions.delivery import record_met, retry_unsent
from bot.services.introductions.proposals import expire_overdue


def expire_introductions(runtime: Runtime, now: datetime) -> int:
    return expire_overdue(runtime.unit_of_work, runtime.intro_messenger_for, now)


def retry_consent_requests(runtime: Runtime, now: datetime) -> int:
    return retry_unsent(runtime.unit_of_work, runtime.intro_messenger_for, now)


def record_met_introductions(runtime: Runtime, now: datetime) -> int:
    return record_met(runtime.unit_of_work, runtime.messenger_for, now)


JOBS = [
    DueJob("consent requests retried", retry_consent_requests),
    DueJob("introductions expired", expire_introductions),
    DueJob("introductions met", record_met_introductions),
]
