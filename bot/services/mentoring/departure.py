"""A member deactivated in Slack (user_change, deleted): their mentorships end and the other person is told
gently (never why); a mentee whose mentor left is matched again, a request to a mentor who left lapses and
the mentee moves on, a request about a mentee who left is closed. They are never matched again.

Each ending is a conditional UPDATE, so Slack retrying the event tells nobody twice.
"""

from __future__ import annotations

from datetime import datetime

from bot.services.mentoring.ports import MentoringMessenger, Pair, PairStatus
from bot.services.ports import Due, UnitOfWorkFactory, best_effort


def mentor_or_mentee_left(
    uow: UnitOfWorkFactory, messenger: MentoringMessenger, team_id: str, user_id: str, now: datetime
) -> int:
    """Returns how many of their pairs ended or lapsed now."""
    with uow() as work:
        work.mentoring.withdraw(team_id, user_id)
        work.due_work.wake(Due.LATE_MATCHES, now)  # a mentee whose mentor left, or a place freed, is matched
        work.commit()
        pairs = [p for p in work.mentoring.pairs_of(team_id, user_id) if p.status in LIVE_STATUSES]
    return sum(_end(uow, messenger, pair, user_id, now) for pair in pairs)


LIVE_STATUSES = (PairStatus.PROPOSED, PairStatus.ACCEPTED)


def _end(uow: UnitOfWorkFactory, messenger: MentoringMessenger, pair: Pair, left: str, now: datetime) -> int:
    with uow() as work:
        if pair.status is PairStatus.ACCEPTED:
            done = work.mentoring.end(pair.id, now)
        else:
            done = work.mentoring.settle(pair.id, PairStatus.EXPIRED, now)
        work.commit()
    if not done:
        return 0
    mentor_left = left == pair.mentor_id
    if pair.status is PairStatus.ACCEPTED:
        other = pair.mentee_id if mentor_left else pair.mentor_id
        with best_effort():
            messenger.tell_ended(other, left, mentee=mentor_left)
    elif pair.request_channel and pair.request_ts:
        with best_effort():
            messenger.close_request(
                pair.request_channel, pair.request_ts, "expired" if mentor_left else "left"
            )
    if mentor_left:  # the mentee hears only once matched again, as after any ending
        from bot.services.mentoring.matching import match_waiting  # networkx: not for `rapport --help`

        match_waiting(uow, messenger, pair.team_id, now, only=pair.mentee_id)
    return 1
