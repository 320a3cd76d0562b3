"""Sharing updates: Write my update (the monthly prompt) and the recap's Post it / Edit first, the
modal's submission, and App Home's two switches."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.domain.help.updates import UpdateKind
from bot.services.help.updates import (
    FAREWELL_KEY,
    NOT_AN_INTERN,
    check_share,
    draft_for,
    set_update_notices,
    set_update_prompts,
    share_update,
)
from handlers.context import runtime_of
from handlers.help.updates_blocks import (
    FAREWELL_EDIT,
    FAREWELL_POST,
    NOTICES_OFF,
    NOTICES_ON,
    PROMPTS_OFF,
    PROMPTS_ON,
    UPDATE_CALLBACK,
    WRITE_UPDATE,
    read_update_form,
    update_modal,
)
from handlers.home.view import refresh_home
from handlers.text import INVALID_VALUE, plain

KINDS = {kind.value: kind for kind in UpdateKind}
_VIEW_ID = re.compile(r"V[A-Z0-9]{1,40}")
STALE_FORM = "This form is out of date. Close it and press the button in my message again."


def _tell(context: BoltContext, user_id: str, text: str) -> None:
    runtime_of(context).messengers.updates(context.team_id or "").tell(user_id, text)


def open_update_modal(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Write my update, or Edit first: the drafted text in a modal; the kind comes from the button."""
    ack()
    runtime, user_id = runtime_of(context), body["user"]["id"]
    kind = _kind_of(action)
    if kind is None or (action.get("action_id") == FAREWELL_EDIT) != (kind is UpdateKind.FAREWELL):
        return _tell(context, user_id, INVALID_VALUE)
    draft = draft_for(runtime.unit_of_work, context.team_id or "", user_id, kind, runtime.clock())
    if draft is None:
        return _tell(context, user_id, NOT_AN_INTERN)
    client.views_open(trigger_id=body["trigger_id"], view=update_modal(kind, draft.text))


def post_farewell(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext) -> None:
    """Post it in #introductions: the farewell as drafted, once."""
    ack()
    runtime, team_id, user_id = runtime_of(context), context.team_id or "", body["user"]["id"]
    if _kind_of(action) is not UpdateKind.FAREWELL:
        return _tell(context, user_id, INVALID_VALUE)
    now = runtime.clock()
    draft = draft_for(runtime.unit_of_work, team_id, user_id, UpdateKind.FAREWELL, now)
    if draft is None:
        return _tell(context, user_id, NOT_AN_INTERN)
    check = check_share(
        runtime.unit_of_work, team_id, user_id, draft.text, runtime.settings.intro_channel, now
    )
    messenger = runtime.messengers.updates(team_id)
    share_update(
        runtime.unit_of_work, messenger, team_id, user_id, UpdateKind.FAREWELL, FAREWELL_KEY, check, now
    )


def submit_update(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    """Problems the member can fix show in the form; then the post goes out and they are told where."""
    runtime, team_id, user_id = runtime_of(context), context.team_id or "", body["user"]["id"]
    text, kind_value = read_update_form(view)
    kind = KINDS.get(kind_value)
    view_id = view.get("id")
    if kind is None or not (isinstance(view_id, str) and _VIEW_ID.fullmatch(view_id)):
        return ack(response_action="errors", errors={"update": STALE_FORM})
    now = runtime.clock()
    check = check_share(
        runtime.unit_of_work, team_id, user_id, plain(text), runtime.settings.intro_channel, now
    )
    if check.text is None:
        return ack(response_action="errors", errors={"update": check.field_error or check.error})
    ack()
    key = FAREWELL_KEY if kind is UpdateKind.FAREWELL else f"view:{view_id}"
    messenger = runtime.messengers.updates(team_id)
    limit = runtime.settings.updates_weekly_limit
    share_update(runtime.unit_of_work, messenger, team_id, user_id, kind, key, check, now, limit)


def switch(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """App Home's switches: the monthly prompt, and updates from people I've met."""
    ack()
    runtime, team_id, user_id = runtime_of(context), context.team_id or "", body["user"]["id"]
    action_id = action["action_id"]
    on = action_id in (PROMPTS_ON, NOTICES_ON)
    if action.get("value") != ("on" if on else "off"):
        return refresh_home(client, context, user_id, INVALID_VALUE)
    if action_id in (PROMPTS_ON, PROMPTS_OFF):
        set_update_prompts(runtime.unit_of_work, team_id, user_id, on)
        notice = "Monthly update reminders are on." if on else "No more monthly update reminders."
    else:
        set_update_notices(runtime.unit_of_work, team_id, user_id, on)
        notice = (
            "You'll hear about updates from people you've met, at most once a week."
            if on
            else "No more messages about updates from people you've met."
        )
    refresh_home(client, context, user_id, notice)


def _kind_of(action: dict[str, Any]) -> UpdateKind | None:
    """The kind a button says (its value); None when the value is not one."""
    value = action.get("value")
    return KINDS.get(value) if isinstance(value, str) else None


def register(app: App) -> None:
    app.action(WRITE_UPDATE)(open_update_modal)
    app.action(FAREWELL_EDIT)(open_update_modal)
    app.action(FAREWELL_POST)(post_farewell)
    app.view(UPDATE_CALLBACK)(submit_update)
    for action_id in (PROMPTS_ON, PROMPTS_OFF, NOTICES_ON, NOTICES_OFF):
        app.action(action_id)(switch)
