"""Global middleware that acknowledges a repeated request and skips its listeners.

Events are keyed by event_id (Slack retries them); slash commands, button presses and form submissions by
trigger_id, which Slack makes unique per user action: a replayed request inside the five minutes its
signature stays valid does nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from bot.log_redaction import loggable
from bot.services.membership.seen_events import first_delivery, first_use_of_trigger
from handlers.context import runtime_of
from handlers.text import asks_for_help, plain

log = logging.getLogger("rapport.events")


def skip_repeated_events(
    body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse]
) -> BoltResponse:
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    if not isinstance(event_id, str) or not event_id:
        return next()
    runtime = runtime_of(context)
    team_id = context.team_id or str(body.get("team_id") or "")
    if first_delivery(runtime.unit_of_work, event_id, team_id, runtime.clock()):
        return next()
    log.info("event %s was already handled; acknowledging the repeat", loggable(event_id))
    return BoltResponse(status=200, body="")


# Interactions that act; block_suggestion (options loading) only reads and carries no trigger_id.
KEYED_INTERACTIONS = frozenset({"block_actions", "view_submission", "shortcut", "message_action"})
TRIGGER_ID_LIMIT = 62  # Slack's are about 45 characters; "t:" and it must fit seen_events' 64


# (command, first word) of commands that only show something: a replay of one repeats nothing, and not
# claiming keeps them free of database writes. Each declares itself (handlers/coffee/command.py).
READ_ONLY_COMMANDS: set[tuple[str, str]] = set()


def read_only_command(command: str, first_word: str) -> None:
    """Declare that `command first_word …` changes nothing, so it needs no trigger_id claim."""
    READ_ONLY_COMMANDS.add((command, first_word.lower()))


def trigger_of(body: dict[str, Any]) -> str | None:
    """The trigger_id of a state-changing slash command or an acting interaction, when it has a usable one."""
    command = body.get("command")
    if isinstance(command, str):
        first_word = plain(str(body.get("text") or "")).strip().partition(" ")[0].lower()
        if asks_for_help(body.get("text")) or (command, first_word) in READ_ONLY_COMMANDS:
            return None
    elif body.get("type") not in KEYED_INTERACTIONS:
        return None
    trigger_id = body.get("trigger_id")
    if isinstance(trigger_id, str) and 0 < len(trigger_id) <= TRIGGER_ID_LIMIT:
        return trigger_id
    return None


def skip_replayed_actions(
    body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse]
) -> BoltResponse:
    trigger_id = trigger_of(body)
    if trigger_id is None:
        return next()
    runtime = runtime_of(context)
    team = body.get("team")
    team_id = context.team_id or str(
        body.get("team_id") or (team.get("id") if isinstance(team, dict) else "")
    )
    if first_use_of_trigger(runtime.unit_of_work, trigger_id, team_id, runtime.clock()):
        return next()
    log.info("a request with an already used trigger_id was replayed; acknowledged, nothing done")
    return BoltResponse(status=200, body="")


def register(app: App) -> None:
    app.use(skip_repeated_events)
    app.use(skip_replayed_actions)
