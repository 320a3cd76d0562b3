"""Sessions: at the mentor's cadence, "Did you meet?" in the pair's group DM (We met · Scheduled · Not this
time). We met becomes a meeting (source `mentoring`) through the follow-ups' record-meeting path, with the
usual thank-you nudges, and shows in /coffee network, App Home, catch-ups and the recap.

A check-in is inserted once per pair and number before it is posted (two ticks post it once); Slack
refusing it deletes the claim, so the next tick tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.domain.mentoring.schedule import Cadence, checkin_due, next_checkin
from bot.services.followups.nudges import record_meeting
from bot.services.followups.ports import FollowUpMessenger, MeetingSource
from bot.services.mentoring.ports import Checkin, CheckinAnswer, MentoringMessenger, Pair
from bot.services.ports import Due, SlackError, UnitOfWorkFactory, best_effort


def send_checkins(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], MentoringMessenger], now: datetime
) -> int:
    """Post each pair's due check-in; returns how many went out."""
    with uow() as work:
        due = work.mentoring.checkins_due(now)
    messengers: dict[str, MentoringMessenger] = {}
    sent = 0
    for pair, started, claimed in due:
        messenger = messengers.setdefault(pair.team_id, messenger_for(pair.team_id))
        sent += _send(uow, messenger, pair, started, claimed, now)
    return sent


def _send(
    uow: UnitOfWorkFactory,
    messenger: MentoringMessenger,
    pair: Pair,
    started: datetime,
    claimed: int,
    now: datetime,
) -> int:
    zone = _zone(messenger, pair.mentee_id)
    with uow() as work:
        mentor = work.mentoring.mentor(pair.team_id, pair.mentor_id)
    cadence = mentor.cadence if mentor else Cadence.BIWEEKLY
    number = next_checkin(started, cadence, claimed, zone, now)
    if number is None or pair.kickoff_channel is None:
        with uow() as work:  # a cadence changed since: wait for the new date
            work.mentoring.set_next_checkin(pair.id, checkin_due(started, cadence, claimed + 1, zone))
            work.commit()
        return 0
    with uow() as work:
        if not work.mentoring.claim_checkin(pair, number, now):
            return 0
        work.mentoring.set_next_checkin(pair.id, checkin_due(started, cadence, number + 1, zone))
        work.commit()
    try:
        ts = messenger.send_checkin(pair.kickoff_channel, pair.id, number)
    except SlackError:
        with uow() as work:
            work.mentoring.release_checkin(pair.id, number)
            work.mentoring.set_next_checkin(pair.id, now)
            work.commit()
        return 0
    with uow() as work:
        work.mentoring.mark_checkin(pair.id, number, pair.kickoff_channel, ts)
        work.commit()
    return 1


@dataclass(frozen=True)
class CheckinResult:
    stored: bool
    checkin: Checkin | None  # None: not a check-in of a pair the member is in


def answer_checkin(
    uow: UnitOfWorkFactory,
    messenger: MentoringMessenger,
    followups: FollowUpMessenger,
    team_id: str,
    pair_id: int,
    number: int,
    user_id: str,
    answer: CheckinAnswer,
    now: datetime,
) -> CheckinResult:
    """Only the pair may answer; the first answer counts (Scheduled may be followed by another)."""
    with uow() as work:
        pair = work.mentoring.pair(team_id, pair_id)
        checkin = work.mentoring.checkin(pair_id, number) if pair else None
        if pair is None or checkin is None or user_id not in (pair.mentee_id, pair.mentor_id):
            return CheckinResult(False, None)
        stored = work.mentoring.answer_checkin(pair_id, number, answer, user_id, now)
        if stored and answer is CheckinAnswer.MET:
            work.due_work.wake(Due.FIT_CHECKS, now)  # a first session met: each is asked about the fit
        work.commit()
        checkin = work.mentoring.checkin(pair_id, number)
    if stored and answer is CheckinAnswer.MET:
        people = (pair.mentee_id, pair.mentor_id)
        ref = f"{pair_id}:{number}"
        record_meeting(uow, followups, team_id, MeetingSource.MENTORING, ref, people, now, nudge=people)
    if stored and checkin is not None and checkin.channel_id and checkin.message_ts:
        with best_effort():  # the answer is stored; at worst the message keeps its buttons
            messenger.show_checkin_answer(checkin.channel_id, checkin.message_ts, answer, user_id)
    return CheckinResult(stored, checkin)


def _zone(messenger: MentoringMessenger, user_id: str) -> str | None:
    try:
        return messenger.member(user_id).tz
    except SlackError:
        return None
