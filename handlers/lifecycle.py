"""Workspace events Rapport subscribes to but does not act on yet.

Slack counts any non-2xx answer to an event as a failure, retries it, and eventually turns the
subscription off, so each subscribed event gets a listener that acknowledges it. Pools created by
inviting the bot (member_joined_channel) and welcome DMs (team_join) build on these.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_bolt.context.context import BoltContext


def acknowledge(event: dict[str, Any], context: BoltContext) -> None:
    context.logger.debug("event %s acknowledged", event.get("type"))


def register(app: App) -> None:
    app.event("member_joined_channel")(acknowledge)
    app.event("team_join")(acknowledge)
