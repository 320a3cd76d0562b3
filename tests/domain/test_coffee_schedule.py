from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.coffee.model import Frequency, Schedule
from bot.domain.coffee.schedule import (
    PauseRefusal,
    checkin_at,
    due_slot,
    heads_up_at,
    next_slot,
    parse_time,
    parse_weekday,
    pause_example,
    pause_until,
    read_pause,
    reask_at,
    round_end,
    starts_in_words,
)

LONDON_MONDAY_10 = Schedule(Frequency.WEEKLY, weekday=0, at=time(10, 0), timezone="Europe/London")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def london(frequency: Frequency, weekday: int = 0, at: time = time(10, 0)) -> Schedule:
    return Schedule(frequency, weekday=weekday, at=at, timezone="Europe/London")


# next_slot


def test_next_slot_is_the_coming_weekday_at_the_local_time():
    assert next_slot(LONDON_MONDAY_10, utc(2026, 1, 7, 15, 0)) == utc(2026, 1, 12, 10, 0)


def test_next_slot_is_strictly_after_so_a_slot_is_never_filled_twice():
    assert next_slot(LONDON_MONDAY_10, utc(2026, 1, 12, 10, 0)) == utc(2026, 1, 19, 10, 0)
    assert next_slot(LONDON_MONDAY_10, utc(2026, 1, 12, 9, 59)) == utc(2026, 1, 12, 10, 0)


def test_weekly_slot_keeps_ten_oclock_local_across_the_dst_change():
    # Clocks go forward on 29 March 2026 and back on 25 October 2026.
    assert next_slot(LONDON_MONDAY_10, utc(2026, 3, 23, 10, 0)) == utc(2026, 3, 30, 9, 0)
    assert next_slot(LONDON_MONDAY_10, utc(2026, 10, 19, 9, 0)) == utc(2026, 10, 26, 10, 0)


def test_a_local_time_skipped_by_the_spring_switch_is_read_with_the_old_offset():
    sunday_0130 = london(Frequency.WEEKLY, weekday=6, at=time(1, 30))
    assert next_slot(sunday_0130, utc(2026, 3, 28, 12, 0)) == utc(2026, 3, 29, 1, 30)


def test_a_local_time_repeated_by_the_autumn_switch_is_its_first_occurrence():
    sunday_0130 = london(Frequency.WEEKLY, weekday=6, at=time(1, 30))
    assert next_slot(sunday_0130, utc(2026, 10, 24, 12, 0)) == utc(2026, 10, 25, 0, 30)


def test_the_weekday_is_the_pools_local_weekday_not_utcs():
    tokyo = Schedule(Frequency.WEEKLY, weekday=0, at=time(8, 0), timezone="Asia/Tokyo")
    slot = next_slot(tokyo, utc(2026, 1, 7, 0, 0))
    assert slot == utc(2026, 1, 11, 23, 0)  # Monday 08:00 in Tokyo is Sunday 23:00 UTC
    assert slot.tzinfo is UTC


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        next_slot(LONDON_MONDAY_10, datetime(2026, 1, 7))


# due_slot

CREATED = utc(2026, 1, 7, 15, 0)  # a Wednesday
FIRST = utc(2026, 1, 12, 10, 0)  # the Monday after


def test_the_first_round_waits_for_the_first_slot_after_the_pool_was_set_up():
    assert due_slot(LONDON_MONDAY_10, None, CREATED, now=FIRST - timedelta(minutes=1)) is None
    assert due_slot(LONDON_MONDAY_10, None, CREATED, now=FIRST) == FIRST


def test_no_round_is_due_until_the_next_slot_after_the_last_one():
    assert due_slot(LONDON_MONDAY_10, FIRST, CREATED, now=FIRST + timedelta(days=6)) is None
    assert due_slot(LONDON_MONDAY_10, FIRST, CREATED, now=utc(2026, 1, 19, 10, 0)) == utc(2026, 1, 19, 10, 0)


def test_biweekly_rounds_are_every_other_week_on_the_chosen_weekday():
    schedule = london(Frequency.BIWEEKLY)
    assert due_slot(schedule, FIRST, CREATED, now=utc(2026, 1, 25, 23, 0)) is None
    assert due_slot(schedule, FIRST, CREATED, now=utc(2026, 1, 26, 10, 0)) == utc(2026, 1, 26, 10, 0)


def test_monthly_rounds_are_every_four_weeks_on_the_chosen_weekday():
    schedule = london(Frequency.MONTHLY)
    assert due_slot(schedule, FIRST, CREATED, now=utc(2026, 2, 8, 12, 0)) is None
    assert due_slot(schedule, FIRST, CREATED, now=utc(2026, 2, 9, 10, 0)) == utc(2026, 2, 9, 10, 0)


