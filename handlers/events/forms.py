"""The events' modals: creating an event, whom you met, your pitch; rendering them and reading them back.

Block IDs are the field names `check_event` keys its errors by, so errors land under the right input.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from bot.domain.events import (
    DEFAULT_DURATION,
    DEFAULT_TABLE_SIZE,
    DESCRIPTION_LIMIT,
    TABLE_SIZES,
    TITLE_LIMIT,
    WHERE_LIMIT,
    EventForm,
)
from bot.domain.people.profile import PITCH_LIMIT
from handlers.blockkit import modal, plain_text, string_value, view_element, view_values
from handlers.text import channel_id_value, clip, user_id_value

CREATE = "event_create"
EDIT_TIME = "event_edit_time"
WHO_MET = "event_who_met"
PITCH = "event_pitch"
MAX_PEOPLE = 20


def _input(
    block_id: str, label: str, element: dict[str, Any], optional: bool = False, hint: str | None = None
) -> dict[str, Any]:
    block = {
        "type": "input",
        "block_id": block_id,
        "label": plain_text(label),
        "optional": optional,
        "element": {"action_id": "value", **element},
    }
    if hint:
        block["hint"] = plain_text(hint)
    return block


def _text(max_length: int, multiline: bool = False, initial: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "max_length": max_length, "multiline": multiline}
    if initial:
        element["initial_value"] = initial[:max_length]
    return element


def _number(initial: int | None = None, minimum: int = 1, maximum: int | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "number_input", "is_decimal_allowed": False, "min_value": str(minimum)}
    if maximum is not None:
        element["max_value"] = str(maximum)
    if initial is not None:
        element["initial_value"] = str(initial)
    return element


def create_modal(channel_id: str | None, today: date) -> dict[str, Any]:
    """The /event modal; the channel defaults to where it was run."""
    channel: dict[str, Any] = {
        "type": "conversations_select",
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if channel_id_value(channel_id) and not str(channel_id).startswith("D"):
        channel["initial_conversation"] = channel_id
    mix_option = {"text": plain_text("Mix people into small tables at the start"), "value": "mix"}
    blocks = [
        _input("title", "Title", _text(TITLE_LIMIT)),
        _input("description", "Description", _text(DESCRIPTION_LIMIT, multiline=True), optional=True),
        _input("start_date", "Day", {"type": "datepicker", "initial_date": today.isoformat()}),
        _input("start_time", "Starts at (your time zone)", {"type": "timepicker", "initial_time": "17:00"}),
        _input("duration", "Duration (minutes)", _number(DEFAULT_DURATION, 5)),
        _input(
            "where", "Where", _text(WHERE_LIMIT), optional=True, hint="A room, an address or a video link"
        ),
        _input("channel", "Announce in", channel),
        _input("capacity", "Places", _number(None, 2), optional=True, hint="Leave empty for no limit"),
        _input("mix", "Tables", {"type": "checkboxes", "options": [mix_option]}, optional=True),
        _input("table_size", "People a table", _number(DEFAULT_TABLE_SIZE, 2, TABLE_SIZES.stop - 1)),
    ]
    return modal(CREATE, "New event", "Announce", blocks, {})


def edit_time_modal(
    event_id: int, title: str, local_start: datetime, duration_minutes: int
) -> dict[str, Any]:
    """A new day, start time (the editor's zone) and duration for an event; the rest stays."""
    blocks = [
        {"type": "section", "text": plain_text(clip(f"#{event_id} {title}", 2000))},
        {"type": "context", "elements": [plain_text("Everyone going or on the waitlist gets one message.")]},
        _input("start_date", "Day", {"type": "datepicker", "initial_date": local_start.date().isoformat()}),
        _input(
            "start_time",
            "Starts at (your time zone)",
            {"type": "timepicker", "initial_time": local_start.strftime("%H:%M")},
        ),
        _input("duration", "Duration (minutes)", _number(duration_minutes, 5)),
    ]
    metadata = {"event_id": event_id}
    return modal(EDIT_TIME, "Change the time", "Move it", blocks, metadata)


def read_create_form(view: dict[str, Any]) -> EventForm:
    values = view_values(view)

    def text(block_id: str) -> str:
        return string_value(view_element(values, block_id).get("value"))

    chosen_day = string_value(view_element(values, "start_date").get("selected_date"))
    try:
        day = date.fromisoformat(chosen_day) if chosen_day else None
    except ValueError:
        day = None
    mix = view_element(values, "mix").get("selected_options")
    return EventForm(
        title=text("title"),
        description=text("description"),
        start_date=day,
        start_time=string_value(view_element(values, "start_time").get("selected_time")),
        duration=text("duration"),
        where=text("where"),
        channel_id=channel_id_value(view_element(values, "channel").get("selected_conversation")),
        capacity=text("capacity"),
        mix=bool(mix) and isinstance(mix, list),
        table_size=text("table_size"),
    )


def who_met_modal(event_id: int, title: str, prefill: Sequence[str]) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "multi_users_select", "max_selected_items": MAX_PEOPLE}
    if prefill:
        element["initial_users"] = list(prefill)[:MAX_PEOPLE]
    blocks = [
        {"type": "section", "text": {"type": "plain_text", "text": clip(f"At {title}", 2000)}},
        _input("people", "Whom did you meet?", element, hint="Your table is already filled in"),
    ]
    return modal(WHO_MET, "Who did you meet?", "Add", blocks, {"event_id": event_id})


def read_people(view: dict[str, Any]) -> list[str] | None:
    """The people chosen, each once; None when a value is not a user ID or there are more than the select
    allows (a forged form)."""
    chosen = view_element(view_values(view), "people").get("selected_users")
    if chosen is None:
        return []
    if not isinstance(chosen, list) or len(chosen) > MAX_PEOPLE:
        return None
    people = [user_id_value(c) for c in chosen]
    return None if None in people else list(dict.fromkeys(u for u in people if u))


def pitch_modal(pitch: str) -> dict[str, Any]:
    blocks = [
        _input(
            "pitch",
            "Your elevator pitch",
            _text(PITCH_LIMIT, multiline=True, initial=pitch),
            hint="Two or three sentences: who you are, what you work on, what you'd like to learn",
        )
    ]
    return modal(PITCH, "My pitch", "Save", blocks, {})


def read_pitch(view: dict[str, Any]) -> str:
    return string_value(view_element(view_values(view), "pitch").get("value"))


def event_id_of(view: dict[str, Any]) -> int | None:
    """The event a modal is about, from its private metadata; None when it is not a sane id."""
    try:
        value = json.loads(view.get("private_metadata") or "{}").get("event_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) and 0 < value < 2**31 else None
