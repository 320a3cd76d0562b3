"""Google Workspace through google-auth and google-api-python-client, against the fake Google: busy time
avoided, the meeting on the organiser's calendar, and every failure one log line and working hours."""

from __future__ import annotations

import logging

import pytest

from bot.calendars.google import GoogleCalendar
from bot.domain.scheduling.model import Member, Slot
from bot.services.scheduling.booking import put_on_calendar
from bot.services.scheduling.slots import offer_slots
from tests.calendars.conftest import key_file_for
from tests.calendars.endpoint import STALL, Answer
from tests.calendars.fake_google import FORBIDDEN, INVALID_CREDENTIALS, RATE_LIMITED
from tests.calendars.keys import rsa_key
from tests.calendars.scenario import EMAILS, MEMBERS, NOW, WORKING_HOURS_ONLY, one_line_from_us, utc


@pytest.fixture
def calendar(google, account_key) -> GoogleCalendar:
    return GoogleCalendar(key_file_for(google, account_key), api_url=google.api_url, timeout=5)


def offer(calendar, members=MEMBERS, emails=EMAILS):
    return offer_slots(members, emails, NOW, calendar=calendar, default_zone="UTC")


def test_busy_time_is_avoided_and_asked_as_the_organiser(google, calendar, caplog):
    caplog.set_level(logging.INFO)
    google.busy["ben@example.com"] = [(utc(2026, 1, 5, 9, 0), utc(2026, 1, 5, 11, 0))]
    google.busy["ana@example.com"] = [(utc(2026, 1, 6, 11, 0), utc(2026, 1, 6, 14, 0))]
    proposal = offer(calendar)
    assert [s.start for s in proposal.slots] == [
        utc(2026, 1, 5, 11, 0),
        utc(2026, 1, 6, 14, 0),
        utc(2026, 1, 7, 9, 0),
    ]
    asked = google.endpoint.calls[-1][1].json()
    assert [item["id"] for item in asked["items"]] == ["ana@example.com", "ben@example.com"]
    assert (asked["timeMin"], asked["timeMax"]) == ("2026-01-05T09:00:00Z", "2026-01-10T00:00:00Z")
    assert set(google.tokens.values()) == {"ana@example.com"}  # domain-wide delegation: subject = organiser
    assert [r for r in caplog.records if r.name.startswith("bot.")] == []


def test_the_meeting_becomes_an_event_on_the_organisers_calendar_with_the_others_invited(google, calendar):
    slot = Slot(utc(2026, 1, 6, 14, 0))
    made = put_on_calendar(
        calendar,
        "ana@example.com",
        ["ana@example.com", "ben@example.com"],
        slot,
        "Coffee: Ana and Ben",
        "Say hi",
    )
    assert made is not None and made.link == f"https://www.google.com/calendar/event?eid={made.id}"
    [event] = google.events
    assert event["organizer"] == {"email": "ana@example.com", "self": True}
    assert [a["email"] for a in event["attendees"]] == ["ben@example.com"]
    assert event["sendUpdates"] == "all"  # Google sends the invitations
    assert event["start"] == {"dateTime": "2026-01-06T14:00:00Z", "timeZone": "UTC"}
    assert event["end"] == {"dateTime": "2026-01-06T14:30:00Z", "timeZone": "UTC"}
    assert event["reminders"] == {"useDefault": False, "overrides": [{"method": "popup", "minutes": 10}]}


def test_a_wrong_key_falls_back_to_working_hours_with_one_log_line(google, caplog):
    caplog.set_level(logging.INFO)
    stranger = GoogleCalendar(key_file_for(google, rsa_key()), api_url=google.api_url, timeout=5)
    assert offer(stranger) == WORKING_HOURS_ONLY
    record = one_line_from_us(caplog, logging.WARNING)
    assert "invalid_grant: Invalid JWT Signature." in record.getMessage()
    assert "docs/calendars.md" in record.getMessage()


