"""Warm introductions: propose (checked, stored, then consent requested), answer, expire."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.introductions import (
    ANSWER_WINDOW,
    DAILY_LIMIT,
    Answer,
    Introducee,
    Introduction,
    Outcome,
    Refusal,
    clean_reason,
    day_window_start,
    initial_answers,
    outcome_of,
    refusal,
)
from bot.services.introductions.delivery import close_and_tell, send_request, side_of
from bot.services.introductions.ports import IntroMessenger, IntroSide, Standing
from bot.services.ports import ANY_TIME, SlackError, UnitOfWorkFactory, best_effort

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Proposal:
    intro: Introduction | None
    refused: Refusal | None = None


class ConsentAnswerResult(StrEnum):
    RECORDED = "recorded"
    NOT_YOURS = "not_yours"
    ALREADY_ANSWERED = "already_answered"
    CLOSED = "closed"
    UNKNOWN = "unknown"


def propose(
    uow_factory: UnitOfWorkFactory,
    messenger: IntroMessenger,
    team_id: str,
    proposer: str,
    pair: tuple[str, str],
    why: str,
    now: datetime,
    daily_limit: int = DAILY_LIMIT,
) -> Proposal:
    """Check the proposal, store it, then privately ask every side whose agreement is needed."""
    a, b = pair
    if a == b:
        return Proposal(None, Refusal.SAME_PERSON)
    candidates = (_candidate(messenger, a, proposer), _candidate(messenger, b, proposer))
    with uow_factory() as uow:
        uow.introductions.hold_proposer(team_id, proposer, now)  # held until commit: one count at a time
        refused = refusal(
            proposer,
            candidates,
            messenger.bot_user_id(),
            uow.introductions.pending_between(team_id, a, b),
            uow.introductions.proposed_since(team_id, proposer, day_window_start(now)),
            daily_limit,
        )
        if refused is not None:
            return Proposal(None, refused)
        a_answer, b_answer = initial_answers(proposer, a, b)
        intro = uow.introductions.add(
            Introduction(
                id=0,
                team_id=team_id,
                proposer=proposer,
                a=a,
                b=b,
                why=clean_reason(why),
                created_at=now,
                a_answer=a_answer,
                a_answered_at=now if a_answer else None,
                b_answer=b_answer,
                b_answered_at=now if b_answer else None,
            )
        )
        if intro is None:  # a concurrent proposal for the same pair was stored first
            return Proposal(None, Refusal.ALREADY_PENDING)
        uow.commit()
    for asked in intro.consenting:
        send_request(uow_factory, messenger, intro, asked, now)  # a failure is retried by the intro job
    return Proposal(intro)


def answer(
    uow_factory: UnitOfWorkFactory,
    messenger: IntroMessenger,
    intro_id: int,
    user_id: str,
    given: Answer,
    now: datetime,
) -> tuple[ConsentAnswerResult, Answer | None]:
    """Record one side's answer; the answer that settles the introduction sends what follows.

    Returns the result and, for a second press, the answer given before.
    """
    with uow_factory() as uow:
        intro = uow.introductions.get(intro_id)
        if intro is None:
            return ConsentAnswerResult.UNKNOWN, None
        if user_id not in intro.consenting:
            return ConsentAnswerResult.NOT_YOURS, None
        if intro.answer_of(user_id) is not None:
            return ConsentAnswerResult.ALREADY_ANSWERED, intro.answer_of(user_id)
        if intro.outcome is not Outcome.PENDING:
            return ConsentAnswerResult.CLOSED, None
        if not uow.introductions.record_answer(intro_id, user_id, given, now):
            fresh = uow.introductions.get(intro_id)  # a press at the same moment may have just answered
            earlier = fresh.answer_of(user_id) if fresh else None
            if earlier is not None:
                return ConsentAnswerResult.ALREADY_ANSWERED, earlier
            return ConsentAnswerResult.CLOSED, None
        intro = uow.introductions.get(intro_id)
        assert intro is not None
        outcome = outcome_of(intro)
        settled = outcome is not Outcome.PENDING and uow.introductions.close(intro_id, outcome, now)
        request = uow.introductions.request_message(intro_id, user_id)
        sides = (side_of(uow, intro.team_id, intro.a), side_of(uow, intro.team_id, intro.b))
        uow.commit()
    opened = _settle(uow_factory, messenger, intro, outcome, sides) if settled else True
    if request is not None:
        other = intro.b if user_id == intro.a else intro.a
        with best_effort():
            messenger.show_consent_answer(*request, _standing(given, outcome, opened), other)
    return ConsentAnswerResult.RECORDED, given


def next_expiry(uow_factory: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """When the oldest pending introduction runs out of time to be answered."""
    with uow_factory() as uow:
        pending = uow.introductions.pending_created_before(ANY_TIME)
    return min((intro.created_at + ANSWER_WINDOW for intro in pending), default=None)


def _standing(given: Answer, outcome: Outcome, opened: bool) -> Standing:
    """What the one who answered is told: after a yes that settled it, whether the group DM is open.

    A yes whose settling another answer won (both pressed at once) is told the group DM is open: that
    answer opens it."""
    if given is Answer.DECLINED:
        return Standing.DECLINED
    if outcome is Outcome.PENDING:
        return Standing.WAITING
    return Standing.INTRODUCED if opened else Standing.NOT_OPENED


def expire_overdue(
    uow_factory: UnitOfWorkFactory, messenger_for: Callable[[str], IntroMessenger], now: datetime
) -> int:
    """Close introductions nobody finished answering in time; each proposer is told once."""
    with uow_factory() as uow:
        overdue = uow.introductions.pending_created_before(now - ANSWER_WINDOW)
    return sum(
        close_and_tell(uow_factory, messenger_for(intro.team_id), intro, Outcome.EXPIRED, now)
        for intro in overdue
    )


def _settle(
    uow_factory: UnitOfWorkFactory,
    messenger: IntroMessenger,
    intro: Introduction,
    outcome: Outcome,
    sides: tuple[IntroSide, IntroSide],
) -> bool:
    """Open the group DM, or tell the proposer it did not work out; False when Slack refused."""
    try:
        if outcome is Outcome.INTRODUCED:
            channel = messenger.introduce(intro, *sides)
            with uow_factory() as uow:  # the group DM's opening starts the wait before it counts as met
                uow.introductions.opened_group(intro.id, channel)
                uow.commit()
        else:
            messenger.tell_not_this_time(intro)
    except SlackError as error:
        log.warning("introduction %s: %s could not be sent (%s)", intro.id, outcome, error.code)
        return False
    return True


def _candidate(messenger: IntroMessenger, user_id: str, proposer: str) -> Introducee:
    if user_id == proposer:
        return Introducee(user_id, found=True)
    try:
        member = messenger.member(user_id)
    except SlackError as error:
        if error.code == "user_not_found":
            return Introducee(user_id, found=False)
        raise
    return Introducee(user_id, found=True, is_bot=member.is_bot, deleted=member.deleted)
