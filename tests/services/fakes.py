"""In-memory stand-ins for the ports, so use cases run with no HTTP, no SQL and no fake server.

`FakeStore` is the database: `committed` is what a new unit of work sees. A `FakeUnitOfWork` works
on a copy of it and `commit()` makes that copy the committed state; leaving the `with` block without
committing drops the copy, as a rolled-back transaction does. Each repository implements only what
the tested use cases call, with the semantics of its SQL twin in storage/<feature>/ (claims succeed
once, unique keys refuse a second row); anything else raises NotImplementedError naming itself.

The messengers record every call as a tuple `(method, *args)` and can be told to raise SlackError
for a call, or to "crash" right after Slack took it (the case a resumed delivery must survive).
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any

from bot.domain.coffee.group_intro import Intro
from bot.domain.coffee.model import (
    CheckinAnswer,
    Participation,
    Pool,
    Round,
    RoundGroup,
    Schedule,
    StayQuestion,
)
from bot.domain.followups import NudgeMessage
from bot.domain.introductions import Answer, Introduction, Outcome, pair_key, retry_due_before
from bot.domain.people.person import Person
from bot.domain.people.profile import Profile
from bot.domain.privacy import is_anonymous
from bot.services.followups.ports import Meeting, MeetingSource, Nudge, NudgeStatus
from bot.services.introductions.ports import IntroSide, Standing
from bot.services.ports import DirectoryMember, Forgettable, SlackError, SlackMember
from tests.services.mentoring_fakes import FakeMentoringRepository, MentoringState

TEAM = "T1"
BOT = "UBOT"


class Partial:
    """A fake that implements some methods of its port; calling any other one says which."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise NotImplementedError(f"{type(self).__name__}.{name}")


# ---------------------------------------------------------------- the database


@dataclass
class StoredGroup:
    group: RoundGroup  # claimed_steps is derived from `claimed_at`
    claimed_at: dict[str, datetime] = field(default_factory=dict)


@dataclass
class StoredStay:
    """A "still in?" owed (participations.stay_* in SQL)."""

    round_id: int
    claimed_at: datetime | None = None
    channel_id: str | None = None


@dataclass
class StoredNudge:
    id: int
    meeting_id: int
    team_id: str
    user_id: str
    due_at: datetime
    status: NudgeStatus = NudgeStatus.PENDING
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    message: tuple[str, str] | None = None  # (channel, ts)


@dataclass
class StoredIntroduction:
    intro: Introduction
    requests: dict[str, tuple[str, str]] = field(default_factory=dict)  # user -> (channel, ts)
    attempts: dict[str, int] = field(default_factory=dict)
    tried_at: dict[str, datetime] = field(default_factory=dict)
    group_channel: str | None = None


@dataclass
class State:
    """Every table the fakes keep, as plain values; deep-copied per unit of work."""

    last_id: int = 0
    pools: dict[int, Pool] = field(default_factory=dict)
    participation: dict[tuple[int, str], Participation] = field(default_factory=dict)
    stay: dict[tuple[int, str], StoredStay] = field(default_factory=dict)  # (pool, user) -> owed
    exclusions: set[tuple[str, str, str]] = field(default_factory=set)  # (team, user, never_with)
    rounds: dict[int, Round] = field(default_factory=dict)
    groups: dict[int, StoredGroup] = field(default_factory=dict)
    members: dict[tuple[str, str], Person] = field(default_factory=dict)
    profiles: dict[tuple[str, str], Profile] = field(default_factory=dict)
    meetings: dict[int, Meeting] = field(default_factory=dict)
    nudges: dict[int, StoredNudge] = field(default_factory=dict)
    introductions: dict[int, StoredIntroduction] = field(default_factory=dict)
    proposer_holds: dict[tuple[str, str], datetime] = field(default_factory=dict)
    directory: dict[tuple[str, str], DirectoryMember] = field(default_factory=dict)
    due_work: dict[str, datetime] = field(default_factory=dict)
    mentoring: MentoringState = field(default_factory=MentoringState)

    def new_id(self) -> int:
        """One sequence for every table, so a group's id is never also a round's."""
        self.last_id += 1
        return self.last_id


