"""A program's outcomes from its meetings (for `rapport simulate` and `rapport report`), from plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.program import outcomes
from bot.domain.program.figures import MeetingFact, RoundRate
from bot.domain.program.outcomes import ProgramRecord, Spread

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def meeting(day: int, *people: str) -> MeetingFact:
    return MeetingFact(people, START + timedelta(days=day))


def test_spread_is_min_nearest_rank_p10_and_median():
    assert outcomes.spread([]) is None
    assert outcomes.spread([4]) == Spread(4, 4, 4)
    assert outcomes.spread(range(1, 21)) == Spread(1, 2, 10.5)  # p10 of 20 values is the 2nd
    assert outcomes.spread([9, 1, 5]) == Spread(1, 1, 5)
    assert Spread(1, 2, 10.5).show() == "1 / 2 / 10.5"


def test_met_by_counts_each_other_person_once_and_stops_at_until():
    meetings = [meeting(1, "I1", "C1"), meeting(8, "I1", "C1", "C2"), meeting(9, "C3", "C4")]
    assert outcomes.met_by(["I1", "I2"], meetings) == {"I1": {"C1", "C2"}, "I2": set()}
    assert outcomes.met_by(["I1"], meetings, until=START + timedelta(days=2)) == {"I1": {"C1"}}


def test_teams_reached_and_mentors_met():
    met = {"I1": {"C1", "C2", "C3", "M1"}, "I2": set()}
    team_of = {"C1": "Data", "C2": "Data", "C3": None, "M1": "Mobile"}
    assert outcomes.teams_reached(met, team_of) == {"I1": 2, "I2": 0}
    assert outcomes.mentors_met(met, {"M1", "M2"}) == {"I1": 1, "I2": 0}


def test_weeks_to_first_meeting_uses_the_earliest_and_none_for_never():
    meetings = [meeting(14, "I1", "C1"), meeting(7, "I1", "C2")]
    assert outcomes.weeks_to_first_meeting(["I1", "I2"], meetings, START) == {"I1": 1.0, "I2": None}


def test_network_by_week_grows_with_the_meetings():
    meetings = [meeting(1, "I1", "C1"), meeting(8, "I1", "C2"), meeting(8, "I2", "C1")]
    assert outcomes.network_by_week(["I1", "I2"], meetings, START, 2) == [
        Spread(0, 0, 0.5),
        Spread(1, 1, 1.5),
    ]


def test_outcome_rows_count_the_goal_the_first_meeting_and_the_rounds():
    record = ProgramRecord(
        label="weekly",
        start=START,
        weeks=2,
        interns=("I1", "I2"),
        mentors=frozenset({"M1"}),
        team_of={"I1": "A", "I2": "A", "C1": "B", "M1": "C"},
        meetings=(meeting(3, "I1", "C1"), meeting(10, "I1", "M1")),
        rounds=(RoundRate("C0", START, 1, 2), RoundRate("C0", START + timedelta(weeks=1), 0, 1)),
    )
    found = dict(outcomes.outcome_rows(record))
    assert found["colleagues met per intern (min / p10 / median)"] == "0 / 0 / 1"
    assert found["teams reached per intern (min / p10 / median)"] == "0 / 0 / 1"
    assert found["mentors met per intern (min / p10 / median)"] == "0 / 0 / 0.5"
    assert found["interns meeting 10+ people across 5+ teams"] == "0 of 2"
    assert found["weeks to first meeting (median / max)"] == "0.4 / 0.4, 1 never"
    assert found["rounds, groups, share that met"] == "2, 3, 33 %"
    assert found["meetings stored"] == "2"
