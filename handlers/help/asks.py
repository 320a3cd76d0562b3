"""/ask and its buttons: the ask modal, I can help, Not this time, Solved, and Thank @helper (a DM, or
kudos in public)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain.help.asks import AskDraft, AskForm, check_ask, open_limit_text
from bot.domain.time import local_time
from bot.runtime import Runtime
from bot.services.help.asks import (
    Closing,
    Help,
    Posted,
    asks_channel,
    decline_suggestion,
    offer_help,
    post_ask,
    send_thanks,
    solve,
    thank_target,
    timezone_of,
)
from bot.services.help.kudos import send_kudos
from handlers.blockkit import string_value, view_element, view_values
from handlers.buttons import Pressed, numbered_button, record_number
from handlers.context import runtime_of
from handlers.help.asks_blocks import (
    CREATE,
    DECLINE,
    HELP,
    PUBLIC,
    SOLVED,
    THANK,
    THANKS,
    ask_modal,
    thanks_modal,
)
from handlers.help.kudos import kudos_channel, outcome_text
from handlers.text import INVALID_VALUE, asks_for_help, plain, user_id_value, who

NO_CHANNEL = (
    "Asks have no channel here yet, so nothing was posted or kept. "
    "An admin must run `/coffee setup asks #channel` first."
)
USAGE = "`/ask what you need help with` posts your ask; `/ask` alone opens a form with topics and a date."


def _today(runtime: Runtime, team_id: str, user_id: str) -> date:
    zone = timezone_of(runtime.messengers.asks(team_id), user_id)
    return local_time(runtime.clock(), zone).date()


def handle_ask(
    ack: Ack,
    command: dict[str, Any],
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    context: BoltContext,
) -> None:
    if asks_for_help(command.get("text")):
        ack(text=USAGE, response_type="ephemeral")
        return
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    channel = asks_channel(runtime.unit_of_work, team_id, runtime.settings.asks_channel)
    if channel is None:
        ack(text=NO_CHANNEL, response_type="ephemeral")
        return
    text = plain(command.get("text")).strip()
    if not text:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=ask_modal(_today(runtime, team_id, user_id)))
        return
    draft, errors = check_ask(AskForm(question=text), _today(runtime, team_id, user_id))
    if draft is None:
        ack(text=f"{errors.get('question', '')} {USAGE}".strip(), response_type="ephemeral")
        return
    ack()
    respond(text=_post(runtime, team_id, user_id, draft, channel), response_type="ephemeral")


def _post(runtime: Runtime, team_id: str, user_id: str, draft: AskDraft, channel: str) -> str:
    """Post the ask; what to tell the asker."""
    asks = runtime.messengers.asks(team_id)
    limit = runtime.settings.asks_open_limit
    posted = post_ask(runtime.unit_of_work, asks, team_id, user_id, draft, channel, runtime.clock(), limit)
    return open_limit_text(limit) if posted.too_many else posted_text(posted, channel)


def posted_text(posted: Posted, channel: str) -> str:
    if posted.ask is None:
        return (
            f"Slack refused to post your ask in <#{channel}> ({posted.refused}), so nothing was kept. "
            "Ask an admin to add Rapport there (`/invite @Rapport`)."
        )
    text = f"Your ask is posted in <#{channel}>."
    if posted.asked:
        people = "person" if posted.asked == 1 else "people"
        text += f" I also asked {posted.asked} {people} whose profile matches it, privately."
    else:
        text += " Nobody who chose to hear about asks matches it yet, but anyone in the channel can offer."
    return text + " You'll hear from me when someone offers to help."


def read_ask_form(view: dict[str, Any]) -> AskForm:
    values = view_values(view)
    chosen = string_value(view_element(values, "by_when").get("selected_date"))
    try:
        by_when = date.fromisoformat(chosen) if chosen else None
    except ValueError:
        by_when = None
    return AskForm(
        question=string_value(view_element(values, "question").get("value")),
        tags=string_value(view_element(values, "tags").get("value")),
        by_when=by_when,
    )


def submit_ask(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    channel = asks_channel(runtime.unit_of_work, team_id, runtime.settings.asks_channel)
    if channel is None:
        ack(response_action="errors", errors={"question": NO_CHANNEL})
        return
    draft, errors = check_ask(read_ask_form(view), _today(runtime, team_id, user_id))
    if draft is None:
        ack(response_action="errors", errors=errors)
        return
    ack()
    client.chat_postMessage(channel=user_id, text=_post(runtime, team_id, user_id, draft, channel))


def _private(respond: Respond, text: str) -> None:
    respond(text=text, response_type="ephemeral", replace_original=False)


@numbered_button
def press_help(pressed: Pressed) -> str:
    runtime, team_id = pressed.runtime, pressed.team_id
    outcome = offer_help(
        runtime.unit_of_work, runtime.messengers.asks(team_id), runtime.channel_access, team_id,
        pressed.number, pressed.user_id, runtime.clock(),
    )  # fmt: skip
    ask = outcome.ask
    asker = who(ask.asker_id) if ask else ""
    where = f" (<#{outcome.channel_id}>)" if outcome.channel_id else ""
    texts = {
        Help.OFFERED: f"Thank you! I opened a group DM with {asker}{where} and told them.",
        Help.ALREADY: f"You offered to help already: your group DM with {asker}{where} is open.",
        Help.OWN: "That's your own ask: others will offer to help.",
        Help.CLOSED: "That ask is closed already (solved, or open for two weeks). Thanks all the same!",
        Help.UNKNOWN: "That ask doesn't exist any more.",
        Help.UNSEEN: INVALID_VALUE,
    }
    return texts[outcome.result]


@numbered_button
def press_decline(pressed: Pressed) -> str | None:
    runtime, team_id = pressed.runtime, pressed.team_id
    declined = decline_suggestion(
        runtime.unit_of_work, runtime.messengers.asks(team_id), team_id, pressed.number, pressed.user_id,
        runtime.clock(),
    )  # fmt: skip
    return None if declined else "You answered that one already, or you weren't asked about it."


@numbered_button
def press_solved(pressed: Pressed) -> str:
    runtime, team_id = pressed.runtime, pressed.team_id
    closing = solve(
        runtime.unit_of_work, runtime.messengers.asks(team_id), team_id, pressed.number, pressed.user_id,
        runtime.clock(),
    )  # fmt: skip
    texts = {
        Closing.SOLVED: "Marked solved: the post in the asks channel says so. Glad it worked out!",
        Closing.NOT_YOURS: "Only the person who asked can mark it solved.",
        Closing.NOT_OPEN: "That ask is closed already.",
        Closing.UNKNOWN: "That ask doesn't exist any more.",
    }
    return texts[closing]


def _thank_value(value: object) -> tuple[int, str] | None:
    if not isinstance(value, str):
        return None
    number, _, helper = value.partition(":")
    ask_id, helper_id = record_number(number), user_id_value(helper)
    return (ask_id, helper_id) if ask_id is not None and helper_id is not None else None


def press_thank(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
) -> None:
    ack()
    parsed = _thank_value(action.get("value"))
    if parsed is None:
        _private(respond, INVALID_VALUE)
        return
    runtime = runtime_of(context)
    ask = thank_target(runtime.unit_of_work, context.team_id or "", parsed[0], body["user"]["id"], parsed[1])
    if ask is None:
        _private(respond, "Only the person who asked can thank someone who offered to help with it.")
        return
    client.views_open(trigger_id=body["trigger_id"], view=thanks_modal(ask, parsed[1]))


def _thanks_metadata(view: dict[str, Any]) -> tuple[int, str] | None:
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return None
    if not isinstance(metadata, dict):
        return None
    ask_id, helper = metadata.get("ask_id"), user_id_value(metadata.get("helper"))
    if not isinstance(ask_id, int) or not 0 < ask_id < 2**31 or helper is None:
        return None
    return ask_id, helper


def submit_thanks(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    parsed = _thanks_metadata(view)
    note = " ".join(string_value(view_element(view_values(view), "note").get("value")).split())
    if parsed is None:
        ack(response_action="errors", errors={"note": INVALID_VALUE})
        return
    if not note:
        ack(response_action="errors", errors={"note": "Write a few words of thanks."})
        return
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    ask = thank_target(runtime.unit_of_work, team_id, parsed[0], user_id, parsed[1])
    if ask is None:
        ack(response_action="errors", errors={"note": "Only the person who asked can thank a helper."})
        return
    ack()
    if _public(view):  # kudos, with kudos' own checks, limit and channel
        kudos = runtime.messengers.kudos(team_id)
        channel = kudos_channel(runtime, team_id)
        posted = send_kudos(
            runtime.unit_of_work, kudos, channel, team_id, user_id, parsed[1], note, runtime.clock()
        )
        client.chat_postMessage(channel=user_id, text=outcome_text(posted, parsed[1]))
        return
    delivered = send_thanks(runtime.messengers.asks(team_id), ask, parsed[1], note)
    text = (
        f"Your thanks went to {who(parsed[1])}."
        if delivered
        else "Slack refused the message; try again later."
    )
    client.chat_postMessage(channel=user_id, text=text)


def _public(view: dict[str, Any]) -> bool:
    chosen = view_element(view_values(view), "public").get("selected_options")
    return isinstance(chosen, list) and any(isinstance(o, dict) and o.get("value") == PUBLIC for o in chosen)


def register(app: App) -> None:
    app.command("/ask")(handle_ask)
    app.view(CREATE)(submit_ask)
    app.view(THANKS)(submit_thanks)
    app.action(HELP)(press_help)
    app.action(DECLINE)(press_decline)
    app.action(SOLVED)(press_solved)
    app.action(THANK)(press_thank)
