"""Mentoring's clock: the window's close, a mentor's answer deadline in working days and its one reminder,
and check-ins at the mentor's cadence, all in the right time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.mentoring.schedule import (
    Cadence,
    answer_due,
    checkin_due,
    default_close_day,
    next_checkin,
    reminder_due,
    window_closes_at,
)

NEW_YORK, KOLKATA = "America/New_York", "Asia/Kolkata"
THURSDAY_NOON_NY = datetime(2026, 6, 4, 16, 0, tzinfo=UTC)  # 12:00 in New York


def test_a_window_open_until_a_day_closes_at_the_end_of_that_day_in_the_leads_zone():
    assert window_closes_at(date(2026, 6, 5), NEW_YORK) == datetime(2026, 6, 6, 4, 0, tzinfo=UTC)
    assert window_closes_at(date(2026, 6, 5), None) == datetime(2026, 6, 6, 0, 0, tzinfo=UTC)


def test_the_default_close_day_is_a_setting_away():
    assert default_close_day(THURSDAY_NOON_NY, NEW_YORK, days=7) == date(2026, 6, 11)
    assert default_close_day(datetime(2026, 6, 4, 20, 0, tzinfo=UTC), KOLKATA, days=1) == date(2026, 6, 6)


def test_three_working_days_from_thursday_end_on_tuesday_at_the_same_local_time():
    assert answer_due(THURSDAY_NOON_NY, NEW_YORK) == datetime(2026, 6, 9, 16, 0, tzinfo=UTC)
    saturday = datetime(2026, 6, 6, 16, 0, tzinfo=UTC)
    assert answer_due(saturday, NEW_YORK, days=1) == datetime(2026, 6, 9, 16, 0, tzinfo=UTC)


def test_the_one_reminder_comes_a_working_day_before_the_deadline_outside_quiet_hours():
    assert reminder_due(THURSDAY_NOON_NY, NEW_YORK) == datetime(2026, 6, 8, 16, 0, tzinfo=UTC)
    late_evening = datetime(2026, 6, 5, 0, 30, tzinfo=UTC)  # Thursday 20:30 in New York
    assert reminder_due(late_evening, NEW_YORK) == datetime(2026, 6, 9, 13, 0, tzinfo=UTC)  # Tue 09:00
    assert reminder_due(THURSDAY_NOON_NY, NEW_YORK, days=1) is None


def test_checkins_come_at_the_mentors_cadence_at_a_working_hour():
    started = THURSDAY_NOON_NY
    assert checkin_due(started, Cadence.WEEKLY, 1, NEW_YORK) == datetime(2026, 6, 11, 16, 0, tzinfo=UTC)
    assert checkin_due(started, Cadence.BIWEEKLY, 1, NEW_YORK) == datetime(2026, 6, 18, 16, 0, tzinfo=UTC)
    sunday = datetime(2026, 6, 7, 16, 0, tzinfo=UTC)
    assert checkin_due(sunday, Cadence.WEEKLY, 1, NEW_YORK) == datetime(2026, 6, 15, 13, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        checkin_due(started, Cadence.WEEKLY, 0, NEW_YORK)


def test_only_the_latest_due_checkin_is_sent_after_a_long_gap():
    started = THURSDAY_NOON_NY
    assert (
        next_checkin(started, Cadence.WEEKLY, 0, NEW_YORK, datetime(2026, 6, 11, 15, 0, tzinfo=UTC)) is None
    )
    assert next_checkin(started, Cadence.WEEKLY, 0, NEW_YORK, datetime(2026, 6, 11, 16, 0, tzinfo=UTC)) == 1
    three_weeks = datetime(2026, 6, 25, 17, 0, tzinfo=UTC)
    assert next_checkin(started, Cadence.WEEKLY, 0, NEW_YORK, three_weeks) == 3
    assert next_checkin(started, Cadence.WEEKLY, 3, NEW_YORK, three_weeks) is None


def test_cadences_read_as_people_say_them():
    assert [c.label for c in Cadence] == ["weekly", "every two weeks"]
