"""Microsoft 365 through msal and Graph's REST API, against the fake tenant over https: busy time avoided,
the meeting on the organiser's calendar, and every failure one log line and working hours."""

from __future__ import annotations

import logging

import pytest

from bot.calendars.microsoft import MicrosoftCalendar
from bot.domain.scheduling.model import Member, Slot
from bot.services.scheduling.booking import put_on_calendar
from bot.services.scheduling.slots import offer_slots
from tests.calendars.conftest import CLIENT_ID, CLIENT_SECRET, TENANT
from tests.calendars.endpoint import STALL, Answer
from tests.calendars.fake_microsoft import EXPIRED, THROTTLED
from tests.calendars.scenario import (
    EMAILS,
    MEMBERS,
    NOW,
    WORKING_HOURS_ONLY,
    one_line_from_us,
    utc,
)

NOT_UTC = {  # Rapport asks for UTC (Prefer: outlook.timezone); anything else is not guessed at
    "status": "busy",
    "start": {"dateTime": "2026-01-05T09:00:00", "timeZone": "Pacific Standard Time"},
    "end": {"dateTime": "2026-01-05T10:00:00", "timeZone": "Pacific Standard Time"},
}


def connect(
    fake, tls, secret: str = CLIENT_SECRET, tenant: str = TENANT, timeout: float = 5
) -> MicrosoftCalendar:
    return MicrosoftCalendar(
        tenant,
        CLIENT_ID,
        secret,
        authority_url=fake.authority_url,
        graph_url=fake.graph_url,
        timeout=timeout,
        verify=str(tls[1]),
    )


@pytest.fixture
def calendar(microsoft, tls) -> MicrosoftCalendar:
    return connect(microsoft, tls)


def offer(calendar, members=MEMBERS, emails=EMAILS):
    return offer_slots(members, emails, NOW, calendar=calendar, default_zone="UTC")


def test_busy_out_of_office_and_tentative_time_is_avoided_free_time_is_not(microsoft, calendar, caplog):
    caplog.set_level(logging.INFO)
    microsoft.busy["ana@example.com"] = [
        (utc(2026, 1, 5, 9, 0), utc(2026, 1, 5, 10, 0), "busy"),
        (utc(2026, 1, 5, 10, 0), utc(2026, 1, 5, 10, 30), "tentative"),
        (utc(2026, 1, 6, 9, 0), utc(2026, 1, 6, 17, 0), "oof"),
    ]
    microsoft.busy["ben@example.com"] = [
        (utc(2026, 1, 5, 10, 30), utc(2026, 1, 5, 11, 0), "free"),
        (utc(2026, 1, 7, 12, 0), utc(2026, 1, 7, 13, 0), "workingElsewhere"),
    ]
    proposal = offer(calendar)
    assert [s.start for s in proposal.slots] == [
        utc(2026, 1, 5, 10, 30),
        utc(2026, 1, 7, 12, 0),
        utc(2026, 1, 8, 9, 0),
    ]
    name, asked = microsoft.endpoint.calls[-1]
    assert name == "getschedule" and asked.path == "/v1.0/users/ana@example.com/calendar/getSchedule"
    assert asked.json()["schedules"] == ["ana@example.com", "ben@example.com"]
    assert asked.json()["startTime"] == {"dateTime": "2026-01-05T09:00:00", "timeZone": "UTC"}
    assert asked.headers["prefer"] == 'outlook.timezone="UTC"'
    assert [r for r in caplog.records if r.name.startswith("bot.")] == []


def test_the_meeting_becomes_an_event_in_the_organisers_mailbox_with_the_others_invited(microsoft, calendar):
    slot = Slot(utc(2026, 1, 6, 14, 0))
    made = put_on_calendar(
        calendar, "ana@example.com", ["ben@example.com"], slot, "Coffee: Ana and Ben", "Say hi"
    )
    assert made is not None and made.id.startswith("AAMkAG") and made.link is not None
    [(mailbox, event)] = microsoft.events
    assert mailbox == "ana@example.com"
    assert event["attendees"] == [{"emailAddress": {"address": "ben@example.com"}, "type": "required"}]
    assert event["start"] == {"dateTime": "2026-01-06T14:00:00", "timeZone": "UTC"}
    assert event["end"] == {"dateTime": "2026-01-06T14:30:00", "timeZone": "UTC"}
    assert (event["subject"], event["body"]) == (
        "Coffee: Ana and Ben",
        {"contentType": "text", "content": "Say hi"},
    )
    assert (event["isReminderOn"], event["reminderMinutesBeforeStart"]) == (True, 10)


def test_a_wrong_secret_falls_back_to_working_hours_with_one_log_line(microsoft, tls, caplog):
    caplog.set_level(logging.INFO)
    assert offer(connect(microsoft, tls, secret="q~wrong")) == WORKING_HOURS_ONLY
    message = one_line_from_us(caplog, logging.WARNING).getMessage()
    assert "invalid_client: AADSTS7000215: Invalid client secret provided." in message
    assert "Trace ID" not in message and "RAPPORT_MS_CLIENT_SECRET" in message


