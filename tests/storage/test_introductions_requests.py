"""Consent request attempts on both backends: claimed once, retried when due, never for the proposer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from bot.domain.introductions import RETRY_AFTER, Answer, Introduction, Outcome
from storage.db import make_session_factory
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
LATER = T0 + RETRY_AFTER + timedelta(minutes=1)


def test_attempts_are_claimed_once_and_undelivered_requests_come_back_when_due(engine: Engine) -> None:
    uow = SqlUnitOfWork(make_session_factory(engine))
    with uow:
        intro = uow.introductions.add(Introduction(0, "T1", "P1", "U1", "U2", "", T0))
        mine = uow.introductions.add(
            Introduction(0, "T1", "U3", "U3", "U4", "", T0, a_answer=Answer.ACCEPTED, a_answered_at=T0)
        )
        uow.commit()
    assert intro is not None and mine is not None
    with uow:
        assert uow.introductions.unsent_requests(T0) == []  # just stored: the proposal itself sends
        assert uow.introductions.claim_request(intro.id, "U1", T0) == 1
        assert uow.introductions.claim_request(intro.id, "U1", T0) is None  # a second sender gets nothing
        uow.introductions.remember_request(intro.id, "U1", "D1", "1.1")
        uow.commit()
    with uow:  # U2 never got an attempt (say the process stopped); U4 is the only one asked for `mine`
        due = {(i.id, user) for i, user in uow.introductions.unsent_requests(LATER)}
        assert due == {(intro.id, "U2"), (mine.id, "U4")}
        assert uow.introductions.claim_request(mine.id, "U4", LATER) == 1
        assert uow.introductions.close(intro.id, Outcome.EXPIRED, LATER)
        uow.commit()
    with uow:
        assert uow.introductions.unsent_requests(LATER) == []  # U4 was just tried; intro is closed
        assert uow.introductions.claim_request(mine.id, "U4", LATER + RETRY_AFTER) == 2
        assert uow.introductions.claim_request(intro.id, "U2", LATER + RETRY_AFTER) is None
