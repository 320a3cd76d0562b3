"""Find a time's buttons: start (on the intro), a slot ("Works for me") and "None of these".

Every value is untrusted: the services check that the proposal or group is this DM's and the
presser one of its members; a slot must be one offered that has not begun.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.domain.scheduling.group import GroupDm
from bot.runtime import Runtime
from bot.services.coffee.find_time import coffee_group_dm
from bot.services.help.find_time import ask_group_dm, offer_group_dm
from bot.services.introductions.find_time import introduction_group_dm
from bot.services.mentoring.find_time import mentoring_group_dm
from bot.services.scheduling.proposals import Found, Outcome, find_time, more_slots
from bot.services.scheduling.votes import press_slot
from handlers.context import runtime_of
from handlers.scheduling.answers import NOT_HERE, found_line, pressed_line
from handlers.scheduling.blocks import (
    FIND_TIME,
    FIND_TIME_ASK,
    FIND_TIME_INTRO,
    FIND_TIME_MENTORING,
    FIND_TIME_OFFER,
    NONE_OF_THESE,
    PICK_PATTERN,
)

ID_DIGITS = 12  # a longer "ID" in a button's value is refused before it reaches the database
LOOKUPS = {
    FIND_TIME: coffee_group_dm,
    FIND_TIME_INTRO: introduction_group_dm,
    FIND_TIME_MENTORING: mentoring_group_dm,
    FIND_TIME_ASK: ask_group_dm,
    FIND_TIME_OFFER: offer_group_dm,
}
"""Each Find a time button's group: its value is the ID in that feature (an ask's or an offer's, with the DM
it is in)."""


def start_in(
    runtime: Runtime, team_id: str, channel_id: str, user_id: str, named: GroupDm | None = None
) -> str:
    """Find a time for the group a button named or, for `/coffee time`, the DM's latest coffee group,
    introduction, mentoring pair, "I can help" DM or Book a chat DM: the line to answer."""
    uow = runtime.unit_of_work
    group = named
    for lookup in LOOKUPS.values():
        group = group or lookup(uow, team_id, conversation_id=channel_id)
    if group is None and named is None:
        return NOT_HERE
    if group is None or group.conversation_id != channel_id:
        return found_line(Found(Outcome.GONE))
    return found_line(find_time(uow, runtime.finding(team_id), group, user_id, runtime.clock()))


def _where(body: dict[str, Any]) -> tuple[str, str]:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id") or ""
    return str(channel), str(body["user"]["id"])


def _id(value: object) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) <= ID_DIGITS else None


def _say(respond: Respond, text: str) -> None:
    respond(text=text, replace_original=False, response_type="ephemeral")


def start(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    runtime, team_id = runtime_of(context), context.team_id or ""
    channel_id, user_id = _where(body)
    ref = _id(action.get("value"))
    lookup = LOOKUPS.get(str(action.get("action_id")), coffee_group_dm)
    group = None if ref is None else lookup(runtime.unit_of_work, team_id, ref, channel_id)
    if group is None:
        _say(respond, found_line(Found(Outcome.GONE)))
        return
    _say(respond, start_in(runtime, team_id, channel_id, user_id, group))


def pick(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    runtime, team_id = runtime_of(context), context.team_id or ""
    channel_id, user_id = _where(body)
    pressed = press_slot(
        runtime.unit_of_work,
        runtime.finding(team_id),
        team_id,
        channel_id,
        user_id,
        action.get("value"),
        runtime.clock(),
    )
    _say(respond, pressed_line(pressed))


def none_of_these(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    runtime, team_id = runtime_of(context), context.team_id or ""
    channel_id, user_id = _where(body)
    proposal_id = _id(action.get("value"))
    if proposal_id is None:
        _say(respond, found_line(Found(Outcome.GONE)))
        return
    found = more_slots(
        runtime.unit_of_work,
        runtime.finding(team_id),
        team_id,
        channel_id,
        proposal_id,
        user_id,
        runtime.clock(),
    )
    _say(respond, found_line(found))


def register(app: App) -> None:
    app.action(FIND_TIME)(start)
    app.action(FIND_TIME_INTRO)(start)
    app.action(FIND_TIME_MENTORING)(start)
    app.action(FIND_TIME_ASK)(start)
    app.action(FIND_TIME_OFFER)(start)
    app.action(re.compile(PICK_PATTERN))(pick)
    app.action(NONE_OF_THESE)(none_of_these)
