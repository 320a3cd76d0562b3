"""Thank-you nudges: due the next working morning where the member is, folded, sent once, closed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.followups.nudges import answer_nudge, record_meeting, send_due_nudges
from bot.services.followups.ports import MeetingSource, NudgeStatus
from tests.services.fakes import FakeFollowUpMessenger, FakeStore, slack_member

FRIDAY = datetime(2026, 12, 11, 12, 0, tzinfo=UTC)
MONDAY_9_TOKYO = datetime(2026, 12, 14, 0, 0, tzinfo=UTC)


def tokyo_slack() -> FakeFollowUpMessenger:
    return FakeFollowUpMessenger(
        [slack_member("U1", tz="Asia/Tokyo"), slack_member("U2"), slack_member("U3")]
    )


def met(store: FakeStore, slack: FakeFollowUpMessenger, ref: str, other: str, at: datetime = FRIDAY) -> None:
    record_meeting(store.unit_of_work, slack, "T1", MeetingSource.MET, ref, ("U1", other), at, nudge=("U1",))


def send(store: FakeStore, slack: FakeFollowUpMessenger, now: datetime) -> int:
    return send_due_nudges(store.unit_of_work, lambda team_id: slack, now)


def test_the_nudge_waits_for_the_next_working_morning_in_the_members_time_zone(store: FakeStore):
    slack = tokyo_slack()
    met(store, slack, "m1", "U2")

    assert send(store, slack, MONDAY_9_TOKYO - timedelta(minutes=1)) == 0  # Sunday night UTC, Monday 08:59
    assert slack.sent("send_nudge") == []
    assert send(store, slack, MONDAY_9_TOKYO) == 1
    [(user_id, message)] = slack.sent("send_nudge")
    assert user_id == "U1"
    assert [t.person.user_id for t in message.thank_yous] == ["U2"]


def test_several_meetings_fold_into_one_message_sent_once(store: FakeStore):
    slack = tokyo_slack()
    met(store, slack, "m1", "U2")
    met(store, slack, "m2", "U3", at=FRIDAY + timedelta(hours=1))

    assert send(store, slack, MONDAY_9_TOKYO) == 1
    assert send(store, slack, MONDAY_9_TOKYO + timedelta(hours=1)) == 0
    assert send(store, slack, MONDAY_9_TOKYO + timedelta(days=1)) == 0  # sent, waiting for an answer

    [(_, message)] = slack.sent("send_nudge")
    assert [t.person.user_id for t in message.thank_yous] == ["U2", "U3"]
    assert {n.status for n in store.nudges()} == {NudgeStatus.SENT}


def test_a_nudge_slack_refused_goes_out_on_a_later_tick(store: FakeStore):
    slack = tokyo_slack()
    met(store, slack, "m1", "U2")
    slack.fail("send_nudge", "ratelimited", times=1)

    assert send(store, slack, MONDAY_9_TOKYO) == 0
    assert send(store, slack, MONDAY_9_TOKYO + timedelta(minutes=1)) == 0  # still claimed by the failed try
    assert send(store, slack, MONDAY_9_TOKYO + timedelta(minutes=6)) == 1
    assert len(slack.sent("send_nudge")) == 1


def test_done_closes_the_nudge_for_good(store: FakeStore):
    slack = tokyo_slack()
    met(store, slack, "m1", "U2")
    send(store, slack, MONDAY_9_TOKYO)
    [nudge] = store.nudges()
    assert nudge.message is not None
    channel, ts = nudge.message

    answered = answer_nudge(store.unit_of_work, slack, "U3", channel, ts, NudgeStatus.DONE, MONDAY_9_TOKYO)
    assert answered == [] and store.nudges()[0].status is NudgeStatus.SENT  # not theirs to close

    answer_nudge(store.unit_of_work, slack, "U1", channel, ts, NudgeStatus.DONE, MONDAY_9_TOKYO)
    assert store.nudges()[0].status is NudgeStatus.DONE
    assert send(store, slack, MONDAY_9_TOKYO + timedelta(days=3)) == 0


def test_remind_me_tomorrow_sends_it_again_the_next_working_morning(store: FakeStore):
    slack = tokyo_slack()
    met(store, slack, "m1", "U2")
    send(store, slack, MONDAY_9_TOKYO)
    [nudge] = store.nudges()
    assert nudge.message is not None

    answer_nudge(store.unit_of_work, slack, "U1", *nudge.message, None, MONDAY_9_TOKYO)

    assert store.nudges()[0].due_at == MONDAY_9_TOKYO + timedelta(days=1)
    assert send(store, slack, MONDAY_9_TOKYO + timedelta(hours=2)) == 0
    assert send(store, slack, MONDAY_9_TOKYO + timedelta(days=1)) == 1
    assert len(slack.sent("send_nudge")) == 2
