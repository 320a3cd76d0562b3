"""When a consent request that Slack refused is tried again, and when an introduction counts as a meeting.

A request Slack could not deliver for a passing reason (rate limit, server error) is retried a few
times; one that can never arrive (the person is gone, or cannot receive DMs from the bot) closes the
introduction. An accepted introduction becomes a meeting once its group DM has been open a while.
"""

from __future__ import annotations

from datetime import datetime, timedelta

MAX_SEND_ATTEMPTS = 5
RETRY_AFTER = timedelta(minutes=15)
MET_AFTER = timedelta(days=3)
"""An introduction's group DM open this long counts as the two people having met."""

UNDELIVERABLE = frozenset(
    {
        "account_inactive",
        "cannot_dm_bot",
        "channel_not_found",
        "is_archived",
        "user_disabled",
        "user_not_found",
        "user_not_visible",
    }
)
"""Slack errors that no retry can fix: the person is gone or cannot get DMs from the bot."""


def pair_key(x: str, y: str) -> str:
    """The same key for (x, y) and (y, x): at most one pending introduction per key."""
    low, high = sorted((x, y))
    return f"{low}:{high}"


def gives_up(error_code: str, attempts: int) -> bool:
    """True when a request that failed with `error_code` on attempt number `attempts` is abandoned."""
    return error_code in UNDELIVERABLE or attempts >= MAX_SEND_ATTEMPTS


def retry_due_before(now: datetime) -> datetime:
    """A failed attempt made at or before this moment may be tried again."""
    return now - RETRY_AFTER


def met_before(now: datetime) -> datetime:
    """Introductions whose group DM opened at or before this moment count as met."""
    return now - MET_AFTER
