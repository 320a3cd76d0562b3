"""Members' settings change by locked read-modify-write, and "still in?" is claimed once, on both backends.

The race tests hold one side right after it read the member's row until the other side is either
waiting for that row's lock (PostgreSQL's FOR UPDATE; SQLite's BEGIN IMMEDIATE holds the other at
BEGIN) or done: a done other side means there was no lock, and then one of the two changes is lost.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.coffee.model import Participation, ParticipationStatus, Pool, Round, Schedule, StayQuestion
from bot.services.coffee.members import pause
from bot.services.coffee.rounds import close_round
from storage.db import make_engine, make_session_factory
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
LEASE = 300
PAUSED_UNTIL = date(2026, 7, 1)


def make_pool(factory: sessionmaker[Session]) -> Pool:
    with SqlUnitOfWork(factory) as uow:
        pool, _ = uow.pools.create("T1", "C1", Schedule(), T0)
        uow.commit()
    return pool


def test_update_applies_a_change_to_the_stored_settings_and_returns_both(
    session_factory: sessionmaker[Session],
) -> None:
    pool = make_pool(session_factory)
    with SqlUnitOfWork(session_factory) as uow:
        before, after = uow.participation.update(pool.id, "U1", T0, lambda p: replace(p, skip_next=True))
        uow.commit()
    assert before == Participation(pool.id, "U1") and after == replace(before, skip_next=True)
    with SqlUnitOfWork(session_factory) as uow:
        uow.participation.in_pool(pool.id)  # the session now holds the row, as a tick's does
        _, again = uow.participation.update(pool.id, "U1", T0, lambda p: replace(p, ignored_rounds=1))
        uow.commit()
        with pytest.raises(LookupError):
            uow.participation.update(pool.id + 1, "U1", T0, lambda p: p)
    assert again == Participation(pool.id, "U1", skip_next=True, ignored_rounds=1)
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.participation.get(pool.id, "U1") == again


def test_update_many_changes_stored_and_missing_settings_in_one_go(
    session_factory: sessionmaker[Session],
) -> None:
    pool = make_pool(session_factory)
    with SqlUnitOfWork(session_factory) as uow:
        uow.participation.save(Participation(pool.id, "U1", ignored_rounds=1), T0)
        uow.participation.save(Participation(pool.id, "U3", skip_next=True), T0)
        uow.commit()
    silent = lambda p: replace(p, ignored_rounds=p.ignored_rounds + 1)  # noqa: E731
    with SqlUnitOfWork(session_factory) as uow:
        uow.participation.in_pool(pool.id)  # the session now holds the rows, as a closing round's does
        changed = uow.participation.update_many(pool.id, {"U1": silent, "U2": silent, "U3": lambda p: p}, T0)
        uow.commit()
        with pytest.raises(LookupError):
            uow.participation.update_many(pool.id + 1, {"U1": silent}, T0)
        assert uow.participation.update_many(pool.id, {}, T0) == {}
    u1, u2, u3 = (Participation(pool.id, user) for user in ("U1", "U2", "U3"))
    assert changed == {
        "U1": (replace(u1, ignored_rounds=1), replace(u1, ignored_rounds=2)),
        "U2": (u2, replace(u2, ignored_rounds=1)),
        "U3": (replace(u3, skip_next=True), replace(u3, skip_next=True)),
    }
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.participation.in_pool(pool.id) == {user: after for user, (_, after) in changed.items()}


def test_a_still_in_question_is_claimed_once_per_lease_and_settled_for_its_own_close(
    session_factory: sessionmaker[Session],
) -> None:
    pool = make_pool(session_factory)
    with SqlUnitOfWork(session_factory) as uow:
        uow.participation.update(pool.id, "U1", T0, lambda p: replace(p, ignored_rounds=3))
        uow.participation.owe_stay_question(pool.id, "U1", 7)
        with pytest.raises(LookupError):
            uow.participation.owe_stay_question(pool.id, "U2", 7)  # no settings stored for U2
        uow.commit()
    question = StayQuestion(pool.id, "U1", 7)

    def claim(at: datetime, asked: StayQuestion = question) -> StayQuestion | None:
        with SqlUnitOfWork(session_factory) as uow:
            won = uow.participation.claim_stay_question(asked, at, LEASE)
            uow.commit()
        return won

    assert claim(T0) == question
    assert claim(T0 + timedelta(seconds=LEASE)) is None  # still held
    assert claim(T0, replace(question, round_id=8)) is None  # not the close it is owed for
    with SqlUnitOfWork(session_factory) as uow:
        uow.participation.stamp_stay_question(question, "D1")
        uow.commit()
    assert claim(T0 + timedelta(seconds=LEASE + 1)) == replace(question, channel_id="D1")  # lease lapsed
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.participation.owed_stay_questions() == [replace(question, channel_id="D1")]
        uow.participation.settle_stay_question(replace(question, round_id=8))  # another close's: kept
        uow.commit()
        assert len(uow.participation.owed_stay_questions()) == 1
        uow.participation.settle_stay_question(question)
        uow.commit()
        assert uow.participation.owed_stay_questions() == []
        assert uow.participation.get(pool.id, "U1").ignored_rounds == 3  # settings untouched


def test_forgetting_a_member_drops_the_question_owed_to_them(session_factory: sessionmaker[Session]) -> None:
    pool = make_pool(session_factory)
    with SqlUnitOfWork(session_factory) as uow:
        uow.participation.update(pool.id, "U1", T0, lambda p: replace(p, ignored_rounds=3))
        uow.participation.owe_stay_question(pool.id, "U1", 7)
        uow.participation.forget("T1", "U1", "forgotten-1")
        uow.commit()
        assert uow.participation.owed_stay_questions() == []


# ---------------------------------------------------------------- a Pause and a tick at once


def silent_round(factory: sessionmaker[Session]) -> tuple[Pool, Round]:
    """A round whose check-in went out to U1 and U2, unanswered; each silent once before."""
    pool = make_pool(factory)
    with SqlUnitOfWork(factory) as uow:
        the_round = uow.rounds.claim(pool, T0, seed=1, now=T0)
        assert the_round is not None
        [group] = uow.rounds.add_groups(the_round.id, [(("U1", "U2"), "U1")])
        uow.rounds.stamp(group.id, conversation_id="G1", intro_ts="1.1", checkin_ts="1.2")
        for user_id in ("U1", "U2"):
            uow.participation.save(Participation(pool.id, user_id, ignored_rounds=1), T0)
        uow.commit()
    return pool, the_round


class NoSlack:
    """Nothing in this race talks to Slack (nobody reaches a third silent round)."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"Slack called: {name}")


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        threading.Event().wait(0.005)


