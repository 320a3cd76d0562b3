"""The insight work a tick does: the program leads' weekly digest."""

from __future__ import annotations

from datetime import datetime

from bot.jobs import DueJob
from bot.runtime import Runtime
from bot.services.program.digest import send_weekly_digests


def send_digests(runtime: Runtime, now: datetime) -> int:
    """Program leads are the people named in RAPPORT_ADMIN_IDS."""
    return send_weekly_digests(
        runtime.unit_of_work, runtime.insight_messenger_for, runtime.settings.admin_ids, now
    )


JOBS = [DueJob("weekly digests sent", send_digests)]
