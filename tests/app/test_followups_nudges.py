"""Thank-you nudges after a meeting, at 09:00 on the next working morning in each member's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.app.coffee_helpers import coffee, messages_with, seed_roster, set_up_pool, start_round_now, tick
from tests.app.conftest import RunningApp

NUDGE = "a short thank-you goes a long way"


def nudges_to(app: RunningApp, user_id: str) -> list[dict]:
    return [m for m in app.fake.messages_to(user_id) if NUDGE in m.get("text", "")]


def nudges_sent(app: RunningApp, user_id: str) -> int:
    """Nudge messages ever posted to the member (their text changes once answered)."""
    return len(
        [
            c
            for c in app.fake.calls_to("chat.postMessage")
            if c.args["channel"] == user_id and NUDGE in c.args["text"]
        ]
    )


def answer_met(app: RunningApp, group) -> None:
    checkin = messages_with(app, group.conversation_id, "Did you meet?")[0]
    app.slack.block_action(
        group.members[0],
        "checkin_met",
        value=str(group.id),
        message=checkin,
        channel_id=group.conversation_id,
    )
    app.fake.wait_for("chat.update", lambda c: c.args["ts"] == checkin["ts"])


def first_nudge_times(app: RunningApp, users: list[str], until: datetime) -> dict[str, datetime]:
    """Tick every 30 minutes until `until`; when each member's first nudge arrived."""
    arrived: dict[str, datetime] = {}
    while app.clock() < until:
        app.clock.advance(minutes=30)
        tick(app)
        for user in users:
            if user not in arrived and nudges_to(app, user):
                arrived[user] = app.clock()
    return arrived


def test_a_met_answer_nudges_each_member_once_at_nine_local_the_next_working_day(running_app: RunningApp):
    ws = running_app.fake.workspace
    seed_roster(running_app)
    set_up_pool(running_app)
    groups = start_round_now(running_app)  # Monday 1 June 2026, 09:00 UTC
    running_app.clock.advance(days=3, minutes=1)  # Thursday: the check-ins go out
    tick(running_app)
    group = groups[0]
    answer_met(running_app, group)  # Thursday 09:01 UTC
    arrived = first_nudge_times(
        running_app, list(group.members), until=datetime(2026, 6, 6, 12, 0, tzinfo=UTC)
    )
    for user in group.members:
        zone = ZoneInfo(ws.user(user).tz)
        local = arrived[user].astimezone(zone)
        assert (local.date().isoformat(), local.hour) == ("2026-06-05", 9), f"{user} in {zone}: {local}"
        assert len(nudges_to(running_app, user)) == 1


def test_los_angeles_and_london_each_get_nine_oclock_local(running_app: RunningApp):
    running_app.clock.set(datetime(2026, 6, 3, 20, 0, tzinfo=UTC))  # Wednesday evening in London
    for user, other in (("U01BEN", "U02MAYA"), ("U01CHLOE", "U02LIAM")):  # Los Angeles, London
        assert (
            "Noted" in coffee(running_app, f"met <@{other}> lunch", user_id=user, channel_id="C0GENERAL").body
        )
    arrived = first_nudge_times(
        running_app, ["U01BEN", "U01CHLOE"], until=datetime(2026, 6, 5, 0, 0, tzinfo=UTC)
    )
    assert arrived["U01BEN"] == datetime(2026, 6, 4, 16, 0, tzinfo=UTC)  # 09:00 PDT
    assert arrived["U01CHLOE"] == datetime(2026, 6, 4, 8, 0, tzinfo=UTC)  # 09:00 BST


def test_a_friday_meeting_is_nudged_on_monday(running_app: RunningApp):
    running_app.clock.set(datetime(2026, 6, 5, 14, 0, tzinfo=UTC))  # Friday afternoon in London
    coffee(running_app, "met <@U02LIAM> careers chat", user_id="U01CHLOE", channel_id="C0GENERAL")
    arrived = first_nudge_times(running_app, ["U01CHLOE"], until=datetime(2026, 6, 9, 0, 0, tzinfo=UTC))
    assert arrived["U01CHLOE"] == datetime(2026, 6, 8, 8, 0, tzinfo=UTC)  # Monday 09:00 BST
    draft = str(nudges_to(running_app, "U01CHLOE")[0]["blocks"])
    assert "careers chat" in draft


