"""Concurrent proposals on both backends: one pending introduction per pair, and the daily limit holds.

Also the migration that brought the unique pending pair, over data a race may have left."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import Engine, func, select, text

from bot.domain.introductions import DAILY_LIMIT, Introduction, Outcome, Refusal
from bot.services.introductions.ports import IntroSide
from bot.services.introductions.proposals import Proposal, propose
from bot.services.ports import SlackMember
from storage.db import make_engine, make_session_factory
from storage.introductions.models import IntroductionRow
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
THREADS = 8
R = TypeVar("R")


class QuietMessenger:
    """Everyone exists and every consent request is delivered; nothing else is needed here."""

    def bot_user_id(self) -> str:
        return "UBOT"

    def member(self, user_id: str) -> SlackMember:
        return SlackMember(user_id, user_id, False, False, False, "UTC", 0)

    def ask_consent(self, intro: Introduction, asked: str, other: IntroSide) -> tuple[str, str]:
        return f"D{asked}", f"{intro.id}.{asked}"


def race(url: str, calls: list[Callable[[SqlUnitOfWork], R]]) -> list[R]:
    """Run the calls at the same moment, each on its own engine (own connections), as replicas would."""
    start = threading.Barrier(len(calls))

    def contender(call: Callable[[SqlUnitOfWork], R]) -> R:
        engine = make_engine(url)
        try:
            uow = SqlUnitOfWork(make_session_factory(engine))
            start.wait(timeout=30)
            return call(uow)
        finally:
            engine.dispose()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [f.result(timeout=120) for f in [pool.submit(contender, call) for call in calls]]


def proposal(proposer: str, pair: tuple[str, str]) -> Callable[[SqlUnitOfWork], Proposal]:
    return lambda uow: propose(lambda: uow, QuietMessenger(), "T1", proposer, pair, "", T0)


def pending(engine: Engine) -> int:
    with make_session_factory(engine)() as session:
        r = IntroductionRow
        return session.scalar(select(func.count()).where(r.outcome == Outcome.PENDING.value)) or 0


def test_concurrent_proposals_for_one_pair_store_a_single_pending_introduction(
    migrated_url: str, engine: Engine
) -> None:
    pairs = [("U1", "U2") if i % 2 else ("U2", "U1") for i in range(THREADS)]  # either order
    results = race(migrated_url, [proposal(f"P{i}", pair) for i, pair in enumerate(pairs)])
    stored = [r for r in results if r.intro is not None]
    assert len(stored) == 1
    assert [r.refused for r in results if r.intro is None] == [Refusal.ALREADY_PENDING] * (THREADS - 1)
    assert pending(engine) == 1


def test_concurrent_proposals_by_one_person_stay_within_the_daily_limit(
    migrated_url: str, engine: Engine
) -> None:
    calls = [proposal("P1", (f"A{i}", f"B{i}")) for i in range(THREADS)]
    results = race(migrated_url, calls)
    assert len([r for r in results if r.intro is not None]) == DAILY_LIMIT
    assert [r.refused for r in results if r.intro is None] == [Refusal.DAILY_LIMIT] * (THREADS - DAILY_LIMIT)
    assert pending(engine) == DAILY_LIMIT


def test_the_unique_pending_pair_refuses_a_second_insert_without_any_prior_check(
    migrated_url: str, engine: Engine
) -> None:
    """Neither side checks for a pending pair first: the index alone lets only one of them store it."""
    intro = Introduction(0, "T1", "P1", "U1", "U2", "", T0)

    def add_slowly(uow: SqlUnitOfWork) -> bool:
        with uow:
            added = uow.introductions.add(intro)
            time.sleep(0.2)  # hold the transaction open while the other one tries
            uow.commit()
        return added is not None

    def add_swapped(uow: SqlUnitOfWork) -> bool:
        with uow:
            added = uow.introductions.add(replace(intro, proposer="P2", a="U2", b="U1"))
            uow.commit()
        return added is not None

    assert sorted(race(migrated_url, [add_slowly, add_swapped])) == [False, True]
    uow = SqlUnitOfWork(make_session_factory(engine))
    with uow:
        first = next(i for i in (uow.introductions.get(1), uow.introductions.get(2)) if i is not None)
        assert uow.introductions.close(first.id, Outcome.DECLINED, T0 + timedelta(hours=1))
        again = uow.introductions.add(replace(intro, created_at=T0 + timedelta(hours=2)))
        uow.commit()
    assert again is not None  # once settled, the pair may be introduced again


def test_migrating_keeps_a_pair_pending_twice_by_keying_only_its_oldest_row(database_url: str) -> None:
    """Before 0006 a race could leave a pair pending twice; the unique index must still be creatable."""
    upgrade(database_url, "0005")
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:
            for a, b in (("U1", "U2"), ("U2", "U1"), ("U3", "U4")):
                conn.execute(
                    text(
                        "INSERT INTO introductions (team_id, proposer, user_a, user_b, why, outcome,"
                        " created_at) VALUES ('T1', 'P1', :a, :b, '', 'pending', :at)"
                    ),
                    {"a": a, "b": b, "at": T0},
                )
        upgrade(database_url)
        with engine.connect() as conn:
            keys = conn.execute(text("SELECT id, pair_key FROM introductions ORDER BY id")).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in keys] == [(1, "U1:U2"), (2, None), (3, "U3:U4")]
