"""Forget me, everywhere in Slack: after forgetting, no post Rapport made names the member. Others' event
announcements ("Going: @them"), asks they offered to help with, the announcement of an event they created
and posts whose text mentioned them are redrawn from the cleaned rows; kudos posts stay, as the preview
says."""

from __future__ import annotations

from collections.abc import Callable

from bot.domain.privacy import FORMER_MEMBER
from tests.app import ask_helpers
from tests.app.ask_helpers import ask, latest_ask, post_of, text_of
from tests.app.conftest import RunningApp
from tests.app.event_helpers import announcement, create, press, rapport_joins, section_texts
from tests.app.test_help_kudos import kudos

GENERAL = "C0GENERAL"
AMARA, BEN, CHLOE = "U01AMARA", "U01BEN", "U01CHLOE"  # Chloe is forgotten


def naming(app: RunningApp, user_id: str) -> list[str]:
    """The texts of the posts in #general that still name the member."""
    return [text_of(m) for m in app.fake.messages_in(GENERAL) if user_id in str(m)]


def forget_me(app: RunningApp, user_id: str) -> str:
    """The confirmation's text, then the answer once the button is pressed."""
    shown = app.slack.command("/coffee", "forget-me", user_id=user_id, channel_id=GENERAL).json()
    app.slack.block_action(user_id, "forget_me_confirm", value="forget", channel_id=GENERAL)
    app.fake.wait_for("response_url", lambda c: "Rapport has forgotten you" in c.args.get("text", ""))
    return str(shown["blocks"])


def test_forgetting_redraws_every_post_that_named_the_member_and_keeps_kudos(
    start_app: Callable[..., RunningApp],
):
    app = start_app(RAPPORT_ASKS_CHANNEL=GENERAL, RAPPORT_KUDOS_CHANNEL=GENERAL)
    rapport_joins(app)
    mixer = create(app, AMARA, title="Summer mixer")
    press(app, CHLOE, "event_going", mixer)
    press(app, BEN, "event_going", mixer)
    lunch = create(app, CHLOE, title="Team lunch")
    press(app, BEN, "event_going", lunch)
    ask(app, "Who knows the deploy pipeline?", user_id=AMARA)
    helped = latest_ask(app)
    ask_helpers.press(app, CHLOE, "ask_help", str(helped.id))
    app.fake.wait_for("chat.update", lambda c: CHLOE in str(c.args.get("blocks")))
    ask(app, f"Like <@{CHLOE}|chloe> said: where are the dashboards?", user_id=BEN)
    mentioned = latest_ask(app)
    kudos(app, f"<@{CHLOE}|chloe> for the demo", user_id=AMARA)
    assert f"Going (2):* <@{CHLOE}>, <@{BEN}>" in section_texts(announcement(app, mixer))
    assert len(naming(app, CHLOE)) == 5

    preview = forget_me(app, CHLOE)

    assert "kudos you gave or got (the kudos posts stay in Slack as they are): 1" in preview
    assert "posts in channels that name you" in preview
    [kudos_post] = naming(app, CHLOE)  # the only one left, as documented
    assert "thanked" in kudos_post
    assert f"Going (1):* <@{BEN}>" in section_texts(announcement(app, mixer))
    assert f"Event #{lunch.id} by {FORMER_MEMBER}" in text_of(announcement(app, lunch))
    assert "Offered to help" not in text_of(post_of(app, helped))
    assert FORMER_MEMBER in text_of(post_of(app, mentioned))
    assert app.fake.take_violations() == []


def test_a_post_slack_will_not_update_is_named_so_an_admin_can_delete_it(
    start_app: Callable[..., RunningApp],
):
    app = start_app()
    rapport_joins(app)
    mixer = create(app, AMARA, title="Summer mixer")
    press(app, CHLOE, "event_going", mixer)
    app.fake.fail_next("chat.update", "cant_update_message", status=200)
    forget_me(app, CHLOE)
    [done] = [c.args["text"] for c in app.fake.calls_to("response_url") if "forgotten you" in c.args["text"]]
    assert f"update a post in <#{GENERAL}> that named you: ask an admin of that channel to delete it" in done
