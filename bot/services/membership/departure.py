"""A member deactivated in Slack: out of every pool, no more nudges, pending introductions closed, their
mentorships ended (bot/services/mentoring/departure.py).

Nothing about them is deleted (an admin may do that with `rapport forget`); each step is
idempotent, so Slack retrying user_change changes nothing more and tells nobody twice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.coffee.model import Participation, ParticipationStatus
from bot.domain.introductions import Outcome
from bot.services.introductions.delivery import close_and_tell
from bot.services.introductions.ports import IntroMessenger
from bot.services.mentoring.departure import mentor_or_mentee_left
from bot.services.mentoring.ports import MentoringMessenger
from bot.services.ports import UnitOfWorkFactory


@dataclass(frozen=True)
class Departure:
    pools_left: int
    nudges_cancelled: int
    introductions_closed: int
    mentorships_ended: int = 0


def member_departed(
    uow_factory: UnitOfWorkFactory,
    messenger: IntroMessenger,
    mentoring: MentoringMessenger,
    team_id: str,
    user_id: str,
    now: datetime,
) -> Departure:
    with uow_factory() as uow:
        left = 0
        for pool in (pool for pool in uow.pools.all() if pool.team_id == team_id):
            before, after = uow.participation.update(pool.id, user_id, now, _leave)
            if before != after:
                left += 1
        cancelled = uow.followups.cancel_for_departed(team_id, user_id)
        uow.commit()
    closed = close_pending_introductions(uow_factory, messenger, team_id, user_id, now)
    ended = mentor_or_mentee_left(uow_factory, mentoring, team_id, user_id, now)
    return Departure(left, cancelled, closed, ended)


def _leave(settings: Participation) -> Participation:
    return replace(settings, status=ParticipationStatus.LEFT)


def close_pending_introductions(
    uow_factory: UnitOfWorkFactory, messenger: IntroMessenger, team_id: str, user_id: str, now: datetime
) -> int:
    """Close the member's pending introductions; each other proposer is told kindly, as for a decline.

    The close is a claim (one UPDATE), so the proposer is told once however often this runs.
    An introduction the member proposed closes quietly: there is nobody left to tell.
    """
    with uow_factory() as uow:
        pending = uow.introductions.pending_involving(team_id, user_id)
    return sum(
        close_and_tell(
            uow_factory,
            messenger,
            intro,
            Outcome.EXPIRED if intro.proposer == user_id else Outcome.DECLINED,
            now,
            tell=intro.proposer != user_id,
        )
        for intro in pending
    )
