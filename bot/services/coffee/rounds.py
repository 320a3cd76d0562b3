"""Starting a round and delivering it: groups are stored before any message, each step stamped.

A crash, a restart or a second process resumes a round from its stamps: `deliver_round` only
sends steps it has claimed in the database and records each one as it completes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.coffee.eligibility import decide, silent_rounds_after, time_to_ask_whether_to_stay
from bot.domain.coffee.group_intro import Intro, IntroPerson, compose_intro
from bot.domain.coffee.matching import Candidate, Matching, MatchingHistory, match
from bot.domain.coffee.model import Participation, Pool, Round, RoundGroup, StayQuestion
from bot.domain.coffee.schedule import round_end
from bot.domain.people.person import Role
from bot.services.coffee.ports import CoffeeMessenger
from bot.services.coffee.stay import ask_owed
from bot.services.people import directory
from bot.services.ports import DirectoryMember, Due, SlackError, UnitOfWork, UnitOfWorkFactory, best_effort

CLAIM_LEASE_SECONDS = 300  # a step claimed by a process that died is retried after this
MAX_ATTEMPTS = 3  # per group, before it is marked failed and shown to admins
RATE_LIMITED = "ratelimited"  # Slack's 429: opening a group DM does not wait for it (open_group)


@dataclass(frozen=True)
class RoundStart:
    round: Round | None  # None when this pool and slot already had a round
    matching: Matching | None = None
    sat_out: tuple[tuple[str, str], ...] = ()  # (user, reason) for members who did not take part


def start_round(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, pool: Pool, slot: datetime, now: datetime, seed: int
) -> RoundStart:
    """Match the pool's participants and store the round with its groups in one transaction."""
    people = _humans_in_channel(uow, messenger, pool, now)
    with uow() as work:
        new_round = work.rounds.claim(pool, slot, seed, now)
        if new_round is None:
            return RoundStart(round=None)
        to_ask = [
            question
            for earlier in work.rounds.open_rounds()
            if earlier.pool_id == pool.id and earlier.id != new_round.id
            for question in _close(work, pool, earlier.id, now) or ()
        ]
        candidates, sat_out = _participants(work, pool, people, slot, now)
        history = MatchingHistory(
            last_met=work.rounds.pair_history(pool.id),
            exclusions=work.participation.exclusions(pool.team_id),
            organiser_counts=work.rounds.organiser_counts(pool.id),
            teams_met=work.followups.teams_met(pool.team_id),  # whole workspace, not only this pool
        )
        matching = match(candidates, history, random.Random(seed))
        work.rounds.add_groups(new_round.id, [(g.members, g.organiser) for g in matching.groups])
        work.due_work.wake(Due.COFFEE_STEPS, now)  # the groups are to be delivered
        if pool.autoschedule:
            work.due_work.wake(Due.PENCIL_IN, now)  # it works out when this round's middle comes
        work.commit()
    ask_owed(uow, messenger, pool, to_ask, now)
    for unmatched in matching.unmatched:
        with best_effort():  # someone we cannot DM must not stop the round
            messenger.direct(unmatched.user_id, unmatched.reason)
    return RoundStart(round=new_round, matching=matching, sat_out=tuple(sat_out))


def close_round(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, pool: Pool, the_round: Round, now: datetime
) -> int:
    """Close a round that is over (when the next round's start has not closed it already)."""
    with uow() as work:
        to_ask = _close(work, pool, the_round.id, now)
        if to_ask is None:
            return 0
        work.commit()
    ask_owed(uow, messenger, pool, to_ask, now)
    return 1


def _close(work: UnitOfWork, pool: Pool, round_id: int, now: datetime) -> list[StayQuestion] | None:
    """Close the round and count its unanswered check-ins, in the caller's transaction.

    Every path that ends a round comes here: the scheduled end, the next round's start and `/coffee now`.
    The close is a conditional update, so exactly one caller counts; it records, in the same
    transaction, the "still in?" questions owed and returns them (None when another caller closed the
    round first). A group whose check-in never went out does not count against its members: they had
    nothing to answer. Each count is a locked read-modify-write, so a Pause pressed meanwhile is kept.
    """
    if not work.rounds.close(round_id, now):
        return None
    asked = [group for group in work.rounds.groups(round_id) if group.checkin_ts is not None]
    counts = {user: _count_silence(group.answer is not None) for group in asked for user in group.members}
    counted = work.participation.update_many(pool.id, counts, now)
    owed = [
        StayQuestion(pool.id, user_id, round_id)
        for group in asked
        for user_id in group.members
        if time_to_ask_whether_to_stay(counted[user_id][1].ignored_rounds)
    ]
    for question in owed:
        work.participation.owe_stay_question(pool.id, question.user_id, round_id)
        work.due_work.wake(Due.STAY_QUESTIONS, now)  # sent after the commit; the job if that fails
    return owed


def _count_silence(answered: bool) -> Callable[[Participation], Participation]:
    return lambda p: replace(p, ignored_rounds=silent_rounds_after(p.ignored_rounds, answered=answered))


