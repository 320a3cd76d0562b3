"""Pure rules of keeping in touch: mornings, internship dates, whom to thank, the alumni contact."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.followups import NetworkRow
from bot.domain.keep_in_touch import (
    AlumniContact,
    Connection,
    check_alumni_contact,
    due_on,
    first_morning_on,
    internship_of,
    next_catch_up_check,
    next_morning,
    working_morning,
    worth_thanking,
)
from bot.domain.people.person import Person, Role
from bot.domain.people.profile import Profile

LDN, LA = "Europe/London", "America/Los_Angeles"


@pytest.mark.parametrize(
    ("now", "timezone", "expected"),
    [
        (datetime(2026, 6, 29, 7, 59, tzinfo=UTC), LDN, False),  # 08:59 BST
        (datetime(2026, 6, 29, 8, 0, tzinfo=UTC), LDN, True),
        (datetime(2026, 6, 29, 10, 59, tzinfo=UTC), LDN, True),
        (datetime(2026, 6, 29, 11, 0, tzinfo=UTC), LDN, False),  # noon
        (datetime(2026, 6, 29, 8, 30, tzinfo=UTC), LA, False),  # 01:30 in Los Angeles
        (datetime(2026, 6, 27, 9, 30, tzinfo=UTC), LDN, False),  # Saturday
        (datetime(2026, 6, 29, 9, 30, tzinfo=UTC), "Not/AZone", True),  # read as UTC
    ],
)
def test_a_working_morning_is_nine_to_noon_on_a_weekday_locally(now, timezone, expected):
    assert working_morning(now, timezone) is expected


def test_the_next_morning_is_today_before_nine_and_monday_after_friday_noon():
    assert next_morning(datetime(2026, 6, 29, 5, 0, tzinfo=UTC), LDN) == datetime(
        2026, 6, 29, 8, 0, tzinfo=UTC
    )
    assert next_morning(datetime(2026, 7, 3, 12, 0, tzinfo=UTC), LDN) == datetime(
        2026, 7, 6, 8, 0, tzinfo=UTC
    )
    during = datetime(2026, 6, 29, 9, 0, tzinfo=UTC)
    assert next_morning(during, LDN) == during


def test_a_dated_step_can_next_go_out_on_its_days_first_working_morning_in_the_zone():
    friday = date(2026, 8, 21)
    thursday_evening = datetime(2026, 8, 20, 20, 0, tzinfo=UTC)
    assert first_morning_on(friday, thursday_evening, LDN) == datetime(2026, 8, 21, 8, 0, tzinfo=UTC)
    assert first_morning_on(friday, thursday_evening, LA) == datetime(2026, 8, 21, 16, 0, tzinfo=UTC)
    during = datetime(2026, 8, 21, 9, 0, tzinfo=UTC)
    assert first_morning_on(friday, during, LDN) == during  # due now
    saturday = datetime(2026, 8, 22, 9, 0, tzinfo=UTC)
    assert first_morning_on(friday, saturday, LDN) == datetime(2026, 8, 24, 8, 0, tzinfo=UTC)


def test_a_dated_step_is_due_from_its_morning_until_its_last_day():
    friday = date(2026, 8, 21)
    assert not due_on(friday, datetime(2026, 8, 20, 9, 0, tzinfo=UTC), LDN)
    assert due_on(friday, datetime(2026, 8, 21, 9, 0, tzinfo=UTC), LDN)
    assert due_on(friday, datetime(2026, 8, 24, 9, 0, tzinfo=UTC), LDN, until=date(2026, 8, 28))
    assert not due_on(friday, datetime(2026, 8, 31, 9, 0, tzinfo=UTC), LDN, until=date(2026, 8, 28))


def test_the_roster_dates_win_and_the_profile_fills_the_gaps():
    person = Person("T1", "U1", Role.INTERN, internship_end=date(2026, 8, 28))
    profile = Profile(
        "T1", "U1", Role.INTERN, internship_start=date(2026, 6, 1), internship_end=date(2026, 9, 4)
    )
    dates = internship_of(person, profile)
    assert (dates.start, dates.end) == (date(2026, 6, 1), date(2026, 8, 28))
    assert internship_of(None, None).end is None


def row(user_id: str, times: int, last: date) -> NetworkRow:
    return NetworkRow(user_id, user_id, None, "colleague", "coffee", date(2026, 6, 1), last, times, None)


def test_the_people_to_thank_are_those_met_most_then_most_recently():
    rows = [row("U1", 1, date(2026, 8, 1)), row("U2", 3, date(2026, 7, 1)), row("U3", 2, date(2026, 6, 5))]
    rows += [row("U4", 2, date(2026, 7, 9)), row("U5", 1, date(2026, 8, 20))]
    assert [r.user_id for r in worth_thanking(rows)] == ["U2", "U4", "U3"]
    assert worth_thanking([]) == []


@pytest.mark.parametrize(
    ("email", "linkedin", "opted_in", "errors"),
    [
        ("me@example.org", "", False, {"consent"}),
        ("not an email", "", True, {"email"}),
        ("me@example", "", True, {"email"}),
        ("", "https://example.com/me", True, {"linkedin"}),
        ("", "", True, {"email"}),
        ("<!channel>@x.io", "", True, {"email"}),
    ],
)
def test_a_bad_alumni_contact_names_each_field_to_fix(email, linkedin, opted_in, errors):
    contact, found = check_alumni_contact(email, linkedin, opted_in)
    assert contact is None and set(found) == errors


def test_a_good_alumni_contact_is_normalised():
    contact, errors = check_alumni_contact(" me@example.org ", "linkedin.com/in/me-too", True)
    assert errors == {} and contact == AlumniContact("me@example.org", "https://www.linkedin.com/in/me-too")


def _connection(other: str, last: date, stopped: bool = False) -> Connection:
    return Connection(other, last, None, stopped)


def test_the_next_check_is_when_the_oldest_connection_cools():
    today = date(2026, 6, 10)
    connections = [_connection("U1", date(2026, 6, 3)), _connection("U2", date(2026, 6, 1))]
    assert next_catch_up_check(connections, [], 4, None, today) == date(2026, 6, 17)  # capped at a week
    assert next_catch_up_check(connections, [], 4, None, date(2026, 6, 25)) == date(2026, 6, 29)


def test_stopped_connections_do_not_count_but_a_snooze_ending_does():
    today = date(2026, 6, 10)
    connections = [_connection("U1", date(2026, 5, 14), stopped=True), _connection("U2", date(2026, 6, 9))]
    assert next_catch_up_check(connections, [], 4, None, today) == date(2026, 6, 17)
    assert next_catch_up_check(connections, [date(2026, 6, 12)], 4, None, today) == date(2026, 6, 12)


def test_a_recent_suggestion_holds_the_next_check_for_a_week():
    connections = [_connection("U1", date(2026, 5, 1))]
    assert next_catch_up_check(connections, [], 4, date(2026, 6, 8), date(2026, 6, 10)) == date(2026, 6, 15)
    assert next_catch_up_check(connections, [], 4, None, date(2026, 6, 10)) == date(2026, 5, 29)  # due now
