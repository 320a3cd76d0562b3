"""Claiming a delivery or a trigger_id: the first insert wins, on both backends, also at the same moment."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from threading import Barrier

from sqlalchemy.orm import Session, sessionmaker

from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def test_a_repeat_claim_loses_and_its_transaction_goes_on(session_factory: sessionmaker[Session]) -> None:
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.seen_events.claim("Ev1", "T1", T0)
        uow.commit()
    with SqlUnitOfWork(session_factory) as uow:
        assert not uow.seen_events.claim("Ev1", "T1", T0)
        assert uow.seen_events.claim("Ev2", "T1", T0)  # the same transaction is still usable
        uow.commit()
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.seen_events.prune(datetime(2026, 6, 2, tzinfo=UTC)) == 2


def test_of_eight_claims_at_once_one_wins(session_factory: sessionmaker[Session]) -> None:
    start = Barrier(8)

    def claim(_: int) -> bool:
        with SqlUnitOfWork(session_factory) as uow:
            start.wait(timeout=30)
            won = uow.seen_events.claim("t:trigger", "T1", T0)
            uow.commit()
        return won

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sorted(pool.map(claim, range(8))) == [False] * 7 + [True]
