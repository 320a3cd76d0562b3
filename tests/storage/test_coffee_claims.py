"""Delivery steps are claimed by one caller at a time, also across real concurrent connections."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.coffee.model import CheckinAnswer, Schedule
from storage.db import make_engine, make_session_factory
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
LEASE = 300
STEPS = ("intro", "checkin", "reask")


def make_groups(factory: sessionmaker[Session], count: int = 1) -> list[int]:
    with SqlUnitOfWork(factory) as uow:
        pool, _ = uow.pools.create("T1", "C1", Schedule(), T0)
        the_round = uow.rounds.claim(pool, T0, seed=1, now=T0)
        assert the_round is not None
        members = [(f"U{i}a", f"U{i}b") for i in range(count)]
        groups = uow.rounds.add_groups(the_round.id, [(pair, pair[0]) for pair in members])
        uow.commit()
    return [group.id for group in groups]


def claim(factory: sessionmaker[Session], group_id: int, step: str, now: datetime) -> bool:
    with SqlUnitOfWork(factory) as uow:
        won = uow.rounds.claim_step(group_id, step, now, LEASE)
        uow.commit()
    return won


@pytest.mark.parametrize("step", STEPS)
def test_only_one_of_two_claims_succeeds(session_factory: sessionmaker[Session], step: str) -> None:
    (group_id,) = make_groups(session_factory)
    assert claim(session_factory, group_id, step, T0)
    assert not claim(session_factory, group_id, step, T0 + timedelta(seconds=1))
    assert not claim(session_factory, group_id, step, T0 + timedelta(seconds=LEASE))
    others = [other for other in STEPS if other != step]
    assert all(claim(session_factory, group_id, other, T0) for other in others)


def test_a_claim_older_than_the_lease_can_be_claimed_again(session_factory: sessionmaker[Session]) -> None:
    (group_id,) = make_groups(session_factory)
    assert claim(session_factory, group_id, "intro", T0)
    later = T0 + timedelta(seconds=LEASE + 1)
    assert claim(session_factory, group_id, "intro", later)
    assert not claim(session_factory, group_id, "intro", later + timedelta(seconds=LEASE))


@pytest.mark.parametrize(("step", "done"), [("intro", "1.1"), ("checkin", "2.2"), ("reask", T0)])
def test_a_stamped_step_can_never_be_claimed(
    session_factory: sessionmaker[Session], step: str, done: object
) -> None:
    (group_id,) = make_groups(session_factory)
    column = {"intro": "intro_ts", "checkin": "checkin_ts", "reask": "reasked_at"}[step]
    with SqlUnitOfWork(session_factory) as uow:
        uow.rounds.stamp(group_id, **{column: done})
        uow.commit()
    assert not claim(session_factory, group_id, step, T0)
    assert not claim(session_factory, group_id, step, T0 + timedelta(days=365))


def test_a_failure_releases_the_intro_claim_until_the_group_gives_up(
    session_factory: sessionmaker[Session],
) -> None:
    (group_id,) = make_groups(session_factory)
    assert claim(session_factory, group_id, "intro", T0)
    with SqlUnitOfWork(session_factory) as uow:
        uow.rounds.record_failure(group_id, "channel_not_found", give_up=False)
        uow.commit()
    assert claim(session_factory, group_id, "intro", T0 + timedelta(seconds=1))
    with SqlUnitOfWork(session_factory) as uow:
        uow.rounds.record_failure(group_id, "channel_not_found", give_up=True)
        uow.commit()
    assert not claim(session_factory, group_id, "intro", T0 + timedelta(days=1))
    assert not claim(session_factory, group_id, "checkin", T0 + timedelta(days=1))


def test_claims_in_the_session_that_added_the_group_are_seen_by_its_reads(
    session_factory: sessionmaker[Session],
) -> None:
    with SqlUnitOfWork(session_factory) as uow:
        pool, _ = uow.pools.create("T1", "C1", Schedule(), T0)
        the_round = uow.rounds.claim(pool, T0, seed=1, now=T0)
        assert the_round is not None
        (group,) = uow.rounds.add_groups(the_round.id, [(("U1", "U2"), "U1")])
        assert uow.rounds.claim_step(group.id, "intro", T0, LEASE)
        uow.rounds.stamp(group.id, intro_ts="1.1")
        uow.rounds.record_failure(group.id, "boom", give_up=False)
        stored = uow.rounds.group(group.id)
        assert stored is not None
        assert (stored.intro_ts, stored.attempts, stored.last_error) == ("1.1", 1, "boom")
        uow.rounds.close(the_round.id, T0)
        assert uow.rounds.latest(pool.id) == replace(the_round, closed_at=T0)


def test_an_unknown_step_is_an_error(session_factory: sessionmaker[Session]) -> None:
    (group_id,) = make_groups(session_factory)
    with SqlUnitOfWork(session_factory) as uow, pytest.raises(ValueError, match="unknown step"):
        uow.rounds.claim_step(group_id, "answer", T0, LEASE)


@pytest.mark.parametrize("stale", [False, True], ids=["unclaimed", "stale claim"])
def test_two_connections_racing_for_one_step_have_exactly_one_winner(
    migrated_url: str, session_factory: sessionmaker[Session], stale: bool
) -> None:
    """Each contender has its own engine; the first to update holds the row (or SQLite's lock)
    for a moment before committing, so the other really waits and then re-checks."""
    group_ids = make_groups(session_factory, count=3)
    if stale:
        for group_id in group_ids:
            assert claim(session_factory, group_id, "intro", T0 - timedelta(seconds=LEASE + 1))

    def contender(group_id: int, start: threading.Barrier) -> bool:
        engine = make_engine(migrated_url)
        try:
            factory = make_session_factory(engine)
            start.wait(timeout=30)
            with SqlUnitOfWork(factory) as uow:
                won = uow.rounds.claim_step(group_id, "intro", T0, LEASE)
                time.sleep(0.2)
                uow.commit()
            return won
        finally:
            engine.dispose()

    with ThreadPoolExecutor(max_workers=2) as pool:
        for group_id in group_ids:
            start = threading.Barrier(2)
            results = [f.result(timeout=60) for f in [pool.submit(contender, group_id, start) for _ in "ab"]]
            assert sorted(results) == [False, True], group_id


def test_the_groups_left_to_deliver_and_to_ask_are_found_in_the_query(
    session_factory: sessionmaker[Session],
) -> None:
    """Each tick reads only these, so a round whose groups are all done costs no group rows."""
    posted, failed, waiting, scheduled, answered = make_groups(session_factory, count=5)
    with SqlUnitOfWork(session_factory) as uow:
        round_id = uow.rounds.group(posted).round_id  # type: ignore[union-attr]
        for group_id in (posted, scheduled, answered):
            uow.rounds.stamp(group_id, conversation_id=f"G{group_id}", intro_ts="1.1")
        uow.rounds.record_failure(failed, "channel_not_found", give_up=True)
        for group_id in (scheduled, answered):
            uow.rounds.stamp(group_id, checkin_ts="2.2")
        uow.rounds.record_answer(scheduled, CheckinAnswer.SCHEDULED, "U3a", T0)
        uow.rounds.record_answer(answered, CheckinAnswer.MET, "U4a", T0)
        uow.commit()
    with SqlUnitOfWork(session_factory) as uow:
        assert [g.id for g in uow.rounds.groups_to_deliver(round_id)] == [waiting]
        assert [g.id for g in uow.rounds.groups_to_ask(round_id, reask=False)] == [posted]
        assert [g.id for g in uow.rounds.groups_to_ask(round_id, reask=True)] == [posted, scheduled]
        uow.rounds.stamp(scheduled, reasked_at=T0)
        assert [g.id for g in uow.rounds.groups_to_ask(round_id, reask=True)] == [posted]
