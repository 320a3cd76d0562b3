"""The group both calendar adapters are tested with, and what falling back looks like in the log."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from bot.domain.scheduling.model import Member
from bot.domain.scheduling.slots import propose_slots

NOW = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)  # a Monday
MEMBERS = [Member("U1", "Europe/London"), Member("U2", "Europe/London")]
EMAILS = {"U1": "ana@example.com", "U2": "ben@example.com"}
WORKING_HOURS_ONLY = propose_slots(MEMBERS, NOW, default_zone="UTC")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def one_line_from_us(caplog, level: int) -> logging.LogRecord:
    """The single record the fallback writes: nothing else at WARNING or above, and no traceback."""
    ours = [r for r in caplog.records if r.name.startswith("bot.") and r.levelno >= logging.INFO]
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(ours) == 1 and ours[0].levelno == level, [r.getMessage() for r in ours]
    assert loud in ([], ours)
    assert ours[0].exc_info is None and "\n" not in ours[0].getMessage()
    return ours[0]
