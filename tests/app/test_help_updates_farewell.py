"""The recap's farewell: the drafted post it shows, Post it in #introductions (once, however often it is
pressed) and Edit first (the modal, whose submission posts the edited text)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.app.conftest import RunningApp
from tests.app.keep_in_touch_helpers import tick_at
from tests.app.update_helpers import (
    CHLOE,
    INTROS,
    LIAM,
    OLIVIA,
    chloe_met,
    notices_to,
    posts_in_intros,
    rapport_in_intros,
)

RECAP_MORNING = datetime(2026, 8, 21, 8, 30, tzinfo=UTC)  # 09:30 in London, five working days before 28 Aug
SHARED = "Shared in"
ALREADY = "Your farewell post is already shared"


def recap_with_farewell(app: RunningApp) -> dict:
    """Chloe met Liam twice and Olivia once; her recap arrives."""
    rapport_in_intros(app)
    chloe_met(app, LIAM, OLIVIA, LIAM)
    tick_at(app, RECAP_MORNING)
    [recap] = [m for m in app.fake.messages_to(CHLOE) if m.get("text", "").startswith("Your network recap")]
    return recap


def press(app: RunningApp, action_id: str, recap: dict) -> None:
    reply = app.slack.block_action(
        CHLOE,
        action_id,
        value="farewell",
        block_id="farewell",
        message=recap,
        channel_id=app.fake.dm_channel(CHLOE),
    )
    assert reply.status == 200


def told(app: RunningApp, start: str, count: int = 1) -> list[str]:
    calls = app.fake.wait_for(
        "chat.postMessage",
        lambda c: (
            c.args.get("channel") in (CHLOE, app.fake.dm_channel(CHLOE))
            and c.args.get("text", "").startswith(start)
        ),
        count=count,
    )
    return [c.args["text"] for c in calls]


def test_the_recap_shows_the_drafted_farewell_with_its_two_buttons(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    recap = recap_with_farewell(app)
    shown = str(recap["blocks"])
    assert "Say goodbye in #introductions" in shown
    assert "What I worked on: a churn model for the &lt;!channel&gt; billing team" in shown
    assert f"A special thank-you to <@{LIAM}> and <@{OLIVIA}> for all your help." in shown
    buttons = next(b for b in recap["blocks"] if b.get("block_id") == "farewell")["elements"]
    assert [(b["action_id"], b["text"]["text"]) for b in buttons] == [
        ("farewell_post", "Post it in #introductions"),
        ("farewell_edit", "Edit first"),
    ]


def test_post_it_posts_the_farewell_once_and_pressing_again_says_it_is_shared(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    recap = recap_with_farewell(app)
    press(app, "farewell_post", recap)
    told(app, SHARED)
    press(app, "farewell_post", recap)
    [again] = told(app, ALREADY)
    [post] = posts_in_intros(app)
    assert post["text"] == f"Farewell from <@{CHLOE}>"
    body = str(post["blocks"])
    assert "thank you all for a wonderful time" in body and f"<@{LIAM}> and <@{OLIVIA}>" in body
    digits = post["ts"].replace(".", "")
    assert f"archives/{INTROS}/p{digits}" in again
    tick_at(app, RECAP_MORNING + timedelta(days=3))  # Monday morning: Liam hears she said goodbye
    [line] = notices_to(app, LIAM)
    assert line["text"].startswith(f"<@{CHLOE}>, whom you've met, said goodbye: <https://")


def test_edit_first_opens_the_draft_and_posts_the_edited_text_once(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    recap = recap_with_farewell(app)
    press(app, "farewell_edit", recap)
    view = app.fake.wait_for("views.open")[-1].args["view"]
    assert view["title"]["text"] == "Your farewell post"
    assert view["blocks"][1]["element"]["initial_value"].startswith("My internship is coming to an end")
    edited = "Goodbye all, and thanks <@U02LIAM>!"
    values = {"update": {"text": {"type": "plain_text_input", "value": edited}}}
    submission = {
        "id": "V0FAREWELL",
        "callback_id": "update_share",
        "private_metadata": view["private_metadata"],
        "state": {"values": values},
    }
    assert app.slack.view_submission(CHLOE, submission).status == 200
    told(app, SHARED)
    press(app, "farewell_post", recap)  # the drafted one after the edited one: already shared
    told(app, ALREADY)
    [post] = posts_in_intros(app)
    assert post["text"] == f"Farewell from <@{CHLOE}>"
    assert "Goodbye all, and thanks <@U02LIAM>!" in str(post["blocks"])
    assert "wonderful time" not in str(post["blocks"])