def test_a_revoked_delegation_falls_back_with_one_log_line(google, calendar, caplog):
    caplog.set_level(logging.INFO)
    google.granted_scopes.clear()  # the admin removed Rapport's client ID from domain-wide delegation
    assert offer(calendar) == WORKING_HOURS_ONLY
    assert "unauthorized_client" in one_line_from_us(caplog, logging.WARNING).getMessage()


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        (FORBIDDEN, "the Calendar API answered 403: The caller does not have permission"),
        (RATE_LIMITED, "the Calendar API answered 429: Rate Limit Exceeded"),
        (Answer(200, {"kind": "calendar#freeBusy", "calendars": ["not", "a", "map"]}), "without calendars"),
        (
            Answer(200, {"calendars": {"ana@example.com": {"busy": [{"start": "soon", "end": "later"}]}}}),
            "ISO 8601",
        ),
    ],
)
def test_a_refusal_or_a_strange_answer_falls_back_with_one_log_line(google, calendar, caplog, fault, said):
    caplog.set_level(logging.INFO)
    google.endpoint.fail("freebusy", fault)
    assert offer(calendar) == WORKING_HOURS_ONLY
    assert said in one_line_from_us(caplog, logging.WARNING).getMessage()


def test_a_timeout_falls_back_with_one_log_line(google, account_key, caplog):
    caplog.set_level(logging.INFO)
    slow = GoogleCalendar(key_file_for(google, account_key), api_url=google.api_url, timeout=0.5)
    google.endpoint.fail("freebusy", STALL)
    assert offer(slow) == WORKING_HOURS_ONLY
    assert "no answer within 0.5 seconds" in one_line_from_us(caplog, logging.WARNING).getMessage()


def test_someone_outside_the_directory_is_taken_as_free_in_working_hours(google, calendar, caplog):
    caplog.set_level(logging.INFO)
    google.busy["ana@example.com"] = [(utc(2026, 1, 5, 9, 0), utc(2026, 1, 5, 17, 0))]
    members = [*MEMBERS, Member("U3", "Europe/London")]
    proposal = offer(calendar, members, EMAILS | {"U3": "cleo@partner.example"})
    assert all(slot.start.date() != utc(2026, 1, 5).date() for slot in proposal.slots)  # Ana's Monday is busy
    record = one_line_from_us(caplog, logging.INFO)
    assert record.getMessage() == (
        "Google Calendar: 1 of 3 calendars not read (notFound); those members' working hours are used"
    )


def test_an_organiser_outside_the_directory_falls_back_with_one_log_line(google, calendar, caplog):
    caplog.set_level(logging.INFO)
    emails = {"U1": "dan@partner.example", "U2": "ben@example.com"}
    assert offer(calendar, emails=emails) == WORKING_HOURS_ONLY
    assert "Invalid email or User ID" in one_line_from_us(caplog, logging.WARNING).getMessage()


def test_an_expired_token_is_fetched_again_by_the_library(google, calendar):
    google.endpoint.fail("freebusy", INVALID_CREDENTIALS)
    google.busy["ben@example.com"] = [(utc(2026, 1, 5, 9, 0), utc(2026, 1, 5, 11, 0))]
    assert offer(calendar).slots[0].start == utc(2026, 1, 5, 11, 0)
    assert google.endpoint.names() == ["token", "freebusy", "token", "freebusy"]


def test_the_token_is_kept_for_the_next_meeting(google, calendar):
    offer(calendar)
    offer(calendar)
    assert google.endpoint.names() == ["token", "freebusy", "freebusy"]


def test_an_event_that_cannot_be_made_is_one_log_line_and_none(google, calendar, caplog):
    caplog.set_level(logging.INFO)
    google.endpoint.fail("insert", FORBIDDEN)
    slot = Slot(utc(2026, 1, 6, 14, 0))
    assert put_on_calendar(calendar, "ana@example.com", ["ben@example.com"], slot, "Coffee", "") is None
    assert "answered 403" in one_line_from_us(caplog, logging.WARNING).getMessage()
    assert google.events == []


def test_nobody_with_an_email_means_no_calendar_call(google, calendar, caplog):
    caplog.set_level(logging.INFO)
    assert offer(calendar, emails={}) == WORKING_HOURS_ONLY
    assert google.endpoint.calls == []
    assert "nobody in the group has an email" in one_line_from_us(caplog, logging.INFO).getMessage()
