"""The check-in buttons: the first answer counts and everyone in the group sees it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.services.coffee.checkins import answer_checkin, show_answer
from handlers.coffee.blocks import ANSWER_LABELS, CHECKIN_ACTIONS
from handlers.context import runtime_of
from handlers.home.view import from_home, refresh_home
from handlers.text import who


def answer(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    context: BoltContext,
    client: WebClient,
) -> None:
    ack()
    if from_home(body):  # App Home has no message to answer in: Home is re-published instead
        respond = _home_notice(client, context, body["user"]["id"])
    runtime = runtime_of(context)
    chosen = CHECKIN_ACTIONS.get(action.get("action_id", ""))
    value = str(action.get("value", ""))
    if chosen is None or not value.isdigit():
        respond(text="That button is out of date.", replace_original=False, response_type="ephemeral")
        return
    user_id = body["user"]["id"]
    team_id = context.team_id or ""
    result = answer_checkin(
        runtime.unit_of_work,
        runtime.messengers.followups(team_id),
        team_id,
        int(value),
        user_id,
        chosen,
        runtime.clock(),
    )
    if result.group is None:
        respond(
            text="This check-in is for the people in the group.",
            replace_original=False,
            response_type="ephemeral",
        )
    elif result.stored:
        message_ts = (body.get("container") or {}).get("message_ts") or result.group.checkin_ts or ""
        show_answer(runtime.messengers.coffee(team_id), result.group, message_ts, chosen, user_id, result)
        if from_home(body):
            refresh_home(
                client, context, user_id, f"Thanks: your group's answer is *{ANSWER_LABELS[chosen]}*."
            )
    else:
        earlier = result.group.answer
        label = ANSWER_LABELS[earlier] if earlier else "an answer"
        respond(
            text=f"{who(result.group.answered_by)} already answered *{label}* for your group — thanks!",
            replace_original=False,
            response_type="ephemeral",
        )


def _home_notice(client: WebClient, context: BoltContext, user_id: str) -> Callable[..., None]:
    def show(text: str, **_: Any) -> None:
        refresh_home(client, context, user_id, text)

    return show


def register(app: App) -> None:
    app.action(re.compile(r"^checkin_(met|scheduled|not_this_time)$"))(answer)
