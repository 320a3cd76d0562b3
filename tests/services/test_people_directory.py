"""The member directory: Slack is asked about someone once, then the kept answer serves every job."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.services.people import directory
from bot.services.ports import DirectoryMember, SlackError
from tests.services.fakes import TEAM, FakeCoffeeMessenger, FakeStore, slack_member

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def slack() -> FakeCoffeeMessenger:
    return FakeCoffeeMessenger([slack_member("U1", tz="Asia/Tokyo"), slack_member("U2"), slack_member("U3")])


def test_someone_new_is_asked_of_slack_once_then_read_from_the_directory(
    store: FakeStore, slack: FakeCoffeeMessenger
):
    first = directory.member(store.unit_of_work, slack, TEAM, "U1", NOW)
    again = directory.member(store.unit_of_work, slack, TEAM, "U1", NOW)
    assert first == again == DirectoryMember("U1", "NameU1", "Asia/Tokyo", 0, False, False)
    assert slack.sent("member") == [("U1",)]


def test_someone_slack_does_not_know_is_not_kept(store: FakeStore, slack: FakeCoffeeMessenger):
    for _ in range(2):
        with pytest.raises(SlackError):
            directory.member(store.unit_of_work, slack, TEAM, "UGONE", NOW)
        assert directory.timezone_of(store.unit_of_work, slack, TEAM, "UGONE", NOW) is None
    assert store.committed.directory == {}


def test_many_at_once_ask_slack_only_about_the_people_not_kept(store: FakeStore, slack: FakeCoffeeMessenger):
    directory.member(store.unit_of_work, slack, TEAM, "U1", NOW)
    found = directory.members(store.unit_of_work, slack, TEAM, ["U1", "U2", "U3", "UGONE"], NOW)
    assert sorted(found) == ["U1", "U2", "U3"]
    assert slack.sent("members") == [(("U2", "U3", "UGONE"),)]
    names = directory.names(store.unit_of_work, slack, TEAM, ["U3", "UGONE"], NOW)
    assert names == {"U3": "NameU3", "UGONE": "UGONE"}  # Slack asked about UGONE alone


def test_a_change_slack_reports_replaces_what_was_kept_but_adds_nobody(
    store: FakeStore, slack: FakeCoffeeMessenger
):
    directory.member(store.unit_of_work, slack, TEAM, "U1", NOW)
    moved = DirectoryMember("U1", "NameU1", "Europe/Lisbon", 0, False, False)
    directory.remember(store.unit_of_work, TEAM, moved, NOW, add=False)
    stranger = DirectoryMember("U9", "U9", None, None, False, False)
    directory.remember(store.unit_of_work, TEAM, stranger, NOW, add=False)
    assert store.committed.directory == {(TEAM, "U1"): moved}
    assert directory.member(store.unit_of_work, slack, TEAM, "U1", NOW).tz == "Europe/Lisbon"
    assert slack.sent("member") == [("U1",)]
