"""Catch-up suggestions: one cooling connection a week, at a working morning, answered with buttons."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.app.coffee_helpers import coffee
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import wait_until_group_stored
from tests.app.keep_in_touch_helpers import (
    MONDAY_WEEK_4,
    catch_ups_to,
    group_dm_messages,
    meet,
    press,
    roster,
    suggested,
    tick_at,
)

CHLOE, ELENA, LIAM, OLIVIA, SAM = "U01CHLOE", "U01ELENA", "U02LIAM", "U02OLIVIA", "U02SAM"  # London
START = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)  # Monday


def liam_suggested_to_chloe(app: RunningApp) -> dict:
    """Chloé, an intern, met Liam on 1 June; four weeks on she is asked about catching up."""
    roster(app, interns={CHLOE: date(2026, 8, 28)})
    meet(app, START, CHLOE, LIAM)
    tick_at(app, MONDAY_WEEK_4)
    [message] = catch_ups_to(app, CHLOE)
    return message


def test_four_weeks_during_the_internship_and_eight_after_it(running_app: RunningApp):
    roster(running_app, interns={CHLOE: date(2026, 8, 28), ELENA: date(2026, 5, 29)})
    meet(running_app, START, CHLOE, LIAM)
    meet(running_app, START, ELENA, SAM)
    tick_at(running_app, MONDAY_WEEK_4 - timedelta(days=3))  # Friday of week 4: not yet four weeks
    assert suggested(running_app, CHLOE) == []
    tick_at(running_app, MONDAY_WEEK_4 - timedelta(hours=1))  # 08:30 in London: before the working morning
    assert suggested(running_app, CHLOE) == []
    tick_at(running_app, MONDAY_WEEK_4)  # 09:30 in London, four weeks on
    assert suggested(running_app, CHLOE) == [LIAM]
    assert "4 weeks" in catch_ups_to(running_app, CHLOE)[0]["text"]
    assert suggested(running_app, ELENA) == []  # her internship ended: eight weeks for her
    tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=3))
    assert suggested(running_app, ELENA) == []
    tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=4))
    assert suggested(running_app, ELENA) == [SAM]
    assert "8 weeks" in catch_ups_to(running_app, ELENA)[0]["text"]


def test_one_suggestion_a_week_rotating_through_the_network(running_app: RunningApp):
    roster(running_app, interns={CHLOE: date(2026, 8, 28)})
    for other in (LIAM, OLIVIA, SAM):
        meet(running_app, START, CHLOE, other)
    tick_at(running_app, MONDAY_WEEK_4)
    tick_at(running_app, MONDAY_WEEK_4)  # a second tick (or replica) at the same moment
    tick_at(running_app, MONDAY_WEEK_4 + timedelta(hours=1))
    tick_at(running_app, MONDAY_WEEK_4 + timedelta(days=4))  # Friday, same week
    assert suggested(running_app, CHLOE) == [LIAM]
    for week in (1, 2, 3):
        tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=week))
    assert suggested(running_app, CHLOE) == [LIAM, OLIVIA, SAM, LIAM]


def test_later_snoozes_that_person_for_two_weeks(running_app: RunningApp):
    reply = press(running_app, CHLOE, "catchup_later", liam_suggested_to_chloe(running_app))
    assert "couple of weeks" in reply["text"]
    tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=1))
    assert suggested(running_app, CHLOE) == [LIAM]
    tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=2, minutes=1))
    assert suggested(running_app, CHLOE) == [LIAM, LIAM]


def test_stop_suggesting_never_names_that_person_again(running_app: RunningApp):
    message = liam_suggested_to_chloe(running_app)
    assert "Stop suggesting @liam" in str(message["blocks"])
    reply = press(running_app, CHLOE, "catchup_stop", message)
    assert "won't suggest catching up with <@U02LIAM> again" in reply["text"]
    for week in range(1, 10):
        tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=week))
    assert suggested(running_app, CHLOE) == [LIAM]


def test_lets_catch_up_opens_a_dm_and_counts_as_keeping_in_touch(running_app: RunningApp):
    message = liam_suggested_to_chloe(running_app)
    reply = press(running_app, CHLOE, "catchup_yes", message)
    assert "opened a DM with <@U02LIAM>" in reply["text"]
    channel = running_app.fake.dm_channel(CHLOE)
    again = running_app.slack.block_action(
        CHLOE, "catchup_yes", value=LIAM, message=message, channel_id=channel
    )
    assert again.status == 200  # a double click
    running_app.fake.wait_for("chat.update", lambda c: c.args["ts"] == message["ts"], count=2)
    [opened] = running_app.fake.calls_to("conversations.open")
    assert set(opened.args["users"].split(",")) == {CHLOE, LIAM}
    [opener] = group_dm_messages(running_app, {CHLOE, LIAM})
    assert "would love to catch up" in opener["text"]
    for week in (1, 2, 3):  # the catch-up was an interaction: four weeks from it, not from the meeting
        tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=week))
    assert suggested(running_app, CHLOE) == [LIAM]
    tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=4))
    assert suggested(running_app, CHLOE) == [LIAM, LIAM]


def test_catch_ups_can_be_turned_off_and_on(running_app: RunningApp):
    roster(running_app, interns={CHLOE: date(2026, 8, 28)})
    meet(running_app, START, CHLOE, LIAM)
    assert "are on for you" in coffee(running_app, "catchups", user_id=CHLOE).body
    assert "Catch-ups are off" in coffee(running_app, "catchups off", user_id=CHLOE).body
    assert "are off for you" in coffee(running_app, "catchups maybe", user_id=CHLOE).body
    tick_at(running_app, MONDAY_WEEK_4)
    tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=1))
    assert suggested(running_app, CHLOE) == []
    assert "Catch-ups are on" in coffee(running_app, "catchups ON", user_id=CHLOE).body
    tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=2))
    assert suggested(running_app, CHLOE) == [LIAM]


def test_outside_the_morning_the_member_waits_for_it_and_slack_is_not_asked(running_app: RunningApp):
    """Her time zone comes from the member directory; the evening's first tick defers her to the morning."""
    roster(running_app, interns={CHLOE: date(2026, 8, 28)})
    meet(running_app, START, CHLOE, LIAM)
    tick_at(running_app, START + timedelta(days=1))  # the thank-you nudge goes out and is done with
    before = len(looked_up(running_app, CHLOE))
    evening = datetime(2026, 6, 29, 18, 0, tzinfo=UTC)  # Monday, four weeks on, 19:00 in London
    tick_at(running_app, evening)
    assert CHLOE not in checked(running_app, evening + timedelta(hours=13, minutes=59))
    assert CHLOE in checked(running_app, datetime(2026, 6, 30, 8, 0, tzinfo=UTC))  # Tuesday 09:00 in London
    for minutes in range(60, 600, 60):
        tick_at(running_app, evening + timedelta(minutes=minutes))
    assert len(looked_up(running_app, CHLOE)) == before
    assert suggested(running_app, CHLOE) == []
    tick_at(running_app, datetime(2026, 6, 30, 8, 0, tzinfo=UTC))
    assert suggested(running_app, CHLOE) == [LIAM]


