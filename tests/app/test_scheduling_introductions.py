"""Find a time in a warm introduction's group DM: the two people introduced agree a slot; the proposer,
also in the DM, is not asked to."""

from __future__ import annotations

from bot.domain.coffee.model import RoundGroup
from handlers.scheduling.blocks import FIND_TIME_INTRO
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import wait_response, wait_until_group_stored
from tests.app.scheduling_helpers import (
    AGREED_TEXT,
    SLOTS_TEXT,
    button,
    ephemeral_replies,
    press,
    slot_buttons,
    wait_for_message,
)
from tests.app.test_introductions import DONE, consent_request, propose
from tests.app.test_introductions import press as answer


def test_the_two_introduced_find_a_time_in_their_group_dm(running_app: RunningApp) -> None:
    app = running_app
    ws = app.fake.workspace
    amara, kavya, isabel = ws.interns[0], ws.colleagues[2], ws.admin_id
    ws.users[amara].tz, ws.users[kavya].tz = "America/New_York", "Europe/Berlin"
    propose(app, f"<@{amara}|amara> <@{kavya}|kavya> both love Rust", isabel)
    wait_response(app, DONE)
    to_amara, to_kavya = consent_request(app, amara), consent_request(app, kavya)
    answer(app, amara, "intro_accept", to_amara)
    answer(app, kavya, "intro_accept", to_kavya)
    wait_until_group_stored(app)
    post = app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"].startswith("G"))[0]
    channel = post.args["channel"]
    dm = RoundGroup(id=0, round_id=0, members=(amara, kavya), organiser=kavya, conversation_id=channel)
    opening = next(m for m in app.fake.messages_in(channel) if m.get("blocks"))
    press(app, dm, amara, button(opening, FIND_TIME_INTRO))
    slots = wait_for_message(app, dm, SLOTS_TEXT)
    assert "UTC-4" in str(slots["blocks"]) and "UTC+2" in str(slots["blocks"])
    chosen = slot_buttons(slots)[0]
    press(app, dm, isabel, chosen)  # the proposer is in the DM but is not one of the two meeting
    app.fake.wait_for("response_url", lambda c: "Only the people meeting" in c.args.get("text", ""))
    for user_id in (amara, kavya):
        press(app, dm, user_id, chosen)
    wait_for_message(app, dm, AGREED_TEXT)
    assert app.fake.wait_for("files.completeUploadExternal")[0].args["channel_id"] == channel
    app.fake.wait_for("response_url", lambda c: c.args.get("text") == "That's everyone: it's a date!")
    assert not [t for t in ephemeral_replies(app) if "out of date" in t]
