"""When a listener fails unexpectedly, the member still gets a clear, private answer."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from bot.log_redaction import loggable
from handlers.context import RUNTIME_KEY
from handlers.middleware.response_url import answer_privately

APOLOGY = (
    "Sorry — something went wrong on Rapport's side. Please try again in a minute; if it keeps "
    "happening, tell your program lead (the details are in Rapport's log)."
)

log = logging.getLogger("rapport.errors")


def report_error(
    error: Exception, body: dict[str, Any], response: BoltResponse | None, context: BoltContext
) -> BoltResponse | None:
    """Log the failure, tell the person who acted, and never let Slack see a 500.

    Only verified requests get here (bot/serve/web.py refuses the rest), yet every field is logged
    escaped and the apology goes only to Slack's own response hosts.
    """
    kind = body.get("command") or body.get("type") or (body.get("event") or {}).get("type") or "request"
    log.error("a listener for %s failed", loggable(kind), exc_info=error)
    url = body.get("response_url") or next(
        (u.get("response_url") for u in body.get("response_urls") or []), None
    )
    runtime = context.get(RUNTIME_KEY)
    if isinstance(url, str) and runtime is not None:
        answer_privately(url, APOLOGY, runtime.settings.slack_api_url)
    if response is not None and (response.status or 500) >= 500:
        return BoltResponse(status=200, body="")
    return None


def register(app: App) -> None:
    app.error(report_error)
