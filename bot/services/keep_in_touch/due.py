"""The keeping-in-touch work a tick does: catch-up suggestions, internship recaps, alumni reminders."""

from __future__ import annotations

from datetime import datetime

from bot.jobs import DueJob
from bot.runtime import Runtime
from bot.services.keep_in_touch.alumni import send_alumni_reminders
from bot.services.keep_in_touch.catch_ups import suggest_catch_ups
from bot.services.keep_in_touch.recaps import send_due_recaps


def catch_ups(runtime: Runtime, now: datetime) -> int:
    return suggest_catch_ups(runtime.unit_of_work, runtime.keep_in_touch_for, now)


def recaps(runtime: Runtime, now: datetime) -> int:
    return send_due_recaps(runtime.unit_of_work, runtime.keep_in_touch_for, now)


def alumni_reminders(runtime: Runtime, now: datetime) -> int:
    return send_alumni_reminders(runtime.unit_of_work, runtime.keep_in_touch_for, now)


JOBS = [
    DueJob("catch-up suggestions sent", catch_ups),
    DueJob("internship recaps sent", recaps),
    DueJob("alumni reminders sent", alumni_reminders),
]
