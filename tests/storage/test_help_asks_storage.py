"""Asks' claims on both backends: the weekly suggestion limit and I can help hold under concurrency, and
opting out or forgetting stops suggestions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from bot.domain.help.asks import WEEK, WEEKLY_DMS, AskDraft
from bot.domain.people.person import Role
from bot.domain.people.profile import Profile
from bot.services.followups.ports import MeetingSource
from bot.services.help.ports import Ask
from storage.db import make_session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.storage.test_introductions_concurrency import THREADS, race

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
HELPER = "UHELPER"


def uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(make_session_factory(engine))


def asks(engine: Engine, count: int) -> list[Ask]:
    """`count` asks by different people, and a helper who opted in."""
    with uow(engine) as work:
        work.profiles.save(Profile("T1", HELPER, Role.COLLEAGUE, interests=("sql",)), T0)
        work.asks.set_wants_asks("T1", HELPER, True, T0)
        made = [work.asks.add("T1", f"UASKER{i}", AskDraft("SQL?"), "C1", T0) for i in range(count)]
        work.commit()
    return made


def test_concurrent_asks_give_nobody_more_than_three_suggestions_a_week(migrated_url: str, engine: Engine):
    made = asks(engine, THREADS)

    def claim(ask: Ask):
        def run(work: SqlUnitOfWork) -> bool:
            with work:
                claimed = work.asks.claim_suggestion(ask, HELPER, T0, WEEKLY_DMS, T0 - WEEK)
                work.commit()
                return claimed

        return run

    results = race(migrated_url, [claim(ask) for ask in made])
    assert results.count(True) == WEEKLY_DMS
    with uow(engine) as work:  # a week on, the oldest no longer count
        taken = next(ask for ask, claimed in zip(made, results, strict=True) if claimed)
        assert work.asks.claim_suggestion(taken, HELPER, T0 + WEEK, WEEKLY_DMS, T0) is False  # asked already
        later = work.asks.add("T1", "UASKERX", AskDraft("SQL?"), "C1", T0 + WEEK)
        assert work.asks.claim_suggestion(later, HELPER, T0 + WEEK, WEEKLY_DMS, T0) is True


def test_i_can_help_pressed_at_once_is_claimed_once(migrated_url: str, engine: Engine):
    (ask,) = asks(engine, 1)

    def press(work: SqlUnitOfWork) -> bool:
        with work:
            if not work.asks.claim_helper(ask, HELPER, T0):
                return False
            ref = f"ask:{ask.id}:{HELPER}"
            work.followups.record_meeting("T1", MeetingSource.HELP, ref, (ask.asker_id, HELPER), T0, None)
            work.commit()
            return True

    assert race(migrated_url, [press] * THREADS).count(True) == 1
    with uow(engine) as work:
        assert work.asks.get("T1", ask.id).helpers == (HELPER,)
        assert [e.other_user_id for e in work.followups.network("T1", HELPER)] == [ask.asker_id]


def test_opting_out_and_forgetting_stop_suggestions(engine: Engine):
    first, second = asks(engine, 2)
    with uow(engine) as work:
        work.asks.set_wants_asks("T1", HELPER, False, T0)
        assert work.asks.opted_in("T1") == []
        assert work.asks.claim_suggestion(first, HELPER, T0, WEEKLY_DMS, T0 - WEEK) is False
        work.asks.set_wants_asks("T1", HELPER, True, T0)
        assert [m.user_id for m in work.asks.opted_in("T1")] == [HELPER]
        assert work.asks.claim_suggestion(first, HELPER, T0, WEEKLY_DMS, T0 - WEEK) is True
        counts = work.asks.forget("T1", HELPER, "UFORMER")
        assert counts["ask_answers"] == 1
        assert work.asks.wants_asks("T1", HELPER) is False
        assert work.asks.claim_suggestion(second, HELPER, T0, WEEKLY_DMS, T0 - WEEK) is False
        assert work.asks.forget("T1", "UASKER0", "UFORMER")["asks"] == 1
        assert work.asks.get("T1", first.id) is None
        assert work.asks.to_expire(T0 + timedelta(days=15)) == [work.asks.get("T1", second.id)]