class LockWatch:
    """Whether some session of this database waits for a lock (PostgreSQL), or has started (SQLite)."""

    def __init__(self, url: str, started: threading.Event) -> None:
        self._started = started
        postgres = make_url(url).get_backend_name() == "postgresql"
        self._admin: Engine | None = create_engine(url, isolation_level="AUTOCOMMIT") if postgres else None

    def other_is_waiting(self) -> bool:
        if self._admin is None:  # SQLite: BEGIN IMMEDIATE queues the other side at BEGIN, unseen
            return self._started.is_set()
        with self._admin.connect() as conn:
            waiting = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            ).scalar_one()
        return bool(waiting)

    def close(self) -> None:
        if self._admin is not None:
            self._admin.dispose()


@contextmanager
def held_after_reading_u1(engine: Engine, release: Callable[[], None]) -> Iterator[None]:
    """The first read of U1's settings on this engine returns, then waits for `release()` to return."""
    held = threading.Event()

    def after(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        is_read = statement.lstrip().upper().startswith("SELECT") and "participations" in statement
        if is_read and "U1" in str(parameters) and not held.is_set():
            held.set()
            release()

    event.listen(engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        event.remove(engine, "after_cursor_execute", after)


@pytest.mark.parametrize("first", ["tick", "pause"])
def test_a_pause_pressed_while_a_tick_counts_a_silent_round_keeps_both(migrated_url: str, first: str) -> None:
    """Whichever reads U1's settings first is held there; both changes must be stored in the end."""
    setup = make_engine(migrated_url)
    pool, the_round = silent_round(make_session_factory(setup))
    engines = {side: make_engine(migrated_url) for side in ("tick", "pause")}
    second = "pause" if first == "tick" else "tick"
    started, done = {s: threading.Event() for s in engines}, {s: threading.Event() for s in engines}
    watch = LockWatch(migrated_url, started[second])
    errors: list[BaseException] = []
    work = {
        "tick": lambda uow: close_round(uow, NoSlack(), pool, the_round, T0 + timedelta(days=7)),
        "pause": lambda uow: pause(uow, pool, "U1", PAUSED_UNTIL, T0 + timedelta(days=7)),
    }

    def run(side: str) -> None:
        try:
            if side == second:
                wait_until(lambda: held.is_set(), f"the {first} read U1")
            uow = SqlUnitOfWork(make_session_factory(engines[side]))
            started[side].set()
            work[side](lambda: uow)
        except BaseException as error:  # reported below, with the other thread's
            errors.append(error)
        finally:
            done[side].set()

    held = threading.Event()

    def release() -> None:
        held.set()
        wait_until(lambda: done[second].is_set() or watch.other_is_waiting(), f"the {second} waits or ends")

    try:
        with held_after_reading_u1(engines[first], release):
            threads = [threading.Thread(target=run, args=(side,)) for side in engines]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        assert not errors, errors
        with SqlUnitOfWork(make_session_factory(setup)) as uow:
            u1 = uow.participation.get(pool.id, "U1")
        assert (u1.paused_until, u1.ignored_rounds, u1.status) == (
            PAUSED_UNTIL,
            2,
            ParticipationStatus.ACTIVE,
        )
    finally:
        watch.close()
        for engine in (setup, *engines.values()):
            engine.dispose()
