"""The simulation's figures, each from plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.program.figures import MeetingFact
from bot.simulate import metrics
from bot.simulate.metrics import Flag, Spread

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def meeting(day: int, *people: str) -> MeetingFact:
    return MeetingFact(people, START + timedelta(days=day))


def test_spread_is_min_nearest_rank_p10_and_median():
    assert metrics.spread([]) is None
    assert metrics.spread([4]) == Spread(4, 4, 4)
    assert metrics.spread(range(1, 21)) == Spread(1, 2, 10.5)  # p10 of 20 values is the 2nd
    assert metrics.spread([9, 1, 5]) == Spread(1, 1, 5)
    assert Spread(1, 2, 10.5).show() == "1 / 2 / 10.5"


def test_met_by_counts_each_other_person_once_and_stops_at_until():
    meetings = [meeting(1, "I1", "C1"), meeting(8, "I1", "C1", "C2"), meeting(9, "C3", "C4")]
    assert metrics.met_by(["I1", "I2"], meetings) == {"I1": {"C1", "C2"}, "I2": set()}
    assert metrics.met_by(["I1"], meetings, until=START + timedelta(days=2)) == {"I1": {"C1"}}


def test_teams_reached_and_mentors_met():
    met = {"I1": {"C1", "C2", "C3", "M1"}, "I2": set()}
    team_of = {"C1": "Data", "C2": "Data", "C3": None, "M1": "Mobile"}
    assert metrics.teams_reached(met, team_of) == {"I1": 2, "I2": 0}
    assert metrics.mentors_met(met, {"M1", "M2"}) == {"I1": 1, "I2": 0}


def test_weeks_to_first_meeting_uses_the_earliest_and_none_for_never():
    meetings = [meeting(14, "I1", "C1"), meeting(7, "I1", "C2")]
    assert metrics.weeks_to_first_meeting(["I1", "I2"], meetings, START) == {"I1": 1.0, "I2": None}


def test_network_by_week_grows_with_the_meetings():
    meetings = [meeting(1, "I1", "C1"), meeting(8, "I1", "C2"), meeting(8, "I2", "C1")]
    assert metrics.network_by_week(["I1", "I2"], meetings, START, 2) == [Spread(0, 0, 0.5), Spread(1, 1, 1.5)]


def test_new_flags_are_only_interns_not_on_the_previous_list():
    now = START + timedelta(days=15)
    flags = metrics.new_flags({"I1"}, [("I1", None), ("I2", START + timedelta(days=1))], now)
    assert flags == [Flag("I2", now, START + timedelta(days=1))]
    assert metrics.days_quiet(flags[0], START) == 14
    assert metrics.days_quiet(Flag("I3", now, None), START) == 15  # never met: quiet since the start


def test_deliveries_count_direct_messages_per_receiver_not_channel_posts():
    calls = [
        ("chat.postMessage", {"channel": "D1"}),  # an IM with I1
        ("chat.postMessage", {"channel": "G1"}),  # a group DM of I1, C1 (and the bot)
        ("chat.postMessage", {"channel": "C2"}),  # a user ID as the channel: their IM
        ("chat.postEphemeral", {"channel": "CPUBLIC", "user": "C1"}),
        ("chat.postMessage", {"channel": "CPUBLIC"}),  # a public channel: nobody is notified
        ("chat.update", {"channel": "D1"}),
    ]
    members = {"D1": ["I1", "UBOT"], "G1": ["I1", "C1", "UBOT"]}
    received = metrics.deliveries_per_person(calls, members, {"I1", "C1", "C2"})
    assert received == {"I1": 2, "C1": 2, "C2": 1}
    assert metrics.per_week(received, 2) == {"I1": 1.0, "C1": 1.0, "C2": 0.5}
