"""After the first session the pair met, each is asked privately "Is this a good fit?". "Not a good fit"
from either ends the mentorship: the other is told gently (never who said it, never why) and the mentee
is matched again, never with that mentor. Ending is a conditional UPDATE, so both saying it at once end
it once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum

from bot.domain.time import quiet
from bot.services.mentoring.matching import match_waiting
from bot.services.mentoring.ports import FitAnswer, MentoringMessenger, Pair, PairStatus
from bot.services.ports import Due, SlackError, UnitOfWorkFactory, best_effort


def send_fit_checks(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], MentoringMessenger], now: datetime
) -> int:
    """Ask each person of a pair whose first session was met, at a working hour of theirs; how many went."""
    with uow() as work:
        due = work.mentoring.fit_checks_due()
    sent = 0
    for pair, person in due:
        messenger = messenger_for(pair.team_id)
        if quiet(now, _zone(messenger, person)):
            continue
        with uow() as work:
            if not work.mentoring.claim_fit_check(pair, person, now):
                continue
            work.commit()
        try:
            channel, ts = messenger.ask_fit(person, pair)
        except SlackError:
            with uow() as work:
                work.mentoring.release_fit_check(pair.id, person)
                work.commit()
            continue
        with uow() as work:
            work.mentoring.mark_fit_check(pair.id, person, channel, ts)
            work.commit()
        sent += 1
    return sent


class FitOutcome(StrEnum):
    KEPT = "kept"  # a good fit: nothing changes
    ENDED = "ended"  # not a good fit: the mentorship ended now
    ENDED_ALREADY = "ended_already"  # the other said so first, or it ended otherwise
    ANSWERED = "answered"  # this person answered already
    NOT_YOURS = "not_yours"


def answer_fit(
    uow: UnitOfWorkFactory,
    messenger: MentoringMessenger,
    team_id: str,
    pair_id: int,
    user_id: str,
    answer: FitAnswer,
    now: datetime,
) -> FitOutcome:
    with uow() as work:
        pair = work.mentoring.pair(team_id, pair_id)
        asked = work.mentoring.fit_check(pair_id, user_id) if pair else None
        if pair is None or asked is None:
            return FitOutcome.NOT_YOURS
        if not work.mentoring.answer_fit_check(pair_id, user_id, answer, now):
            return FitOutcome.ANSWERED
        ended = answer is FitAnswer.NOT_GOOD and work.mentoring.end(pair_id, now)
        if ended:
            work.due_work.wake(Due.LATE_MATCHES, now)  # the mentor's place is free for someone waiting
        work.commit()
    if answer is FitAnswer.GOOD:
        return FitOutcome.KEPT if pair.status is PairStatus.ACCEPTED else FitOutcome.ENDED_ALREADY
    if not ended:
        return FitOutcome.ENDED_ALREADY
    _part_gently(uow, messenger, pair, user_id)
    match_waiting(uow, messenger, team_id, now, only=pair.mentee_id)
    return FitOutcome.ENDED


def _part_gently(uow: UnitOfWorkFactory, messenger: MentoringMessenger, pair: Pair, said_by: str) -> None:
    """The other person hears it ended (never who said it or why); their open fit question is closed."""
    other = pair.mentor_id if said_by == pair.mentee_id else pair.mentee_id
    with uow() as work:
        theirs = work.mentoring.fit_check(pair.id, other)
    with best_effort():
        messenger.tell_ended(other, said_by, mentee=other == pair.mentee_id)
    if theirs is not None and theirs.answer is None and theirs.channel_id and theirs.message_ts:
        with best_effort():
            messenger.close_fit(theirs.channel_id, theirs.message_ts, "ended")


def _zone(messenger: MentoringMessenger, user_id: str) -> str | None:
    try:
        return messenger.member(user_id).tz
    except SlackError:
        return None
