"""Send Slack-signed requests (slash commands, events, interactivity) to a running app over HTTP."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
_serial = itertools.count(1)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str

    def json(self) -> Any | None:
        """The body parsed as JSON, or None when it is empty or not JSON."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None


def _trigger_id() -> str:
    return f"{next(_serial)}.{int(time.time())}.{hashlib.sha1(str(time.time_ns()).encode()).hexdigest()}"


class SlackRequests:
    """Plays Slack's side of the Events API, slash commands and interactivity (v0 signatures)."""

    def __init__(
        self,
        base_url: str,
        signing_secret: str,
        team_id: str = "T0RAPPORT",
        response_url_factory: Callable[[], str] | None = None,
        path: str = "/slack/events",
        team_domain: str = "rapport-test",
        api_app_id: str = "ARAPPORT",
        bot_user_id: str = "UBOTRAPPORT",
        timeout: float = 10.0,
        answer_check: Callable[[Reply], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.signing_secret = signing_secret
        self.team_id, self.team_domain = team_id, team_domain
        self.api_app_id, self.bot_user_id = api_app_id, bot_user_id
        self.response_url_factory = response_url_factory
        self.path = path
        self.timeout = timeout
        # Told of each answer the app gives a signed request: Slack reads an acknowledgement's blocks too.
        self.answer_check = answer_check

    # --- raw ---------------------------------------------------------------------------------
    def sign(self, body: bytes, timestamp: int | None = None) -> dict[str, str]:
        """Slack's v0 signature headers for `body` (timestamp defaults to now)."""
        ts = str(int(time.time()) if timestamp is None else timestamp)
        base = b"v0:" + ts.encode() + b":" + body
        digest = hmac.new(self.signing_secret.encode(), base, hashlib.sha256).hexdigest()
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> Reply:
        """POST exactly these bytes and headers (no signing): for forged/stale/unsigned tests."""
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return Reply(response.status, dict(response.headers), response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            with error:
                return Reply(error.code, dict(error.headers), error.read().decode("utf-8"))

    def send_signed(self, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> Reply:
        headers = {"Content-Type": content_type, **self.sign(body), **(extra or {})}
        reply = self.post(self.path, body, headers)
        if self.answer_check is not None:
            self.answer_check(reply)
        return reply

    # --- payload pieces ------------------------------------------------------------------------
    def _response_url(self) -> str:
        if self.response_url_factory is not None:
            return self.response_url_factory()
        return f"https://hooks.slack.com/commands/{self.team_id}/{next(_serial)}/fake"

    def _user(self, user_id: str) -> dict[str, Any]:
        return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": self.team_id}

    def _team(self) -> dict[str, str]:
        return {"id": self.team_id, "domain": self.team_domain}

    # --- slash commands -----------------------------------------------------------------------
    def command(
        self,
        command: str,
        text: str = "",
        user_id: str = "U01AMARA",
        channel_id: str = "C0GENERAL",
        channel_name: str = "general",
        user_name: str | None = None,
    ) -> Reply:
        form = self.command_payload(command, text, user_id, channel_id, channel_name, user_name)
        return self.send_signed(urlencode(form).encode(), FORM)

    def command_payload(
        self,
        command: str,
        text: str = "",
        user_id: str = "U01AMARA",
        channel_id: str = "C0GENERAL",
        channel_name: str = "general",
        user_name: str | None = None,
    ) -> dict[str, str]:
        """A slash command's fields: form-encoded over HTTP, a JSON payload in Socket Mode."""
        return {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "team_domain": self.team_domain,
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": user_name or user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": self._response_url(),
            "trigger_id": _trigger_id(),
        }

    # --- Events API ---------------------------------------------------------------------------
    def event(
        self,
        event: dict[str, Any],
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str | None = None,
    ) -> Reply:
        envelope = self.event_payload(event, event_id)
        extra = {}
        if retry_num is not None:
            extra["X-Slack-Retry-Num"] = str(retry_num)
            extra["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        return self.send_signed(json.dumps(envelope).encode(), JSON, extra)

    def event_payload(self, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        """An event_callback envelope, as Slack POSTs it (or wraps it in a Socket Mode envelope)."""
        now = int(time.time())
        return {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "api_app_id": self.api_app_id,
            "event": {"event_ts": f"{now}.000100", **event},
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_serial):010d}",
            "event_time": now,
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-fake-{next(_serial)}",
        }

    def url_verification(self, challenge: str = "fake-challenge") -> Reply:
        body = {"token": "legacy-verification-token", "challenge": challenge, "type": "url_verification"}
        return self.send_signed(json.dumps(body).encode(), JSON)

    # --- interactivity ------------------------------------------------------------------------
    def interaction(self, payload: dict[str, Any]) -> Reply:
        """Any interactivity payload, form-encoded as `payload=<json>` like Slack does."""
        return self.send_signed(urlencode({"payload": json.dumps(payload)}).encode(), FORM)

    def block_action(
        self,
        user_id: str,
        action_id: str,
        value: str | None = None,
        block_id: str = "actions",
        message: dict[str, Any] | None = None,
        view: dict[str, Any] | None = None,
        channel_id: str | None = None,
        container: dict[str, Any] | None = None,
        action: dict[str, Any] | None = None,
    ) -> Reply:
        """A block_actions payload. Message actions carry a response_url, view actions do not (like Slack)."""
        act = {
            "type": "button",
            "action_id": action_id,
            "block_id": block_id,
            "text": {"type": "plain_text", "text": action_id},
            "action_ts": f"{time.time():.6f}",
        }
        if value is not None:
            act["value"] = value
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": "legacy-verification-token",
            "trigger_id": _trigger_id(),
            "team": self._team(),
            "enterprise": None,
            "is_enterprise_install": False,
            "container": container or self._container(message, view, channel_id),
            "actions": [{**act, **(action or {})}],
            "state": {"values": {}},
        }
        if channel_id:
            payload["channel"] = {"id": channel_id, "name": channel_id.lower()}
        if view is not None:
            payload["view"] = view
        if message is not None or view is None:
            payload["response_url"] = self._response_url()
        if message is not None:
            payload["message"] = message
        return self.interaction(payload)

    @staticmethod
    def _container(
        message: dict[str, Any] | None, view: dict[str, Any] | None, channel_id: str | None
    ) -> dict[str, Any]:
        if view is not None:
            return {"type": "view", "view_id": view.get("id", "VFAKE")}
        return {
            "type": "message",
            "message_ts": (message or {}).get("ts", f"{time.time():.6f}"),
            "channel_id": channel_id,
            "is_ephemeral": False,
        }

    def view_submission(self, user_id: str, view: dict[str, Any]) -> Reply:
        """A view_submission payload; `view` needs callback_id and usually state.values."""
        full = {
            "id": "VFAKE",
            "team_id": self.team_id,
            "type": "modal",
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {}},
            "hash": f"{time.time():.6f}",
            "title": {"type": "plain_text", "text": "Rapport"},
            "app_id": self.api_app_id,
            "bot_id": "BRAPPORT",
            "root_view_id": view.get("id", "VFAKE"),
            "previous_view_id": None,
            "external_id": "",
            "clear_on_close": False,
            "notify_on_close": False,
            **view,
        }
        payload = {
            "type": "view_submission",
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": "legacy-verification-token",
            "trigger_id": _trigger_id(),
            "view": full,
            "response_urls": [],
            "enterprise": None,
            "is_enterprise_install": False,
        }
        return self.interaction(payload)