class FakeStore:
    """The committed state and what was done to it; `unit_of_work` is the factory use cases take."""

    def __init__(self) -> None:
        self.committed = State()
        self.commits = 0
        self.on_commit: Callable[[State], None] | None = None  # sees each committed state (may "crash")

    def unit_of_work(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)

    def add_pool(
        self, channel_id: str, schedule: Schedule, created_at: datetime, team_id: str = TEAM
    ) -> Pool:
        pool = Pool(self.committed.new_id(), team_id, channel_id, schedule, created_at=created_at)
        self.committed.pools[pool.id] = pool
        return pool

    def add_member(self, person: Person) -> None:
        self.committed.members[person.team_id, person.user_id] = person

    def add_profile(self, profile: Profile) -> None:
        self.committed.profiles[profile.team_id, profile.user_id] = profile

    def group(self, group_id: int) -> RoundGroup:
        return _group(self.committed.groups[group_id])

    def groups(self, round_id: int) -> list[RoundGroup]:
        return [_group(g) for g in self.committed.groups.values() if g.group.round_id == round_id]

    def nudges(self) -> list[StoredNudge]:
        return list(self.committed.nudges.values())

    def introduction(self, intro_id: int) -> Introduction:
        return self.committed.introductions[intro_id].intro


class FakeUnitOfWork(Partial):
    """One transaction over a copy of the store's committed state."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store
        self._state: State | None = None
        self.committed = False

    def __enter__(self) -> FakeUnitOfWork:
        if self._state is not None:
            raise RuntimeError("unit of work is already in use")
        self._state = copy.deepcopy(self._store.committed)
        self.rounds = FakeRoundRepository(self._state)
        self.pools = FakePoolRepository(self._state)
        self.participation = FakeParticipationRepository(self._state)
        self.members = FakeMemberRepository(self._state)
        self.profiles = FakeProfileRepository(self._state)
        self.followups = FakeFollowUpRepository(self._state)
        self.introductions = FakeIntroductionRepository(self._state)
        self.directory = FakeDirectoryRepository(self._state)
        self.due_work = FakeDueWorkRepository(self._state)
        self.mentoring = FakeMentoringRepository(self._state.mentoring)
        self.scheduling = FakeSchedulingRepository()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._state = None  # whatever was not committed is gone

    def commit(self) -> None:
        if self._state is None:
            raise RuntimeError("unit of work used outside its `with` block")
        self._store.committed = copy.deepcopy(self._state)
        self._store.commits += 1
        self.committed = True
        if self._store.on_commit is not None:
            self._store.on_commit(self._store.committed)

    def forgettable(self) -> Sequence[Forgettable]:
        raise NotImplementedError("FakeUnitOfWork.forgettable")


# ---------------------------------------------------------------- the member directory, due work


class FakeDirectoryRepository(Partial):
    def __init__(self, state: State) -> None:
        self._state = state

    def get(self, team_id: str, user_ids: Collection[str]) -> dict[str, DirectoryMember]:
        kept = self._state.directory
        return {u: kept[team_id, u] for u in user_ids if (team_id, u) in kept}

    def save(self, team_id: str, members: Sequence[DirectoryMember], now: datetime, add: bool = True) -> int:
        written = 0
        for member in members:
            key = (team_id, member.user_id)
            if (add or key in self._state.directory) and self._state.directory.get(key) != member:
                self._state.directory[key] = member
                written += 1
        return written


class FakeDueWorkRepository(Partial):
    def __init__(self, state: State) -> None:
        self._state = state

    def wake(self, job: str, at: datetime) -> None:
        if job in self._state.due_work and self._state.due_work[job] > at:
            self._state.due_work[job] = at


class FakeSchedulingRepository(Partial):
    """No group here has used Find a time (tests/app and tests/storage cover it on real databases)."""

    def any_agreed(self, team_id: str, source: Any, started_by: datetime) -> bool:
        return False

    def confirmed(self, team_id: str, source: Any, refs: Any) -> dict[str, datetime]:
        return {}

    def earliest_agreed(self, source: Any, after: datetime) -> datetime | None:
        return None


# ---------------------------------------------------------------- coffee

STEP_DONE = {"intro": "intro_ts", "checkin": "checkin_ts", "reask": "reasked_at"}
STAMPS = frozenset({"conversation_id", "intro_ts", "checkin_ts", "reasked_at"})


def _group(stored: StoredGroup) -> RoundGroup:
    return replace(stored.group, claimed_steps=frozenset(stored.claimed_at))


class FakePoolRepository(Partial):
    def __init__(self, state: State) -> None:
        self._state = state

    def get_by_id(self, pool_id: int) -> Pool | None:
        return self._state.pools.get(pool_id)

    def all(self) -> list[Pool]:
        return sorted(self._state.pools.values(), key=lambda pool: pool.id)


class FakeParticipationRepository(Partial):
    def __init__(self, state: State) -> None:
        self._state = state

    def get(self, pool_id: int, user_id: str) -> Participation:
        return self._state.participation.get((pool_id, user_id), Participation(pool_id, user_id))

    def update(
        self, pool_id: int, user_id: str, now: datetime, change: Callable[[Participation], Participation]
    ) -> tuple[Participation, Participation]:
        before = self.get(pool_id, user_id)
        after = change(before)
        self.save(after, now)
        return before, after

    def update_many(
        self, pool_id: int, changes: Mapping[str, Callable[[Participation], Participation]], now: datetime
    ) -> dict[str, tuple[Participation, Participation]]:
        return {user_id: self.update(pool_id, user_id, now, change) for user_id, change in changes.items()}

    def save(self, participation: Participation, now: datetime) -> None:
        if participation.pool_id not in self._state.pools:
            raise LookupError(f"no pool {participation.pool_id}")
        self._state.participation[participation.pool_id, participation.user_id] = participation

    def owe_stay_question(self, pool_id: int, user_id: str, round_id: int) -> None:
        if (pool_id, user_id) not in self._state.participation:
            raise LookupError(f"no settings of {user_id} in pool {pool_id}")
        self._state.stay[pool_id, user_id] = StoredStay(round_id)

    def stay_question_claims(self) -> tuple[bool, datetime | None]:
        claims = [owed.claimed_at for owed in self._state.stay.values()]
        return None in claims, min((c for c in claims if c is not None), default=None)

    def owed_stay_questions(self) -> list[StayQuestion]:
        return [
            StayQuestion(pool_id, user_id, owed.round_id, owed.channel_id)
            for (pool_id, user_id), owed in sorted(self._state.stay.items())
        ]

    def claim_stay_question(
        self, question: StayQuestion, now: datetime, lease_seconds: int
    ) -> StayQuestion | None:
        owed = self._owed(question)
        if owed is None or (owed.claimed_at and owed.claimed_at >= now - timedelta(seconds=lease_seconds)):
            return None
        owed.claimed_at = now
        return replace(question, channel_id=owed.channel_id)

    def stamp_stay_question(self, question: StayQuestion, channel_id: str) -> None:
        owed = self._owed(question)
        if owed is not None:
            owed.channel_id = channel_id

    def settle_stay_question(self, question: StayQuestion) -> None:
        if self._owed(question) is not None:
            del self._state.stay[question.pool_id, question.user_id]

    def _owed(self, question: StayQuestion) -> StoredStay | None:
        owed = self._state.stay.get((question.pool_id, question.user_id))
        return owed if owed is not None and owed.round_id == question.round_id else None

    def in_pool(self, pool_id: int) -> dict[str, Participation]:
        found = {user: p for (pool, user), p in self._state.participation.items() if pool == pool_id}
        return dict(sorted(found.items()))

    def add_exclusion(self, team_id: str, user_id: str, never_with: str, now: datetime) -> bool:
        if user_id == never_with:
            raise ValueError("a member cannot exclude themselves")
        key = (team_id, user_id, never_with)
        if key in self._state.exclusions:
            return False
        self._state.exclusions.add(key)
        return True

    def exclusions(self, team_id: str) -> frozenset[frozenset[str]]:
        return frozenset(frozenset((u, o)) for t, u, o in self._state.exclusions if t == team_id)


class FakeRoundRepository(Partial):
    def __init__(self, state: State) -> None:
        self._state = state

    def claim(self, pool: Pool, scheduled_for: datetime, seed: int, now: datetime) -> Round | None:
        if pool.id not in self._state.pools:
            raise LookupError(f"no pool {pool.id}")
        if any(
            r.pool_id == pool.id and r.scheduled_for == scheduled_for for r in self._state.rounds.values()
        ):
            return None  # the (pool, slot) unique constraint
        the_round = Round(self._state.new_id(), pool.id, pool.team_id, scheduled_for, seed, now)
        self._state.rounds[the_round.id] = the_round
        return the_round

    def latest(self, pool_id: int) -> Round | None:
        mine = [r for r in self._state.rounds.values() if r.pool_id == pool_id]
        return max(mine, key=lambda r: r.scheduled_for, default=None)

    def open_rounds(self) -> list[Round]:
        return sorted(
            (r for r in self._state.rounds.values() if r.closed_at is None),
            key=lambda r: (r.scheduled_for, r.id),
        )

    def close(self, round_id: int, now: datetime) -> bool:
        the_round = self._state.rounds.get(round_id)
        if the_round is None or the_round.closed_at is not None:
            return False
        self._state.rounds[round_id] = replace(the_round, closed_at=now)
        return True

    def add_groups(self, round_id: int, groups: Sequence[tuple[tuple[str, ...], str]]) -> list[RoundGroup]:
        if round_id not in self._state.rounds:
            raise LookupError(f"no round {round_id}")
        taken = {
            u for g in self._state.groups.values() if g.group.round_id == round_id for u in g.group.members
        }
        added = []
        for members, organiser in groups:
            if organiser not in members:
                raise ValueError(f"organiser {organiser} is not in the group {members}")
            if taken & set(members) or len(set(members)) != len(members):
                raise ValueError(f"someone in {members} is already in a group of round {round_id}")
            taken |= set(members)
            group = RoundGroup(self._state.new_id(), round_id, tuple(members), organiser)
            self._state.groups[group.id] = StoredGroup(group)
            added.append(group)
        return added

    def groups(self, round_id: int) -> list[RoundGroup]:
        return [_group(g) for g in self._state.groups.values() if g.group.round_id == round_id]

    def groups_to_deliver(self, round_id: int) -> list[RoundGroup]:
        return [g for g in self.groups(round_id) if g.intro_ts is None and not g.failed]

    def groups_to_ask(self, round_id: int, reask: bool) -> list[RoundGroup]:
        delivered = [g for g in self.groups(round_id) if g.conversation_id and g.intro_ts]
        return [
            g
            for g in delivered
            if g.checkin_ts is None
            or (reask and g.answer is CheckinAnswer.SCHEDULED and g.reasked_at is None)
        ]

    def group(self, group_id: int) -> RoundGroup | None:
        stored = self._state.groups.get(group_id)
        return None if stored is None else _group(stored)

    def claim_step(self, group_id: int, step: str, now: datetime, lease_seconds: int) -> bool:
        if step not in STEP_DONE:
            raise ValueError(f"unknown step {step!r}")
        stored = self._state.groups.get(group_id)
        if stored is None or stored.group.failed or getattr(stored.group, STEP_DONE[step]) is not None:
            return False
        claimed = stored.claimed_at.get(step)
        if claimed is not None and claimed >= now - timedelta(seconds=lease_seconds):
            return False
        stored.claimed_at[step] = now
        return True

    def stamp(self, group_id: int, **done: Any) -> None:
        unknown = set(done) - STAMPS
        if unknown or not done:
            raise ValueError(f"stamp takes {sorted(STAMPS)}, not {sorted(unknown) or 'nothing'}")
        stored = self._state.groups[group_id]
        stored.group = replace(stored.group, **done)

    def record_failure(self, group_id: int, error: str, give_up: bool) -> None:
        stored = self._state.groups[group_id]
        g = stored.group
        stored.group = replace(g, attempts=g.attempts + 1, last_error=error[:200], failed=give_up)
        stored.claimed_at.pop("intro", None)

    def release_intro(self, group_id: int) -> None:
        self._state.groups[group_id].claimed_at.pop("intro", None)

    def record_answer(self, group_id: int, answer: CheckinAnswer, user_id: str, now: datetime) -> bool:
        stored = self._state.groups.get(group_id)
        if stored is None or stored.group.answer not in (None, CheckinAnswer.SCHEDULED):
            return False
        stored.group = replace(
            stored.group, answer=CheckinAnswer(answer), answered_by=user_id, answered_at=now
        )
        return True

    def pair_history(self, pool_id: int) -> dict[frozenset[str], int]:
        slots = sorted(
            (r for r in self._state.rounds.values() if r.pool_id == pool_id), key=lambda r: r.scheduled_for
        )
        index = {r.id: n for n, r in enumerate(slots, start=1)}
        latest: dict[frozenset[str], int] = {}
        for stored in self._state.groups.values():
            n = index.get(stored.group.round_id)
            for pair in itertools.combinations(stored.group.members, 2) if n else ():
                latest[frozenset(pair)] = max(latest.get(frozenset(pair), 0), n)
        return latest

    def organiser_counts(self, pool_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for stored in self._state.groups.values():
            if self._state.rounds[stored.group.round_id].pool_id == pool_id:
                counts[stored.group.organiser] = counts.get(stored.group.organiser, 0) + 1
        return counts

    def member_history(self, pool_id: int, user_id: str, limit: int) -> list[tuple[Round, RoundGroup]]:
        found = [
            (self._state.rounds[g.group.round_id], _group(g))
            for g in self._state.groups.values()
            if user_id in g.group.members and self._state.rounds[g.group.round_id].pool_id == pool_id
        ]
        found.sort(key=lambda pair: pair[0].scheduled_for, reverse=True)
        return found[:limit]


# ---------------------------------------------------------------- people


class FakeMemberRepository(Partial):
    def __init__(self, state: State) -> None:
        self._state = state

    def get(self, team_id: str, user_id: str) -> Person | None:
        return self._state.members.get((team_id, user_id))

    def list_team(self, team_id: str) -> list[Person]:
        return sorted(
            (p for p in self._state.members.values() if p.team_id == team_id), key=lambda p: p.user_id
        )


class FakeProfileRepository(Partial):
    def __init__(self, state: State) -> None:
        self._state = state

    def get(self, team_id: str, user_id: str) -> Profile | None:
        # The SQL read joins the roster: a profile without a roster record is not found.
        if (team_id, user_id) not in self._state.members:
            return None
        return self._state.profiles.get((team_id, user_id))

    def get_many(self, team_id: str, user_ids: Sequence[str]) -> dict[str, Profile]:
        return {u: p for u in user_ids if (p := self.get(team_id, u)) is not None}


# ---------------------------------------------------------------- follow-ups

OPEN = (NudgeStatus.PENDING, NudgeStatus.SENT)


class FakeFollowUpRepository(Partial):
    def __init__(self, state: State) -> None:
        self._state = state

    def record_meeting(
        self,
        team_id: str,
        source: MeetingSource,
        source_ref: str,
        people: Sequence[str],
        met_at: datetime,
        note: str | None,
    ) -> Meeting | None:
        source, people = MeetingSource(source), tuple(people)
        if len(set(people)) != len(people):
            raise ValueError(f"someone is in the meeting twice: {people}")
        key = (team_id, source, source_ref)
        if any((m.team_id, m.source, m.source_ref) == key for m in self._state.meetings.values()):
            return None
        meeting = Meeting(
            self._state.new_id(), team_id, source, source_ref, people, met_at.astimezone(UTC), note
        )
        self._state.meetings[meeting.id] = meeting
        return meeting

    def add_nudge(self, meeting: Meeting, user_id: str, due_at: datetime) -> Nudge | None:
        if meeting.id not in self._state.meetings:
            raise LookupError(f"no meeting {meeting.id}")
        if any(n.meeting_id == meeting.id and n.user_id == user_id for n in self._state.nudges.values()):
            return None
        stored = StoredNudge(self._state.new_id(), meeting.id, meeting.team_id, user_id, due_at)
        self._state.nudges[stored.id] = stored
        return self._nudge(stored)

    def due_nudges(self, now: datetime) -> list[Nudge]:
        due = [n for n in self._state.nudges.values() if n.status is NudgeStatus.PENDING and n.due_at <= now]
        return [self._nudge(n) for n in sorted(due, key=lambda n: (n.due_at, n.id))]

    def teams_met(self, team_id: str) -> dict[str, frozenset[str]]:
        """As the SQL query: for each member, the roster teams of everyone they shared a meeting with."""
        teams: dict[str, set[str]] = {}
        for meeting in self._state.meetings.values():
            if meeting.team_id != team_id:
                continue
            for me in meeting.people:
                for other in meeting.people:
                    person = self._state.members.get((team_id, other))
                    if other != me and person is not None and person.team is not None:
                        teams.setdefault(me, set()).add(person.team)
        return {user_id: frozenset(found) for user_id, found in teams.items()}

    def last_sent(self, team_id: str, user_ids: Sequence[str]) -> dict[str, datetime]:
        found = {user_id: self.last_sent_at(team_id, user_id) for user_id in user_ids}
        return {user_id: at for user_id, at in found.items() if at is not None}

    def last_sent_at(self, team_id: str, user_id: str) -> datetime | None:
        sent = [
            n.sent_at
            for n in self._state.nudges.values()
            if n.team_id == team_id and n.user_id == user_id and n.sent_at is not None
        ]
        return max(sent, default=None)

    def claim(self, nudge_ids: Sequence[int], now: datetime, lease_seconds: int) -> bool:
        """All or nothing, as the SQL claim releases what it took when it could not take every one."""
        stale = now - timedelta(seconds=lease_seconds)
        wanted = [self._state.nudges.get(i) for i in set(nudge_ids)]
        if not all(
            n is not None
            and n.status is NudgeStatus.PENDING
            and (n.claimed_at is None or n.claimed_at < stale)
            for n in wanted
        ):
            return False
        for nudge in wanted:
            assert nudge is not None
            nudge.claimed_at = now
        return True

    def mark_sent(self, nudge_ids: Sequence[int], channel: str, ts: str, now: datetime) -> None:
        for nudge in self._open(nudge_ids):
            nudge.status, nudge.sent_at, nudge.claimed_at = NudgeStatus.SENT, now, None
            nudge.message = (channel, ts)

    def nudges_in_message(self, channel: str, ts: str) -> list[Nudge]:
        found = [n for n in self._state.nudges.values() if n.message == (channel, ts)]
        return [self._nudge(n) for n in sorted(found, key=lambda n: n.id)]

    def set_status(self, nudge_ids: Sequence[int], status: NudgeStatus) -> None:
        status = NudgeStatus(status)
        if status not in (NudgeStatus.DONE, NudgeStatus.SKIPPED):
            raise ValueError(f"set_status takes done or skipped, not {status.value!r}")
        for nudge in self._open(nudge_ids):
            nudge.status, nudge.claimed_at = status, None

    def snooze(self, nudge_ids: Sequence[int], due_at: datetime) -> None:
        for nudge in self._open(nudge_ids):
            nudge.status, nudge.due_at = NudgeStatus.PENDING, due_at
            nudge.claimed_at = nudge.message = None

    def _open(self, nudge_ids: Sequence[int]) -> list[StoredNudge]:
        return [n for i in set(nudge_ids) if (n := self._state.nudges.get(i)) and n.status in OPEN]

    def _nudge(self, stored: StoredNudge) -> Nudge:
        meeting = self._state.meetings[stored.meeting_id]
        return Nudge(
            id=stored.id,
            meeting_id=stored.meeting_id,
            team_id=stored.team_id,
            user_id=stored.user_id,
            others=tuple(p for p in meeting.people if p != stored.user_id and not is_anonymous(p)),
            due_at=stored.due_at,
            status=stored.status,
            met_on=meeting.met_at.astimezone(UTC).date(),
            note=meeting.note,
            message_channel=stored.message[0] if stored.message else None,
            message_ts=stored.message[1] if stored.message else None,
        )


# ---------------------------------------------------------------- introductions


class FakeIntroductionRepository(Partial):
    def __init__(self, state: State) -> None:
        self._state = state

    def add(self, intro: Introduction) -> Introduction | None:
        key = (intro.team_id, pair_key(intro.a, intro.b))
        if any(
            (s.intro.team_id, pair_key(s.intro.a, s.intro.b)) == key and s.intro.outcome is Outcome.PENDING
            for s in self._state.introductions.values()
        ):
            return None  # the unique index on the pending pair
        stored = replace(intro, id=self._state.new_id())
        self._state.introductions[stored.id] = StoredIntroduction(stored)
        return stored

    def hold_proposer(self, team_id: str, proposer: str, now: datetime) -> None:
        self._state.proposer_holds[team_id, proposer] = now  # one process: nothing to wait for

    def get(self, intro_id: int) -> Introduction | None:
        stored = self._state.introductions.get(intro_id)
        return None if stored is None else stored.intro

    def pending_between(self, team_id: str, x: str, y: str) -> bool:
        return any(
            s.intro.team_id == team_id
            and s.intro.outcome is Outcome.PENDING
            and {s.intro.a, s.intro.b} == {x, y}
            for s in self._state.introductions.values()
        )

    def proposed_since(self, team_id: str, proposer: str, since: datetime) -> int:
        return sum(
            1
            for s in self._state.introductions.values()
            if s.intro.team_id == team_id and s.intro.proposer == proposer and s.intro.created_at > since
        )

    def record_answer(self, intro_id: int, user_id: str, answer: Answer, now: datetime) -> bool:
        stored = self._state.introductions.get(intro_id)
        if stored is None or stored.intro.outcome is not Outcome.PENDING:
            return False
        intro = stored.intro
        if intro.a == user_id and intro.a_answer is None:
            stored.intro = replace(intro, a_answer=answer, a_answered_at=now)
        elif intro.b == user_id and intro.b_answer is None:
            stored.intro = replace(intro, b_answer=answer, b_answered_at=now)
        else:
            return False
        return True

    def close(self, intro_id: int, outcome: Outcome, now: datetime) -> bool:
        stored = self._state.introductions.get(intro_id)
        if stored is None or stored.intro.outcome is not Outcome.PENDING:
            return False
        stored.intro = replace(stored.intro, outcome=outcome, closed_at=now)
        return True

    def remember_request(self, intro_id: int, user_id: str, channel_id: str, ts: str) -> None:
        if (stored := self._state.introductions.get(intro_id)) is not None:
            stored.requests[user_id] = (channel_id, ts)

    def request_message(self, intro_id: int, user_id: str) -> tuple[str, str] | None:
        stored = self._state.introductions.get(intro_id)
        return None if stored is None else stored.requests.get(user_id)

    def claim_request(self, intro_id: int, user_id: str, now: datetime) -> int | None:
        stored = self._state.introductions.get(intro_id)
        if stored is None or stored.intro.outcome is not Outcome.PENDING or user_id in stored.requests:
            return None
        tried = stored.tried_at.get(user_id)
        if tried is not None and tried > retry_due_before(now):
            return None
        stored.attempts[user_id] = stored.attempts.get(user_id, 0) + 1
        stored.tried_at[user_id] = now
        return stored.attempts[user_id]

    def opened_group(self, intro_id: int, channel_id: str) -> None:
        if (stored := self._state.introductions.get(intro_id)) is not None:
            stored.group_channel = channel_id


# ---------------------------------------------------------------- Slack


class Crash(Exception):
    """The process died right after Slack took a call (raised by `crash_after`)."""


def slack_member(
    user_id: str, tz: str | None = "UTC", deleted: bool = False, is_bot: bool = False
) -> SlackMember:
    return SlackMember(
        user_id=user_id,
        name=f"Name{user_id}",
        is_bot=is_bot,
        deleted=deleted,
        is_admin=False,
        tz=tz,
        utc_offset_minutes=0,
    )


@dataclass
class _Rule:
    method: str
    args: tuple[Any, ...]  # the call's first arguments must equal these
    error: Callable[[], Exception]
    after: bool  # raise after the call took effect (a crash), not instead of it
    times: int | None  # None: every matching call


class RecordingMessenger(Partial):
    """Records `(method, *args)` for every call Slack took, in order (a refused call is not recorded)."""

    def __init__(self, people: Sequence[SlackMember] = ()) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.people = {p.user_id: p for p in people}
        self._rules: list[_Rule] = []
        self._ts = itertools.count(1)
        self.on_call: Callable[[tuple[Any, ...]], None] | None = None  # sees each call as it happens
        self._pending_crash: _Rule | None = None

    def fail(self, method: str, code: str, *args: Any, times: int | None = None) -> None:
        """Slack refuses `method` (for calls whose first arguments are `args`) with SlackError(code)."""
        self._rules.append(_Rule(method, args, lambda: SlackError(code), after=False, times=times))

    def crash_after(self, method: str, *args: Any, times: int | None = 1) -> None:
        """Slack takes the call, then the process dies before it can record the answer."""
        self._rules.append(_Rule(method, args, lambda: Crash(method), after=True, times=times))

    def sent(self, method: str) -> list[tuple[Any, ...]]:
        """The arguments of each call to `method`."""
        return [call[1:] for call in self.calls if call[0] == method]

    def _call(self, method: str, *args: Any) -> None:
        """Record the call, or raise the SlackError a rule says; call `_after` once the call took effect."""
        rule = self._rule(method, args)
        if rule is not None and not rule.after:
            raise rule.error()
        self.calls.append((method, *args))
        if self.on_call is not None:
            self.on_call((method, *args))
        self._pending_crash = rule

    def _done(self) -> None:
        rule, self._pending_crash = self._pending_crash, None
        if rule is not None:
            raise rule.error()

    def _rule(self, method: str, args: tuple[Any, ...]) -> _Rule | None:
        for rule in self._rules:
            if rule.method == method and args[: len(rule.args)] == rule.args and rule.times != 0:
                if rule.times is not None:
                    rule.times -= 1
                return rule
        return None

    def _new_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def member(self, user_id: str) -> SlackMember:
        self._call("member", user_id)
        self._done()
        if user_id not in self.people:
            raise SlackError("user_not_found")
        return self.people[user_id]


class FakeCoffeeMessenger(RecordingMessenger):
    """CoffeeMessenger: a channel's members, group DMs, and the intros and check-ins posted in them."""

    def bot_user_id(self) -> str:
        return BOT

    def __init__(
        self, people: Sequence[SlackMember] = (), channels: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(people)
        self.channels = channels or {}
        # (channel, kind, group_id or (pool_id, round_id) for "still in?", ts): what Slack holds
        self.posted: list[tuple[str, str, object, str]] = []

    def channel_members(self, channel_id: str) -> list[str]:
        self._call("channel_members", channel_id)
        self._done()
        return list(self.channels.get(channel_id, []))

    def members(self, user_ids: Sequence[str]) -> dict[str, SlackMember]:
        self._call("members", tuple(user_ids))
        self._done()
        return {u: self.people[u] for u in user_ids if u in self.people}

    def open_group(self, user_ids: Sequence[str]) -> str:
        self._call("open_group", tuple(user_ids))
        self._done()
        return "G-" + "-".join(sorted(user_ids))  # the same people get the same conversation back

    def send_intro(self, channel_id: str, group_id: int, intro: Intro) -> str:
        return self._post("intro", channel_id, group_id, intro)

    def send_checkin(self, channel_id: str, group_id: int, reask: bool) -> str:
        return self._post("reask" if reask else "checkin", channel_id, group_id, reask)

    def find_sent(self, channel_id: str, kind: str, group_id: int) -> str | None:
        self._call("find_sent", channel_id, kind, group_id)
        self._done()
        return next((ts for c, k, g, ts in self.posted if (c, k, g) == (channel_id, kind, group_id)), None)

    def direct(self, user_id: str, text: str) -> None:
        self._call("direct", user_id, text)
        self._done()

    def open_direct(self, user_id: str) -> str:
        self._call("open_direct", user_id)
        self._done()
        return f"D{user_id}"

    def ask_to_stay(self, dm_channel: str, pool_id: int, channel_id: str, round_id: int) -> str:
        self._call("ask_to_stay", dm_channel, pool_id, round_id)
        ts = self._new_ts()
        self.posted.append((dm_channel, "stay", (pool_id, round_id), ts))
        self._done()
        return ts

    def find_stay_question(self, dm_channel: str, pool_id: int, round_id: int) -> str | None:
        self._call("find_stay_question", dm_channel, pool_id, round_id)
        self._done()
        tag = (dm_channel, "stay", (pool_id, round_id))
        return next((ts for c, k, g, ts in self.posted if (c, k, g) == tag), None)

    def _post(self, kind: str, channel_id: str, group_id: int, detail: Any) -> str:
        method = "send_intro" if kind == "intro" else "send_checkin"
        self._call(method, channel_id, group_id, detail)
        ts = self._new_ts()
        self.posted.append((channel_id, kind, group_id, ts))
        self._done()
        return ts


class FakeFollowUpMessenger(RecordingMessenger):
    """FollowUpMessenger: members' time zones and the thank-you DMs."""

    def send_nudge(self, user_id: str, message: NudgeMessage) -> tuple[str, str]:
        self._call("send_nudge", user_id, message)
        self._done()
        return f"D{user_id}", self._new_ts()

    def close_nudge(self, channel: str, ts: str, text: str) -> None:
        self._call("close_nudge", channel, ts, text)
        self._done()


class FakeIntroMessenger(RecordingMessenger):
    """IntroMessenger: consent requests, the group DM of an accepted introduction, and the kind no."""

    def bot_user_id(self) -> str:
        return BOT

    def ask_consent(self, intro: Introduction, asked: str, other: IntroSide) -> tuple[str, str]:
        self._call("ask_consent", asked, intro.id, other.user_id)
        self._done()
        return f"D{asked}", self._new_ts()

    def show_consent_answer(self, channel_id: str, ts: str, standing: Standing, other: str) -> None:
        self._call("show_consent_answer", channel_id, ts, standing, other)
        self._done()

    def introduce(self, intro: Introduction, a: IntroSide, b: IntroSide) -> str:
        self._call("introduce", intro.id, a.user_id, b.user_id)
        self._done()
        return "G-" + "-".join(sorted((intro.proposer, a.user_id, b.user_id)))

    def tell_not_this_time(self, intro: Introduction) -> None:
        self._call("tell_not_this_time", intro.proposer, intro.id)
        self._done()
