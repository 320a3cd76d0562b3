"""Workspace events: the bot invited to a channel makes it a coffee pool; others are acknowledged.

Slack counts any non-2xx answer to an event as a failure, retries it, and eventually turns the
subscription off, so each subscribed event gets a listener. Welcome DMs (team_join) come later.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_bolt.context.context import BoltContext

from bot.domain.coffee import Schedule
from bot.services.coffee_pools import adopt_channel
from handlers.runtime import runtime_of


def bot_joined_channel(event: dict[str, Any], context: BoltContext) -> None:
    """Inviting Rapport to a channel makes it a pool with the default schedule, announced there."""
    if event.get("user") != context.bot_user_id:
        return
    runtime = runtime_of(context)
    team_id = event.get("team") or context.team_id or ""
    adopt_channel(
        runtime.unit_of_work,
        runtime.messenger_for(team_id),
        team_id,
        event["channel"],
        Schedule(timezone=runtime.settings.timezone.key),
        runtime.clock(),
    )


def acknowledge(event: dict[str, Any], context: BoltContext) -> None:
    context.logger.debug("event %s acknowledged", event.get("type"))


def register(app: App) -> None:
    app.event("member_joined_channel")(bot_joined_channel)
    app.event("team_join")(acknowledge)
