"""Close-out rules: the last week, the 1-5 scores a button may carry, averages, and the drafts' wording."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.mentoring.closeout import (
    Scores,
    averages,
    closeout_day,
    closeout_due,
    earliest_due,
    reference_request,
    score_of,
    thank_you,
)


def test_the_last_week_starts_five_working_days_before_the_end():
    assert closeout_day(date(2026, 7, 31)) == date(2026, 7, 24)  # Friday → the Friday before
    assert closeout_day(date(2026, 8, 3)) == date(2026, 7, 27)  # Monday → the Monday before
    assert earliest_due(date(2026, 7, 31)) == datetime(2026, 7, 23, 19, tzinfo=UTC)


def test_it_is_due_on_working_mornings_of_the_person_until_the_last_day():
    end = date(2026, 7, 31)
    assert not closeout_due(end, datetime(2026, 7, 23, 13, tzinfo=UTC), "America/New_York")
    assert closeout_due(end, datetime(2026, 7, 24, 13, tzinfo=UTC), "America/New_York")
    assert not closeout_due(end, datetime(2026, 7, 24, 13, tzinfo=UTC), "Asia/Kolkata")  # 18:30
    assert not closeout_due(end, datetime(2026, 7, 25, 13, tzinfo=UTC), "America/New_York")  # Saturday
    assert not closeout_due(end, datetime(2026, 8, 3, 13, tzinfo=UTC), "America/New_York")  # over


@pytest.mark.parametrize("value", ["0", "6", "-1", "10", "", " 3", "3.0", "٣", None, 3, "55"])
def test_a_score_is_one_to_five_and_nothing_else(value):
    assert score_of(value) is None


def test_scores_one_to_five_are_read():
    assert [score_of(str(n)) for n in range(1, 6)] == [1, 2, 3, 4, 5]


def test_averages_count_complete_answers_and_are_hidden_below_three():
    two = averages([Scores(5, 4, 5), Scores(3, 4, 3)])
    assert (two.answers, two.useful, two.again, two.recommend) == (2, 4, 4, 4)
    assert two.text() == "2 answered so far (averages shown from 3)"
    three = averages([Scores(5, 4, 5), Scores(3, 4, 3), Scores(4, 5, None)])
    assert three.answers == 2 and three.recommend == 4 and three.again == 4.3
    shown = averages([Scores(5, 4, 5), Scores(3, 4, 3), Scores(4, 5, 4)])
    assert shown.text() == "useful 4 · again 4.3 · recommend 4 (1-5, 3 answered)"


def test_the_drafts_name_the_goals_and_the_sessions():
    assert "Working on SQL and Public speaking with you over 6 sessions" in thank_you(
        "Kavya", ["SQL", "Public speaking"], 6
    )
    assert "Our conversations made" in thank_you("Kavya", [], 1)
    assert "for example about SQL, APIs and design" in reference_request("Kavya", ["SQL", "APIs", "design"])
