"""Catch-up buttons, and the recap's alumni contact: the Share button, its modal, and Withdraw."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.services.keep_in_touch.alumni import share_contact, shared_contact, withdraw_contact
from bot.services.keep_in_touch.catch_ups import CatchUpAnswer, answer_catch_up
from bot.services.ports import best_effort
from handlers.context import runtime_of
from handlers.keep_in_touch.blocks import (
    ALUMNI_CALLBACK,
    CATCH_UP_ACTIONS,
    alumni_modal,
    read_alumni_form,
    shared_blocks,
)
from handlers.text import INVALID_VALUE, user_id_value


def _message(body: dict[str, Any]) -> tuple[str, str]:
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
    return channel, container.get("message_ts") or (body.get("message") or {}).get("ts") or ""


def press_catch_up(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    runtime = runtime_of(context)
    team_id = context.team_id or ""
    messenger = runtime.messengers.keep_in_touch(team_id)
    answer = CatchUpAnswer(CATCH_UP_ACTIONS[action["action_id"]])
    other = user_id_value(action.get("value"))
    text = None
    if other is not None:
        text = answer_catch_up(
            runtime.unit_of_work, messenger, team_id, body["user"]["id"], other, answer, runtime.clock()
        )
    if text is None:
        respond(text=INVALID_VALUE, replace_original=False, response_type="ephemeral")
        return
    with best_effort():  # the answer is stored; at worst the buttons stay
        messenger.close_message(*_message(body), text)


def open_alumni_modal(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    contact = shared_contact(runtime_of(context).unit_of_work, context.team_id or "", body["user"]["id"])
    client.views_open(trigger_id=body["trigger_id"], view=alumni_modal(contact))


def submit_alumni_contact(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """A wrong field gets an inline error and the form stays open with what was typed."""
    runtime = runtime_of(context)
    email, linkedin, opted_in = read_alumni_form(view)
    user_id = context.user_id or ""
    errors = share_contact(
        runtime.unit_of_work, context.team_id or "", user_id, email, linkedin, opted_in, runtime.clock()
    )
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    contact = shared_contact(runtime.unit_of_work, context.team_id or "", user_id)
    if contact is not None:
        client.chat_postMessage(
            channel=user_id, text="Your alumni contact is shared.", blocks=shared_blocks(contact)
        )


def press_withdraw(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    runtime = runtime_of(context)
    team_id = context.team_id or ""
    withdrawn = withdraw_contact(runtime.unit_of_work, team_id, body["user"]["id"])
    text = (
        "Withdrawn — nobody will be sent your contact. You can share it again from your recap."
        if withdrawn
        else "There was nothing shared to withdraw."
    )
    with best_effort():
        runtime.messengers.keep_in_touch(team_id).close_message(*_message(body), text)


def register(app: App) -> None:
    for action_id in CATCH_UP_ACTIONS:
        app.action(action_id)(press_catch_up)
    app.action("alumni_share")(open_alumni_modal)
    app.view(ALUMNI_CALLBACK)(submit_alumni_contact)
    app.action("alumni_withdraw")(press_withdraw)
