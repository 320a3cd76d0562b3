"""A global middleware that acknowledges a repeated Events API delivery and skips its listeners."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from bot.log_redaction import loggable
from bot.services.membership.seen_events import first_delivery
from handlers.context import runtime_of

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


def register(app: App) -> None:
    app.use(skip_repeated_events)
