"""Find a time through Slack's protocol: a coffee pair in New York and Berlin agree a slot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from bot.domain.scheduling.picks import parse_slot_value
from bot.services.scheduling.ports import BusyTimes, CalendarEvent
from tests.app.coffee_helpers import tick
from tests.app.conftest import RunningApp
from tests.app.scheduling_helpers import (
    AGREED_TEXT,
    agreed_with_the_upload_refused,
    coffee_pair,
    find_time,
    press,
    slot_buttons,
    wait_for_message,
)


def _start(value: str) -> datetime:
    start = parse_slot_value(value.partition("|")[2])
    assert start is not None
    return start


def test_a_pair_in_new_york_and_berlin_agrees_a_slot_and_gets_an_ics_of_the_same_instant(
    running_app: RunningApp,
) -> None:
    app = running_app
    group = coffee_pair(app)
    slots = find_time(app, group)
    choices = slot_buttons(slots)
    assert len(choices) == 3
    text = " ".join(b["text"]["text"] for b in slots["blocks"] if b.get("type") == "section")
    assert "UTC-4" in text and "UTC+2" in text  # each slot in New York's and Berlin's time (June)
    chosen = choices[1]
    for user_id in group.members:
        press(app, group, user_id, chosen)
    agreed = wait_for_message(app, group, AGREED_TEXT)
    links = [b["url"] for b in slots_and(agreed) if "url" in b]
    assert any(url.startswith("https://calendar.google.com/") for url in links)
    assert any(url.startswith("https://outlook.office.com/") for url in links)
    upload = app.fake.wait_for("files.completeUploadExternal")[0]
    assert upload.args["channel_id"] == group.conversation_id
    file_id = upload.args["files"][0]["id"] if isinstance(upload.args["files"], list) else None
    stored = app.fake.uploaded_file(file_id) if file_id else None
    assert stored is not None and stored.content is not None
    event = icalendar.Calendar.from_ical(stored.content).walk("VEVENT")[0]
    start = _start(chosen["value"])
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + timedelta(minutes=30)
    assert start > app.clock().astimezone(UTC)


def slots_and(message: dict) -> list[dict]:
    return [e for block in message.get("blocks") or [] for e in block.get("elements") or []]


class FakeCalendar:
    """A calendar system that records what Rapport asked of it; everyone is free."""

    name = "Fake Calendar"

    def __init__(self) -> None:
        self.busy_asked: list[tuple[str, tuple[str, ...]]] = []
        self.events: list[tuple[str, tuple[str, ...], datetime, datetime]] = []

    def busy(self, organiser: str, emails, start: datetime, end: datetime) -> BusyTimes:
        self.busy_asked.append((organiser, tuple(emails)))
        return BusyTimes(busy={email: () for email in emails})

    def create_event(self, organiser, attendees, start, end, title, description) -> CalendarEvent:
        self.events.append((organiser, tuple(attendees), start, end))
        return CalendarEvent(id="evt1")


def test_with_a_calendar_the_agreed_slot_goes_on_the_organisers_calendar(start_app) -> None:
    calendar = FakeCalendar()
    app = start_app(calendar=calendar)
    group = coffee_pair(app)
    chosen = slot_buttons(find_time(app, group))[0]
    for user_id in group.members:
        press(app, group, user_id, chosen)
    agreed = wait_for_message(app, group, AGREED_TEXT)
    emails = {u: app.fake.workspace.users[u].email for u in group.members}
    organiser = emails[group.organiser]
    assert calendar.busy_asked and calendar.busy_asked[0][0] == organiser
    start = _start(chosen["value"])
    others = tuple(emails[u] for u in group.members if u != group.organiser)
    assert calendar.events == [(organiser, others, start, start + timedelta(minutes=30))]
    assert "on the organiser's calendar" in str(agreed["blocks"])


def test_an_announcement_sent_again_does_not_book_a_second_event(start_app) -> None:
    calendar = FakeCalendar()
    app = start_app(calendar=calendar)
    group = coffee_pair(app)
    chosen = slot_buttons(find_time(app, group))[0]
    agreed_with_the_upload_refused(app, group, chosen)
    assert len(calendar.events) == 1
    app.clock.advance(minutes=6)  # the claim of the press that agreed it has lapsed
    tick(app)
    assert len(app.fake.calls_to("files.completeUploadExternal")) == 1
    assert len(calendar.events) == 1  # a calendar system would make a second event, not update the first
