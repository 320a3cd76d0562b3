"""The HTTP face of Rapport: Slack's endpoints through Bolt, plus a health check for load balancers.

Only Slack's own paths reach Bolt, and a POST reaches it only once its signature is verified here
(bot/serve/signature.py): an unsigned request gets 401 before any listener, error handler or
outgoing call could run. docs/security.md has the threat model and every limit.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from slack_bolt import App

from bot.log_redaction import loggable
from bot.serve.app import INSTALL_PATH, REDIRECT_PATH
from bot.serve.signature import signature_refusal
from bot.serve.slack_request import SlackHandler

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
OAUTH_PATHS = frozenset({INSTALL_PATH, REDIRECT_PATH})  # GET only; Bolt checks their state
MAX_BODY_BYTES = 1024 * 1024  # Slack's largest payloads (a full modal's view_submission) are far smaller

log = logging.getLogger(__name__)


class RapportWsgi:
    """Routes /healthz here and everything else to Bolt; answers 503 until start-up is done."""

    def __init__(
        self,
        app: App,
        check_database: Callable[[], None],
        signing_secret: str | None,
        now: Callable[[], float] = time.time,
    ) -> None:
        self._slack = SlackHandler(app, path=EVENTS_PATH)
        self._check_database = check_database
        self._signing_secret = signing_secret
        self._now = now  # Slack's signing clock is the real one, not Rapport's
        self.ready = threading.Event()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH:
            return self._health(start_response)
        method = environ.get("REQUEST_METHOD", "")
        if not (path == EVENTS_PATH and method == "POST") and not (path in OAUTH_PATHS and method == "GET"):
            return _json(start_response, "404 Not Found", {"status": "not found"})
        if not self.ready.is_set():
            return _json(start_response, "503 Service Unavailable", {"status": "starting"})
        if method == "POST":
            refused = self._verify(environ)
            if refused is not None:
                return _json(start_response, *refused)
        try:
            return self._slack(environ, start_response)
        except ValueError as error:  # the body is parsed before Bolt checks it: JSON or form errors land here
            log.warning("malformed request body on %s: %s", path, error.__class__.__name__)
            return _json(start_response, "400 Bad Request", {"status": "malformed request"})

    def _verify(self, environ: WSGIEnvironment) -> tuple[str, dict[str, str]] | None:
        """Read the body (at most MAX_BODY_BYTES) and check Slack's signature; the refusal, if any."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return "400 Bad Request", {"status": "malformed request"}
        if length > MAX_BODY_BYTES:
            return "413 Content Too Large", {"status": "request too large"}
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        reason = signature_refusal(
            self._signing_secret,
            environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP"),
            environ.get("HTTP_X_SLACK_SIGNATURE"),
            body,
            self._now(),
        )
        if reason is not None:
            log.warning(
                "refused an unsigned request from %s: %s", loggable(environ.get("REMOTE_ADDR")), reason
            )
            return "401 Unauthorized", {"status": "invalid signature"}
        environ["wsgi.input"] = io.BytesIO(body)  # Bolt reads the same bytes again, and checks them again
        environ["CONTENT_LENGTH"] = str(len(body))
        return None

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        if not self.ready.is_set():
            return _json(start_response, "503 Service Unavailable", {"status": "starting"})
        try:
            self._check_database()
        except Exception as error:  # any driver error means "not healthy", never a 500
            log.warning("health check: database unreachable: %s", error.__class__.__name__)
            return _json(start_response, "503 Service Unavailable", {"status": "database unreachable"})
        return _json(start_response, "200 OK", {"status": "ok"})


def _json(start_response: StartResponse, status: str, body: dict[str, str]) -> Iterable[bytes]:
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]