def press(app: RunningApp, user: str, action: str, message: dict) -> None:
    channel = app.fake.dm_channel(user)
    app.slack.block_action(user, action, message=message, channel_id=channel)
    app.fake.wait_for("chat.update", lambda c: c.args["ts"] == message["ts"])


def test_done_stops_reminders_and_remind_me_tomorrow_comes_back_once(running_app: RunningApp):
    running_app.clock.set(datetime(2026, 6, 3, 20, 0, tzinfo=UTC))
    coffee(running_app, "met <@U02LIAM>", user_id="U01CHLOE", channel_id="C0GENERAL")
    coffee(running_app, "met <@U02SAM>", user_id="U01ELENA", channel_id="C0GENERAL")
    first_nudge_times(running_app, ["U01CHLOE", "U01ELENA"], until=datetime(2026, 6, 4, 12, 0, tzinfo=UTC))
    press(running_app, "U01CHLOE", "nudge_done", nudges_to(running_app, "U01CHLOE")[0])
    press(running_app, "U01ELENA", "nudge_later", nudges_to(running_app, "U01ELENA")[0])
    first_nudge_times(running_app, [], until=datetime(2026, 6, 8, 12, 0, tzinfo=UTC))
    assert nudges_sent(running_app, "U01CHLOE") == 1
    assert nudges_sent(running_app, "U01ELENA") == 2
    assert "Thank-you sent" in running_app.fake.messages_to("U01CHLOE")[0]["text"]


def test_not_this_time_sends_no_thank_you(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    group = start_round_now(running_app)[0]
    running_app.clock.advance(days=3, minutes=1)
    tick(running_app)
    checkin = messages_with(running_app, group.conversation_id, "Did you meet?")[0]
    running_app.slack.block_action(
        group.members[0],
        "checkin_not_this_time",
        value=str(group.id),
        message=checkin,
        channel_id=group.conversation_id,
    )
    running_app.fake.wait_for("chat.update", lambda c: c.args["ts"] == checkin["ts"])
    first_nudge_times(running_app, [], until=running_app.clock() + timedelta(days=4))
    assert all(nudges_to(running_app, user) == [] for user in group.members)


def test_two_meetings_fold_into_one_message(running_app: RunningApp):
    running_app.clock.set(datetime(2026, 6, 3, 20, 0, tzinfo=UTC))
    coffee(running_app, "met <@U02LIAM>", user_id="U01CHLOE", channel_id="C0GENERAL")
    coffee(running_app, "met <@U02OLIVIA>", user_id="U01CHLOE", channel_id="C0GENERAL")
    first_nudge_times(running_app, ["U01CHLOE"], until=datetime(2026, 6, 4, 20, 0, tzinfo=UTC))
    [message] = nudges_to(running_app, "U01CHLOE")
    assert "<@U02LIAM>" in message["text"] and "<@U02OLIVIA>" in message["text"]


def test_met_and_network_answer_clearly(running_app: RunningApp):
    assert "Name who you met" in coffee(running_app, "met", user_id="U01CHLOE").body
    assert "can't find that person" in coffee(running_app, "met <@U0NOBODY>", user_id="U01CHLOE").body
    assert "bot or a deactivated" in coffee(running_app, "met <@U09VICTOR>", user_id="U01CHLOE").body
    assert "network here is empty" in coffee(running_app, "network", user_id="U01CHLOE").body
    coffee(running_app, "met <@U02LIAM> lunch", user_id="U01CHLOE")
    assert "already recorded" in coffee(running_app, "met <@U02LIAM>", user_id="U01CHLOE").body
    reply = coffee(running_app, "network", user_id="U01CHLOE").body
    assert "Your network: 1 person" in reply
    assert "<@U02LIAM> — met 1 Jun 2026" in reply
