"""Finding a time with a calendar port: busy times merged from everyone, and whatever the calendar does wrong
is one log line while the slots come from working hours."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from bot.domain.scheduling.model import Interval, Member, Slot
from bot.domain.scheduling.slots import propose_slots
from bot.services.scheduling.booking import put_on_calendar
from bot.services.scheduling.ports import BusyTimes, CalendarError, CalendarEvent
from bot.services.scheduling.slots import offer_slots

NOW = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)  # a Monday
MEMBERS = [Member("U1", "Europe/London"), Member("U2", "Europe/London"), Member("U3", "Europe/London")]
EMAILS = {"U1": "ana@example.com", "U2": "ben@example.com", "U3": "cleo@example.com"}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@dataclass
class RecordingCalendar:
    """A CalendarProvider that answers what it is told and records what it was asked."""

    answer: BusyTimes | Exception = field(default_factory=lambda: BusyTimes({}))
    calls: list[tuple] = field(default_factory=list)
    name: str = "Test calendar"

    def busy(self, organiser: str, emails: Sequence[str], start: datetime, end: datetime) -> BusyTimes:
        self.calls.append(("busy", organiser, list(emails), start, end))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    def create_event(self, organiser, attendees, start, end, title, description) -> CalendarEvent:
        self.calls.append(("create_event", organiser, list(attendees), start, end, title))
        if isinstance(self.answer, Exception):
            raise self.answer
        return CalendarEvent("e1", "https://calendar.example/e1")


def offer(calendar, emails=EMAILS, **options):
    return offer_slots(MEMBERS, emails, NOW, calendar=calendar, default_zone="UTC", **options)


def test_everyones_busy_time_is_avoided_and_asked_for_the_whole_window():
    calendar = RecordingCalendar(
        BusyTimes(
            {
                "ana@example.com": (Interval(utc(2026, 1, 5, 9), utc(2026, 1, 5, 10)),),
                "cleo@example.com": (Interval(utc(2026, 1, 5, 10), utc(2026, 1, 5, 12)),),
            }
        )
    )
    assert offer(calendar).slots[0].start == utc(2026, 1, 5, 12, 0)
    assert calendar.calls == [
        ("busy", "ana@example.com", list(EMAILS.values()), utc(2026, 1, 5, 9), utc(2026, 1, 10)),
    ]


def test_without_a_calendar_nothing_is_asked():
    assert offer(None) == propose_slots(MEMBERS, NOW)


def test_the_first_member_with_an_email_asks_and_those_without_one_are_counted(caplog):
    caplog.set_level(logging.INFO)
    calendar = RecordingCalendar()
    offer(calendar, emails={"U2": "ben@example.com", "U3": "ben@example.com"})
    assert calendar.calls[0][1:3] == ("ben@example.com", ["ben@example.com"])
    [record] = caplog.records
    assert record.getMessage() == (
        "Test calendar: 1 of 3 calendars not read (no email); those members' working hours are used"
    )


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (
            CalendarError("the token was refused"),
            "busy times not read, slots use working hours: the token was",
        ),
        (KeyError("calendars"), "busy times not read (KeyError), slots use working hours"),
    ],
)
def test_a_failing_calendar_is_one_warning_and_working_hours(caplog, failure, said):
    caplog.set_level(logging.INFO)
    assert offer(RecordingCalendar(failure)) == propose_slots(MEMBERS, NOW)
    [record] = caplog.records
    assert record.levelno == logging.WARNING and said in record.getMessage() and record.exc_info is None


def test_the_event_invites_the_others_once_and_not_the_organiser():
    calendar = RecordingCalendar()
    slot = Slot(utc(2026, 1, 6, 14))
    made = put_on_calendar(
        calendar,
        "ana@example.com",
        ["ana@example.com", "ben@example.com", "", "ben@example.com"],
        slot,
        "Coffee",
        "",
    )
    assert made == CalendarEvent("e1", "https://calendar.example/e1")
    assert calendar.calls == [
        (
            "create_event",
            "ana@example.com",
            ["ben@example.com"],
            slot.start,
            utc(2026, 1, 6, 14, 30),
            "Coffee",
        )
    ]


@pytest.mark.parametrize("failure", [CalendarError("403"), RuntimeError("bug")])
def test_an_event_that_fails_is_one_warning_and_none(caplog, failure):
    caplog.set_level(logging.INFO)
    assert (
        put_on_calendar(RecordingCalendar(failure), "a@x.example", [], Slot(utc(2026, 1, 6, 14)), "t", "d")
        is None
    )
    [record] = caplog.records
    assert record.levelno == logging.WARNING and record.exc_info is None
