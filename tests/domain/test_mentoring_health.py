"""Match health: each pair on track, needing a check-in or too early; mentees matched by day 7; sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.mentoring.health import (
    Health,
    MenteeFact,
    MentorLoad,
    PairFact,
    classify,
    match_health,
    matched_in_first_week,
)
from bot.domain.mentoring.health_report import health_lines, summary_rows

NOW = datetime(2026, 7, 1, 12, tzinfo=UTC)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def pair(started: float, *sessions: float, cadence: int = 14, pair_id: int = 1) -> PairFact:
    return PairFact(pair_id, "U1", "U2", days_ago(started), cadence, tuple(days_ago(s) for s in sessions))


def test_a_pair_that_has_not_met_is_too_early_for_one_and_a_half_cadences():
    assert classify(pair(20), NOW) is Health.TOO_EARLY  # 20 days <= 21 (1.5 times two weeks)
    assert classify(pair(21), NOW) is Health.TOO_EARLY
    assert classify(pair(21.01), NOW) is Health.NEEDS_CHECK_IN
    assert classify(pair(11, cadence=7), NOW) is Health.NEEDS_CHECK_IN  # weekly: 10.5 days


def test_a_session_within_one_and_a_half_cadences_keeps_a_pair_on_track():
    assert classify(pair(5, 1), NOW) is Health.ON_TRACK  # met early: no longer "too early"
    assert classify(pair(60, 20), NOW) is Health.ON_TRACK
    assert classify(pair(60, 30, 22), NOW) is Health.NEEDS_CHECK_IN  # the latest session counts


def test_day_seven_is_judged_once_it_has_come_or_the_mentee_was_matched():
    start = days_ago(3)
    assert matched_in_first_week(MenteeFact("U1", start, None), NOW) is None  # still day 4
    assert matched_in_first_week(MenteeFact("U1", start, days_ago(1)), NOW) is True
    late = days_ago(10)
    assert matched_in_first_week(MenteeFact("U1", late, days_ago(2)), NOW) is False  # matched on day 9
    assert matched_in_first_week(MenteeFact("U1", late, None), NOW) is False
    assert matched_in_first_week(MenteeFact("U1", None, days_ago(1)), NOW) is None  # no start known


def test_the_figures_list_pairs_needing_a_check_in_first_and_count_sessions():
    pairs = [pair(5, pair_id=1), pair(60, 50, 40, pair_id=2), pair(30, 10, 3, 1, pair_id=3)]
    mentees = [MenteeFact("A", days_ago(20), days_ago(15)), MenteeFact("B", days_ago(20), None)]
    loads = [MentorLoad("M1", 1, 3), MentorLoad("M2", 3, 2)]
    health = match_health(pairs, mentees, loads, NOW)
    assert [(p.fact.pair_id, p.health) for p in health.pairs] == [
        (2, Health.NEEDS_CHECK_IN),
        (3, Health.ON_TRACK),
        (1, Health.TOO_EARLY),
    ]
    assert (health.matched_by_day, health.due_by_day, health.median_sessions) == (1, 2, 2)
    assert dict(summary_rows(health)) == {
        "pairs on track": "1",
        "pairs needing a check-in": "1",
        "pairs too early to tell": "1",
        "mentees matched by day 7": "1/2 (50 %)",
        "sessions per pair (median)": "2",
        "mentor places taken": "4/5 (80 %)",
        "mentors full": "1 of 2",
    }
    lines = health_lines(health, lambda u: f"<{u}>", UTC)
    assert "• <U1> with <U2> — needs a check-in (last met 22 May)" in lines
    assert "• <M2> has 3 mentees, more than their 2" in lines


def test_a_workspace_without_mentoring_says_so_in_one_line():
    health = match_health([], [], [], NOW)
    assert not health.shown and health.median_sessions is None
    assert health_lines(health, str, UTC) == ["none yet (the lead opens matching with /mentor setup)"]
