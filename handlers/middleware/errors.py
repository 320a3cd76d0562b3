"""When a listener fails unexpectedly, the member still gets a clear, private answer."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk.webhook import WebhookClient

APOLOGY = (
    "Sorry — something went wrong on Rapport's side. Please try again in a minute; if it keeps "
    "happening, tell your program lead (the details are in Rapport's log)."
)

log = logging.getLogger("rapport.errors")


def report_error(
    error: Exception, body: dict[str, Any], response: BoltResponse | None
) -> BoltResponse | None:
    """Log the failure, tell the person who acted, and never let Slack see a 500."""
    kind = body.get("command") or body.get("type") or (body.get("event") or {}).get("type") or "request"
    log.error("a listener for %s failed", kind, exc_info=error)
    url = body.get("response_url") or next(
        (u.get("response_url") for u in body.get("response_urls") or []), None
    )
    if url:
        try:
            WebhookClient(url).send(text=APOLOGY, response_type="ephemeral", replace_original=False)
        except Exception:  # the apology is best effort; the failure is already logged
            log.warning("could not send the apology for %s", kind)
    if response is not None and (response.status or 500) >= 500:
        return BoltResponse(status=200, body="")
    return None


def register(app: App) -> None:
    app.error(report_error)
