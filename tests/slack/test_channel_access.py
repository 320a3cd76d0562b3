"""Who can read a channel, over HTTP against the fake Slack (pages of two members): public channels to
everyone, private ones to their members (every page), nobody when Slack can't say; each answer kept a
minute per workspace and channel, by the clock it is given."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient

from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.fakeslack.workspace import Channel
from bot.slack import channel_access
from bot.slack.channel_access import READERS_KEPT_FOR, SlackChannelAccess
from tests.clock import FakeClock

TEAM = "T0RAPPORT"
MEMBERS = ["U01AMARA", "U01BEN", "U01CHLOE", "U01DEV", "U01ELENA"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 6, 1, 9, tzinfo=UTC))


@pytest.fixture
def access(fake_slack: FakeSlack, clock: FakeClock) -> SlackChannelAccess:
    ws = fake_slack.workspace
    ws.add_channel(Channel(id="G0TEAM", name="team", members=[ws.bot_user_id, *MEMBERS], is_private=True))
    ws.add_channel(Channel(id="G0ELSEWHERE", name="elsewhere", members=["U01BEN"], is_private=True))
    return SlackChannelAccess(
        lambda team_id: WebClient(token=fake_slack.bot_token, base_url=fake_slack.url), clock
    )


def test_a_public_channel_is_readable_by_anyone_without_listing_its_members(
    access: SlackChannelAccess, fake_slack: FakeSlack
):
    assert access.can_read(TEAM, "C0GENERAL", "U02ZOE")
    assert access.can_read(TEAM, "C0COFFEE", "U01AMARA")  # Rapport is not even in it
    assert access.is_public(TEAM, "C0GENERAL") and access.is_public(TEAM, "C0COFFEE")
    assert fake_slack.calls_to("conversations.members") == []


def test_a_private_channel_is_readable_by_its_members_found_on_every_page(
    access: SlackChannelAccess, fake_slack: FakeSlack
):
    assert all(access.can_read(TEAM, "G0TEAM", member) for member in MEMBERS)
    assert not access.can_read(TEAM, "G0TEAM", "U02ZOE")
    assert not access.is_public(TEAM, "G0TEAM") and not access.is_public(TEAM, "G0ELSEWHERE")
    assert len(fake_slack.calls_to("conversations.members")) == 3  # six members, two a page, one walk
    assert len(fake_slack.calls_to("conversations.info")) == 1


def test_a_private_channel_rapport_is_not_in_and_slack_failing_are_nobody_with_one_line_each(
    access: SlackChannelAccess, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
):
    with caplog.at_level(logging.WARNING, logger=channel_access.__name__):
        for _ in range(3):
            assert not access.can_read(TEAM, "G0ELSEWHERE", "U01BEN")  # Ben is in it; Slack won't say
        fake_slack.fail_next("conversations.info", "internal_error", status=200, retry_after=None)
        for _ in range(3):
            assert not access.can_read(TEAM, "G0TEAM", "U01AMARA")
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert "G0ELSEWHERE" in lines[0] and "channel_not_found" in lines[0]
    assert "G0TEAM" in lines[1] and "internal_error" in lines[1]


def test_answers_are_kept_a_minute_per_workspace_and_channel(
    access: SlackChannelAccess, fake_slack: FakeSlack, clock: FakeClock
):
    team = fake_slack.workspace.channels["G0TEAM"]
    assert access.can_read(TEAM, "G0TEAM", "U01DEV")
    team.members.remove("U01DEV")
    clock.advance(seconds=READERS_KEPT_FOR.total_seconds() - 1)
    assert access.can_read(TEAM, "G0TEAM", "U01DEV")  # still what Slack said 59 s ago
    assert access.can_read("T0OTHER", "G0TEAM", "U01ZED") is False  # another workspace asks anew
    clock.advance(seconds=1)
    assert not access.can_read(TEAM, "G0TEAM", "U01DEV")
    assert len(fake_slack.calls_to("conversations.info")) == 3


def test_a_forged_stream_of_channels_keeps_a_bounded_memory_the_oldest_going_first(
    access: SlackChannelAccess, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(channel_access, "CHANNELS_KEPT", 3)
    for n in range(10):
        assert not access.can_read(TEAM, f"C0FORGED{n}", "U01BEN")
    asked = len(fake_slack.calls_to("conversations.info", include_failed=True))
    access.can_read(TEAM, "C0FORGED9", "U01BEN")  # among the last three: remembered
    assert len(fake_slack.calls_to("conversations.info", include_failed=True)) == asked
    access.can_read(TEAM, "C0FORGED0", "U01BEN")  # the oldest: forgotten, asked again
    assert len(fake_slack.calls_to("conversations.info", include_failed=True)) == asked + 1
