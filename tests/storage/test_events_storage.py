"""Events in storage: answers keep their place, claims are once, figures count, forgetting covers them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.events import Answer, EventPlan, Reminder
from bot.services.followups.ports import MeetingSource
from storage.unit_of_work import SqlUnitOfWork

TEAM = "T0EVENTS"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
PLAN = EventPlan(
    title="Mixer",
    description=None,
    starts_at=NOW + timedelta(days=2),
    duration_minutes=60,
    where="Roof",
    channel_id="C1",
    capacity=2,
    mix=True,
    table_size=4,
)


@pytest.fixture
def uow(session_factory: sessionmaker[Session]) -> SqlUnitOfWork:
    return SqlUnitOfWork(session_factory)


def test_answers_keep_their_place_and_the_roll_is_in_answer_order(uow: SqlUnitOfWork):
    with uow:
        event = uow.events.add(TEAM, "U0", PLAN, NOW)
        uow.events.answer(event, "U1", Answer.GOING, NOW)
        uow.events.answer(event, "U2", Answer.WAITLIST, NOW + timedelta(minutes=1))
        uow.events.answer(event, "U3", Answer.WAITLIST, NOW + timedelta(minutes=2))
        uow.events.answer(event, "U2", Answer.WAITLIST, NOW + timedelta(minutes=3))  # again: same place
        uow.commit()
    with uow:
        roll = uow.events.roll(event.id)
        assert roll.going == ("U1",) and roll.waitlist == ("U2", "U3")
        assert uow.events.lock(TEAM, event.id) == event
        assert uow.events.get("T0OTHER", event.id) is None


def test_reminders_and_tables_are_claimed_once(uow: SqlUnitOfWork):
    with uow:
        event = uow.events.add(TEAM, "U0", PLAN, NOW)
        uow.events.answer(event, "U1", Answer.GOING, NOW)
        assert uow.events.claim_reminder(event, "U1", Reminder.DAY_BEFORE, NOW)
        assert not uow.events.claim_reminder(event, "U1", Reminder.DAY_BEFORE, NOW)
        assert uow.events.claim_reminder(event, "U1", Reminder.HOUR_BEFORE, NOW)
        uow.events.release_reminder(event.id, "U1", Reminder.HOUR_BEFORE)
        assert uow.events.claim_tables(event.id, NOW) and not uow.events.claim_tables(event.id, NOW)
        uow.commit()
    with uow:
        [due] = uow.events.due_attendees(NOW, NOW - timedelta(days=1), NOW + timedelta(days=3))
        assert due.user_id == "U1" and due.done == frozenset({Reminder.DAY_BEFORE})
        assert uow.events.cancel(event.id) and not uow.events.cancel(event.id)
        uow.commit()
    with uow:
        assert uow.events.due_attendees(NOW, NOW - timedelta(days=1), NOW + timedelta(days=3)) == []


def test_figures_count_answers_and_event_meetings(uow: SqlUnitOfWork):
    with uow:
        event = uow.events.add(TEAM, "U0", PLAN, NOW)
        for user, answer in (("U1", Answer.GOING), ("U2", Answer.GOING), ("U3", Answer.DECLINED)):
            uow.events.answer(event, user, answer, NOW)
        uow.events.save_tables(event, [("U1", "U2")])
        uow.events.claim_reminder(event, "U1", Reminder.WHO_MET, NOW)
        assert uow.events.record_answer(event.id, "U1", "people", NOW)
        assert not uow.events.record_answer(event.id, "U1", "nobody", NOW)
        uow.followups.record_meeting(TEAM, MeetingSource.EVENT, f"{event.id}:U1", ("U1", "U2"), NOW, None)
        uow.commit()
    with uow:
        [figure] = uow.events.figures(TEAM)
        assert (figure.going, figure.waitlisted, figure.declined, figure.answered, figure.meetings) == (
            2,
            0,
            1,
            1,
            1,
        )
        assert uow.events.table_of(event.id, "U2") == ("U1", "U2")
        assert uow.events.met_pairs(TEAM, ["U1", "U2", "U3"]) == {frozenset({"U1", "U2"})}


def test_forgetting_removes_answers_and_names_a_marker_as_creator(uow: SqlUnitOfWork):
    with uow:
        event = uow.events.add(TEAM, "U1", replace(PLAN, title="Lunch with <@U1>"), NOW)
        uow.events.answer(event, "U1", Answer.GOING, NOW)
        uow.events.claim_reminder(event, "U1", Reminder.DAY_BEFORE, NOW)
        counts = uow.events.forget(TEAM, "U1", "UFORGOTTEN")
        uow.commit()
    assert counts == {"event_answers": 2, "events_created": 1}
    with uow:
        assert uow.events.roll(event.id).going == ()
        stored = uow.events.get(TEAM, event.id)
        assert stored is not None and stored.created_by == "UFORGOTTEN" and "U1" not in stored.title
