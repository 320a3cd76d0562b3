"""The asks' due work: one gentle nudge for an ask nobody answered in 3 working days, and expiry after 14
days. Each is claimed in storage before Slack is called, so two ticks never send it twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from bot.domain.help.asks import NUDGE_AFTER_WORKING_DAYS, OPEN_FOR, AskStatus, nudge_due
from bot.services.help.asks.ports import AskMessenger
from bot.services.ports import SlackError, UnitOfWorkFactory, best_effort


def nudge_unanswered(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], AskMessenger], now: datetime
) -> int:
    """One gentle nudge to each asker whose open ask nobody offered to help with in 3 working days."""
    with uow() as work:
        candidates = work.asks.to_nudge(now - timedelta(days=NUDGE_AFTER_WORKING_DAYS))
    sent = 0
    for ask in candidates:
        messenger = messenger_for(ask.team_id)
        try:
            zone = messenger.member(ask.asker_id).tz
        except SlackError:
            zone = None
        if not nudge_due(ask.created_at, zone, now):
            continue
        with uow() as work:
            claimed = work.asks.claim_nudge(ask.id, now)
            work.commit()
        if not claimed:
            continue
        try:
            messenger.nudge_asker(ask)
        except SlackError:
            with uow() as work:
                work.asks.release_nudge(ask.id)
                work.commit()
            continue
        sent += 1
    return sent


def expire_open(uow: UnitOfWorkFactory, messenger_for: Callable[[str], AskMessenger], now: datetime) -> int:
    """Open asks older than 14 days close as expired: the post is updated and the asker told, once."""
    with uow() as work:
        candidates = work.asks.to_expire(now - OPEN_FOR)
    expired = 0
    for ask in candidates:
        with uow() as work:
            closed = work.asks.close(ask.id, AskStatus.EXPIRED, now)
            work.commit()
        if not closed:
            continue
        gone = replace(ask, status=AskStatus.EXPIRED)
        messenger = messenger_for(ask.team_id)
        with best_effort():
            messenger.update_ask(gone)
        with best_effort():
            messenger.tell_expired(gone)
        expired += 1
    return expired
