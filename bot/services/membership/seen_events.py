"""Slack retries an event it thinks we missed (X-Slack-Retry-Num) and may redeliver one: run each once.

Also the other records of anonymous or replayable requests, pruned by the due work: OAuth states.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.services.ports import UnitOfWork

KEEP_FOR = timedelta(days=1)  # Slack retries within minutes; a day is ample


def first_delivery(uow: Callable[[], UnitOfWork], event_id: str, team_id: str, now: datetime) -> bool:
    """Claim the event; False when an earlier delivery of it already did."""
    with uow() as work:
        claimed = work.seen_events.claim(event_id, team_id, now)
        work.commit()
    return claimed


TRIGGER_PREFIX = "t:"  # beside event ids (Ev…) in the same table, never mistaken for one


def first_use_of_trigger(uow: Callable[[], UnitOfWork], trigger_id: str, team_id: str, now: datetime) -> bool:
    """Claim a slash command's or button press's trigger_id; False when a replay of it was already run.

    Slack never sends one user action twice, but a captured request stays validly signed for five minutes.
    """
    return first_delivery(uow, TRIGGER_PREFIX + trigger_id, team_id, now)


def forget_old_events(uow: Callable[[], UnitOfWork], now: datetime) -> int:
    with uow() as work:
        pruned = work.seen_events.prune(now - KEEP_FOR)
        work.commit()
    return pruned


def forget_expired_oauth_states(uow: Callable[[], UnitOfWork], now: datetime) -> int:
    """Each anonymous GET /slack/install stores a state; drop those nobody can use any more."""
    with uow() as work:
        pruned = work.oauth_states.prune(now)
        work.commit()
    return pruned
