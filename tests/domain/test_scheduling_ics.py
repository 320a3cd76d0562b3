"""The .ics file parses back, with the `icalendar` library, to the same instant and the same text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.scheduling.ics import (
    DESCRIPTION_LIMIT,
    LINE_OCTETS,
    TITLE_LIMIT,
    Person,
    event_uid,
    file_name,
    fold,
    ics_event,
)

KOLKATA = ZoneInfo("Asia/Kolkata")
START = datetime(2026, 1, 14, 20, 30, tzinfo=KOLKATA)  # 15:00 UTC
STAMP = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)


def event(**overrides) -> str:
    fields = {
        "uid": event_uid("D0GROUP", START),
        "stamp": STAMP,
        "start": START,
        "end": START + timedelta(minutes=30),
        "title": "Coffee: Ana and Ben",
        "description": "Found by Rapport.\nSay hi!",
    }
    return ics_event(**(fields | overrides))


def parsed(text: str) -> icalendar.Event:
    return icalendar.Calendar.from_ical(text).walk("VEVENT")[0]


def test_the_file_parses_back_to_the_same_instant_in_utc():
    vevent = parsed(event())
    assert vevent.decoded("dtstart") == START
    assert vevent.decoded("dtstart").utcoffset() == timedelta(0)
    assert vevent.decoded("dtend") - vevent.decoded("dtstart") == timedelta(minutes=30)
    assert vevent.decoded("dtstamp") == STAMP
    assert str(vevent["summary"]) == "Coffee: Ana and Ben"
    assert str(vevent["description"]) == "Found by Rapport.\nSay hi!"


def test_a_reminder_ten_minutes_before():
    alarm = icalendar.Calendar.from_ical(event()).walk("VALARM")[0]
    assert alarm.decoded("trigger") == timedelta(minutes=-10)
    assert str(alarm["action"]) == "DISPLAY"


def test_every_line_ends_in_crlf_and_fits_75_octets():
    text = event(title="Coffee ☕ " * 40, description="Ünïcödé, emoji 🎉; and commas\n" * 30)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= LINE_OCTETS for line in text.split("\r\n"))


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "🎉" * 40
    pieces = fold(line).split("\r\n")
    assert [len(p.encode()) <= LINE_OCTETS for p in pieces] == [True] * len(pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line


def cleaned(text: str) -> str:
    """What a TEXT value keeps: line breaks as \\n, tabs, and no other control character."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\t\n" or not (ord(c) < 32 or ord(c) == 127))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=2500))
def test_any_text_comes_back_the_same_without_control_characters(title, description):
    vevent = parsed(event(title=title, description=description))
    assert str(vevent["summary"]) == cleaned(title[:TITLE_LIMIT])
    assert str(vevent.get("description", "")) == cleaned(description[:DESCRIPTION_LIMIT])
    assert vevent.decoded("dtstart") == START


def test_long_text_is_cut_to_its_limit():
    vevent = parsed(event(title="t" * 1000, description="d" * 10_000))
    assert len(str(vevent["summary"])) == TITLE_LIMIT
    assert len(str(vevent["description"])) == DESCRIPTION_LIMIT


def test_organiser_and_attendees_with_quoted_names():
    text = event(
        organiser=Person('Ana "the boss" Lopez', "ana@example.com"),
        attendees=[Person("Ben; Dev", "ben@example.com"), Person("Chandra", "chandra@example.com")],
    )
    vevent = parsed(text)
    assert str(vevent["organizer"]) == "mailto:ana@example.com"
    assert vevent["organizer"].params["CN"] == "Ana 'the boss' Lopez"
    assert [str(a) for a in vevent["attendee"]] == ["mailto:ben@example.com", "mailto:chandra@example.com"]
    assert "METHOD:PUBLISH" not in text  # RFC 5546 allows no ATTENDEE in PUBLISH


def test_without_attendees_the_file_is_published_and_bad_addresses_are_left_out():
    text = event(
        organiser=Person("Ana", "ana@example.com\r\nATTENDEE:mailto:evil@example.com"),
        attendees=[Person("Ben", "not an email"), Person("Eve", 'eve@example.com"')],
    )
    assert "METHOD:PUBLISH\r\n" in text
    assert "ORGANIZER" not in text and "ATTENDEE" not in text and "evil" not in text


def test_the_uid_is_stable_and_does_not_show_the_conversation():
    assert event_uid("D0GROUP", START) == event_uid("D0GROUP", START.astimezone(UTC))
    assert event_uid("D0GROUP", START) != event_uid("D0GROUP", START + timedelta(minutes=30))
    assert "D0GROUP" not in event_uid("D0GROUP", START)
    assert file_name(START) == "meeting-20260114T1500Z.ics"