def test_missed_weeks_start_one_round_not_a_burst():
    now = utc(2026, 2, 18, 8, 0)  # five weeks after the last round, on a Wednesday
    slot = due_slot(LONDON_MONDAY_10, FIRST, CREATED, now=now)
    assert slot == utc(2026, 2, 16, 10, 0)
    assert now - slot <= timedelta(days=7)
    assert due_slot(LONDON_MONDAY_10, slot, CREATED, now=now) is None


def test_missed_fortnights_keep_the_fortnightly_rhythm():
    schedule = london(Frequency.BIWEEKLY)
    slot = due_slot(schedule, FIRST, CREATED, now=utc(2026, 3, 4, 8, 0))
    assert slot == utc(2026, 2, 23, 10, 0)  # FIRST + 6 weeks, not the Monday after it


def test_a_pool_set_up_long_ago_starts_with_the_latest_slot():
    now = utc(2026, 6, 3, 12, 0)
    assert due_slot(LONDON_MONDAY_10, None, CREATED, now=now) == utc(2026, 6, 1, 9, 0)


def test_the_cadence_follows_local_time_across_the_dst_change():
    last = utc(2026, 3, 23, 10, 0)
    assert due_slot(LONDON_MONDAY_10, last, CREATED, now=utc(2026, 3, 30, 9, 0)) == utc(2026, 3, 30, 9, 0)


def test_a_changed_weekday_waits_for_nearly_a_full_round():
    thursdays = london(Frequency.WEEKLY, weekday=3)
    assert due_slot(thursdays, FIRST, CREATED, now=utc(2026, 1, 15, 10, 0)) is None
    assert due_slot(thursdays, FIRST, CREATED, now=utc(2026, 1, 22, 10, 0)) == utc(2026, 1, 22, 10, 0)


# round timing

SLOT = utc(2026, 1, 12, 10, 0)


def test_a_round_lasts_its_frequency():
    assert round_end(SLOT, Frequency.WEEKLY) == utc(2026, 1, 19, 10, 0)
    assert round_end(SLOT, Frequency.MONTHLY) == utc(2026, 2, 9, 10, 0)


def test_the_checkin_comes_after_the_chosen_days():
    assert checkin_at(SLOT, Frequency.BIWEEKLY, 3) == utc(2026, 1, 15, 10, 0)


def test_the_checkin_of_a_short_round_comes_a_day_before_it_ends():
    assert checkin_at(SLOT, Frequency.WEEKLY, 10) == utc(2026, 1, 18, 10, 0)


def test_scheduled_groups_are_reasked_a_day_before_the_round_ends():
    assert reask_at(SLOT, Frequency.BIWEEKLY) == utc(2026, 1, 25, 10, 0)


def test_the_heads_up_is_a_day_before_the_slot():
    assert heads_up_at(SLOT) == utc(2026, 1, 11, 10, 0)


# parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10:00", time(10, 0)), ("9:30", time(9, 30)), (" 09:05 ", time(9, 5)), ("23:59", time(23, 59))],
)
def test_times_are_24_hour_hh_mm(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "10:60", "10", "10:0", "10am", "", "1000", "10:00:00"])
def test_other_times_are_refused(text):
    assert parse_time(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("monday", 0), ("Mon", 0), ("TUESDAY", 1), ("wed", 2), ("thursdays", 3), ("fri", 4), ("Sunday", 6)],
)
def test_weekdays_by_name_or_short_name_in_any_case(text, expected):
    assert parse_weekday(text) == expected


@pytest.mark.parametrize("text", ["", "mo", "monady", "weekday", "1"])
def test_other_weekdays_are_refused(text):
    assert parse_weekday(text) is None


