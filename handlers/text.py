"""Making user text safe and short enough for Slack."""

from __future__ import annotations


def escape(text: str) -> str:
    """Escape mrkdwn control characters so user text cannot mention @channel or fake a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Cut text to `limit` characters, ending with an ellipsis when anything was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
