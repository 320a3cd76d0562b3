"""The HTTP face of Rapport: Slack's endpoints through Bolt, plus a health check for load balancers."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

log = logging.getLogger(__name__)


class RapportWsgi:
    """Routes /healthz here and everything else to Bolt; answers 503 until start-up is done."""

    def __init__(self, app: App, check_database: Callable[[], None]) -> None:
        self._slack = SlackRequestHandler(app, path=EVENTS_PATH)
        self._check_database = check_database
        self.ready = threading.Event()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH:
            return self._health(start_response)
        if not self.ready.is_set():
            return _json(start_response, "503 Service Unavailable", {"status": "starting"})
        try:
            return self._slack(environ, start_response)
        except ValueError as error:  # Bolt parses the body before checking it: JSON or form errors land here
            log.warning("malformed request body on %s: %s", path, error.__class__.__name__)
            return _json(start_response, "400 Bad Request", {"status": "malformed request"})

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
