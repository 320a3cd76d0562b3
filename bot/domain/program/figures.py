"""Program insight: meeting rates, follow-up completion, network sizes and who needs attention.

Pure functions over facts the storage queries return; `now` is always passed in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median

from bot.domain.coffee.model import Frequency

QUIET_DAYS = 14  # nobody is flagged who met someone (or started) more recently than this
MISSED_ROUNDS = 2  # rounds in a row without a meeting that flag an intern
MET = "met"
NO_MENTOR = "no mentor had room for them"


@dataclass(frozen=True)
class GroupFact:
    """A coffee group as insight sees it: when, where, who, and how it went."""

    group_id: int
    pool_channel: str
    scheduled_for: datetime
    members: tuple[str, ...]
    answer: str | None  # a CheckinAnswer value, or None
    round_closed: bool
    failed: bool = False
    last_error: str | None = None
    delivered: bool = True  # the intro went out


@dataclass(frozen=True)
class MeetingFact:
    people: tuple[str, ...]
    met_at: datetime


@dataclass(frozen=True)
class NudgeFact:
    sent_at: datetime | None  # when it first went out; None while never sent
    done: bool


@dataclass(frozen=True)
class PoolFact:
    channel_id: str
    schedule: str  # described, e.g. "weekly on Mondays at 10:00 (UTC)"
    participants: int | None  # people in the latest round's groups; None before the first round
    next_round: datetime
    in_channel: int | None = None  # before the first round, people in the channel, when Slack was asked


@dataclass(frozen=True)
class InternFact:
    user_id: str
    internship_start: date | None = None
    pace: Frequency | None = None  # how often their pools pair them (`pace_of`); None: in no pool


@dataclass(frozen=True)
class ProgramFacts:
    interns: tuple[InternFact, ...]
    pools: tuple[PoolFact, ...]
    groups: tuple[GroupFact, ...]
    meetings: tuple[MeetingFact, ...]
    nudges: tuple[NudgeFact, ...]
    without_mentor: frozenset[str] = frozenset()  # mentees no mentor had room for (mentoring)


@dataclass(frozen=True)
class RoundRate:
    pool_channel: str
    scheduled_for: datetime
    met: int
    groups: int


@dataclass(frozen=True)
class Attention:
    user_id: str
    reasons: tuple[str, ...]
    last_met: datetime | None


@dataclass(frozen=True)
class ProgramStats:
    interns: int
    pools: tuple[PoolFact, ...]
    rounds: tuple[RoundRate, ...]  # newest first
    nudges_sent: int
    nudges_done: int
    network_median: float | None
    network_lowest: int | None
    attention: tuple[Attention, ...]
    failed_groups: tuple[GroupFact, ...]  # newest first

    @property
    def groups(self) -> int:
        return sum(r.groups for r in self.rounds)

    @property
    def groups_met(self) -> int:
        return sum(r.met for r in self.rounds)


def round_rates(groups: Iterable[GroupFact]) -> list[RoundRate]:
    """Groups that met / groups, per round (a round is a pool and a slot), newest first."""
    counts: dict[tuple[str, datetime], list[int]] = defaultdict(lambda: [0, 0])
    for group in groups:
        count = counts[group.pool_channel, group.scheduled_for]
        count[0] += group.answer == MET
        count[1] += 1
    rates = [RoundRate(channel, slot, met, total) for (channel, slot), (met, total) in counts.items()]
    return sorted(rates, key=lambda r: (r.scheduled_for, r.pool_channel), reverse=True)


def network_sizes(interns: Iterable[str], meetings: Iterable[MeetingFact]) -> dict[str, int]:
    """How many different people each intern has met."""
    met: dict[str, set[str]] = {user: set() for user in interns}
    for meeting in meetings:
        for person in meeting.people:
            if person in met:
                met[person].update(p for p in meeting.people if p != person)
    return {user: len(others) for user, others in met.items()}


def pace_of(pools: Iterable[tuple[Frequency, Frequency | None]]) -> Frequency | None:
    """How often someone is paired, from (the pool's frequency, their own choice or None) of each pool
    they are in: in a pool, the slower of the two; over pools, the most often; None when in none."""
    paces = [own if own is not None and own.days > pool.days else pool for pool, own in pools]
    return min(paces, key=lambda pace: pace.days, default=None)


def quiet_limit(pace: Frequency | None) -> timedelta:
    """How long an intern may meet nobody before a lead hears of it: MISSED_ROUNDS rounds at their
    pace, never less than QUIET_DAYS (two weekly rounds; four weeks biweekly, eight monthly)."""
    return timedelta(days=max(QUIET_DAYS, MISSED_ROUNDS * pace.days if pace else 0))


def attention_list(
    interns: Iterable[InternFact],
    groups: Iterable[GroupFact],
    meetings: Iterable[MeetingFact],
    now: datetime,
    without_mentor: frozenset[str] = frozenset(),
) -> list[Attention]:
    """Interns who met nobody for as long as their pace allows (`quiet_limit`), whose last
    MISSED_ROUNDS finished coffee groups did not meet, or for whom no mentor had room; the first two
    never for one who met someone, or started, within QUIET_DAYS. Groups of rounds still open and
    unanswered are not finished yet.
    """
    last_met: dict[str, datetime] = {}
    for meeting in meetings:
        for person in meeting.people:
            if meeting.met_at <= now and (person not in last_met or meeting.met_at > last_met[person]):
                last_met[person] = meeting.met_at
    history: dict[str, list[GroupFact]] = defaultdict(list)
    for group in groups:
        if group.delivered and (group.round_closed or group.answer is not None):
            for person in group.members:
                history[person].append(group)
    found = []
    for intern in interns:
        latest = last_met.get(intern.user_id)
        reasons = _reasons(intern, latest, history[intern.user_id], now)
        if intern.user_id in without_mentor:
            reasons += (NO_MENTOR,)
        if reasons:
            found.append(Attention(intern.user_id, reasons, latest))
    return sorted(found, key=lambda a: (a.last_met is not None, a.last_met or now, a.user_id))


def _reasons(
    intern: InternFact, latest: datetime | None, finished: list[GroupFact], now: datetime
) -> tuple[str, ...]:
    """Why a lead should look at this intern, each said with the rule it broke; () when nothing."""
    began = intern.internship_start
    start = datetime.combine(began, time(), now.tzinfo) if began else None
    quiet_since = max((moment for moment in (latest, start) if moment is not None), default=None)
    if quiet_since is not None and now - quiet_since < timedelta(days=QUIET_DAYS):
        return ()
    reasons = []
    pace, limit = intern.pace, quiet_limit(intern.pace)
    if quiet_since is None or now - quiet_since >= limit:
        if pace is None:
            reasons.append(f"met nobody in {limit.days} days")
        else:
            reasons.append(f"met nobody for {MISSED_ROUNDS} {pace.value} rounds ({limit.days} days)")
    recent = sorted(finished, key=lambda g: g.scheduled_for)[-MISSED_ROUNDS:]
    if len(recent) == MISSED_ROUNDS and all(g.answer != MET for g in recent):
        reasons.append(f"last {MISSED_ROUNDS} coffee groups did not meet")
    return tuple(reasons)


def program_stats(facts: ProgramFacts, now: datetime, since: datetime | None = None) -> ProgramStats:
    """Every figure of the program; `since` limits rounds, meetings and nudges, not the attention list."""

    def recent(moment: datetime | None) -> bool:
        return moment is not None and (since is None or moment >= since)

    groups = [g for g in facts.groups if recent(g.scheduled_for)]
    meetings = [m for m in facts.meetings if recent(m.met_at)]
    sent = [n for n in facts.nudges if recent(n.sent_at)]
    sizes = network_sizes([i.user_id for i in facts.interns], meetings)
    failed = [g for g in groups if g.failed or (g.last_error and not g.delivered)]
    return ProgramStats(
        interns=len(facts.interns),
        pools=facts.pools,
        rounds=tuple(round_rates(groups)),
        nudges_sent=len(sent),
        nudges_done=sum(n.done for n in sent),
        network_median=median(sizes.values()) if sizes else None,
        network_lowest=min(sizes.values()) if sizes else None,
        attention=tuple(
            attention_list(facts.interns, facts.groups, facts.meetings, now, facts.without_mentor)
        ),
        failed_groups=tuple(sorted(failed, key=lambda g: (g.scheduled_for, g.group_id), reverse=True)),
    )


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "n/a"


@dataclass(frozen=True)
class NetworkNumbers:
    people: int
    teams: int
    thank_yous: int

    def describe(self) -> str:
        return (
            f"{self.people} {'person' if self.people == 1 else 'people'} · "
            f"{self.teams} {'team' if self.teams == 1 else 'teams'} · "
            f"{self.thank_yous} thank-you{'' if self.thank_yous == 1 else 's'} sent"
        )


def network_numbers(teams_of_people: Sequence[str | None], thank_yous: int) -> NetworkNumbers:
    """A member's network in numbers: people met, distinct teams among them, thank-yous sent."""
    teams = {" ".join(t.split()).casefold() for t in teams_of_people if t and t.strip()}
    return NetworkNumbers(len(teams_of_people), len(teams), thank_yous)
