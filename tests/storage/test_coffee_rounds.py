"""Rounds, groups, answers and history, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.coffee.model import CheckinAnswer, Pool, Round, RoundGroup, Schedule
from storage.coffee.models import RoundRow
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


def create_pool(factory: sessionmaker[Session], channel_id: str = "C1") -> Pool:
    with SqlUnitOfWork(factory) as uow:
        pool, _ = uow.pools.create("T1", channel_id, Schedule(), T0)
        uow.commit()
    return pool


def start(factory: sessionmaker[Session], pool: Pool, week: int, *groups: tuple[str, ...]) -> Round:
    """Claim the pool's round `week` weeks after T0 and store `groups`; each one's first member organises."""
    with SqlUnitOfWork(factory) as uow:
        the_round = uow.rounds.claim(pool, T0 + week * WEEK, seed=week, now=T0 + week * WEEK)
        assert the_round is not None
        uow.rounds.add_groups(the_round.id, [(members, members[0]) for members in groups])
        uow.commit()
    return the_round


@pytest.fixture
def pool(session_factory: sessionmaker[Session]) -> Pool:
    return create_pool(session_factory)


def test_a_claimed_round_is_stored_with_its_slot_and_seed(
    session_factory: sessionmaker[Session], pool: Pool
) -> None:
    with SqlUnitOfWork(session_factory) as uow:
        the_round = uow.rounds.claim(pool, T0, seed=2**40, now=T0 + timedelta(seconds=3))
        uow.commit()
    assert the_round == Round(the_round.id, pool.id, "T1", T0, 2**40, T0 + timedelta(seconds=3))
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.rounds.latest(pool.id) == the_round
        assert uow.rounds.open_rounds() == [the_round]


def test_claiming_a_slot_twice_returns_none_and_the_transaction_still_commits_other_work(
    session_factory: sessionmaker[Session], pool: Pool
) -> None:
    start(session_factory, pool, 0)
    with SqlUnitOfWork(session_factory) as uow:
        other_pool, _ = uow.pools.create("T1", "C2", Schedule(), T0)
        assert uow.rounds.claim(pool, T0, seed=9, now=T0) is None
        assert uow.rounds.claim(pool, T0.astimezone(timezone(timedelta(hours=2))), seed=9, now=T0) is None
        next_week = uow.rounds.claim(pool, T0 + WEEK, seed=9, now=T0)
        uow.commit()
    assert next_week is not None
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.pools.get("T1", "C2") == other_pool
        assert [r.scheduled_for for r in uow.rounds.open_rounds()] == [T0, T0 + WEEK]
        assert uow.rounds.latest(pool.id) == next_week
        assert uow.rounds.latest(other_pool.id) is None


def test_claim_for_an_unknown_pool_is_an_error_not_a_lost_race(
    session_factory: sessionmaker[Session], pool: Pool
) -> None:
    ghost = Pool(pool.id + 1, "T1", "C9", Schedule())
    with SqlUnitOfWork(session_factory) as uow, pytest.raises(IntegrityError):
        uow.rounds.claim(ghost, T0, seed=1, now=T0)


def test_open_rounds_are_oldest_first_and_close_keeps_the_first_time(
    session_factory: sessionmaker[Session], pool: Pool
) -> None:
    second, first = start(session_factory, pool, 1), start(session_factory, pool, 0)
    other = start(session_factory, create_pool(session_factory, "C2"), 2)
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.rounds.open_rounds() == [first, second, other]
        uow.rounds.close(first.id, T0 + WEEK)
        uow.rounds.close(first.id, T0 + 2 * WEEK)
        assert uow.rounds.open_rounds() == [second, other]
        uow.commit()
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.rounds.open_rounds() == [second, other]
        closed = uow.session.get(RoundRow, first.id)
        assert closed is not None
        assert closed.closed_at == T0 + WEEK


def test_groups_keep_their_member_order_and_start_undelivered(
    session_factory: sessionmaker[Session], pool: Pool
) -> None:
    with SqlUnitOfWork(session_factory) as uow:
        the_round = uow.rounds.claim(pool, T0, seed=1, now=T0)
        assert the_round is not None
        stored = uow.rounds.add_groups(the_round.id, [(("U9", "U1", "U5"), "U1"), (("U2", "U3"), "U3")])
        uow.commit()
    first, second = stored
    assert first == RoundGroup(first.id, the_round.id, ("U9", "U1", "U5"), "U1")
    assert second == RoundGroup(second.id, the_round.id, ("U2", "U3"), "U3")
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.rounds.groups(the_round.id) == stored
        assert uow.rounds.group(second.id) == second
        assert uow.rounds.group(second.id + 1) is None


def test_a_member_in_two_groups_of_one_round_violates_the_unique_constraint(
    session_factory: sessionmaker[Session], pool: Pool
) -> None:
    the_round = start(session_factory, pool, 0)
    with SqlUnitOfWork(session_factory) as uow, pytest.raises(IntegrityError):
        uow.rounds.add_groups(the_round.id, [(("U1", "U2"), "U1"), (("U3", "U1"), "U3")])
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.rounds.groups(the_round.id) == []
        with pytest.raises(ValueError, match="organiser"):
            uow.rounds.add_groups(the_round.id, [(("U1", "U2"), "U3")])


def test_stamps_and_failures_are_recorded(session_factory: sessionmaker[Session], pool: Pool) -> None:
    the_round = start(session_factory, pool, 0, ("U1", "U2"))
    with SqlUnitOfWork(session_factory) as uow:
        (group,) = uow.rounds.groups(the_round.id)
        uow.rounds.record_failure(group.id, "x" * 250, give_up=False)
        uow.rounds.record_failure(group.id, "ratelimited", give_up=True)
        uow.rounds.stamp(group.id, conversation_id="G1", intro_ts="1.2")
        uow.rounds.stamp(group.id, checkin_ts="3.4", reasked_at=T0 + WEEK)
        uow.commit()
    with SqlUnitOfWork(session_factory) as uow:
        stored = uow.rounds.group(group.id)
        assert stored is not None
        assert (stored.attempts, stored.last_error, stored.failed) == (2, "ratelimited", True)
        assert (stored.conversation_id, stored.intro_ts, stored.checkin_ts) == ("G1", "1.2", "3.4")
        assert stored.reasked_at == T0 + WEEK
        with pytest.raises(ValueError, match="answer"):
            uow.rounds.stamp(group.id, answer="met")
        with pytest.raises(ValueError):
            uow.rounds.stamp(group.id)
        with pytest.raises(LookupError):
            uow.rounds.stamp(group.id + 1, intro_ts="5.6")
        with pytest.raises(LookupError):
            uow.rounds.record_failure(group.id + 1, "boom", give_up=False)


def test_a_long_error_is_cut_to_200_characters(session_factory: sessionmaker[Session], pool: Pool) -> None:
    the_round = start(session_factory, pool, 0, ("U1", "U2"))
    with SqlUnitOfWork(session_factory) as uow:
        (group,) = uow.rounds.groups(the_round.id)
        uow.rounds.record_failure(group.id, "é" * 250, give_up=False)
        uow.commit()
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.rounds.group(group.id) == RoundGroup(
            group.id, the_round.id, ("U1", "U2"), "U1", attempts=1, last_error="é" * 200
        )


def test_the_first_answer_wins_but_scheduled_may_become_met(
    session_factory: sessionmaker[Session], pool: Pool
) -> None:
    the_round = start(session_factory, pool, 0, ("U1", "U2"), ("U3", "U4"))
    later = T0 + timedelta(days=3)
    with SqlUnitOfWork(session_factory) as uow:
        scheduled, declined = uow.rounds.groups(the_round.id)
        assert uow.rounds.record_answer(scheduled.id, CheckinAnswer.SCHEDULED, "U1", T0)
        assert uow.rounds.record_answer(scheduled.id, CheckinAnswer.MET, "U2", later)
        assert not uow.rounds.record_answer(scheduled.id, CheckinAnswer.NOT_THIS_TIME, "U1", later)
        assert uow.rounds.record_answer(declined.id, CheckinAnswer.NOT_THIS_TIME, "U3", T0)
        assert not uow.rounds.record_answer(declined.id, CheckinAnswer.MET, "U4", later)
        uow.commit()
    with SqlUnitOfWork(session_factory) as uow:
        met, not_this_time = uow.rounds.groups(the_round.id)
    assert (met.answer, met.answered_by, met.answered_at) == (CheckinAnswer.MET, "U2", later)
    assert (not_this_time.answer, not_this_time.answered_by) == (CheckinAnswer.NOT_THIS_TIME, "U3")
    assert not_this_time.answered_at == T0


def test_pair_history_numbers_rounds_by_slot_and_counts_every_pair_of_a_triple(
    session_factory: sessionmaker[Session], pool: Pool
) -> None:
    start(session_factory, pool, 2, ("U1", "U2"), ("U3", "U4"))  # stored first, but round 3
    start(session_factory, pool, 0, ("U1", "U2", "U3"))
    start(session_factory, pool, 1, ("U1", "U4"), ("U2", "U3"))
    start(session_factory, create_pool(session_factory, "C2"), 5, ("U1", "U3"))
    empty = create_pool(session_factory, "C3")
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.rounds.pair_history(pool.id) == {
            frozenset({"U1", "U2"}): 3,
            frozenset({"U1", "U3"}): 1,
            frozenset({"U2", "U3"}): 2,
            frozenset({"U1", "U4"}): 2,
            frozenset({"U3", "U4"}): 3,
        }
        assert uow.rounds.organiser_counts(pool.id) == {"U1": 3, "U2": 1, "U3": 1}
        assert uow.rounds.pair_history(empty.id) == {}
        assert uow.rounds.organiser_counts(empty.id) == {}


def test_member_history_is_newest_first_and_limited(
    session_factory: sessionmaker[Session], pool: Pool
) -> None:
    first = start(session_factory, pool, 0, ("U1", "U2", "U3"))
    third = start(session_factory, pool, 2, ("U3", "U1"))
    start(session_factory, pool, 1, ("U2", "U3"))
    with SqlUnitOfWork(session_factory) as uow:
        history = uow.rounds.member_history(pool.id, "U1", 5)
        assert [(r, g.members) for r, g in history] == [(third, ("U3", "U1")), (first, ("U1", "U2", "U3"))]
        assert [r for r, _ in uow.rounds.member_history(pool.id, "U1", 1)] == [third]
        assert uow.rounds.member_history(pool.id, "U9", 5) == []
