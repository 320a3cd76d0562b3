"""A clock move runs the due work at each moment it falls due on the way, as `rapport run` (every minute)
would have (issue 25, item 5): nothing due for a while is skipped, nothing runs late or out of order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.events import EventForm, check_event
from bot.sandbox import clock as clocks
from bot.sandbox.people import LEAD_ID
from bot.sandbox.server import SandboxServer
from bot.sandbox.world import COFFEE
from bot.services.events.manage import create_event
from storage.coffee.models import RoundGroupRow, RoundRow
from storage.db import make_engine
from storage.events.models import EventReminderRow
from tests.sandbox.conftest import Page, message_ts

MONDAY = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # New York is UTC-5 then


@pytest.fixture
def page() -> Iterator[Page]:
    server = SandboxServer.start(people=12, seed=1, start=MONDAY)
    try:
        yield Page(server)
        assert server.sandbox.fake.violations == []
    finally:
        server.close()


def rows(page: Page, query) -> list[tuple]:
    engine = make_engine(page.server.sandbox.database_url)
    try:
        with Session(engine) as session:
            return [tuple(row) for row in session.execute(query)]
    finally:
        engine.dispose()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def test_an_attendee_five_hours_behind_utc_gets_every_reminder_at_its_moment(page: Page):
    sandbox = page.server.sandbox
    new_yorker = next(p.id for p in sandbox.people if p.tz == "America/New_York")
    form = EventForm(
        title="Intern mixer",
        start_date=date(2026, 12, 9),
        start_time="15:00",
        duration="60",
        channel_id=COFFEE,
    )  # fmt: skip  (Wednesday 15:00 UTC, 10:00 in New York)
    plan, errors = check_event(form, "UTC", sandbox.clock())
    assert plan is not None, errors
    messenger = sandbox.runtime.messengers.events(sandbox.workspace.team_id)
    create_event(
        sandbox.runtime.unit_of_work, messenger, sandbox.workspace.team_id, LEAD_ID, plan, sandbox.clock()
    )
    panel = page.do(new_yorker, COFFEE, "look")["html"]
    ts = message_ts(panel, "Intern mixer")
    block_id = next(b["block_id"] for b in sandbox._message(COFFEE, ts)["blocks"] if b["type"] == "actions")
    page.do(new_yorker, COFFEE, "action", ts=ts, block_id=block_id, action_id="event_going")

    moved = page.do(new_yorker, COFFEE, "clock", phrase="+3 days")  # to Thursday 08:00 UTC, in one move
    assert "event reminders sent: 3" in moved["note"]
    mine = select(EventReminderRow.kind, EventReminderRow.claimed_at).where(
        EventReminderRow.user_id == new_yorker
    )
    assert dict(rows(page, mine)) == {
        "day_before": at(8, 14),  # 09:00 in New York the day before
        "hour_before": at(9, 14),
        "who_met": at(9, 16),  # as it ends, 11:00 in New York: no quiet hours to wait out
    }


def test_a_week_s_move_starts_the_round_at_its_slot_and_checks_in_midweek(page: Page):
    assert "coffee rounds started: 1" in page.do(LEAD_ID, COFFEE, "clock", phrase="+7 days")["note"]
    assert rows(page, select(RoundRow.scheduled_for, RoundRow.started_at)) == [(at(7, 10), at(7, 10))]
    asked = {at for (at,) in rows(page, select(RoundGroupRow.checkin_claimed_at))}
    assert asked == {at(10, 10)}  # the check-in, three days on, for every group at once


def test_work_it_leads_to_is_done_on_the_way_too(page: Page):
    """A round closed by the next one's start asks "still in?"; both happen at the second Monday's slot."""
    page.do(LEAD_ID, COFFEE, "clock", phrase="+8 days")
    rounds = rows(page, select(RoundRow.scheduled_for, RoundRow.closed_at).order_by(RoundRow.id))
    assert rounds == [(at(7, 10), at(14, 10)), (at(14, 10), None)]


def test_a_move_over_a_year_is_refused_in_one_line(page: Page):
    before = page.server.sandbox.clock()
    note = page.do(LEAD_ID, COFFEE, "clock", phrase="+53 weeks")["note"]
    assert note == "Move the clock by at most a year (365 days) at a time."
    assert page.server.sandbox.clock() == before
    assert clocks.move("+52 weeks", before) == before + timedelta(weeks=52)
    assert clocks.move("+365 days", before) == before + timedelta(days=365)
    assert isinstance(clocks.move("+366 days", before), str)
