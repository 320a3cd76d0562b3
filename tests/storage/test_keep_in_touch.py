"""Catch-up state, recap and reminder claims, alumni contacts, on both backends."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.domain.keep_in_touch import AlumniContact
from bot.services.followups.ports import MeetingSource
from storage.db import make_engine, make_session_factory
from storage.followups.meetings import SqlFollowUpRepository
from storage.keep_in_touch.connections import SqlKeepInTouchRepository

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
WEEK = timedelta(weeks=1)
LEASE = 600
END = date(2026, 8, 28)
Factory = sessionmaker[Session]


@contextmanager
def repo(factory: Factory) -> Iterator[SqlKeepInTouchRepository]:
    with factory() as session:
        yield SqlKeepInTouchRepository(session)
        session.commit()


def test_catch_ups_are_on_until_turned_off_and_off_members_are_not_scanned(session_factory: Factory) -> None:
    with session_factory() as session:
        meetings = SqlFollowUpRepository(session)
        meetings.record_meeting("T1", MeetingSource.MET, "m1", ["U1", "U2"], T0, None)
        meetings.record_meeting("T2", MeetingSource.MET, "m1", ["U1", "U3"], T0, None)
        session.commit()
    with repo(session_factory) as kit:
        assert kit.catch_ups_on("T1", "U1")
        assert kit.networked_members(T0) == [("T1", "U1"), ("T1", "U2"), ("T2", "U1"), ("T2", "U3")]
        kit.set_catch_ups("T1", "U1", False)
        kit.defer_many("T2", {"U3": T0 + WEEK})  # no row yet: made, switched on
        kit.defer_many("T1", {"U1": T0 + WEEK, "U2": T0 + 2 * WEEK})  # U1 is off, and stays off
    with repo(session_factory) as kit:
        assert not kit.catch_ups_on("T1", "U1")
        assert kit.catch_ups_on("T2", "U1") and kit.catch_ups_on("T2", "U3")
        assert kit.networked_members(T0) == [("T2", "U1")]
        assert kit.networked_members(T0 + WEEK) == [("T2", "U1"), ("T2", "U3")]
        assert ("T1", "U2") in kit.networked_members(T0 + 2 * WEEK)
        kit.set_catch_ups("T1", "U1", True)
        assert ("T1", "U1") not in kit.networked_members(T0)  # on again, still deferred
        assert ("T1", "U1") in kit.networked_members(T0 + WEEK)


def test_a_suggestion_is_claimed_once_a_week_and_released_when_it_could_not_go(
    session_factory: Factory,
) -> None:
    with repo(session_factory) as kit:
        assert kit.claim_suggestion("T1", "U1", T0, T0 - 6 * timedelta(days=1))
        assert not kit.claim_suggestion("T1", "U1", T0, T0 - 6 * timedelta(days=1))  # a second tick
        kit.mark_suggested("T1", "U1", "U2", T0)
    with repo(session_factory) as kit:
        later = T0 + WEEK
        assert kit.last_suggested_at("T1", "U1") == T0
        assert kit.claim_suggestion("T1", "U1", later, later - 6 * timedelta(days=1))
        kit.release_suggestion("T1", "U1", later, T0)
        assert kit.last_suggested_at("T1", "U1") == T0
        kit.set_catch_ups("T1", "U1", False)
        assert not kit.claim_suggestion("T1", "U1", later, later)  # off: never claimed
    with repo(session_factory) as kit:
        choice = kit.choices("T1", "U1")["U2"]
        assert (choice.suggested_at, choice.stopped, choice.snoozed_until) == (T0, False, None)


def test_answers_about_a_person_are_kept_per_member(session_factory: Factory) -> None:
    with repo(session_factory) as kit:
        kit.snooze("T1", "U1", "U2", T0 + 2 * WEEK)
        kit.caught_up("T1", "U1", "U3", T0)
        kit.stop("T1", "U1", "U4")
    with repo(session_factory) as kit:
        choices = kit.choices("T1", "U1")
        assert kit.choices("T1", "U2") == {}
    assert choices["U2"].snoozed_until == T0 + 2 * WEEK
    assert choices["U3"].caught_up_at == T0 and not choices["U3"].stopped
    assert choices["U4"].stopped


def test_a_recap_is_claimed_once_and_a_stale_unsent_claim_is_taken_back(session_factory: Factory) -> None:
    with repo(session_factory) as kit:
        assert kit.claim_recap("T1", "U1", END, T0, LEASE)
        assert not kit.claim_recap("T1", "U1", END, T0, LEASE)
        assert not kit.claim_recap("T1", "U1", END, T0 + timedelta(seconds=LEASE), LEASE)
        assert kit.claim_recap("T1", "U2", END, T0, LEASE)
    with repo(session_factory) as kit:
        assert kit.claim_recap("T1", "U1", END, T0 + timedelta(seconds=LEASE + 1), LEASE)  # its sender died
        kit.mark_recap_sent("T1", "U1", "D1", "F1", T0)
        assert kit.recap_sent("T1", "U1") and not kit.recap_sent("T1", "U2")
        assert not kit.claim_recap("T1", "U1", END, T0 + 52 * WEEK, LEASE)  # sent: never again


def test_reminders_are_claimed_once_per_colleague(session_factory: Factory) -> None:
    with repo(session_factory) as kit:
        assert kit.claim_reminder("T1", "U1", "U2", T0, LEASE)
        assert not kit.claim_reminder("T1", "U1", "U2", T0, LEASE)
        assert kit.claim_reminder("T1", "U1", "U3", T0, LEASE)
        kit.mark_reminder_sent("T1", "U1", "U2", T0)
    with repo(session_factory) as kit:
        assert kit.reminded("T1", "U1") == {"U2"}
        assert not kit.claim_reminder("T1", "U1", "U2", T0 + WEEK, LEASE)
        assert kit.claim_reminder("T1", "U1", "U3", T0 + WEEK, LEASE)  # U3's claim was never finished


def test_an_alumni_contact_is_replaced_and_withdrawn(session_factory: Factory) -> None:
    with repo(session_factory) as kit:
        kit.save_contact("T1", "U1", AlumniContact("a@example.org", None), T0)
        kit.save_contact("T1", "U1", AlumniContact(None, "https://www.linkedin.com/in/a-b"), T0 + WEEK)
        kit.save_contact("T2", "U1", AlumniContact("b@example.org", None), T0)
    with repo(session_factory) as kit:
        assert kit.contact("T1", "U1") == AlumniContact(None, "https://www.linkedin.com/in/a-b")
        assert [(t, u) for t, u, _ in kit.shared_contacts()] == [("T1", "U1"), ("T2", "U1")]
        assert kit.withdraw_contact("T1", "U1") and not kit.withdraw_contact("T1", "U1")
    with repo(session_factory) as kit:
        assert kit.contact("T1", "U1") is None and kit.contact("T2", "U1") is not None


def test_two_replicas_claiming_one_recap_have_exactly_one_winner(migrated_url: str) -> None:
    def contender(start: threading.Barrier) -> bool:
        engine = make_engine(migrated_url)
        try:
            start.wait(timeout=30)
            with repo(make_session_factory(engine)) as kit:
                won = kit.claim_recap("T1", "U1", END, T0, LEASE)
                time.sleep(0.2)
            return won
        finally:
            engine.dispose()

    start = threading.Barrier(2)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [f.result(timeout=60) for f in [pool.submit(contender, start) for _ in range(2)]]
    assert sorted(results) == [False, True]
