"""Use cases of insight: a member's App Home facts and the program's figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.coffee.model import Frequency, Participation, ParticipationStatus, Pool, Round, RoundGroup
from bot.domain.coffee.schedule import upcoming_slot
from bot.domain.people.person import Role
from bot.domain.people.profile import Profile
from bot.domain.program.figures import (
    GroupFact,
    InternFact,
    NetworkNumbers,
    PoolFact,
    ProgramFacts,
    ProgramStats,
    network_numbers,
    pace_of,
    program_stats,
)
from bot.services.coffee.ports import CoffeeMessenger
from bot.services.followups.ports import NetworkEntry
from bot.services.people.profiles import profile_to_edit
from bot.services.ports import SlackError, UnitOfWork, UnitOfWorkFactory
from bot.services.program.ports import OpenThanks, PendingCheckin

RECENT_CONNECTIONS = 5
LEFT = ParticipationStatus.LEFT
PeopleInChannel = Callable[[str], int | None]  # a pool's channel ID → the people in it, when known


@dataclass(frozen=True)
class PoolStanding:
    """The member in one pool: their settings, their latest group and when the next round starts."""

    pool: Pool
    participation: Participation
    latest_round: Round | None
    latest_group: RoundGroup | None
    next_round: datetime


@dataclass(frozen=True)
class MemberHome:
    profile: Profile | None
    first_time: bool
    pools: tuple[PoolStanding, ...]
    checkins: tuple[PendingCheckin, ...]
    thanks: tuple[OpenThanks, ...]
    network: NetworkNumbers
    recent: tuple[NetworkEntry, ...]


def member_home(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, team_id: str, user_id: str, now: datetime
) -> MemberHome:
    """What the member's Home shows; pools are those whose channel they are in, or were ever part of."""
    profile, first_time = profile_to_edit(uow(), team_id, user_id)
    pools = _member_pools(uow, messenger, team_id, user_id)
    with uow() as work:
        standings = tuple(_standing(work, pool, user_id, now) for pool in pools)
        entries = work.followups.network(team_id, user_id)
        teams = {person.user_id: person.team for person in work.members.list_team(team_id)}
        numbers = network_numbers(
            [teams.get(e.other_user_id) for e in entries], work.program.thank_yous_sent(team_id, user_id)
        )
        return MemberHome(
            profile=profile,
            first_time=first_time,
            pools=standings,
            checkins=tuple(work.program.pending_checkins(team_id, user_id)),
            thanks=tuple(work.program.open_thanks(team_id, user_id)),
            network=numbers,
            recent=tuple(entries[:RECENT_CONNECTIONS]),
        )


def _member_pools(
    uow: UnitOfWorkFactory, messenger: CoffeeMessenger, team_id: str, user_id: str
) -> list[Pool]:
    """Asks Slack about channels after the read's transaction: a transaction waiting on Slack would hold
    SQLite's write lock (every transaction begins IMMEDIATE) and stall every command meanwhile."""
    with uow() as work:
        known = work.program.member_pool_ids(team_id, user_id)
        pools = [pool for pool in work.pools.all() if pool.team_id == team_id]
    return [pool for pool in pools if pool.id in known or _in_channel(messenger, pool.channel_id, user_id)]


def _in_channel(messenger: CoffeeMessenger, channel_id: str, user_id: str) -> bool:
    try:
        return user_id in messenger.channel_members(channel_id)
    except SlackError:
        return False  # the bot left the channel: only stored facts say the member is in it


def _standing(work: UnitOfWork, pool: Pool, user_id: str, now: datetime) -> PoolStanding:
    latest = work.rounds.latest(pool.id)
    history = work.rounds.member_history(pool.id, user_id, 1)
    the_round, group = history[0] if history else (None, None)
    return PoolStanding(
        pool=pool,
        participation=work.participation.get(pool.id, user_id),
        latest_round=the_round,
        latest_group=group,
        next_round=_next_round(pool, latest, now),
    )


