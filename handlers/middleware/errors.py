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
    log.error("a listener for %s failed", loggable(_kind(body)), exc_info=error)
    url = _response_url(body)
    runtime = context.get(RUNTIME_KEY)
    if isinstance(url, str) and runtime is not None:
        answer_privately(url, APOLOGY, runtime.settings.slack_api_url)
    if response is not None and (response.status or 500) >= 500:
        return BoltResponse(status=200, body="")
    return None


def _kind(body: dict[str, Any]) -> object:
    event = body.get("event")
    event_type = event.get("type") if isinstance(event, dict) else None
    return body.get("command") or body.get("type") or event_type or "request"


def _response_url(body: dict[str, Any]) -> object:
    """The payload's response_url, or a modal's first one; whatever shape the fields have."""
    urls = body.get("response_urls")
    listed = [u.get("response_url") for u in urls if isinstance(u, dict)] if isinstance(urls, list) else []
    return body.get("response_url") or next(iter(listed), None)


def register(app: App) -> None:
    app.error(report_error)
