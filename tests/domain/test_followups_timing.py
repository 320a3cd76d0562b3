from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.followups import PendingNudge, fold_due_nudges
from bot.domain.keep_in_touch import (
    CATCH_UP_WEEKS_INTERN,
    CATCH_UP_WEEKS_OTHER,
    Connection,
    alumni_reminder_day,
    choose_catch_up,
    in_internship,
    recap_day,
)
from bot.domain.time import next_send_time, next_working_morning, quiet, remind_tomorrow

LA = "America/Los_Angeles"
LONDON = "Europe/London"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def nudge(meeting_id: int, met_on: date, due_at: datetime, other: str = "U2") -> PendingNudge:
    return PendingNudge(meeting_id=meeting_id, other_user_id=other, met_on=met_on, due_at=due_at)


def connection(user_id: str, last: date, suggested: date | None = None, stopped: bool = False) -> Connection:
    return Connection(other_user_id=user_id, last_interaction=last, suggested_at=suggested, stopped=stopped)


# next_working_morning (1 June 2026 is a Monday)


def test_a_meeting_is_nudged_at_nine_the_next_working_morning_in_utc():
    assert next_working_morning(utc(2026, 6, 2, 15, 0), None) == utc(2026, 6, 3, 9, 0)


def test_los_angeles_and_london_get_nine_oclock_local():
    met = utc(2026, 6, 2, 12, 0)  # Tuesday: 05:00 in Los Angeles (PDT), 13:00 in London (BST)
    assert next_working_morning(met, LA) == utc(2026, 6, 3, 16, 0)
    assert next_working_morning(met, LONDON) == utc(2026, 6, 3, 8, 0)


def test_the_next_morning_follows_the_members_local_date_not_utcs():
    # Tuesday 23:30 in Los Angeles is already Wednesday in UTC; the nudge is still Wednesday 09:00 PDT.
    assert next_working_morning(utc(2026, 6, 3, 6, 30), LA) == utc(2026, 6, 3, 16, 0)


@pytest.mark.parametrize(
    "met",
    [utc(2026, 6, 5, 8, 0), utc(2026, 6, 5, 22, 0), utc(2026, 6, 6, 12, 0), utc(2026, 6, 7, 20, 0)],
    ids=["friday-morning", "friday-night", "saturday", "sunday"],
)
def test_a_friday_meeting_is_nudged_on_monday_morning(met):
    assert next_working_morning(met, LONDON) == utc(2026, 6, 8, 8, 0)


def test_the_morning_keeps_nine_oclock_local_across_the_dst_change():
    # London clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    assert next_working_morning(utc(2026, 3, 27, 12, 0), LONDON) == utc(2026, 3, 30, 8, 0)
    assert next_working_morning(utc(2026, 10, 23, 12, 0), LONDON) == utc(2026, 10, 26, 9, 0)


@pytest.mark.parametrize("timezone", [None, "", "Mars/Olympus_Mons", "../etc/passwd", "America/"])
def test_an_unknown_or_missing_timezone_falls_back_to_utc(timezone):
    assert next_working_morning(utc(2026, 6, 2, 15, 0), timezone) == utc(2026, 6, 3, 9, 0)
    assert quiet(utc(2026, 6, 2, 7, 59), timezone)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        next_working_morning(datetime(2026, 6, 2, 15, 0), LONDON)


# quiet, next_send_time, remind_tomorrow


def test_quiet_outside_eight_to_seven_local_and_on_weekends():
    assert quiet(utc(2026, 6, 2, 6, 59), LONDON)  # 07:59 BST
    assert not quiet(utc(2026, 6, 2, 7, 0), LONDON)  # 08:00
    assert not quiet(utc(2026, 6, 2, 17, 59), LONDON)  # 18:59
    assert quiet(utc(2026, 6, 2, 18, 0), LONDON)  # 19:00
    assert quiet(utc(2026, 6, 6, 12, 0), LONDON)  # Saturday noon


def test_quiet_is_judged_in_the_members_own_zone():
    noon_utc = utc(2026, 6, 2, 12, 0)
    assert not quiet(noon_utc, LONDON)  # 13:00
    assert quiet(noon_utc, LA)  # 05:00


def test_a_nudge_goes_out_now_when_it_is_not_quiet():
    now = utc(2026, 6, 2, 12, 0)
    assert next_send_time(now, LONDON) == now


