"""Close-out: in the mentee's last week (from five working days before their roster end date), each person of
an accepted pair is asked three private questions (1-5). Once someone answered all three, they get one DM:
the mentee a drafted thank-you and a drafted request for a reference; the mentor the mentee's goals and
shared updates, to write it.

The questions are inserted once per pair and person before they are sent (two ticks send them once; Slack
refusing deletes the claim, so the next tick tries again). Each score is set once. The drafts DM is claimed
with a lease, sent, then stamped, from the answer or, if that failed, by the next tick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.domain.mentoring.closeout import QUESTIONS, closeout_due, earliest_due
from bot.domain.time import next_quarter_hour
from bot.services.mentoring.ports import Closeout, Drafts, MentoringMessenger, Pair
from bot.services.ports import Due, SlackError, UnitOfWorkFactory

DRAFTS_LEASE_SECONDS = 600
LATE_DAYS = 1  # an end date seen from a time zone ahead of UTC: ask up to a day after it in UTC
LAST_WEEK_DAYS = 10  # five working days before the end is at most this many calendar days (with a weekend)


def send_closeouts(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], MentoringMessenger], now: datetime
) -> int:
    """Ask each person whose close-out is due at a working morning of theirs; then send drafts still owed.
    Returns how many messages went out."""
    with uow() as work:  # the last week starts at most LAST_WEEK_DAYS before the end
        since, until = (now - timedelta(days=LATE_DAYS)).date(), (now + timedelta(days=LAST_WEEK_DAYS)).date()
        due = work.mentoring.closeouts_due(since, until)
    messengers: dict[str, MentoringMessenger] = {}
    sent = 0
    for item in due:
        if earliest_due(item.internship_end) > now:
            continue
        messenger = messengers.setdefault(item.pair.team_id, messenger_for(item.pair.team_id))
        sent += _ask(uow, messenger, item.pair, item.user_id, item.internship_end, now)
    with uow() as work:
        owed = work.mentoring.drafts_owed(now, DRAFTS_LEASE_SECONDS)
    for pair, person in owed:
        messenger = messengers.setdefault(pair.team_id, messenger_for(pair.team_id))
        sent += send_drafts(uow, messenger, pair, person, now)
    return sent


def _ask(
    uow: UnitOfWorkFactory, messenger: MentoringMessenger, pair: Pair, person: str, end: date, now: datetime
) -> int:
    try:
        timezone = messenger.member(person).tz
    except SlackError:
        return 0
    if not closeout_due(end, now, timezone):
        return 0
    with uow() as work:
        if not work.mentoring.claim_closeout(pair, person, now):
            return 0
        work.commit()
    try:
        channel, ts = messenger.ask_closeout(person, pair)
    except SlackError:
        with uow() as work:
            work.mentoring.release_closeout(pair.id, person)  # the tick tries again
            work.due_work.wake(Due.CLOSEOUTS, now)
            work.commit()
        return 0
    with uow() as work:
        work.mentoring.mark_closeout(pair.id, person, channel, ts)
        work.commit()
    return 1


def next_closeout_due(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """When `send_closeouts` next has something to do: now when drafts are owed; else the earliest moment a
    close-out question could be due (09:00 at UTC+14 on the last week's first day); once that has passed,
    the next quarter hour, since each person is asked on their own working morning, which begins on a
    quarter hour in every zone (conservative: no time zone is read here); None when nothing is pending."""
    with uow() as work:
        if work.mentoring.drafts_owed(now, DRAFTS_LEASE_SECONDS):
            return now
        due = work.mentoring.closeouts_due((now - timedelta(days=LATE_DAYS)).date())
    earliest = min((earliest_due(item.internship_end) for item in due), default=None)
    if earliest is not None and earliest <= now:
        return next_quarter_hour(now)
    return earliest


class Answer(StrEnum):
    STORED = "stored"
    ANSWERED = "answered"  # that question was answered already
    NOT_YOURS = "not_yours"


@dataclass(frozen=True)
class CloseoutAnswer:
    outcome: Answer
    closeout: Closeout | None  # as it is now (None: not this person's)
    pair: Pair | None = None


def answer_closeout(
    uow: UnitOfWorkFactory,
    messenger: MentoringMessenger,
    team_id: str,
    pair_id: int,
    user_id: str,
    question: str,
    score: int,
    now: datetime,
) -> CloseoutAnswer:
    """Only the person asked may answer, each question once; the last answer sends their drafts."""
    if question not in QUESTIONS:
        return CloseoutAnswer(Answer.NOT_YOURS, None)
    with uow() as work:
        pair = work.mentoring.pair(team_id, pair_id)
        asked = work.mentoring.closeout(pair_id, user_id) if pair else None
        if pair is None or asked is None:
            return CloseoutAnswer(Answer.NOT_YOURS, None)
        stored = work.mentoring.answer_closeout(pair_id, user_id, question, score, now)
        work.commit()
        closeout = work.mentoring.closeout(pair_id, user_id)
    if not stored:
        return CloseoutAnswer(Answer.ANSWERED, closeout, pair)
    if closeout is not None and closeout.scores.complete:
        send_drafts(uow, messenger, pair, user_id, now)
    return CloseoutAnswer(Answer.STORED, closeout, pair)


def send_drafts(
    uow: UnitOfWorkFactory, messenger: MentoringMessenger, pair: Pair, person: str, now: datetime
) -> int:
    """The one drafts DM of a person who answered all three; returns 1 when it went out now."""
    with uow() as work:
        if not work.mentoring.claim_drafts(pair.id, person, now, DRAFTS_LEASE_SECONDS):
            return 0
        work.due_work.wake(Due.CLOSEOUTS, now + timedelta(seconds=DRAFTS_LEASE_SECONDS))  # should this die
        work.commit()
        goals = work.mentoring.mentee(pair.team_id, pair.mentee_id)
        sessions = len(work.mentoring.sessions_met(pair.team_id).get(pair.id, ()))
        for_mentee = person == pair.mentee_id
        updates = () if for_mentee else tuple(work.updates.shared_of(pair.team_id, pair.mentee_id))
    drafts = Drafts(pair, for_mentee, goals.goals if goals else (), sessions, updates)
    try:
        channel, ts = messenger.send_drafts(person, drafts)
    except SlackError:
        with uow() as work:
            work.mentoring.release_drafts(pair.id, person)  # the tick tries again
            work.due_work.wake(Due.CLOSEOUTS, now)
            work.commit()
        return 0
    with uow() as work:
        work.mentoring.mark_drafts(pair.id, person, channel, ts)
        work.commit()
    return 1
