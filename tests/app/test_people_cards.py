"""Profile cards: shared in the introductions channel, shown by /intro @someone, Say hi and Nudge."""

from __future__ import annotations

from tests.app.conftest import RunningApp
from tests.app.intro_helpers import all_text, button, confirmations, intro, save_profile, wait_response
from tests.app.test_people_profile import answers, submission_view

INTROS = "C0INTROS"


def test_a_complete_submission_posts_a_card_naming_the_member(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    amara = app.fake.workspace.interns[0]
    save_profile(app, amara)
    assert app.fake.calls_to("conversations.join")  # the bot was not in the channel yet
    [card] = app.fake.messages_in(INTROS)
    text = all_text(card)
    assert f"<@{amara}>" in text
    for shown in (
        "Intern",
        "Payments",
        "she/her",
        "Fraud models",
        "rust, climbing",
        "likes engines",
        "LinkedIn",
    ):
        assert shown in text
    assert button(card, "say_hi")["value"] == amara
    assert "Your card is in <#C0INTROS>" in confirmations(app, amara)[0]


def test_a_later_save_shares_again_only_when_asked(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    ben = app.fake.workspace.interns[1]
    save_profile(app, ben)
    save_profile(app, ben, team="Platform")
    assert len(app.fake.messages_in(INTROS)) == 1
    values_with_share = {
        "share_again": {"value": {"type": "checkboxes", "selected_options": [{"value": "x"}]}}
    }
    assert app.slack.view_submission(ben, submission_view({**answers(), **values_with_share})).status == 200
    app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == INTROS, count=2)


def test_without_an_introductions_channel_nothing_is_posted_and_the_member_is_told(running_app: RunningApp):
    chloe = running_app.fake.workspace.interns[2]
    save_profile(running_app, chloe)
    assert "No introductions channel" in confirmations(running_app, chloe)[0]
    assert running_app.fake.messages_in(INTROS) == []


def test_a_card_that_cannot_be_posted_is_explained_and_the_profile_is_kept(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    dev = app.fake.workspace.interns[3]
    app.fake.workspace.channels[INTROS].is_archived = True
    save_profile(app, dev)
    app.fake.take_violations()
    assert "could not be posted in <#C0INTROS> (is_archived)" in confirmations(app, dev)[0]
    with app.runtime.unit_of_work() as uow:
        assert uow.profiles.get(app.fake.workspace.team_id, dev) is not None


def test_a_pitch_cannot_ping_the_channel(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    elena = app.fake.workspace.interns[4]
    save_profile(app, elena, pitch="Hello <!channel> & <@U02JAMES> " + "x" * 450)
    text = all_text(app.fake.messages_in(INTROS)[0])
    assert "<!channel>" not in text and "<@U02JAMES>" not in text
    assert "&lt;!channel&gt; &amp; &lt;@U02JAMES&gt;" in text


def test_say_hi_opens_a_dm_between_the_clicker_and_the_member(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    amara, kavya = app.fake.workspace.interns[0], app.fake.workspace.colleagues[2]
    save_profile(app, amara)
    card = app.fake.messages_in(INTROS)[0]
    app.slack.block_action(kavya, "say_hi", value=amara, message=card, channel_id=INTROS)
    opened = app.fake.wait_for("conversations.open")[0]
    assert set(opened.args["users"].split(",")) == {amara, kavya}
    hello = app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"].startswith("G"))[0]
    assert f"<@{kavya}>" in hello.args["text"]


def test_say_hi_on_your_own_card_says_that_is_you(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    amara = app.fake.workspace.interns[0]
    save_profile(app, amara)
    card = app.fake.messages_in(INTROS)[0]
    app.slack.block_action(amara, "say_hi", value=amara, message=card, channel_id=INTROS)
    assert "That's you" in wait_response(app, "That's you")
    assert app.fake.calls_to("conversations.open") == []


def test_intro_at_member_shows_the_saved_profile(running_app: RunningApp):
    amara, liam = running_app.fake.workspace.interns[0], running_app.fake.workspace.colleagues[3]
    save_profile(running_app, amara)
    reply = intro(running_app, f"<@{amara}|amara>", liam)
    assert reply.status == 200
    shown = reply.json()
    assert shown["response_type"] == "ephemeral"
    assert "Fraud models" in all_text(shown)
    assert button(shown, "say_hi")["value"] == amara


def test_someone_without_a_profile_can_be_nudged_once_a_week(running_app: RunningApp):
    app = running_app
    grace, maya, sam = (
        app.fake.workspace.interns[6],
        app.fake.workspace.colleagues[4],
        app.fake.workspace.colleagues[10],
    )
    reply = intro(app, f"<@{grace}>", maya)
    assert "hasn't introduced themselves yet" in reply.body
    assert button(reply.json(), "nudge_intro")["value"] == grace
    app.slack.block_action(maya, "nudge_intro", value=grace, channel_id="C0GENERAL")
    wait_response(app, "I've invited")
    assert "`/intro`" in app.fake.messages_to(grace)[0]["text"]
    app.clock.advance(days=3)
    app.slack.block_action(sam, "nudge_intro", value=grace, channel_id="C0GENERAL")
    assert "last nudged on Monday Jun 1" in wait_response(app, "last nudged")
    assert len(app.fake.messages_to(grace)) == 1
    app.clock.advance(days=4)
    app.slack.block_action(sam, "nudge_intro", value=grace, channel_id="C0GENERAL")
    wait_response(app, "I've invited", count=2)
    assert len(app.fake.messages_to(grace)) == 2