def test_early_in_the_morning_a_nudge_waits_for_nine_the_same_day():
    assert next_send_time(utc(2026, 6, 2, 5, 0), LONDON) == utc(2026, 6, 2, 8, 0)


def test_in_the_evening_or_at_the_weekend_a_nudge_waits_for_the_next_working_morning():
    assert next_send_time(utc(2026, 6, 2, 20, 0), LONDON) == utc(2026, 6, 3, 8, 0)
    assert next_send_time(utc(2026, 6, 5, 20, 0), LONDON) == utc(2026, 6, 8, 8, 0)
    assert next_send_time(utc(2026, 6, 7, 5, 0), LONDON) == utc(2026, 6, 8, 8, 0)


def test_remind_me_tomorrow_on_friday_means_monday_morning():
    assert remind_tomorrow(utc(2026, 6, 3, 10, 0), LA) == utc(2026, 6, 4, 16, 0)
    assert remind_tomorrow(utc(2026, 6, 5, 17, 0), LA) == utc(2026, 6, 8, 16, 0)


# fold_due_nudges

WEDNESDAY_10_LONDON = utc(2026, 6, 3, 9, 0)


def test_two_meetings_fold_into_one_message():
    pending = [
        nudge(2, date(2026, 6, 2), utc(2026, 6, 3, 8, 0), other="U3"),
        nudge(1, date(2026, 6, 1), utc(2026, 6, 2, 8, 0), other="U2"),
    ]
    folded = fold_due_nudges(pending, WEDNESDAY_10_LONDON, last_sent=None, timezone=LONDON)
    assert [n.meeting_id for n in folded] == [1, 2]


def test_nudges_not_yet_due_wait():
    pending = [
        nudge(1, date(2026, 6, 2), utc(2026, 6, 3, 8, 0)),
        nudge(2, date(2026, 6, 3), utc(2026, 6, 4, 8, 0)),
    ]
    folded = fold_due_nudges(pending, WEDNESDAY_10_LONDON, last_sent=None, timezone=LONDON)
    assert [n.meeting_id for n in folded] == [1]


def test_nothing_twice_on_the_same_day():
    pending = [nudge(3, date(2026, 6, 2), utc(2026, 6, 3, 8, 0))]
    sent_this_morning = utc(2026, 6, 3, 8, 0)
    assert fold_due_nudges(pending, WEDNESDAY_10_LONDON, sent_this_morning, LONDON) == []
    yesterday = utc(2026, 6, 2, 8, 0)
    assert len(fold_due_nudges(pending, WEDNESDAY_10_LONDON, yesterday, LONDON)) == 1


def test_the_same_day_is_the_members_local_day():
    # Sent Tuesday 18:30 PDT (Wednesday 01:30 UTC); Wednesday 10:00 PDT is a new day for them.
    pending = [nudge(1, date(2026, 6, 2), utc(2026, 6, 3, 16, 0))]
    assert len(fold_due_nudges(pending, utc(2026, 6, 3, 17, 0), utc(2026, 6, 3, 1, 30), LA)) == 1
    # Sent Wednesday 08:30 PDT; 18:00 PDT the same day gets nothing more.
    assert fold_due_nudges(pending, utc(2026, 6, 4, 1, 0), utc(2026, 6, 3, 15, 30), LA) == []


def test_nothing_is_sent_while_it_is_quiet():
    pending = [nudge(1, date(2026, 6, 5), utc(2026, 6, 5, 8, 0))]
    saturday = utc(2026, 6, 6, 12, 0)
    assert fold_due_nudges(pending, saturday, last_sent=None, timezone=LONDON) == []


def test_at_most_five_meetings_are_folded_oldest_first():
    pending = [nudge(i, date(2026, 5, 20 - i), utc(2026, 5, 25, 8, 0), other=f"U{i}") for i in range(7)]
    folded = fold_due_nudges(pending, WEDNESDAY_10_LONDON, last_sent=None, timezone=LONDON)
    assert [n.meeting_id for n in folded] == [6, 5, 4, 3, 2]


def test_a_meeting_listed_twice_is_mentioned_once():
    once = nudge(1, date(2026, 6, 2), utc(2026, 6, 3, 8, 0))
    assert fold_due_nudges([once, once], WEDNESDAY_10_LONDON, last_sent=None, timezone=LONDON) == [once]


# choose_catch_up

TODAY = date(2026, 6, 3)
LONG_AGO = TODAY - timedelta(weeks=10)


