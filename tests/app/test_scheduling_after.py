"""After a slot is agreed: the DM's reminder ten minutes before (once), the round's check-in an hour after
the slot instead of midway, and Scheduled naming the slot and asking again an hour after it."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.scheduling.picks import parse_slot_value
from bot.services.coffee.due import next_coffee_step
from bot.services.scheduling.reminders import next_scheduling_due
from tests.app.coffee_helpers import coffee, messages_with, tick
from tests.app.conftest import RunningApp
from tests.app.scheduling_helpers import (
    AGREED_TEXT,
    agreed_with_the_upload_refused,
    coffee_pair,
    find_time,
    press,
    slot_buttons,
    wait_for_message,
)

REMINDER = "In 10 minutes"
CHECKIN = "Did you meet?"
REASK = "You'd scheduled it"


def _agree(app: RunningApp, index: int = 0):
    group = coffee_pair(app)
    chosen = slot_buttons(find_time(app, group))[index]
    for user_id in group.members:
        press(app, group, user_id, chosen)
    wait_for_message(app, group, AGREED_TEXT)
    start = parse_slot_value(chosen["value"].partition("|")[2])
    assert start is not None
    return group, start


def test_the_dm_is_reminded_ten_minutes_before_the_slot_once(running_app: RunningApp) -> None:
    app = running_app
    group, start = _agree(app)
    assert group.conversation_id is not None
    assert next_scheduling_due(app.runtime.unit_of_work, app.clock()) == start - timedelta(minutes=10)
    app.clock.set(start - timedelta(minutes=11))
    tick(app)
    assert messages_with(app, group.conversation_id, REMINDER) == []
    app.clock.set(start - timedelta(minutes=10))
    assert next_scheduling_due(app.runtime.unit_of_work, app.clock()) == app.clock()
    tick(app)
    tick(app)
    reminders = messages_with(app, group.conversation_id, REMINDER)
    assert len(reminders) == 1 and "UTC-4" in reminders[0]["text"] and "UTC+2" in reminders[0]["text"]
    assert next_scheduling_due(app.runtime.unit_of_work, app.clock()) is None


def test_the_check_in_comes_an_hour_after_the_agreed_slot_instead_of_midway(running_app: RunningApp) -> None:
    app = running_app
    group, start = _agree(app)
    assert group.conversation_id is not None
    due: datetime = start + timedelta(minutes=90)
    app.clock.set(due - timedelta(minutes=1))
    tick(app)
    assert messages_with(app, group.conversation_id, CHECKIN) == []
    app.clock.set(due)
    tick(app)
    assert len(messages_with(app, group.conversation_id, CHECKIN)) == 1
    asked = [c for c in app.fake.calls_to("chat.postMessage") if c.args.get("text") == CHECKIN]
    assert [c.args["channel"] for c in asked] == [group.conversation_id]  # the others wait for midway


def test_coffee_stats_shows_how_many_groups_used_find_a_time_and_met(running_app: RunningApp) -> None:
    app = running_app
    group, start = _agree(app)
    assert group.conversation_id is not None
    app.clock.set(start + timedelta(minutes=90))
    tick(app)
    checkin = messages_with(app, group.conversation_id, CHECKIN)[0]
    app.slack.block_action(
        group.members[0],
        "checkin_met",
        value=str(group.id),
        channel_id=group.conversation_id,
        message=checkin,
    )
    app.fake.wait_for("chat.update", lambda c: "We met" in c.args.get("text", ""))
    with app.runtime.unit_of_work() as work:
        total = len(work.rounds.groups(group.round_id))
    reply = coffee(app, "stats")
    assert reply.status == 200
    text = str(reply.json())
    assert f"1 of {total} groups used Find a time" in text
    assert "Met: 1 of 1 that used it (100%)" in text


def test_an_announcement_slack_refused_is_sent_by_a_later_tick_once(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app)
    chosen = slot_buttons(find_time(app, group))[0]
    agreed_with_the_upload_refused(app, group, chosen)
    assert app.fake.calls_to("files.completeUploadExternal") == []
    tick(app)  # within the lease: the press that agreed it may still be at work
    assert app.fake.calls_to("files.completeUploadExternal") == []
    app.clock.advance(minutes=6)
    tick(app)
    tick(app)
    assert len(app.fake.calls_to("files.completeUploadExternal")) == 1


def test_scheduled_names_the_agreed_slot_and_asks_again_an_hour_after_it(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app)
    assert group.conversation_id is not None
    midway = next_coffee_step(app.runtime.unit_of_work, app.clock())
    assert midway is not None and midway > app.clock()
    app.clock.set(midway)
    tick(app)
    [checkin] = messages_with(app, group.conversation_id, CHECKIN)  # asked midway: no slot agreed yet
    chosen = slot_buttons(find_time(app, group))[0]
    for user_id in group.members:
        press(app, group, user_id, chosen)
    wait_for_message(app, group, AGREED_TEXT)
    start = parse_slot_value(chosen["value"].partition("|")[2])
    assert start is not None
    due = start + timedelta(minutes=90)
    scheduled = app.slack.block_action(
        group.members[1],
        "checkin_scheduled",
        str(group.id),
        message=checkin,
        channel_id=group.conversation_id,
    )
    assert scheduled.status == 200
    (shown,) = app.fake.wait_for("chat.update", lambda c: c.args.get("ts") == checkin["ts"])
    text = shown.args["text"]
    assert f"<!date^{int(start.timestamp())}^" in text and "ask again an hour after it" in text
    assert next_coffee_step(app.runtime.unit_of_work, app.clock()) == due  # the tick wakes for the re-ask
    app.clock.set(due - timedelta(minutes=1))
    tick(app)
    assert messages_with(app, group.conversation_id, REASK) == []
    app.clock.set(due)
    tick(app)
    tick(app)
    assert len([m for m in app.fake.messages_in(group.conversation_id) if REASK in str(m.get("blocks"))]) == 1
