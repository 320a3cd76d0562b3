"""App Home and DMs to the bot."""

from __future__ import annotations

from tests.app.conftest import RunningApp


def test_opening_app_home_publishes_a_welcome_with_an_edit_button(running_app: RunningApp):
    user = running_app.fake.workspace.humans[3]
    reply = running_app.slack.event(
        {"type": "app_home_opened", "user": user.id, "tab": "home"}, event_id="Ev0HOME1"
    )
    assert reply.status == 200
    call = running_app.fake.wait_for("views.publish", lambda c: c.args["user_id"] == user.id)[0]
    view = call.args["view"]
    assert view["type"] == "home"
    texts = str(view["blocks"])
    assert "haven't introduced yourself" in texts
    assert "edit_profile" in texts


def test_a_dm_to_the_bot_answers_with_help_and_buttons(running_app: RunningApp):
    user = running_app.fake.workspace.humans[4]
    im = running_app.fake.workspace.open_conversation([user.id]).id
    event = {"type": "message", "channel_type": "im", "channel": im, "user": user.id, "text": "hello?"}
    assert running_app.slack.event(event, event_id="Ev0DM1").status == 200
    reply = running_app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == im)[0]
    assert "/intro" in reply.args["text"]
    assert "edit_profile" in str(reply.args["blocks"])


def test_the_edit_button_opens_the_profile_modal(running_app: RunningApp):
    user = running_app.fake.workspace.humans[5]
    reply = running_app.slack.block_action(user.id, "edit_profile", block_id="main_actions")
    assert reply.status == 200
    view = running_app.fake.wait_for("views.open", lambda c: True)[0].args["view"]
    assert view["callback_id"] == "intro_profile"