def test_a_revoked_permission_falls_back_with_one_log_line(microsoft, calendar, caplog):
    caplog.set_level(logging.INFO)
    microsoft.permission = False  # consent withdrawn, or an application access policy leaves Rapport out
    assert offer(calendar) == WORKING_HOURS_ONLY
    message = one_line_from_us(caplog, logging.WARNING).getMessage()
    assert (
        "Microsoft Graph answered 403 ErrorAccessDenied" in message and "application access policy" in message
    )


@pytest.mark.parametrize("route", ["getschedule", "token"])
def test_a_timeout_falls_back_with_one_log_line(microsoft, tls, caplog, route):
    caplog.set_level(logging.INFO)
    microsoft.endpoint.fail(route, STALL)
    assert offer(connect(microsoft, tls, timeout=0.5)) == WORKING_HOURS_ONLY
    assert "within 0.5 seconds" in one_line_from_us(caplog, logging.WARNING).getMessage()


def test_someone_outside_the_directory_is_taken_as_free_in_working_hours(microsoft, calendar, caplog):
    caplog.set_level(logging.INFO)
    microsoft.busy["ben@example.com"] = [(utc(2026, 1, 5, 9, 0), utc(2026, 1, 5, 17, 0), "busy")]
    members = [*MEMBERS, Member("U3", "Europe/London")]
    proposal = offer(calendar, members, EMAILS | {"U3": "cleo@partner.example"})
    assert all(slot.start.date() != utc(2026, 1, 5).date() for slot in proposal.slots)
    assert one_line_from_us(caplog, logging.INFO).getMessage() == (
        "Microsoft 365: 1 of 3 calendars not read (5009); those members' working hours are used"
    )


def test_an_organiser_without_a_mailbox_falls_back_with_one_log_line(microsoft, calendar, caplog):
    caplog.set_level(logging.INFO)
    assert (
        offer(calendar, emails={"U1": "dan@partner.example", "U2": "ben@example.com"}) == WORKING_HOURS_ONLY
    )
    assert "answered 404 ErrorInvalidUser" in one_line_from_us(caplog, logging.WARNING).getMessage()


def test_throttling_falls_back_and_says_when_to_try_again(microsoft, calendar, caplog):
    caplog.set_level(logging.INFO)
    microsoft.endpoint.fail("getschedule", THROTTLED)
    assert offer(calendar) == WORKING_HOURS_ONLY
    assert "429 ApplicationThrottled" in one_line_from_us(caplog, logging.WARNING).getMessage()
    assert "Retry-After: 17" in caplog.records[-1].getMessage()


def test_an_unknown_tenant_falls_back_with_one_log_line(microsoft, tls, caplog):
    caplog.set_level(logging.INFO)
    assert offer(connect(microsoft, tls, tenant="contoso.example")) == WORKING_HOURS_ONLY
    assert "cannot get a token" in one_line_from_us(caplog, logging.WARNING).getMessage()


@pytest.mark.parametrize(
    "strange",
    [
        Answer(200, {"value": "nope"}),
        Answer(200, {"value": [{"scheduleId": "ana@example.com", "scheduleItems": [{"status": "busy"}]}]}),
        Answer(200, b"<html>proxy error</html>"),
        Answer(200, {"value": [{"scheduleId": "ana@example.com", "scheduleItems": [NOT_UTC]}]}),
    ],
)
def test_a_strange_answer_falls_back_with_one_log_line(microsoft, calendar, caplog, strange):
    caplog.set_level(logging.INFO)
    microsoft.endpoint.fail("getschedule", strange)
    assert offer(calendar) == WORKING_HOURS_ONLY
    one_line_from_us(caplog, logging.WARNING)


def test_the_token_and_the_tenants_configuration_are_kept(microsoft, calendar):
    offer(calendar)
    offer(calendar)
    assert microsoft.endpoint.names() == ["openid", "token", "getschedule", "getschedule"]


def test_a_token_graph_refuses_is_one_log_line(microsoft, calendar, caplog):
    caplog.set_level(logging.INFO)
    microsoft.endpoint.fail("getschedule", EXPIRED)
    assert offer(calendar) == WORKING_HOURS_ONLY
    assert "answered 401 InvalidAuthenticationToken" in one_line_from_us(caplog, logging.WARNING).getMessage()


def test_an_event_that_cannot_be_made_is_one_log_line_and_none(microsoft, calendar, caplog):
    caplog.set_level(logging.INFO)
    microsoft.permission = False
    slot = Slot(utc(2026, 1, 6, 14, 0))
    assert put_on_calendar(calendar, "ana@example.com", ["ben@example.com"], slot, "Coffee", "") is None
    assert "answered 403" in one_line_from_us(caplog, logging.WARNING).getMessage()
