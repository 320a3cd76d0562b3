"""Button values are untrusted: one that is not a usable Slack ID gets a clear private answer and no call.

Forging a value takes the signing secret, so this is defence in depth; the Say hi claim is not: a genuine
button clicked twenty times sends one message.
"""

from __future__ import annotations

from datetime import date

from handlers.text import INVALID_VALUE
from tests.app.conftest import RunningApp
from tests.app.home_helpers import act, open_home, text_of
from tests.app.intro_helpers import save_profile, wait_response
from tests.app.keep_in_touch_helpers import MONDAY_WEEK_4, catch_ups_to, meet, roster, tick_at

INTROS = "C0INTROS"
CHLOE, LIAM, SAM = "U01CHLOE", "U02LIAM", "U02SAM"
FORGED = ["C0GENERAL", "U01CHLOE,U02SAM", "<@U02SAM>", "U02SAM\n", "", "x" * 300]


def slack_calls(app: RunningApp) -> list[str]:
    """Every Web API call the app made that acts or looks someone up (answers and auth.test aside)."""
    return [c.method for c in app.fake.calls if c.method not in ("response_url", "auth.test")]


def test_a_nudge_button_naming_a_channel_posts_nothing_there(running_app: RunningApp):
    app = running_app
    for value in FORGED:
        before = slack_calls(app)
        assert app.slack.block_action(SAM, "nudge_intro", value=value, channel_id="C0GENERAL").status == 200
        wait_response(app, INVALID_VALUE, count=FORGED.index(value) + 1)
        assert slack_calls(app) == before
    assert app.fake.messages_in("C0GENERAL") == []
    with app.runtime.unit_of_work() as work:
        assert work.profile_invites.last(app.fake.workspace.team_id, "C0GENERAL") is None


def test_someone_who_has_introduced_themselves_is_not_nudged(running_app: RunningApp):
    app = running_app
    save_profile(app, CHLOE)
    before = app.fake.messages_to(CHLOE)
    app.slack.block_action(SAM, "nudge_intro", value=CHLOE, channel_id="C0GENERAL")
    wait_response(app, "has already introduced themselves")
    assert app.fake.messages_to(CHLOE) == before


def test_say_hi_with_a_forged_value_opens_no_conversation(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    save_profile(app, CHLOE)
    card = app.fake.messages_in(INTROS)[0]
    for count, value in enumerate(FORGED, start=1):
        app.slack.block_action(SAM, "say_hi", value=value, message=card, channel_id=INTROS)
        wait_response(app, INVALID_VALUE, count=count)
    app.slack.block_action(SAM, "say_hi", value=LIAM, message=card, channel_id=INTROS)  # no card of Liam's
    wait_response(app, "nobody to say hi to")
    assert app.fake.calls_to("conversations.open") == []


def test_say_hi_clicked_twenty_times_sends_one_message_a_day(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    save_profile(app, CHLOE)
    card = app.fake.messages_in(INTROS)[0]
    for _ in range(20):
        assert (
            app.slack.block_action(SAM, "say_hi", value=CHLOE, message=card, channel_id=INTROS).status == 200
        )
    wait_response(app, "You already said hi to <@U01CHLOE> today", count=19)
    hellos = [c for c in app.fake.calls_to("chat.postMessage") if c.args["channel"].startswith("G")]
    assert len(hellos) == 1 and len(app.fake.calls_to("conversations.open")) == 1
    app.clock.advance(days=1)
    app.slack.block_action(SAM, "say_hi", value=CHLOE, message=card, channel_id=INTROS)
    app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"].startswith("G"), count=2)


def test_old_say_hi_claims_are_pruned_by_the_due_work(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    save_profile(app, CHLOE)
    card = app.fake.messages_in(INTROS)[0]
    app.slack.block_action(SAM, "say_hi", value=CHLOE, message=card, channel_id=INTROS)
    app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"].startswith("G"))
    assert tick_at(app, app.clock())["say hi claims pruned"] == 0
    app.clock.advance(days=3)
    assert tick_at(app, app.clock())["say hi claims pruned"] == 1


def test_a_catch_up_button_only_acts_on_someone_rapport_suggested(running_app: RunningApp):
    app = running_app
    roster(app, interns={CHLOE: date(2026, 8, 28)})
    meet(app, MONDAY_WEEK_4.replace(day=1, month=6), CHLOE, LIAM)
    tick_at(app, MONDAY_WEEK_4)
    [message] = catch_ups_to(app, CHLOE)
    channel = app.fake.dm_channel(CHLOE)
    for count, value in enumerate([*FORGED, SAM], start=1):  # Sam is a real person, never suggested
        app.slack.block_action(CHLOE, "catchup_yes", value=value, message=message, channel_id=channel)
        wait_response(app, INVALID_VALUE, count=count)
    assert app.fake.calls_to("conversations.open") == []
    assert app.fake.calls_to("chat.update") == []  # the suggestion's buttons stay for the real answer
    with app.runtime.unit_of_work() as work:
        assert set(work.keep_in_touch.choices(app.fake.workspace.team_id, CHLOE)) == {LIAM}


def test_an_ask_a_mentor_button_must_name_a_person(running_app: RunningApp):
    app = running_app
    for count, value in enumerate(["C0GENERAL|design", "U01X,U02Y|x", "|design"], start=1):
        app.slack.block_action(SAM, "intro_ask_mentor", value=value, channel_id="C0GENERAL")
        wait_response(app, INVALID_VALUE, count=count)
    with app.runtime.unit_of_work() as work:
        assert work.introductions.pending_involving(app.fake.workspace.team_id, SAM) == []
    assert app.fake.calls_to("conversations.open") == []


def test_an_app_home_reminder_button_must_name_a_conversation_and_a_message(running_app: RunningApp):
    app = running_app
    open_home(app, CHLOE)
    for value in ["C0GENERAL", "U02SAM|1000.0", "D0FAKE0|../../x", "D0FAKE0|1000.0|x"]:
        after = act(app, CHLOE, "nudge_done", value=value, block_id="home_nudge_0")
        assert INVALID_VALUE in text_of(after)
    assert app.fake.calls_to("chat.update") == []
