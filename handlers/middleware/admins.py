"""Who may administer, decided on the server for every admin path: hiding a button is not a permission.

Admin-only interactivity is named by convention: an action_id or a view callback_id starting with
`admin_`. A global middleware refuses such a payload from anyone else before any listener runs, so
a forged block_actions or view_submission never reaches one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient

from bot.log_redaction import loggable
from bot.runtime import Runtime
from bot.services.ports import SlackError
from handlers.context import runtime_of
from handlers.middleware.response_url import answer_privately

ADMIN_PREFIX = "admin_"
REFUSAL = "Only workspace admins and Rapport's admins can do that. Ask your program lead."

log = logging.getLogger("rapport.admins")


def user_is_admin(runtime: Runtime, team_id: str, user_id: str) -> bool:
    """Workspace admins and owners (users.info) and RAPPORT_ADMIN_IDS; unknown people are not admins."""
    if user_id in runtime.settings.admin_ids:
        return True
    try:
        member = runtime.messengers.coffee(team_id).member(user_id)
    except SlackError:
        return False
    return runtime.is_admin(member)


def admin_only_payload(body: dict[str, Any]) -> bool:
    if body.get("type") == "block_actions":
        return any(str(a.get("action_id", "")).startswith(ADMIN_PREFIX) for a in body.get("actions") or [])
    if body.get("type") in ("view_submission", "view_closed"):
        return str((body.get("view") or {}).get("callback_id", "")).startswith(ADMIN_PREFIX)
    return False


def refuse_non_admins(
    body: dict[str, Any], context: BoltContext, client: WebClient, next: Callable[[], BoltResponse]
) -> BoltResponse:
    if not admin_only_payload(body):
        return next()
    user_id = context.user_id or (body.get("user") or {}).get("id", "")
    if user_is_admin(runtime_of(context), context.team_id or "", user_id):
        return next()
    log.warning("refused an admin-only %s from %s", loggable(body.get("type")), loggable(user_id))
    if body.get("type") != "block_actions":  # a modal: replace it with the refusal, nothing is saved
        return _json(200, {"response_action": "update", "view": _refusal_view()})
    if isinstance(body.get("response_url"), str):
        answer_privately(body["response_url"], REFUSAL, runtime_of(context).settings.slack_api_url)
    else:  # a button in App Home or a modal has no response_url
        client.chat_postMessage(channel=user_id, text=REFUSAL)
    return BoltResponse(status=200, body="")


def _refusal_view() -> dict[str, Any]:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Rapport"},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": REFUSAL}}],
    }


def _json(status: int, data: dict[str, Any]) -> BoltResponse:
    return BoltResponse(status=status, body=json.dumps(data), headers={"Content-Type": "application/json"})


def register(app: App) -> None:
    app.use(refuse_non_admins)
