"""/event: the new-event modal and its submission, `/event list`, `/event edit <number>` (a new time) and
`/event cancel <number>`."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.domain.events import check_time
from bot.domain.time import local_time
from bot.services.events.manage import (
    cancel_event,
    check_new_event,
    create_event,
    editable_event,
    reschedule_event,
    timezone_of,
    upcoming,
)
from handlers.context import runtime_of
from handlers.events.blocks import EVENTS_LISTED, list_blocks
from handlers.events.forms import (
    CREATE,
    EDIT_TIME,
    create_modal,
    edit_time_modal,
    event_id_of,
    read_create_form,
)
from handlers.middleware.admins import user_is_admin
from handlers.middleware.dedup import read_only_command
from handlers.text import INVALID_VALUE, plain

USAGE = (
    "`/event` creates an event (a form opens) · `/event list` shows what's coming up · "
    "`/event edit 12` changes the time of event #12 and `/event cancel 12` cancels it "
    "(its creator or an admin)"
)


def event_number(text: str) -> int | None:
    text = text.strip().lstrip("#")
    return int(text) if text.isdigit() and len(text) <= 9 and int(text) > 0 else None


def handle_event(
    ack: Ack, command: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    words = plain(command.get("text")).split(maxsplit=1)
    if not words:
        ack()
        zone = timezone_of(runtime.messengers.events(team_id), user_id)
        today = local_time(runtime.clock(), zone).date()
        client.views_open(trigger_id=body["trigger_id"], view=create_modal(command.get("channel_id"), today))
    elif words[0].lower() == "list" and len(words) == 1:
        events = upcoming(
            runtime.unit_of_work, runtime.channel_access, team_id, user_id, runtime.clock(), EVENTS_LISTED
        )
        ack(text="Upcoming events", blocks=list_blocks(events))
    elif words[0].lower() == "edit":
        number = event_number(words[1] if len(words) > 1 else "")
        if number is None:
            ack(text="Which event? `/event edit 12` — `/event list` shows the numbers.")
            return
        admin = user_is_admin(runtime, team_id, user_id)
        event = editable_event(
            runtime.unit_of_work, runtime.channel_access, team_id, number, user_id, admin, runtime.clock()
        )
        if isinstance(event, str):
            ack(text=event)
            return
        ack()
        zone = timezone_of(runtime.messengers.events(team_id), user_id)
        start = local_time(event.starts_at, zone)
        client.views_open(
            trigger_id=body["trigger_id"],
            view=edit_time_modal(event.id, event.title, start, event.duration_minutes),
        )
    elif words[0].lower() == "cancel":
        number = event_number(words[1] if len(words) > 1 else "")
        if number is None:
            ack(text="Which event? `/event cancel 12` — `/event list` shows the numbers.")
            return
        ack()
        admin = user_is_admin(runtime, team_id, user_id)
        outcome = cancel_event(
            runtime.unit_of_work,
            runtime.messengers.events(team_id),
            runtime.channel_access,
            team_id,
            number,
            user_id,
            admin,
        )
        client.chat_postMessage(channel=user_id, text=outcome.text)
    else:
        ack(text=USAGE)


def submit_event(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Inline errors for a bad field; else announce the event and tell its creator where."""
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    messenger = runtime.messengers.events(team_id)
    form = read_create_form(view)
    admin = user_is_admin(runtime, team_id, user_id)
    plan, errors = check_new_event(
        messenger, runtime.channel_access, team_id, user_id, form, admin, runtime.clock()
    )
    if plan is None:
        ack(response_action="errors", errors=errors)
        return
    ack()
    limit = runtime.settings.events_upcoming_limit
    event, announced = create_event(
        runtime.unit_of_work, messenger, team_id, user_id, plan, runtime.clock(), limit
    )
    if event is None:
        client.chat_postMessage(channel=user_id, text=upcoming_limit_text(limit))
        return
    text = (
        f"Event #{event.id} is announced in <#{event.channel_id}>. `/event edit {event.id}` changes its time,"
        f" `/event cancel {event.id}` cancels it."
        if announced
        else f"Event #{event.id} is saved, but Slack refused the announcement in <#{event.channel_id}>."
    )
    client.chat_postMessage(channel=user_id, text=text)


def upcoming_limit_text(limit: int) -> str:
    return (
        f"You have {limit} upcoming events already, the most at once, so I didn't create this one: "
        "`/event cancel 12` cancels one (`/event list` shows the numbers)."
    )


def submit_new_time(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Inline errors for a bad day, time or duration; else move the event and tell the editor how it went."""
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    event_id = event_id_of(view)
    if event_id is None:
        ack(response_action="errors", errors={"start_date": INVALID_VALUE})
        return
    messenger = runtime.messengers.events(team_id)
    new, errors = check_time(read_create_form(view), timezone_of(messenger, user_id), runtime.clock())
    if new is None:
        ack(response_action="errors", errors=errors)
        return
    ack()
    admin = user_is_admin(runtime, team_id, user_id)
    outcome = reschedule_event(
        runtime.unit_of_work,
        messenger,
        runtime.channel_access,
        team_id,
        event_id,
        user_id,
        admin,
        new,
        runtime.clock(),
    )
    client.chat_postMessage(channel=user_id, text=outcome.text)


def register(app: App) -> None:
    read_only_command("/event", "list")
    app.command("/event")(handle_event)
    app.view(CREATE)(submit_event)
    app.view(EDIT_TIME)(submit_new_time)