def test_a_morning_before_the_due_day_the_member_waits_for_the_due_days_morning(running_app: RunningApp):
    """Due tomorrow by local date: one look this morning defers her to tomorrow's."""
    roster(running_app, interns={CHLOE: date(2026, 8, 28)})
    tuesday = START + timedelta(days=1)
    meet(running_app, tuesday, CHLOE, LIAM)  # four weeks on is Tuesday 30 June
    tick_at(running_app, tuesday + timedelta(days=1))  # the thank-you nudge goes out and is done with
    before = len(looked_up(running_app, CHLOE))
    monday_morning = datetime(2026, 6, 29, 8, 0, tzinfo=UTC)  # 09:00 in London, a day early
    tick_at(running_app, monday_morning)
    assert CHLOE not in checked(running_app, monday_morning + timedelta(hours=23, minutes=59))
    for hours in range(1, 3):
        tick_at(running_app, monday_morning + timedelta(hours=hours))
    assert len(looked_up(running_app, CHLOE)) == before
    assert suggested(running_app, CHLOE) == []
    tick_at(running_app, monday_morning + timedelta(days=1))  # Tuesday 09:00 in London
    assert suggested(running_app, CHLOE) == [LIAM]


def test_a_member_with_nothing_due_is_not_looked_at_again_until_something_could_be(running_app: RunningApp):
    """Each tick used to re-read every networked member's network; now one read says when to look again:
    the working morning, in their time zone, of the first day something could be due."""
    roster(running_app, interns={CHLOE: date(2026, 8, 28)})
    meet(running_app, START, CHLOE, LIAM)
    tick_at(running_app, START + timedelta(days=1))  # Tuesday 2 June
    assert CHLOE not in checked(running_app, START + timedelta(days=1, hours=1))
    assert CHLOE not in checked(running_app, datetime(2026, 6, 9, 7, 59, tzinfo=UTC))
    assert CHLOE in checked(running_app, datetime(2026, 6, 9, 8, 0, tzinfo=UTC))  # a week on, 09:00 London
    tick_at(running_app, datetime(2026, 6, 22, 10, 0, tzinfo=UTC))  # Liam cools on 29 June
    assert CHLOE not in checked(running_app, datetime(2026, 6, 29, 7, 59, tzinfo=UTC))
    assert CHLOE in checked(running_app, datetime(2026, 6, 29, 8, 0, tzinfo=UTC))
    tick_at(running_app, MONDAY_WEEK_4)
    assert suggested(running_app, CHLOE) == [LIAM]


