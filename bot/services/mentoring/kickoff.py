"""On Accept: a group DM with both, the mentee's goals, a short agreement to fill in together and a
first-session agenda drawn from the goals. Claimed before it is sent and stamped after, so a second press,
a replica or the tick that retries a kickoff Slack refused never posts it twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.domain.mentoring.kickoff import kickoff
from bot.domain.mentoring.schedule import Cadence, checkin_due
from bot.services.mentoring.ports import MentoringMessenger, Pair
from bot.services.ports import Due, SlackError, UnitOfWorkFactory

CLAIM_LEASE_SECONDS = 300


def start_pair(uow: UnitOfWorkFactory, messenger: MentoringMessenger, pair: Pair, now: datetime) -> bool:
    """Post the kickoff once; True when this call posted it."""
    with uow() as work:
        if not work.mentoring.claim_kickoff(pair.id, now, CLAIM_LEASE_SECONDS):
            return False
        mentee = work.mentoring.mentee(pair.team_id, pair.mentee_id)
        mentor = work.mentoring.mentor(pair.team_id, pair.mentor_id)
        work.due_work.wake(Due.KICKOFFS, now + timedelta(seconds=CLAIM_LEASE_SECONDS))  # should this die
        work.commit()
    cadence = mentor.cadence if mentor else Cadence.BIWEEKLY
    try:
        plan = kickoff(mentee.goals if mentee else (), cadence)
        channel, ts = messenger.start_pair(pair, plan, resume=pair.kickoff_claimed_at is not None)
    except SlackError:
        with uow() as work:
            work.mentoring.release_kickoff(pair.id)  # the tick tries again
            work.due_work.wake(Due.KICKOFFS, now)
            work.commit()
        return False
    first = checkin_due(now, cadence, 1, _zone(messenger, pair.mentee_id))
    with uow() as work:
        work.mentoring.mark_kickoff(pair.id, channel, ts, now, first)
        work.due_work.wake(Due.CHECKINS, first)
        work.due_work.wake(Due.CLOSEOUTS, now)  # a new pair: its mentee's last week may come before others'
        work.commit()
    return True


def send_kickoffs(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], MentoringMessenger], now: datetime
) -> int:
    """Kickoffs of accepted pairs that did not go out (Slack refused, or a process died); how many went."""
    with uow() as work:
        pairs = work.mentoring.kickoffs_to_send(now, CLAIM_LEASE_SECONDS)
    return sum(start_pair(uow, messenger_for(pair.team_id), pair, now) for pair in pairs)


def _zone(messenger: MentoringMessenger, user_id: str) -> str | None:
    try:
        return messenger.member(user_id).tz
    except SlackError:
        return None
