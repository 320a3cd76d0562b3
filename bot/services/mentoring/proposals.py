"""Each proposed pair goes to the mentor first: a DM with the mentee's goals and Accept / Decline, a deadline
of a few working days in the mentor's time zone, one reminder. Accept starts the pair (kickoff.py); a
decline or a timeout moves the mentee on to their next choice with room, then the best fit left, never
back to whoever declined. The mentee hears nothing until they are matched.

Every step is claimed before Slack is called and stamped after; the answer is a conditional UPDATE, so
two presses, or a press beside the tick that expires the request, settle it once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.mentoring.forms import REASON_LIMIT
from bot.domain.mentoring.schedule import ANSWER_DAYS, answer_due, reminder_due
from bot.services.mentoring.kickoff import start_pair
from bot.services.mentoring.matching import match_waiting
from bot.services.mentoring.people import offsets
from bot.services.mentoring.ports import MentoringMessenger, Pair, PairStatus, Request
from bot.services.ports import Due, SlackError, UnitOfWork, UnitOfWorkFactory, best_effort

CLAIM_LEASE_SECONDS = 300
MAX_ATTEMPTS = 3
"""A request Slack refuses this many times (or can never deliver) counts as not answered in time."""
UNDELIVERABLE = frozenset({"cannot_dm_bot", "user_disabled", "account_inactive", "user_not_found"})


def send_requests(
    uow: UnitOfWorkFactory,
    messenger_for: Callable[[str], MentoringMessenger],
    now: datetime,
    answer_days: int = ANSWER_DAYS,
) -> int:
    """Send every request not sent yet; returns how many went out."""
    with uow() as work:
        pairs = work.mentoring.requests_to_send(now, CLAIM_LEASE_SECONDS)
    messengers: dict[str, MentoringMessenger] = {}
    for team_id in dict.fromkeys(p.team_id for p in pairs):  # a window's close asks many mentors at once:
        messengers[team_id] = messenger_for(team_id)  # their time zones in one bulk lookup, not one each
        offsets(messengers[team_id], [p.mentor_id for p in pairs if p.team_id == team_id])
    return sum(send_request(uow, messengers[p.team_id], p, now, answer_days) for p in pairs)


def send_request(
    uow: UnitOfWorkFactory, messenger: MentoringMessenger, pair: Pair, now: datetime, answer_days: int
) -> int:
    zone = _zone(messenger, pair.mentor_id)
    due, remind = answer_due(now, zone, answer_days), reminder_due(now, zone, answer_days)
    with uow() as work:
        if not work.mentoring.claim_request(pair.id, now, CLAIM_LEASE_SECONDS):
            return 0
        request = _request(work, pair, due)
        work.commit()
    try:
        channel, ts = messenger.ask_mentor(request)
    except SlackError as error:
        with uow() as work:
            attempts = work.mentoring.release_request(pair.id)
            work.due_work.wake(Due.MENTOR_REQUESTS, now)  # sent from a decline, outside the job
            work.commit()
        if attempts >= MAX_ATTEMPTS or error.code in UNDELIVERABLE:
            _settle_unanswered(uow, messenger, pair, now)
        return 0
    with uow() as work:
        work.mentoring.mark_requested(pair.id, channel, ts, now, due, remind)
        work.due_work.wake(Due.MENTOR_EXPIRIES, due)
        if remind is not None:
            work.due_work.wake(Due.MENTOR_REMINDERS, remind)
        work.commit()
    return 1


def _request(work: UnitOfWork, pair: Pair, due: datetime) -> Request:
    mentee = work.mentoring.mentee(pair.team_id, pair.mentee_id)
    return Request(pair, mentee.goals if mentee else (), mentee.wants if mentee else None, due)


def remind_mentors(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], MentoringMessenger], now: datetime
) -> int:
    """The one reminder of each request that is due one; returns how many went out."""
    with uow() as work:
        due = work.mentoring.to_remind(now)
    sent = 0
    for pair in due:
        with uow() as work:
            if not work.mentoring.claim_reminder(pair.id, now):
                continue
            request = _request(work, pair, pair.due_at or now)
            work.commit()
        with best_effort():  # a reminder Slack refuses is not worth a second one
            messenger_for(pair.team_id).remind_mentor(request)
            sent += 1
    return sent


def expire_overdue(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], MentoringMessenger], now: datetime
) -> int:
    """Requests unanswered by their deadline lapse; each mentee moves on. Returns how many lapsed."""
    with uow() as work:
        overdue = work.mentoring.overdue(now)
    return sum(_settle_unanswered(uow, messenger_for(pair.team_id), pair, now) for pair in overdue)


def _settle_unanswered(
    uow: UnitOfWorkFactory, messenger: MentoringMessenger, pair: Pair, now: datetime
) -> int:
    with uow() as work:
        if not work.mentoring.settle(pair.id, PairStatus.EXPIRED, now):
            return 0
        work.due_work.wake(Due.LATE_MATCHES, now)  # the mentor's place is free for someone waiting
        work.commit()
    if pair.request_channel and pair.request_ts:
        with best_effort():
            messenger.close_request(pair.request_channel, pair.request_ts, "expired")
    move_on(uow, messenger, pair.team_id, pair.mentee_id, now)
    return 1


class Answered(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOT_YOURS = "not_yours"  # the pair is unknown here, or its mentor is someone else
    SETTLED = "settled"  # answered already, or expired
    OPEN = "open"  # still waiting for the mentor's answer


@dataclass(frozen=True)
class AnswerOutcome:
    answered: Answered
    pair: Pair | None = None


def accept(
    uow: UnitOfWorkFactory,
    messenger: MentoringMessenger,
    team_id: str,
    pair_id: int,
    user_id: str,
    now: datetime,
) -> AnswerOutcome:
    """The mentor accepts: the pair starts with its kickoff group DM."""
    outcome = _settle(uow, team_id, pair_id, user_id, PairStatus.ACCEPTED, now)
    if outcome.answered is Answered.ACCEPTED and outcome.pair is not None:
        _close(messenger, outcome.pair, "accepted")
        start_pair(uow, messenger, outcome.pair, now)
    return outcome


def decline(
    uow: UnitOfWorkFactory,
    messenger: MentoringMessenger,
    team_id: str,
    pair_id: int,
    user_id: str,
    reason: str,
    now: datetime,
    answer_days: int = ANSWER_DAYS,
) -> AnswerOutcome:
    """The mentor declines (the reason, if any, is kept for admins and never shown to the mentee); the
    mentee moves on at once."""
    why = reason.strip()[:REASON_LIMIT] or None
    outcome = _settle(uow, team_id, pair_id, user_id, PairStatus.DECLINED, now, why)
    if outcome.answered is Answered.DECLINED and outcome.pair is not None:
        _close(messenger, outcome.pair, "declined")
        for pair in move_on(uow, messenger, team_id, outcome.pair.mentee_id, now):
            send_request(uow, messenger, pair, now, answer_days)
    return outcome


def open_request(uow: UnitOfWorkFactory, team_id: str, pair_id: int, user_id: str) -> AnswerOutcome:
    """Whether the member may still answer this request (before the decline form opens)."""
    with uow() as work:
        pair = work.mentoring.pair(team_id, pair_id)
    if pair is None or pair.mentor_id != user_id:
        return AnswerOutcome(Answered.NOT_YOURS)
    if pair.status is not PairStatus.PROPOSED:
        return AnswerOutcome(Answered.SETTLED, pair)
    return AnswerOutcome(Answered.OPEN, pair)


def _settle(
    uow: UnitOfWorkFactory,
    team_id: str,
    pair_id: int,
    user_id: str,
    status: PairStatus,
    now: datetime,
    reason: str | None = None,
) -> AnswerOutcome:
    with uow() as work:
        pair = work.mentoring.pair(team_id, pair_id)
        if pair is None or pair.mentor_id != user_id:
            return AnswerOutcome(Answered.NOT_YOURS)
        if not work.mentoring.settle(pair.id, status, now, reason):
            return AnswerOutcome(Answered.SETTLED, work.mentoring.pair(team_id, pair_id))
        if status is PairStatus.DECLINED:
            work.due_work.wake(Due.LATE_MATCHES, now)  # the mentor's place is free for someone waiting
        work.commit()
        settled = work.mentoring.pair(team_id, pair_id)
    return AnswerOutcome(Answered(status.value), settled)


def _close(messenger: MentoringMessenger, pair: Pair, what: str) -> None:
    if pair.request_channel and pair.request_ts:
        with best_effort():
            messenger.close_request(pair.request_channel, pair.request_ts, what)


def move_on(
    uow: UnitOfWorkFactory, messenger: MentoringMessenger, team_id: str, mentee_id: str, now: datetime
) -> list[Pair]:
    """After a decline, a timeout or an ending: the mentee's next choice with room, then the best fit left,
    never anyone who turned them away; when nobody has room they are left unmatched (and told kindly by
    the tick). Returns the new pair, if any."""
    return match_waiting(uow, messenger, team_id, now, only=mentee_id)


def tell_unmatched(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], MentoringMessenger], now: datetime
) -> int:
    """Kindly, once each: no mentor has room for them now. Returns how many were told."""
    with uow() as work:
        waiting = work.mentoring.unmatched_to_tell()
    told = 0
    for team_id, mentee_id in waiting:
        with uow() as work:
            if not work.mentoring.claim_unmatched_notice(team_id, mentee_id, now):
                continue
            work.commit()
        try:
            messenger_for(team_id).tell_unmatched(mentee_id)
            told += 1
        except SlackError:
            with uow() as work:
                work.mentoring.release_unmatched_notice(team_id, mentee_id)
                work.commit()
    return told


def _zone(messenger: MentoringMessenger, user_id: str) -> str | None:
    try:
        return messenger.member(user_id).tz
    except SlackError:
        return None  # UTC then
