""" "Still in?": after a member's third silent round in a row, one DM asking whether to stay, pause or leave.

The close that counts the third silence records the question as owed in its own transaction. Sending
it is claimed, stamped and settled as a group's intro is: a process that dies after the close, or
after Slack took the DM, leaves the question owed, and a later tick sends it once (looking in the
member's DM first when an earlier attempt got that far).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from bot.domain.coffee.eligibility import still_worth_asking
from bot.domain.coffee.model import Pool, StayQuestion
from bot.services.coffee.ports import CoffeeMessenger
from bot.services.ports import SlackError, UnitOfWorkFactory

CLAIM_LEASE_SECONDS = 300  # a question claimed by a process that died is retried after this
# Slack's answers that may go differently next time; any other refusal (a deactivated member, a DM
# Slack will not open) settles the question unsent, as one courtesy is not worth a retry every tick
TRANSIENT = ("timeout", "connection_error", "slack_http_5", "ratelimited", "internal_error", "fatal_error")
log = logging.getLogger(__name__)


def ask_owed(
    uow: UnitOfWorkFactory,
    messenger: CoffeeMessenger,
    pool: Pool,
    owed: Iterable[StayQuestion],
    now: datetime,
) -> int:
    """Send questions a close has just recorded (after its commit); returns how many went out."""
    return sum(_ask(uow, messenger, pool, question, now) for question in owed)


def send_owed_stay_questions(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], CoffeeMessenger], now: datetime
) -> int:
    """The due work: questions still owed (a process died, or Slack failed for a moment) go out once."""
    with uow() as work:
        owed = work.participation.owed_stay_questions()
        pools = {pool.id: pool for pool in work.pools.all()} if owed else {}
    sent = 0
    for question in owed:
        pool = pools.get(question.pool_id)
        if pool is not None:
            sent += _ask(uow, messenger_for(pool.team_id), pool, question, now)
    return sent


def next_stay_question(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """At once for a question owed and not claimed; else when the earliest claim lapses (a close that owes
    one wakes the job)."""
    with uow() as work:
        unclaimed, claimed = work.participation.stay_question_claims()
    if unclaimed:
        return now
    return claimed + timedelta(seconds=CLAIM_LEASE_SECONDS) if claimed is not None else None


def _ask(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, pool: Pool, question: StayQuestion, now: datetime
) -> int:
    with uow() as work:
        claimed = work.participation.claim_stay_question(question, now, CLAIM_LEASE_SECONDS)
        if claimed is None:
            return 0
        moot = not still_worth_asking(work.participation.get(pool.id, question.user_id))
        if moot:  # they left, answered or rejoined since the close
            work.participation.settle_stay_question(claimed)
        work.commit()
    if moot:
        return 0
    try:
        sent = _send(uow, messenger, pool, claimed)
    except SlackError as error:
        if error.code.startswith(TRANSIENT):
            return 0  # the claim lapses after the lease, and a later tick looks before asking again
        log.info("still in? for %s in pool %s not sent: %s", claimed.user_id, pool.id, error.code)
        sent = 0
    with uow() as work:
        work.participation.settle_stay_question(claimed)
        work.commit()
    return sent


def _send(uow: UnitOfWorkFactory, messenger: CoffeeMessenger, pool: Pool, question: StayQuestion) -> int:
    """Open the DM (stamped), look for the question if an earlier attempt opened it, else ask."""
    channel = question.channel_id
    if channel is None:
        channel = messenger.open_direct(question.user_id)
        with uow() as work:
            work.participation.stamp_stay_question(question, channel)
            work.commit()
    elif messenger.find_stay_question(channel, pool.id, question.round_id) is not None:
        return 0  # Slack took it before the process that sent it died
    messenger.ask_to_stay(channel, pool.id, pool.channel_id, question.round_id)
    return 1