def checked(app: RunningApp, when: datetime) -> list[str]:
    """Whom a tick at `when` reads the network of, for catch-ups."""
    with app.runtime.unit_of_work() as work:
        return [user for _, user in work.keep_in_touch.networked_members(when)]


def looked_up(app: RunningApp, user_id: str) -> list:
    return [c for c in app.fake.calls_to("users.info") if c.args.get("user") == user_id]


def test_an_accepted_introduction_is_a_connection_to_catch_up_with(running_app: RunningApp):
    roster(running_app, interns={CHLOE: date(2026, 8, 28)})
    running_app.clock.set(START)
    ask = running_app.slack.command("/intro", text=f"me <@{LIAM}> platform careers", user_id=CHLOE)
    assert ask.status == 200
    running_app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == LIAM)
    request = next(m for m in running_app.fake.messages_to(LIAM) if m.get("blocks"))
    accept = next(
        e
        for b in request["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "intro_accept"
    )
    channel = running_app.fake.dm_channel(LIAM)
    running_app.slack.block_action(
        LIAM, "intro_accept", value=accept["value"], message=request, channel_id=channel
    )
    wait_until_group_stored(running_app)
    tick_at(running_app, START + timedelta(days=3, minutes=1))  # the group DM has been open 3 days: met
    tick_at(running_app, MONDAY_WEEK_4 + timedelta(weeks=1))
    assert suggested(running_app, CHLOE) == [LIAM]


def test_a_forgotten_connection_is_never_suggested_and_the_rest_still_are(running_app: RunningApp):
    from bot.services.membership.forget import forget_member

    app = running_app
    roster(app, interns={CHLOE: date(2026, 8, 28)})
    meet(app, START, CHLOE, LIAM)
    meet(app, START + timedelta(days=1), CHLOE, OLIVIA)  # more recent: Liam would come first
    team = app.fake.workspace.team_id
    forget_member(app.runtime.unit_of_work, app.runtime.messengers.forgetting(team), team, LIAM, START)
    tick_at(app, MONDAY_WEEK_4 + timedelta(days=1))
    assert suggested(app, CHLOE) == [OLIVIA]
    assert not [c for c in app.fake.calls_to("users.info", include_failed=True) if "former-" in str(c.args)]
