"""The Block Kit pieces every feature's messages are built from, with Slack's limits applied once."""

from __future__ import annotations

import json
from typing import Any

from handlers.text import clip, plain

SECTION_LIMIT = 3000  # characters in a section's or a context element's text


def section(text: str, accessory: dict[str, Any] | None = None) -> dict[str, Any]:
    """A mrkdwn section; text beyond Slack's limit is clipped rather than refused by Slack."""
    block: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}}
    if accessory:
        block["accessory"] = accessory
    return block


def context(text: str) -> dict[str, Any]:
    """A context line: small grey mrkdwn under a message."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}]}


def view_values(view: dict[str, Any]) -> dict[str, Any]:
    """A submitted view's `state.values`, or {} when the payload has none of the right shape."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    return values if isinstance(values, dict) else {}


def view_element(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    """The state of the (only) element of an input block, or {}."""
    block = values.get(block_id)
    if not isinstance(block, dict) or not block:
        return {}
    element = next(iter(block.values()))
    return element if isinstance(element, dict) else {}


def string_value(value: object) -> str:
    """A typed value as plain text; anything that is not a string is empty."""
    return plain(value) if isinstance(value, str) else ""


def plain_text(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def modal(
    callback_id: str, title: str, submit: str, blocks: list[dict[str, Any]], metadata: dict[str, Any]
) -> dict[str, Any]:
    """A modal with Cancel, carrying `metadata` as JSON in private_metadata (read back as untrusted)."""
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain_text(title),
        "submit": plain_text(submit),
        "close": plain_text("Cancel"),
        "private_metadata": json.dumps(metadata),
        "blocks": blocks,
    }
