"""Check-ins: "did you meet?" midway through a round, once per group, and the answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.coffee.model import CheckinAnswer, Pool, Round, RoundGroup
from bot.domain.coffee.schedule import checkin_at, reask_at, round_end
from bot.domain.scheduling.group import CHECKIN_AFTER, Source, asks_again_after_slot, checkin_due, reask_due
from bot.domain.scheduling.model import SLOT
from bot.services.coffee.ports import CoffeeMessenger
from bot.services.coffee.rounds import CLAIM_LEASE_SECONDS
from bot.services.followups.nudges import record_meeting
from bot.services.followups.ports import FollowUpMessenger, MeetingSource
from bot.services.ports import SlackError, UnitOfWorkFactory, best_effort

_AFTER = SLOT + CHECKIN_AFTER


def send_due_checkins(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, the_round: Round, pool: Pool, now: datetime
) -> int:
    """Ask every delivered group of the round once (and once more if they said Scheduled): midway, or
    an hour after the slot a group agreed with Find a time (before or after midway); again near the
    round's end, or an hour after the agreed slot when it was still ahead as they answered Scheduled."""
    frequency = pool.schedule.frequency
    midway = checkin_at(the_round.scheduled_for, frequency, pool.checkin_after_days)
    near_end = reask_at(the_round.scheduled_for, frequency)
    with uow() as work:
        if now < midway and not work.scheduling.any_agreed(the_round.team_id, Source.COFFEE, now - _AFTER):
            return 0  # nothing can be due yet: skip loading the round's groups
        groups = work.rounds.groups_to_ask(the_round.id, reask=True)
        agreed = work.scheduling.confirmed(the_round.team_id, Source.COFFEE, [str(g.id) for g in groups])
    sent = 0
    for group in groups:  # delivered, and not asked yet or said Scheduled and not asked again
        slot = agreed.get(str(group.id))
        if group.checkin_ts is None:
            due, step = checkin_due(midway, slot, SLOT), "checkin"
        else:
            due, step = reask_due(near_end, slot, group.answered_at, SLOT), "reask"
        if now >= due:
            sent += _ask(uow, messenger, group, step, now)
    return sent


def _ask(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, group: RoundGroup, step: str, now: datetime
) -> int:
    with uow() as work:
        if not work.rounds.claim_step(group.id, step, now, CLAIM_LEASE_SECONDS):
            return 0
        work.commit()
    assert group.conversation_id is not None
    try:
        # Claimed before: an earlier attempt may have posted before it died, so look first.
        sent = (
            messenger.find_sent(group.conversation_id, step, group.id)
            if step in group.claimed_steps
            else None
        )
        ts = sent or messenger.send_checkin(group.conversation_id, group.id, reask=step == "reask")
    except SlackError:
        return 0  # the claim expires after the lease and the next tick tries again
    with uow() as work:
        if step == "checkin":
            work.rounds.stamp(group.id, checkin_ts=ts)
        else:
            work.rounds.stamp(group.id, reasked_at=now)
        work.commit()
    return 1


def round_is_over(the_round: Round, pool: Pool, now: datetime) -> bool:
    return now >= round_end(the_round.scheduled_for, pool.schedule.frequency)


@dataclass(frozen=True)
class CheckinAnswerResult:
    stored: bool
    group: RoundGroup | None  # as it is now, to tell a late answerer what was recorded
    agreed: datetime | None = None  # Scheduled, with a slot agreed with Find a time: its start
    again_after_slot: bool = False  # ... and they are asked again an hour after it


def answer_checkin(
    uow: UnitOfWorkFactory,
    messenger: FollowUpMessenger,
    team_id: str,
    group_id: int,
    user_id: str,
    answer: CheckinAnswer,
    now: datetime,
) -> CheckinAnswerResult:
    """Record a member's answer; only members of the group may answer, and the first answer counts.

    "We met" records the meeting, which schedules each member's thank-you nudge.
    """
    with uow() as work:
        group = work.rounds.group(group_id)
        if group is None or user_id not in group.members:
            return CheckinAnswerResult(stored=False, group=None)
        stored = work.rounds.record_answer(group_id, answer, user_id, now)
        updated = work.rounds.group(group_id)  # read before the commit: no second transaction
        slot = None
        if answer is CheckinAnswer.SCHEDULED:
            slot = work.scheduling.confirmed(team_id, Source.COFFEE, [str(group_id)]).get(str(group_id))
        work.commit()
    if stored and answer is CheckinAnswer.MET:
        record_meeting(
            uow,
            messenger,
            team_id,
            MeetingSource.COFFEE,
            str(group_id),
            group.members,
            now,
            nudge=group.members,
        )
    if answer is not CheckinAnswer.SCHEDULED or slot is None:
        return CheckinAnswerResult(stored=stored, group=updated)
    again = asks_again_after_slot(slot, now, SLOT)
    return CheckinAnswerResult(stored=stored, group=updated, agreed=slot, again_after_slot=again)


def show_answer(
    messenger: CoffeeMessenger,
    group: RoundGroup,
    message_ts: str,
    answer: CheckinAnswer,
    user_id: str,
    result: CheckinAnswerResult | None = None,
) -> None:
    """The check-in message shows the answer (with the agreed time, when Scheduled follows Find a time)."""
    agreed = None if result is None else result.agreed
    again = result is not None and result.again_after_slot
    with best_effort():  # the answer is stored; at worst the message keeps its buttons
        messenger.show_answer(group.conversation_id or "", message_ts, answer, user_id, agreed, again)
