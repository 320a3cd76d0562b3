"""A check-in answer: only the group's members, the first answer counts, "met" schedules thank-yous."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.coffee.model import CheckinAnswer, Pool, RoundGroup
from bot.services.coffee.checkins import answer_checkin
from bot.services.coffee.rounds import start_round
from bot.services.followups.ports import MeetingSource
from tests.services.conftest import MONDAY
from tests.services.fakes import FakeCoffeeMessenger, FakeFollowUpMessenger, FakeStore, slack_member

FRIDAY_AFTERNOON = datetime(2026, 12, 11, 15, 0, tzinfo=UTC)


def follow_up_slack() -> FakeFollowUpMessenger:
    return FakeFollowUpMessenger(
        [slack_member("U1", tz="Europe/Paris"), slack_member("U2", tz="America/New_York"), slack_member("U3")]
    )


@pytest.fixture
def group(store: FakeStore, pool: Pool) -> RoundGroup:
    people = list(follow_up_slack().people.values())[:2]  # Slack says the same of them to every feature
    coffee = FakeCoffeeMessenger(people, channels={pool.channel_id: ["U1", "U2"]})
    started = start_round(store.unit_of_work, coffee, pool, MONDAY, MONDAY, seed=1)
    assert started.round is not None
    [group] = store.groups(started.round.id)
    return group


def answer(store: FakeStore, group: RoundGroup, user_id: str, given: CheckinAnswer):
    return answer_checkin(
        store.unit_of_work, follow_up_slack(), "T1", group.id, user_id, given, FRIDAY_AFTERNOON
    )


def test_only_a_member_of_the_group_may_answer(store: FakeStore, group: RoundGroup):
    result = answer(store, group, "U3", CheckinAnswer.MET)

    assert (result.stored, result.group) == (False, None)
    assert store.group(group.id).answer is None
    assert store.committed.meetings == {}


def test_the_first_answer_counts(store: FakeStore, group: RoundGroup):
    first = answer(store, group, "U1", CheckinAnswer.NOT_THIS_TIME)
    second = answer(store, group, "U2", CheckinAnswer.MET)

    assert first.stored and not second.stored
    assert second.group is not None and second.group.answer is CheckinAnswer.NOT_THIS_TIME
    assert (store.group(group.id).answer, store.group(group.id).answered_by) == (
        CheckinAnswer.NOT_THIS_TIME,
        "U1",
    )
    assert store.committed.meetings == {}  # the ignored "met" recorded nothing


def test_scheduled_may_become_met(store: FakeStore, group: RoundGroup):
    answer(store, group, "U1", CheckinAnswer.SCHEDULED)
    later = answer(store, group, "U2", CheckinAnswer.MET)

    assert later.stored
    assert store.group(group.id).answer is CheckinAnswer.MET
    assert len(store.committed.meetings) == 1


def test_met_records_the_meeting_and_a_nudge_each_at_their_next_working_morning(
    store: FakeStore, group: RoundGroup
):
    answer(store, group, "U2", CheckinAnswer.MET)
    answer(store, group, "U1", CheckinAnswer.MET)  # the second "met" records nothing more

    [meeting] = store.committed.meetings.values()
    assert (meeting.source, meeting.source_ref, meeting.people) == (
        MeetingSource.COFFEE,
        str(group.id),
        ("U1", "U2"),
    )
    due = {nudge.user_id: nudge.due_at for nudge in store.nudges()}
    assert due == {  # Friday's meeting: Monday 09:00 in Paris and in New York
        "U1": datetime(2026, 12, 14, 8, 0, tzinfo=UTC),
        "U2": datetime(2026, 12, 14, 14, 0, tzinfo=UTC),
    }
