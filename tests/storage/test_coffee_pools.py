"""Coffee pools, participation settings and exclusions, on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.coffee.model import Frequency, Participation, ParticipationStatus, Pool, Schedule
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
SCHEDULE = Schedule(Frequency.BIWEEKLY, weekday=2, at=time(14, 30), timezone="Europe/Berlin")


def create_pool(factory: sessionmaker[Session], channel_id: str = "C1", team_id: str = "T1") -> Pool:
    with SqlUnitOfWork(factory) as uow:
        pool, created = uow.pools.create(team_id, channel_id, SCHEDULE, T0)
        uow.commit()
    assert created
    return pool


def test_a_new_pool_keeps_its_schedule_and_gets_the_default_checkin_delay(
    session_factory: sessionmaker[Session],
) -> None:
    pool = create_pool(session_factory)
    assert pool == Pool(pool.id, "T1", "C1", SCHEDULE, checkin_after_days=3, created_at=T0)
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.pools.get("T1", "C1") == pool
        assert uow.pools.get_by_id(pool.id) == pool
        assert uow.pools.get("T2", "C1") is None
        assert uow.pools.get_by_id(pool.id + 1) is None
        assert uow.pools.all() == [pool]


def test_creating_a_pool_twice_returns_the_existing_one(session_factory: sessionmaker[Session]) -> None:
    pool = create_pool(session_factory)
    with SqlUnitOfWork(session_factory) as uow:
        again, created = uow.pools.create("T1", "C1", Schedule(), T0 + timedelta(days=1))
    assert (again, created) == (pool, False)


def test_a_create_that_loses_the_race_returns_the_winners_pool_and_the_transaction_goes_on(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    winner = create_pool(session_factory)
    with SqlUnitOfWork(session_factory) as uow:
        real_row = uow.pools._row
        calls = iter([None])  # the first look-up misses, as if the winner had not committed yet
        monkeypatch.setattr(uow.pools, "_row", lambda *key: next(calls, None) or real_row(*key))
        assert uow.pools.create("T1", "C1", Schedule(), T0) == (winner, False)
        monkeypatch.undo()
        other, created = uow.pools.create("T1", "C2", SCHEDULE, T0)
        uow.commit()
    assert created
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.pools.all() == [winner, other]


def test_update_changes_schedule_and_checkin_delay(session_factory: sessionmaker[Session]) -> None:
    pool = create_pool(session_factory)
    weekly = Schedule(Frequency.WEEKLY, weekday=0, at=time(9, 0), timezone="UTC")
    with SqlUnitOfWork(session_factory) as uow:
        updated = uow.pools.update(pool.id, weekly, 5)
        uow.commit()
    assert (updated.schedule, updated.checkin_after_days) == (weekly, 5)
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.pools.get_by_id(pool.id) == updated
        with pytest.raises(LookupError):
            uow.pools.update(pool.id + 1, weekly, 5)
        with pytest.raises(ValueError, match="weekday"):
            uow.pools.update(pool.id, Schedule(weekday=7), 5)


def test_participation_defaults_when_nothing_is_stored(session_factory: sessionmaker[Session]) -> None:
    pool = create_pool(session_factory)
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.participation.get(pool.id, "U1") == Participation(pool.id, "U1")
        assert uow.participation.in_pool(pool.id) == {}


def test_participation_is_saved_then_updated(session_factory: sessionmaker[Session]) -> None:
    pool = create_pool(session_factory)
    paused = Participation(pool.id, "U1", paused_until=date(2026, 7, 1), frequency=Frequency.MONTHLY)
    with SqlUnitOfWork(session_factory) as uow:
        uow.participation.save(paused, T0)
        uow.participation.save(Participation(pool.id, "U2", skip_next=True), T0)
        uow.commit()
    left = Participation(pool.id, "U1", status=ParticipationStatus.LEFT, ignored_rounds=2)
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.participation.get(pool.id, "U1") == paused
        uow.participation.save(left, T0 + timedelta(days=1))
        uow.commit()
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.participation.in_pool(pool.id) == {
            "U1": left,
            "U2": Participation(pool.id, "U2", skip_next=True),
        }


def test_participation_is_per_pool_and_needs_the_pool(session_factory: sessionmaker[Session]) -> None:
    first, second = create_pool(session_factory, "C1"), create_pool(session_factory, "C2")
    with SqlUnitOfWork(session_factory) as uow:
        uow.participation.save(Participation(first.id, "U1", skip_next=True), T0)
        assert uow.participation.get(second.id, "U1") == Participation(second.id, "U1")
        with pytest.raises(LookupError):
            uow.participation.save(Participation(second.id + 1, "U1"), T0)


def test_exclusions_are_symmetric_pairs_per_workspace(session_factory: sessionmaker[Session]) -> None:
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.participation.add_exclusion("T1", "U1", "U2", T0)
        assert not uow.participation.add_exclusion("T1", "U1", "U2", T0)
        assert uow.participation.add_exclusion("T1", "U2", "U1", T0)
        assert uow.participation.add_exclusion("T1", "U3", "U1", T0)
        assert uow.participation.add_exclusion("T2", "U8", "U9", T0)
        uow.commit()
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.participation.exclusions("T1") == {frozenset({"U1", "U2"}), frozenset({"U1", "U3"})}
        assert uow.participation.exclusions("T2") == {frozenset({"U8", "U9"})}
        assert uow.participation.exclusions("T3") == frozenset()
        with pytest.raises(ValueError, match="themselves"):
            uow.participation.add_exclusion("T1", "U1", "U1", T0)
