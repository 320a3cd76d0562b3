"""The simulation's own figures (flags, messages delivered), each from plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.program.outcomes import per_week
from bot.simulate import metrics
from bot.simulate.metrics import Flag

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


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
    assert per_week(received, 2) == {"I1": 1.0, "C1": 1.0, "C2": 0.5}
