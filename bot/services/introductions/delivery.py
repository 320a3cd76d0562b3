"""Consent requests that reach people even when Slack stumbles, and accepted introductions as meetings.

Each attempt at a request is claimed in the database before Slack is called, so a retry job, a
second replica or a re-run never sends one attempt twice. A request Slack refused for a passing
reason is tried again by the job; one that can never arrive closes the introduction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.domain.introductions import MET_AFTER, RETRY_AFTER, Introduction, Outcome, gives_up, met_before
from bot.domain.time import next_quarter_hour
from bot.services.followups.nudges import record_meeting
from bot.services.followups.ports import FollowUpMessenger, MeetingSource
from bot.services.introductions.ports import IntroMessenger, IntroSide
from bot.services.ports import ANY_TIME, Due, SlackError, UnitOfWork, UnitOfWorkFactory, best_effort

log = logging.getLogger(__name__)


def send_request(
    uow_factory: UnitOfWorkFactory, messenger: IntroMessenger, intro: Introduction, asked: str, now: datetime
) -> bool:
    """One claimed attempt at asking `asked` for consent; True when Slack took the message."""
    with uow_factory() as uow:
        attempt = uow.introductions.claim_request(intro.id, asked, now)
        other = side_of(uow, intro.team_id, intro.b if asked == intro.a else intro.a)
        uow.commit()
    if attempt is None:
        return False
    try:
        channel, ts = messenger.ask_consent(intro, asked, other)
    except SlackError as error:
        log.warning("introduction %s: consent request attempt %s failed (%s)", intro.id, attempt, error.code)
        if gives_up(error.code, attempt):  # a request that never arrives cannot be answered
            close_and_tell(uow_factory, messenger, intro, Outcome.EXPIRED, now)
        else:
            with uow_factory() as uow:
                uow.due_work.wake(Due.CONSENT_RETRIES, now + RETRY_AFTER)
                uow.commit()
        return False
    with uow_factory() as uow:
        uow.introductions.remember_request(intro.id, asked, channel, ts)
        uow.commit()
    return True


def retry_unsent(
    uow_factory: UnitOfWorkFactory, messenger_for: Callable[[str], IntroMessenger], now: datetime
) -> int:
    """Try again every consent request Slack refused before; returns how many went out."""
    with uow_factory() as uow:
        unsent = uow.introductions.unsent_requests(now)
    return sum(
        send_request(uow_factory, messenger_for(intro.team_id), intro, asked, now) for intro, asked in unsent
    )


def next_retry(uow_factory: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The next quarter hour while a consent request is unsent (each is tried again RETRY_AFTER after the
    last attempt; a refusal wakes the job for that time)."""
    with uow_factory() as uow:
        unsent = uow.introductions.unsent_requests(ANY_TIME)
    return next_quarter_hour(now) if unsent else None


def next_met(uow_factory: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """When the first introduced pair's group DM has been open MET_AFTER."""
    with uow_factory() as uow:
        due = uow.introductions.met_before(ANY_TIME)
    return min((intro.closed_at + MET_AFTER for intro in due if intro.closed_at), default=None)


def close_and_tell(
    uow_factory: UnitOfWorkFactory,
    messenger: IntroMessenger,
    intro: Introduction,
    outcome: Outcome,
    now: datetime,
    tell: bool = True,
) -> bool:
    """Settle a pending introduction without meeting; only the call whose close wins tells the
    proposer (kindly, never who said no). True for that call."""
    with uow_factory() as uow:
        won = uow.introductions.close(intro.id, outcome, now)
        uow.commit()
    if won and tell:
        with best_effort():
            messenger.tell_not_this_time(intro)
    return won


def record_met(
    uow_factory: UnitOfWorkFactory, messenger_for: Callable[[str], FollowUpMessenger], now: datetime
) -> int:
    """Accepted introductions whose group DM has been open MET_AFTER become meetings of the two people.

    The proposer was not in the meeting, so only the two introduced people get a thank-you nudge.
    The meeting is unique by (team, source, source_ref), so a re-run records nothing twice.
    """
    with uow_factory() as uow:
        due = uow.introductions.met_before(met_before(now))
    recorded = 0
    for intro in due:
        people = (intro.a, intro.b)
        meeting = record_meeting(
            uow_factory,
            messenger_for(intro.team_id),
            intro.team_id,
            MeetingSource.INTRODUCTION,
            str(intro.id),
            people,
            now,
            nudge=people,  # no note: the proposer's reason is not what they talked about
        )
        with uow_factory() as uow:
            uow.introductions.mark_meeting_recorded(intro.id, now)
            uow.commit()
        recorded += meeting is not None
    return recorded


def side_of(uow: UnitOfWork, team_id: str, user_id: str) -> IntroSide:
    """How messages show one person: their card, or what the roster knows."""
    profile = uow.profiles.get(team_id, user_id)
    person = uow.members.get(team_id, user_id) if profile is None else None
    return IntroSide(user_id, profile, profile.role if profile else person.role if person else None)
