"""The Block Kit pieces every feature's messages are built from, with Slack's limits applied once."""

from __future__ import annotations

from typing import Any

from handlers.text import clip

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
