"""Mentoring under concurrency on both backends, each contender on its own engine as replicas would be:
two Accept presses act once, a tick expiring a request beside the mentor's press acts once, two ticks
closing a window assign once, and a mentor never gets more mentees than their capacity."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.domain.mentoring.kickoff import Kickoff
from bot.domain.mentoring.model import Assignment, Fit
from bot.domain.mentoring.schedule import Cadence
from bot.domain.people.person import Person, Role
from bot.services.mentoring.matching import close_due_windows, match_waiting
from bot.services.mentoring.ports import MentorRecord, Pair, PairStatus, Request
from bot.services.mentoring.proposals import Answered, accept, expire_overdue
from bot.services.ports import SlackMember
from storage.unit_of_work import SqlUnitOfWork
from tests.storage.test_introductions_concurrency import race

TEAM = "T1"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
MAYA, ANA = "UMAYA", "UANA"
THREADS = 6


class Messenger:
    """Every person exists in UTC; every call is recorded (from any thread)."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self._lock = threading.Lock()

    def _record(self, *call: Any) -> None:
        with self._lock:
            self.calls.append(call)

    def member(self, user_id: str) -> SlackMember:
        return SlackMember(user_id, user_id, False, False, False, "UTC", 0)

    def members(self, user_ids: Sequence[str]) -> dict[str, SlackMember]:
        return {u: self.member(u) for u in user_ids}

    def ask_mentor(self, request: Request) -> tuple[str, str]:
        self._record("ask_mentor", request.pair.id)
        return f"D{request.pair.mentor_id}", f"1.{request.pair.id}"

    def close_request(self, channel: str, ts: str, text: str) -> None:
        self._record("close_request", ts, text)

    def start_pair(self, pair: Pair, kickoff: Kickoff, resume: bool) -> tuple[str, str]:
        self._record("start_pair", pair.id)
        return "GPAIR", f"2.{pair.id}"

    def sent(self, method: str) -> list[tuple[Any, ...]]:
        return [c for c in self.calls if c[0] == method]


def seeded(
    sessions: sessionmaker[Session], mentors: dict[str, int], mentees: Sequence[str]
) -> Callable[[], SqlUnitOfWork]:
    uow = lambda: SqlUnitOfWork(sessions)  # noqa: E731
    with uow() as work:
        people = [Person(TEAM, u, Role.MENTOR) for u in mentors] + [
            Person(TEAM, u, Role.INTERN) for u in mentees
        ]
        work.members.upsert_roster(people, NOW)
        for user_id, capacity in mentors.items():
            work.mentoring.save_mentor(
                MentorRecord(TEAM, user_id, capacity, ("sql",), Cadence.WEEKLY), user_id, NOW
            )
        for user_id in mentees:
            work.mentoring.save_goals(TEAM, user_id, ("sql",), None, NOW)
            work.mentoring.save_ranking(TEAM, user_id, tuple(mentors)[:1], True, NOW)
        work.commit()
    return uow


def requested_pair(uow: Callable[[], SqlUnitOfWork]) -> Pair:
    with uow() as work:
        pair = work.mentoring.add_pair(TEAM, Assignment(ANA, MAYA, 1, Fit(4)), NOW)
        assert pair is not None
        work.mentoring.mark_requested(pair.id, "DMAYA", "1.1", NOW, NOW + timedelta(days=3), None)
        work.commit()
    return pair


def test_two_accept_presses_at_once_accept_once_and_kick_off_once(
    migrated_url: str, session_factory: sessionmaker[Session]
) -> None:
    uow = seeded(session_factory, {MAYA: 1}, [ANA])
    pair = requested_pair(uow)
    slack = Messenger()
    presses = [lambda w: accept(lambda: w, slack, TEAM, pair.id, MAYA, NOW) for _ in range(THREADS)]
    outcomes = [o.answered for o in race(migrated_url, presses)]
    assert sorted(outcomes) == sorted([Answered.ACCEPTED] + [Answered.SETTLED] * (THREADS - 1))
    assert len(slack.sent("start_pair")) == 1 and len(slack.sent("close_request")) == 1
    with uow() as work:
        assert work.mentoring.pair(TEAM, pair.id).status is PairStatus.ACCEPTED


def test_a_tick_expiring_the_request_beside_the_mentors_press_acts_once(
    migrated_url: str, session_factory: sessionmaker[Session]
) -> None:
    uow = seeded(session_factory, {MAYA: 1, "URAVI": 1}, [ANA])
    pair = requested_pair(uow)
    slack = Messenger()
    late = NOW + timedelta(days=4)
    contenders = [
        lambda w: accept(lambda: w, slack, TEAM, pair.id, MAYA, late).answered,
        lambda w: expire_overdue(lambda: w, lambda _: slack, late),
    ]
    pressed, expired = race(migrated_url, contenders)
    with uow() as work:
        status = work.mentoring.pair(TEAM, pair.id).status
        live = [
            p
            for p in work.mentoring.pairs_of(TEAM, ANA)
            if p.status in (PairStatus.PROPOSED, PairStatus.ACCEPTED)
        ]
    if pressed is Answered.ACCEPTED:
        assert (expired, status, len(slack.sent("start_pair"))) == (0, PairStatus.ACCEPTED, 1)
        assert [p.mentor_id for p in live] == [MAYA]
    else:
        assert (pressed, expired, status) == (Answered.SETTLED, 1, PairStatus.EXPIRED)
        assert slack.sent("start_pair") == [] and [p.mentor_id for p in live] == ["URAVI"]  # moved on, once


def test_two_ticks_closing_a_window_assign_everyone_once(
    migrated_url: str, session_factory: sessionmaker[Session]
) -> None:
    mentees = [f"UINTERN{i}" for i in range(5)]
    uow = seeded(session_factory, {MAYA: 2, "URAVI": 2}, mentees)
    with uow() as work:
        work.mentoring.open_window(TEAM, "UADMIN", NOW + timedelta(days=1), NOW)
        work.commit()
    slack = Messenger()
    later = NOW + timedelta(days=2)
    results = race(migrated_url, [lambda w: close_due_windows(lambda: w, lambda _: slack, later)] * 2)
    assert sorted(results) == [0, 4]
    with uow() as work:
        assert work.mentoring.loads(TEAM) == {MAYA: 2, "URAVI": 2}
        assert work.mentoring.unmatched(TEAM) == [m.user_id for m in work.mentoring.waiting(TEAM)]
        assert len(work.mentoring.unmatched(TEAM)) == 1


def test_late_joiners_matched_at_once_never_exceed_a_mentors_capacity(
    migrated_url: str, session_factory: sessionmaker[Session]
) -> None:
    mentees = [f"UINTERN{i}" for i in range(THREADS)]
    uow = seeded(session_factory, {MAYA: 2}, mentees)
    slack = Messenger()
    made = race(
        migrated_url, [lambda w, m=m: match_waiting(lambda: w, slack, TEAM, NOW, only=m) for m in mentees]
    )
    assert sum(len(pairs) for pairs in made) == 2
    with uow() as work:
        assert work.mentoring.loads(TEAM) == {MAYA: 2}
