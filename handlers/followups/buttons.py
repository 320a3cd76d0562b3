"""The buttons of a follow-up nudge: Done, Remind me tomorrow, Skip (and LinkedIn links, which only open)."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.services.followups.nudges import answer_nudge
from bot.services.followups.ports import NudgeStatus
from bot.services.ports import best_effort
from handlers.context import runtime_of
from handlers.home.view import from_home, refresh_home
from handlers.text import INVALID_VALUE, channel_id_value, message_ts_value

ANSWERS = {
    "nudge_done": (NudgeStatus.DONE, "Thank-you sent — nice! Keeping in touch is how a network grows. ✓"),
    "nudge_later": (None, "I'll remind you tomorrow morning."),
    "nudge_skip": (NudgeStatus.SKIPPED, "Skipped — no more reminders about this one."),
}


def nudge_message(body: dict[str, Any], action: dict[str, Any]) -> tuple[str, str]:
    """The nudge message a button belongs to: its own message, or in App Home (where the buttons are a
    copy) the "channel|ts" in the button's value, checked; ("", "") when unusable."""
    if from_home(body):
        given_channel, _, given_ts = str(action.get("value", "")).partition("|")
        return channel_id_value(given_channel) or "", message_ts_value(given_ts) or ""
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts") or ""
    return channel_id_value(channel) or "", message_ts_value(ts) or ""


def press(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    runtime = runtime_of(context)
    channel, ts = nudge_message(body, action)
    if not (channel and ts):
        refresh_home(client, context, body["user"]["id"], INVALID_VALUE)
        return
    status, text = ANSWERS[action["action_id"]]
    messenger = runtime.messengers.followups(context.team_id or "")
    nudges = answer_nudge(
        runtime.unit_of_work, messenger, body["user"]["id"], channel, ts, status, runtime.clock()
    )
    if nudges:
        with best_effort():  # the answer is stored; at worst the buttons stay
            messenger.close_nudge(channel, ts, text)
    if from_home(body):
        refresh_home(
            client, context, body["user"]["id"], text if nudges else "That reminder is already closed."
        )


def link_opened(ack: Ack) -> None:
    """Slack also tells the app when a URL button is clicked; it needs only an acknowledgement."""
    ack()


def register(app: App) -> None:
    for action_id in ANSWERS:
        app.action(action_id)(press)
    app.action(re.compile(r"^open_linkedin_\d+$"))(link_opened)
