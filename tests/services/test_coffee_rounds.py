"""Starting a round and delivering it: stored first, each intro posted once, resumable."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.coffee.model import Pool, Round
from bot.domain.coffee.schedule import checkin_at, reask_at
from bot.services.coffee.due import next_step
from bot.services.coffee.ports import StepsLeft
from bot.services.coffee.rounds import MAX_ATTEMPTS, deliver_round, start_round
from tests.services.conftest import MONDAY
from tests.services.fakes import Crash, FakeCoffeeMessenger, FakeStore, slack_member


def coffee_slack(pool: Pool, *people: str, deleted: tuple[str, ...] = ()) -> FakeCoffeeMessenger:
    members = [slack_member(u, deleted=u in deleted) for u in people]
    return FakeCoffeeMessenger(members, channels={pool.channel_id: ["UBOT", *people]})


def test_groups_are_committed_before_any_message_goes_out(store: FakeStore, pool: Pool):
    store.committed.exclusions |= {("T1", "U1", "U2"), ("T1", "U1", "U3")}  # U1 cannot be placed
    slack = coffee_slack(pool, "U1", "U2", "U3")
    seen: list[tuple[str, int]] = []
    slack.on_call = lambda call: seen.append((call[0], len(store.committed.groups)))

    started = start_round(store.unit_of_work, slack, pool, MONDAY, MONDAY, seed=7)
    assert started.round is not None
    deliver_round(store.unit_of_work, slack, started.round.id, MONDAY)

    messages = [
        (method, groups) for method, groups in seen if method in ("direct", "open_group", "send_intro")
    ]
    assert [method for method, _ in messages] == ["direct", "open_group", "send_intro"]
    assert all(groups == 1 for _, groups in messages)  # the group was already committed each time
    assert [g.members for g in store.groups(started.round.id)] == [("U2", "U3")]
    assert slack.sent("direct")[0][0] == "U1"


def test_each_group_gets_its_intro_once_however_often_delivery_runs(store: FakeStore, pool: Pool):
    slack = coffee_slack(pool, "U1", "U2", "U3", "U4")
    started = start_round(store.unit_of_work, slack, pool, MONDAY, MONDAY, seed=1)
    assert started.round is not None

    assert deliver_round(store.unit_of_work, slack, started.round.id, MONDAY) == 2
    assert deliver_round(store.unit_of_work, slack, started.round.id, MONDAY + timedelta(hours=1)) == 0

    groups = store.groups(started.round.id)
    assert sorted(call[1] for call in slack.sent("send_intro")) == sorted(g.id for g in groups)
    assert all(g.intro_ts is not None and g.conversation_id is not None for g in groups)


def test_a_second_start_for_the_same_slot_makes_no_new_round(store: FakeStore, pool: Pool):
    slack = coffee_slack(pool, "U1", "U2")
    first = start_round(store.unit_of_work, slack, pool, MONDAY, MONDAY, seed=1)
    again = start_round(store.unit_of_work, slack, pool, MONDAY, MONDAY + timedelta(minutes=1), seed=2)

    assert first.round is not None and again.round is None
    assert len(store.committed.rounds) == 1 and len(store.committed.groups) == 1


def test_a_resumed_delivery_finds_the_intro_it_posted_before_dying(store: FakeStore, pool: Pool):
    slack = coffee_slack(pool, "U1", "U2")
    started = start_round(store.unit_of_work, slack, pool, MONDAY, MONDAY, seed=1)
    assert started.round is not None
    slack.crash_after("send_intro")  # Slack posts it; the process dies before stamping intro_ts

    with pytest.raises(Crash):
        deliver_round(store.unit_of_work, slack, started.round.id, MONDAY)
    [group] = store.groups(started.round.id)
    assert group.conversation_id == "G-U1-U2" and group.intro_ts is None

    assert deliver_round(store.unit_of_work, slack, started.round.id, MONDAY + timedelta(seconds=10)) == 0
    resumed = MONDAY + timedelta(minutes=6)  # past the claim's lease
    assert deliver_round(store.unit_of_work, slack, started.round.id, resumed) == 1

    [posted] = slack.posted
    assert len(slack.sent("send_intro")) == 1
    assert slack.sent("find_sent") == [("G-U1-U2", "intro", group.id)]
    assert store.group(group.id).intro_ts == posted[3]


def test_a_member_slack_reports_deleted_is_left_out(store: FakeStore, pool: Pool):
    slack = coffee_slack(pool, "U1", "U2", "U3", deleted=("U3",))
    started = start_round(store.unit_of_work, slack, pool, MONDAY, MONDAY, seed=3)
    assert started.round is not None

    assert [g.members for g in store.groups(started.round.id)] == [("U1", "U2")]
    assert started.sat_out == () and started.matching is not None and started.matching.unmatched == ()
    assert slack.sent("direct") == []


def test_a_group_slack_keeps_refusing_is_given_up_after_the_last_attempt(store: FakeStore, pool: Pool):
    slack = coffee_slack(pool, "U1", "U2")
    started = start_round(store.unit_of_work, slack, pool, MONDAY, MONDAY, seed=1)
    assert started.round is not None
    slack.fail("open_group", "slack_http_503")  # still failing after the client's retries

    for attempt in range(MAX_ATTEMPTS + 1):
        deliver_round(store.unit_of_work, slack, started.round.id, MONDAY + timedelta(minutes=attempt))

    [group] = store.groups(started.round.id)
    assert (group.attempts, group.last_error, group.failed) == (MAX_ATTEMPTS, "slack_http_503", True)
    assert slack.sent("send_intro") == []


def test_slack_answering_429_pauses_delivery_until_the_next_tick_without_counting_an_attempt(
    store: FakeStore, pool: Pool
):
    """A round of thousands goes out as fast as Slack opens conversations, a minute's worth a tick, while
    the rest of the due work goes on; the groups left are not failing."""
    slack = coffee_slack(pool, "U1", "U2", "U3", "U4", "U5", "U6")
    started = start_round(store.unit_of_work, slack, pool, MONDAY, MONDAY, seed=1)
    assert started.round is not None
    first, second, third = sorted(store.groups(started.round.id), key=lambda g: g.id)
    slack.fail("open_group", "ratelimited", second.members, times=1)

    assert deliver_round(store.unit_of_work, slack, started.round.id, MONDAY) == 1
    assert slack.sent("open_group") == [(first.members,)]  # nothing after the 429 this tick
    waiting = store.group(second.id)
    assert (waiting.attempts, waiting.last_error, waiting.claimed_steps) == (0, None, frozenset())

    assert deliver_round(store.unit_of_work, slack, started.round.id, MONDAY + timedelta(minutes=1)) == 2
    assert all(store.group(g.id).intro_ts for g in (first, second, third))


def test_a_round_with_every_step_taken_sleeps_until_its_end(pool: Pool):
    the_round = Round(1, pool.id, "T1", MONDAY, seed=1, started_at=MONDAY)
    ask = checkin_at(MONDAY, pool.schedule.frequency, pool.checkin_after_days)
    reask, end = reask_at(MONDAY, pool.schedule.frequency), MONDAY + timedelta(days=7)

    assert next_step(the_round, pool, StepsLeft(deliver=3), MONDAY) == MONDAY
    assert next_step(the_round, pool, StepsLeft(), MONDAY + timedelta(hours=1)) == ask
    assert next_step(the_round, pool, StepsLeft(ask=2), ask + timedelta(hours=1)) == ask + timedelta(hours=1)
    assert next_step(the_round, pool, StepsLeft(), ask + timedelta(hours=1)) == reask
    assert next_step(the_round, pool, StepsLeft(reask=1), reask + timedelta(hours=1)) == reask + timedelta(
        hours=1
    )
    # every group asked and none to ask again: nothing until the end, not every tick from the re-ask time on
    assert next_step(the_round, pool, StepsLeft(), reask + timedelta(hours=1)) == end
