"""When due work can next be due: every zone's hours begin on a quarter hour UTC, and a local date begins
at UTC+14."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.program.digest import candidate_week, next_digest_check
from bot.domain.time import end_of_quiet, first_local_moment, next_quarter_hour


def test_the_next_quarter_hour_is_strictly_later():
    assert next_quarter_hour(datetime(2026, 6, 1, 9, 0, tzinfo=UTC)) == datetime(
        2026, 6, 1, 9, 15, tzinfo=UTC
    )
    assert next_quarter_hour(datetime(2026, 6, 1, 9, 44, 59, tzinfo=UTC)) == datetime(
        2026, 6, 1, 9, 45, tzinfo=UTC
    )


def test_a_date_begins_first_at_utc_plus_fourteen():
    assert first_local_moment(date(2026, 6, 1)) == datetime(2026, 5, 31, 10, 0, tzinfo=UTC)


def test_the_digest_is_looked_for_only_while_some_zone_is_on_a_monday_after_nine():
    sunday, tuesday = datetime(2026, 6, 7, 18, 0, tzinfo=UTC), datetime(2026, 6, 9, 12, 0, tzinfo=UTC)
    assert candidate_week(sunday) is None and next_digest_check(sunday) == datetime(
        2026, 6, 7, 19, tzinfo=UTC
    )
    monday = datetime(2026, 6, 8, 9, 5, tzinfo=UTC)
    assert candidate_week(monday) is not None
    assert next_digest_check(monday) == datetime(2026, 6, 8, 9, 15, tzinfo=UTC)
    assert candidate_week(tuesday) is None
    assert next_digest_check(tuesday) == datetime(2026, 6, 14, 19, 0, tzinfo=UTC)


def test_quiet_ends_at_eight_local_on_the_next_working_day():
    friday_evening = datetime(2026, 6, 5, 23, 30, tzinfo=UTC)  # 19:30 in New York
    assert end_of_quiet(friday_evening, "America/New_York") == datetime(2026, 6, 8, 12, 0, tzinfo=UTC)
    early = datetime(2026, 6, 2, 5, 0, tzinfo=UTC)  # Tuesday 07:00 in Paris
    assert end_of_quiet(early, "Europe/Paris") == datetime(2026, 6, 2, 6, 0, tzinfo=UTC)
    working = datetime(2026, 6, 2, 10, 0, tzinfo=UTC)
    assert end_of_quiet(working, "Europe/Paris") == working