def _next_round(pool: Pool, latest: Round | None, now: datetime) -> datetime:
    created = pool.created_at or now
    return upcoming_slot(pool.schedule, latest.scheduled_for if latest else None, created, now)


def pool_in_workspace(uow: UnitOfWorkFactory, team_id: str, pool_id: int) -> Pool | None:
    """The pool, if it belongs to this workspace (button values come from the client)."""
    with uow() as work:
        pool = work.pools.get_by_id(pool_id)
    return pool if pool is not None and pool.team_id == team_id else None


def program_figures(
    uow: UnitOfWorkFactory,
    team_id: str,
    now: datetime,
    channels: Sequence[str] | None = None,
    since: datetime | None = None,
    in_channel: PeopleInChannel | None = None,
) -> ProgramStats:
    """The program's figures for a workspace, optionally for some pools' channels and since a day.

    `in_channel` counts the people in a pool's channel before its first round (Slack surfaces pass
    `people_in_channel`; `rapport stats`, offline, cannot ask)."""
    today = now.date()
    with uow() as work:
        pools = [
            p
            for p in work.pools.all()
            if p.team_id == team_id and (channels is None or p.channel_id in channels)
        ]
        groups = tuple(work.program.groups(team_id, channels))
        paces = _paces(work, pools, groups)
        interns = tuple(
            InternFact(p.user_id, p.internship_start, paces.get(p.user_id))
            for p in work.members.list_team(team_id)
            if p.role is Role.INTERN and (p.internship_end is None or p.internship_end >= today)
        )
        facts = ProgramFacts(
            interns=interns,
            pools=tuple(_pool_fact(work, pool, now) for pool in pools),
            groups=groups,
            meetings=tuple(work.program.meetings(team_id)),
            nudges=tuple(work.program.nudges(team_id)),
            without_mentor=frozenset(work.mentoring.unmatched(team_id)),
        )
    if in_channel is not None:  # Slack is asked after the transaction, not while it is open
        counted = tuple(
            replace(p, in_channel=in_channel(p.channel_id)) if p.participants is None else p
            for p in facts.pools
        )
        facts = replace(facts, pools=counted)
    return program_stats(facts, now, since)


def _paces(work: UnitOfWork, pools: Sequence[Pool], groups: Sequence[GroupFact]) -> dict[str, Frequency]:
    """How often each member is paired (`pace_of`) over the pools they are in: grouped there, or with
    settings there, and not left."""
    settings = {pool.channel_id: work.participation.in_pool(pool.id) for pool in pools}
    frequency = {pool.channel_id: pool.schedule.frequency for pool in pools}
    member_of: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for user_id in group.members:
            member_of[user_id].add(group.pool_channel)
    for channel, by_user in settings.items():
        for user_id in by_user:
            member_of[user_id].add(channel)
    paces = {}
    for user_id, channels in member_of.items():
        mine = [(c, settings[c].get(user_id)) for c in channels if c in frequency]
        in_pools = [
            (frequency[c], s.frequency if s else None) for c, s in mine if not (s and s.status is LEFT)
        ]
        if (pace := pace_of(in_pools)) is not None:
            paces[user_id] = pace
    return paces


def people_in_channel(messenger: CoffeeMessenger) -> PeopleInChannel:
    """How many people (all but Rapport) a pool's channel holds, asked of Slack; None if Slack says no."""

    def count(channel_id: str) -> int | None:
        try:
            bot = messenger.bot_user_id()
            return sum(1 for user_id in messenger.channel_members(channel_id) if user_id != bot)
        except SlackError:
            return None

    return count


def _pool_fact(work: UnitOfWork, pool: Pool, now: datetime) -> PoolFact:
    latest = work.rounds.latest(pool.id)
    participants = (
        sum(len(group.members) for group in work.rounds.groups(latest.id)) if latest is not None else None
    )
    return PoolFact(pool.channel_id, pool.schedule.describe(), participants, _next_round(pool, latest, now))