def test_catch_ups_rotate_and_skip_stopped_people():
    connections = [
        connection("UA", LONG_AGO, suggested=date(2026, 5, 20)),
        connection("UB", LONG_AGO, suggested=date(2026, 5, 6)),
        connection("UC", LONG_AGO, stopped=True),
    ]
    assert (
        choose_catch_up(connections, TODAY, is_in_internship=False, last_suggestion=date(2026, 5, 20)) == "UB"
    )
    after_b = [connections[0], connection("UB", LONG_AGO, suggested=TODAY), connections[2]]
    next_week = TODAY + timedelta(days=7)
    assert choose_catch_up(after_b, next_week, is_in_internship=False, last_suggestion=TODAY) == "UA"


def test_someone_never_suggested_comes_first_then_the_coldest_then_by_id():
    connections = [
        connection("UA", LONG_AGO, suggested=date(2026, 1, 1)),
        connection("UC", LONG_AGO - timedelta(days=1)),
        connection("UD", LONG_AGO - timedelta(days=1)),
        connection("UB", LONG_AGO),
    ]
    assert choose_catch_up(connections, TODAY, is_in_internship=True, last_suggestion=None) == "UC"


def test_at_most_one_suggestion_a_week():
    connections = [connection("UA", LONG_AGO)]
    assert choose_catch_up(connections, TODAY, False, last_suggestion=TODAY - timedelta(days=6)) is None
    assert choose_catch_up(connections, TODAY, False, last_suggestion=TODAY - timedelta(days=7)) == "UA"


def test_interns_are_prompted_after_four_weeks_others_after_eight():
    four_weeks = [connection("UA", TODAY - timedelta(weeks=CATCH_UP_WEEKS_INTERN))]
    assert choose_catch_up(four_weeks, TODAY, is_in_internship=True, last_suggestion=None) == "UA"
    assert choose_catch_up(four_weeks, TODAY, is_in_internship=False, last_suggestion=None) is None
    eight_weeks = [connection("UA", TODAY - timedelta(weeks=CATCH_UP_WEEKS_OTHER))]
    assert choose_catch_up(eight_weeks, TODAY, is_in_internship=False, last_suggestion=None) == "UA"


def test_no_suggestion_when_every_connection_is_warm_or_stopped():
    connections = [connection("UA", TODAY - timedelta(days=3)), connection("UB", LONG_AGO, stopped=True)]
    assert choose_catch_up(connections, TODAY, is_in_internship=True, last_suggestion=None) is None
    assert choose_catch_up([], TODAY, is_in_internship=True, last_suggestion=None) is None


# The end of an internship


def test_recap_is_five_working_days_before_the_end():
    assert recap_day(date(2026, 8, 28)) == date(2026, 8, 21)  # Friday → Friday
    assert recap_day(date(2026, 8, 31)) == date(2026, 8, 24)  # Monday → Monday
    assert recap_day(date(2026, 8, 26)) == date(2026, 8, 19)  # Wednesday → Wednesday
    assert recap_day(date(2026, 8, 29)) == date(2026, 8, 24)  # Saturday → Monday


def test_alumni_reminder_three_months_later_clamps_the_day():
    assert alumni_reminder_day(date(2026, 8, 28)) == date(2026, 11, 28)
    assert alumni_reminder_day(date(2026, 5, 31)) == date(2026, 8, 31)
    assert alumni_reminder_day(date(2026, 11, 30)) == date(2027, 2, 28)
    assert alumni_reminder_day(date(2027, 11, 30)) == date(2028, 2, 29)
    assert alumni_reminder_day(date(2026, 10, 15)) == date(2027, 1, 15)
    assert alumni_reminder_day(date(2026, 9, 30)) == date(2026, 12, 30)


def test_in_internship_includes_both_end_days():
    start, end = date(2026, 6, 1), date(2026, 8, 28)
    assert in_internship(start, end, start)
    assert in_internship(start, end, end)
    assert not in_internship(start, end, date(2026, 5, 31))
    assert not in_internship(start, end, date(2026, 8, 29))


def test_a_missing_date_leaves_that_side_open_and_no_dates_means_not_an_intern_now():
    assert in_internship(None, date(2026, 8, 28), date(2026, 1, 1))
    assert in_internship(date(2026, 6, 1), None, date(2030, 1, 1))
    assert not in_internship(None, None, date(2026, 6, 3))