TODAY = date(2026, 6, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 weeks", date(2026, 6, 24)),
        ("1 week", date(2026, 6, 17)),
        ("3 days", date(2026, 6, 13)),
        ("1 day", date(2026, 6, 11)),
        ("until 2026-07-01", date(2026, 7, 1)),
        ("2026-07-01", date(2026, 7, 1)),
        ("  Until   2026-07-01 ", date(2026, 7, 1)),
        ("52 weeks", date(2027, 6, 9)),
        ("until 2027-06-10", date(2027, 6, 10)),
    ],
)
def test_a_pause_is_a_span_or_a_date(text, expected):
    assert pause_until(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "two weeks",
        "2 months",
        "0 weeks",
        "-1 weeks",
        "until 2026-06-01",
        "until 2026-06-10",
        "2026-02-30",
        "until 2027-06-11",
        "53 weeks",
        "9999 weeks",
        "until tomorrow",
        "20260701",
    ],
)
def test_a_malformed_past_or_too_distant_pause_is_refused(text):
    assert pause_until(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("until 2020-01-01", PauseRefusal.PASSED),
        ("2026-06-09", PauseRefusal.PASSED),
        ("until 2026-06-10", PauseRefusal.TODAY),
        ("until 2027-06-11", PauseRefusal.TOO_FAR),
        ("53 weeks", PauseRefusal.TOO_FAR),
        ("0 days", PauseRefusal.UNREADABLE),
        ("next year", PauseRefusal.UNREADABLE),
        ("2026-02-30", PauseRefusal.UNREADABLE),
    ],
)
def test_a_refused_pause_says_why(text, refusal):
    assert read_pause(text, TODAY) is refusal


@pytest.mark.parametrize("today", [date(2020, 1, 1), TODAY, date(2026, 12, 31), date(2028, 2, 29)])
def test_the_example_pause_date_is_one_that_would_be_accepted(today):
    example = pause_example(today)
    assert example > today
    assert read_pause(f"until {example.isoformat()}", today) == example


def test_a_pause_from_a_leap_day_may_last_until_the_same_day_next_year():
    assert pause_until("until 2029-02-28", date(2028, 2, 29)) == date(2029, 2, 28)
    assert pause_until("until 2029-03-01", date(2028, 2, 29)) is None


def test_the_upcoming_slot_is_the_next_one_a_round_will_fill():
    from bot.domain.coffee.schedule import upcoming_slot

    weekly = Schedule(Frequency.WEEKLY, 0, time(10, 0), "UTC")
    created = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)  # a Wednesday
    assert upcoming_slot(weekly, None, created, created) == datetime(2026, 6, 8, 10, 0, tzinfo=UTC)
    last = datetime(2026, 6, 8, 10, 0, tzinfo=UTC)
    assert upcoming_slot(weekly, last, created, last) == datetime(2026, 6, 15, 10, 0, tzinfo=UTC)
    fortnightly = Schedule(Frequency.BIWEEKLY, 0, time(10, 0), "UTC")
    assert upcoming_slot(fortnightly, last, created, last + timedelta(days=1)) == datetime(
        2026, 6, 22, 10, 0, tzinfo=UTC
    )


# what the heads-up says: by the calendar in the pool's time zone


@pytest.mark.parametrize(
    ("now", "said"),
    [
        (utc(2026, 1, 12, 8, 0), "today at 10:00"),  # Monday 08:00, the round at 10:00 that day
        (utc(2026, 1, 12, 0, 0), "today at 10:00"),  # just after midnight
        (utc(2026, 1, 11, 23, 59), "tomorrow (Monday at 10:00)"),  # just before it
        (utc(2026, 1, 11, 10, 0), "tomorrow (Monday at 10:00)"),  # the usual day before
        (utc(2026, 1, 9, 10, 0), "on Monday at 10:00"),  # Friday
        (utc(2026, 1, 2, 10, 0), "on Monday 12 January at 10:00"),  # more than a week ahead
    ],
)
def test_the_round_is_today_tomorrow_or_a_named_day(now, said):
    assert starts_in_words(utc(2026, 1, 12, 10, 0), now, "UTC") == said


def test_today_and_tomorrow_follow_the_pools_zone_not_utc():
    los_angeles = utc(2026, 1, 12, 18, 0)  # Monday 10:00 in Los Angeles
    assert starts_in_words(los_angeles, utc(2026, 1, 12, 2, 0), "America/Los_Angeles") == (
        "tomorrow (Monday at 10:00)"  # already Monday in UTC, still Sunday evening there
    )
    tokyo = utc(2026, 1, 12, 1, 0)  # Monday 10:00 in Tokyo
    assert starts_in_words(tokyo, utc(2026, 1, 11, 16, 0), "Asia/Tokyo") == "today at 10:00"
    assert starts_in_words(tokyo, utc(2026, 1, 11, 14, 59), "Asia/Tokyo") == "tomorrow (Monday at 10:00)"


def test_the_time_said_is_local_across_a_clock_change():
    london = utc(2026, 3, 30, 9, 0)  # Monday 10:00 BST, the day after the clocks went forward
    assert starts_in_words(london, utc(2026, 3, 29, 9, 30), "Europe/London") == "tomorrow (Monday at 10:00)"
