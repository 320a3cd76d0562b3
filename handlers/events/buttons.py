"""The events' buttons and their modals: Going, Can't go, Edit my pitch, Add people and Nobody new."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain.events import Answer
from bot.runtime import Runtime
from bot.services.events.after import (
    NOT_THERE,
    not_going,
    pitch_to_edit,
    record_people_met,
    save_pitch,
    who_met_prefill,
)
from bot.services.events.rsvp import answer_event
from bot.services.ports import SlackError
from handlers.context import runtime_of
from handlers.events.blocks import (
    ADD_PEOPLE,
    CALENDAR,
    DECLINE,
    EDIT_PITCH,
    GOING,
    NOBODY_NEW,
    answered_blocks,
    going_blocks,
)
from handlers.events.command import event_number
from handlers.events.forms import (
    PITCH,
    WHO_MET,
    event_id_of,
    pitch_modal,
    read_people,
    read_pitch,
    who_met_modal,
)
from handlers.text import INVALID_VALUE

NAMED_IN_ERRORS = 3  # people named in "… weren't going"; Slack is asked for each name within the 3 s answer


def _event_id(action: dict[str, Any]) -> int | None:
    value = action.get("value")
    return event_number(value) if isinstance(value, str) else None


def rsvp(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    event_id = _event_id(action)
    if event_id is None:
        respond(text=INVALID_VALUE, response_type="ephemeral", replace_original=False)
        return
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", body["user"]["id"]
    going = action["action_id"] == GOING
    outcome = answer_event(
        runtime.unit_of_work,
        runtime.messengers.events(team_id),
        runtime.channel_access,
        team_id,
        event_id,
        user_id,
        going,
        runtime.clock(),
    )
    if outcome is None:  # no such event, or one announced where the member can't read: forged either way
        text, blocks = INVALID_VALUE, None
    elif outcome.answer is None:
        text, blocks = "That event is cancelled or over, so nothing changed.", None
    elif outcome.answer is Answer.DECLINED:
        text, blocks = (
            "Thanks for letting us know. Changed your mind? Press Going any time before it starts.",
            None,
        )
    else:
        text, blocks = going_blocks(outcome.event, waitlisted=outcome.answer is Answer.WAITLIST)
    respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)


def link_opened(ack: Ack) -> None:
    """URL buttons (calendar links) also send block_actions; they need only an acknowledgement."""
    ack()


def edit_pitch(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    runtime = runtime_of(context)
    pitch = pitch_to_edit(runtime.unit_of_work, context.team_id or "", body["user"]["id"]) or _drafted(body)
    client.views_open(trigger_id=body["trigger_id"], view=pitch_modal(pitch))


def _drafted(body: dict[str, Any]) -> str:
    """The pitch the reminder showed (the quoted line), to edit from."""
    for block in (body.get("message") or {}).get("blocks") or []:
        text = ((block.get("text") or {}).get("text")) if isinstance(block, dict) else None
        if isinstance(text, str) and text.startswith("*Your elevator pitch*"):
            quoted = text.partition("\n>")[2]
            return quoted.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return ""


def submit_pitch(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    runtime = runtime_of(context)
    user_id = context.user_id or ""
    error = save_pitch(
        runtime.unit_of_work, context.team_id or "", user_id, read_pitch(view), runtime.clock()
    )
    if error:
        ack(response_action="errors", errors={"pitch": error})
        return
    ack()
    client.chat_postMessage(
        channel=user_id, text="Your pitch is saved to your profile (`/intro` shows it too)."
    )


def add_people(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    ack()
    event_id = _event_id(action)
    runtime = runtime_of(context)
    user_id = body["user"]["id"]
    event, table = (
        (None, ())
        if event_id is None
        else who_met_prefill(runtime.unit_of_work, context.team_id or "", event_id, user_id)
    )
    if event is None:
        client.chat_postMessage(channel=user_id, text=INVALID_VALUE)
        return
    client.views_open(trigger_id=body["trigger_id"], view=who_met_modal(event.id, event.title, table))


def nobody_new(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    event_id = _event_id(action)
    if event_id is None:
        respond(text=INVALID_VALUE, response_type="ephemeral", replace_original=False)
        return
    runtime = runtime_of(context)
    text = record_people_met(
        runtime.unit_of_work,
        runtime.messengers.followups(context.team_id or ""),
        context.team_id or "",
        event_id,
        body["user"]["id"],
        [],
        runtime.clock(),
    )
    respond(text=text, blocks=answered_blocks(text), replace_original=True)


def submit_people(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Inline errors unless everyone chosen was going too (never oneself); else one meeting with each."""
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    event_id, people = event_id_of(view), read_people(view)
    error = _people_error(runtime, team_id, user_id, event_id, people)
    if error or event_id is None or people is None:
        ack(response_action="errors", errors={"people": error or INVALID_VALUE})
        return
    ack()
    text = record_people_met(
        runtime.unit_of_work,
        runtime.messengers.followups(team_id),
        team_id,
        event_id,
        user_id,
        people,
        runtime.clock(),
    )
    client.chat_postMessage(channel=user_id, text=text)


def _people_error(
    runtime: Runtime, team_id: str, user_id: str, event_id: int | None, people: list[str] | None
) -> str | None:
    """What is wrong with the people chosen for the event, or None."""
    if event_id is None or people is None:
        return INVALID_VALUE
    if not people:
        return "Choose at least one person, or press Nobody new."
    if user_id in people:
        return "That's you: choose only the people you met."
    absent = not_going(runtime.unit_of_work, team_id, event_id, user_id, people)
    if absent is None:
        return NOT_THERE
    if absent:
        return f"Only people who were going can be added, and {_names(runtime, team_id, absent)} weren't."
    return None


def _names(runtime: Runtime, team_id: str, user_ids: Sequence[str]) -> str:
    """The first few people by their Slack names ("someone" for an ID Slack doesn't know)."""
    messenger = runtime.messengers.events(team_id)
    names = []
    for user_id in user_ids[:NAMED_IN_ERRORS]:
        try:
            names.append(messenger.member(user_id).name)
        except SlackError:
            names.append("someone")
    more = len(user_ids) - NAMED_IN_ERRORS
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def register(app: App) -> None:
    app.action(GOING)(rsvp)
    app.action(DECLINE)(rsvp)
    app.action(re.compile(f"^{CALENDAR}_"))(link_opened)
    app.action(EDIT_PITCH)(edit_pitch)
    app.action(ADD_PEOPLE)(add_people)
    app.action(NOBODY_NEW)(nobody_new)
    app.view(PITCH)(submit_pitch)
    app.view(WHO_MET)(submit_people)
