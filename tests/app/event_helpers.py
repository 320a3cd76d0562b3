"""Driving networking events through Slack's protocol, and reading what happened."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.sandbox.slack_requests import Reply
from bot.services.events.ports import Event
from tests.app.conftest import RunningApp

GENERAL = "C0GENERAL"
AMARA = "U01AMARA"  # an intern in New York, not an admin


def rapport_joins(app: RunningApp, channel_id: str = GENERAL) -> None:
    app.fake.workspace.channels[channel_id].members.append(app.fake.workspace.bot_user_id)


def form(
    title: str = "Summer mixer",
    day: date = date(2026, 6, 3),
    at: str = "17:00",
    duration: str = "60",
    where: str = "Rooftop, 5th floor",
    channel: str | None = GENERAL,
    capacity: str | None = None,
    mix: bool = False,
    table_size: str = "4",
    description: str = "Drinks and snacks.",
) -> dict[str, dict]:
    def text(value: str | None) -> dict:
        return {"value": {"type": "plain_text_input", "value": value}}

    return {
        "title": text(title),
        "description": text(description),
        "start_date": {"value": {"type": "datepicker", "selected_date": day.isoformat()}},
        "start_time": {"value": {"type": "timepicker", "selected_time": at}},
        "duration": {"value": {"type": "number_input", "value": duration}},
        "where": text(where),
        "channel": {"value": {"type": "conversations_select", "selected_conversation": channel}},
        "capacity": {"value": {"type": "number_input", "value": capacity}},
        "mix": {
            "value": {
                "type": "checkboxes",
                "selected_options": [{"value": "mix"}] if mix else [],
            }
        },
        "table_size": {"value": {"type": "number_input", "value": table_size}},
    }


def submit(app: RunningApp, user_id: str = AMARA, **fields: Any) -> Reply:
    view = {"callback_id": "event_create", "private_metadata": "{}", "state": {"values": form(**fields)}}
    return app.slack.view_submission(user_id, view)


def create(app: RunningApp, user_id: str = AMARA, **fields: Any) -> Event:
    """Submit the modal and wait for the announcement; the stored event."""
    before = len(app.fake.calls_to("chat.postMessage"))
    told = len([c for c in app.fake.calls_to("chat.postMessage") if c.args["channel"] == user_id])
    reply = submit(app, user_id, **fields)
    assert reply.status == 200 and "errors" not in (reply.json() or {}), reply.body
    app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == user_id, count=told + 1)
    assert len(app.fake.calls_to("chat.postMessage")) > before
    with app.runtime.unit_of_work() as work:
        return max(work.events.upcoming(app.fake.workspace.team_id, app.clock()), key=lambda e: e.id)


def announcement(app: RunningApp, event: Event) -> dict:
    with app.runtime.unit_of_work() as work:
        stored = work.events.get(event.team_id, event.id)
    assert stored is not None and stored.message_ts
    return next(m for m in app.fake.messages_in(stored.channel_id) if m["ts"] == stored.message_ts)


def press(app: RunningApp, user_id: str, action_id: str, event: Event, channel_id: str = GENERAL) -> Reply:
    """Press a button of the announcement and wait for the private answer: listeners run after the ack,
    so without waiting two presses could be handled in either order."""
    answered = len(app.fake.calls_to("response_url"))
    message = {"ts": event.message_ts or "1.000001", "text": "Event"}
    reply = app.slack.block_action(user_id, action_id, str(event.id), message=message, channel_id=channel_id)
    assert reply.status == 200
    app.fake.wait_for("response_url", lambda c: True, count=answered + 1)
    return reply


def private_answers(app: RunningApp, containing: str) -> list[dict]:
    return [c.args for c in app.fake.calls_to("response_url") if containing in c.args.get("text", "")]


def section_texts(message: dict) -> str:
    return "\n".join(
        (b.get("text") or {}).get("text", "")
        for b in message.get("blocks") or []
        if b.get("type") == "section"
    )