def _humans_in_channel(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, pool: Pool, now: datetime
) -> dict[str, DirectoryMember]:
    """The channel's members asked of Slack (who is in the pool is its membership); who they are, from the
    member directory."""
    bot = messenger.bot_user_id()
    in_channel = [u for u in messenger.channel_members(pool.channel_id) if u != bot]
    people = directory.members(uow, messenger, pool.team_id, in_channel, now)
    return {user_id: m for user_id, m in people.items() if not (m.is_bot or m.deleted)}


def _participants(
    work: UnitOfWork, pool: Pool, people: dict[str, DirectoryMember], slot: datetime, now: datetime
) -> tuple[list[Candidate], list[tuple[str, str]]]:
    settings = work.participation.in_pool(pool.id)
    roster = {person.user_id: person for person in work.members.list_team(pool.team_id)}  # one query
    today = slot.astimezone(ZoneInfo(pool.schedule.timezone)).date()
    candidates, sat_out = [], []
    for user_id, member in sorted(people.items()):
        participation = settings.get(user_id) or Participation(pool.id, user_id)
        last = None
        if participation.frequency is not None:
            history = work.rounds.member_history(pool.id, user_id, 1)
            last = history[0][0].scheduled_for if history else None
        decision = decide(participation, pool.schedule.frequency, today, last, slot)
        if decision.consumes_skip:  # on the row as it is now: a change made since the read stays
            work.participation.update(pool.id, user_id, now, _skip_spent)
        if not decision.takes_part:
            sat_out.append((user_id, decision.reason or ""))
            continue
        person = roster.get(user_id)
        candidates.append(
            Candidate(
                user_id=user_id,
                role=person.role if person else Role.COLLEAGUE,
                team=person.team if person else None,
                utc_offset_minutes=member.utc_offset_minutes,
            )
        )
    return candidates, sat_out


def _skip_spent(participation: Participation) -> Participation:
    return replace(participation, skip_next=False)


def deliver_round(uow: UnitOfWorkFactory, messenger: CoffeeMessenger, round_id: int, now: datetime) -> int:
    """Open each group's DM and post its intro, once; returns how many intros this call sent."""
    with uow() as work:
        groups = work.rounds.groups_to_deliver(round_id)
        if not groups:
            return 0
        the_round = next((r for r in work.rounds.open_rounds() if r.id == round_id), None)
        pool = work.pools.get_by_id(the_round.pool_id) if the_round else None
    if the_round is None or pool is None:
        return 0
    sent = 0
    try:
        for group in groups:  # each without an intro and not failed (the query's filter)
            sent += _deliver_group(uow, messenger, pool, the_round, group, now)
    except _SlackBusy:
        pass  # the rest at the next ticks, as fast as Slack opens conversations (Tier 3: about 50 a minute)
    return sent


class _SlackBusy(Exception):
    """Slack answered 429 for a delivery: this tick delivers no more, and other due work goes on."""


def _deliver_group(
    uow: UnitOfWorkFactory,
    messenger: CoffeeMessenger,
    pool: Pool,
    the_round: Round,
    group: RoundGroup,
    now: datetime,
) -> int:
    with uow() as work:
        if not work.rounds.claim_step(group.id, "intro", now, CLAIM_LEASE_SECONDS):
            return 0
        intro = _intro(work, pool, the_round, group)
        work.commit()
    try:
        conversation = group.conversation_id or messenger.open_group(group.members)
        with uow() as work:
            work.rounds.stamp(group.id, conversation_id=conversation)
            work.commit()
        # A conversation stamped earlier means an earlier attempt may have posted before it died.
        sent = messenger.find_sent(conversation, "intro", group.id) if group.conversation_id else None
        ts = sent or messenger.send_intro(conversation, group.id, intro)
    except SlackError as error:
        busy = error.code == RATE_LIMITED
        with uow() as work:
            if busy:  # not the group's fault: no attempt counted
                work.rounds.release_intro(group.id)
            else:
                work.rounds.record_failure(group.id, error.code, give_up=group.attempts + 1 >= MAX_ATTEMPTS)
            work.commit()
        if busy:
            raise _SlackBusy from None
        return 0
    with uow() as work:
        work.rounds.stamp(group.id, intro_ts=ts)
        work.commit()
    return 1


def _intro(work: UnitOfWork, pool: Pool, the_round: Round, group: RoundGroup) -> Intro:
    people = []
    profiles = work.profiles.get_many(pool.team_id, group.members)
    for user_id in group.members:
        profile = profiles.get(user_id)
        person = None if profile else work.members.get(pool.team_id, user_id)  # a profile holds the roster's
        people.append(
            IntroPerson(
                user_id=user_id,
                role=(profile or person).role if (profile or person) else Role.COLLEAGUE,
                team=(profile.team if profile else None) or (person.team if person else None),
                interests=profile.interests if profile else (),
                working_on=profile.working_on if profile else None,
            )
        )
    last_day = round_end(the_round.scheduled_for, pool.schedule.frequency) - timedelta(days=1)
    meet_by = last_day.astimezone(ZoneInfo(pool.schedule.timezone)).date()
    return compose_intro(people, group.organiser, meet_by, random.Random(the_round.seed + group.id))
