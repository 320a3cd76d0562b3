"""One Web API call: reference checks, injected faults, auth, the method itself, recording."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import api_chat, api_directory, api_views, reference
from .calls import Call, CallLog, Fault, FaultQueue
from .common import SlackError, invalid_arguments
from .ratelimit import RateLimits
from .state import SlackState

METHODS = {**api_directory.METHODS, **api_chat.METHODS, **api_views.METHODS}
# Methods authenticated by client credentials rather than a token.
NO_TOKEN = frozenset({"oauth.v2.access", "oauth.access", "oauth.v2.exchange", "openid.connect.token"})
APP_TOKEN = frozenset({"apps.connections.open"})  # methods that take the app-level (xapp-) token
JSON_TYPE = "application/json; charset=utf-8"


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": JSON_TYPE})


def json_response(data: dict[str, Any], status: int = 200) -> Response:
    return Response(status, json.dumps(data).encode())


def fault_response(fault: Fault) -> Response:
    if fault.status in (500, 502, 503, 504):
        page = f"<html><body><h1>{fault.status} {fault.error}</h1></body></html>"
        return Response(fault.status, page.encode(), {"Content-Type": "text/html; charset=utf-8"})
    response = json_response({"ok": False, "error": fault.error}, fault.status)
    if fault.status == 429:
        response.headers["Retry-After"] = str(fault.retry_after if fault.retry_after is not None else 1)
    return response


class Dispatcher:
    def __init__(self, state: SlackState, log: CallLog, faults: FaultQueue) -> None:
        self.state, self.log, self.faults = state, log, faults
        self.stalls: dict[str, tuple[threading.Event, threading.Event]] = {}
        self.rate_limits: RateLimits | None = None  # opt-in: FakeSlack.enforce_rate_limits()

    def stall_next(self, method: str) -> tuple[threading.Event, threading.Event]:
        """The next call to `method` is carried out, then its answer waits until `release` is set.

        Returns (reached, release): a test kills the caller once `reached` is set, to crash it
        after Slack did the work but before the caller heard so.
        """
        events = (threading.Event(), threading.Event())
        self.stalls[method] = events
        return events

    def handle(self, method: str, raw_args: dict[str, Any], token: str | None) -> Response:
        if reference.method_spec(method) is None:
            unknown = SlackError("unknown_method", violations=["no such Slack Web API method"])
            return self._finish(method, raw_args, unknown)
        args, bad_json = reference.decode_json_args(method, raw_args)
        violations = [
            f"{method}: argument {name!r} is not in the reference"
            for name in reference.unknown_args(method, args)
        ]
        violations += self._team_id_problems(method, args)
        fault = self.faults.take(method)
        if fault is not None:
            self.log.record(Call(method, args, False, fault.error, fault.status), violations)
            return fault_response(fault)
        retry_after = self.rate_limits.retry_after(method, args) if self.rate_limits else None
        if retry_after is not None:
            self.log.record(Call(method, args, False, "ratelimited", 429), violations)
            return fault_response(Fault("ratelimited", 429, retry_after, 1))
        response = self._finish(method, args, self._run(method, args, token, bad_json), violations)
        stall = self.stalls.pop(method, None)
        if stall is not None:
            reached, release = stall
            reached.set()
            release.wait(timeout=30)
        return response

    def _team_id_problems(self, method: str, args: dict[str, Any]) -> list[str]:
        """slack_sdk sends WebClient(team_id=...) on every call (Bolt always sets it): accept and drop it."""
        listed = "team_id" in reference.arg_specs(method)
        team_id = args.get("team_id") if listed else args.pop("team_id", None)
        if team_id and team_id != self.state.workspace.team_id:
            return [f"{method}: team_id {team_id!r} is not this workspace ({self.state.workspace.team_id})"]
        return []

    def _run(self, method: str, args: dict[str, Any], token: str | None, bad_json: list[str]) -> Any:
        """The method's answer (a dict), or the SlackError it fails with."""
        if method in APP_TOKEN:
            return self._app_level(token)
        if method not in NO_TOKEN and not token:
            return SlackError("not_authed")
        if method not in NO_TOKEN and token != self.state.bot_token:
            return SlackError("invalid_auth")
        missing = reference.missing_args(method, args)
        if missing:
            problems = [f"missing required field: {name}" for name in missing]
            return invalid_arguments(problems, violations=problems)
        if bad_json:
            error = "invalid_blocks_format" if "blocks" in bad_json else "invalid_arguments"
            return SlackError(error, violations=[f"{name} is not valid JSON" for name in bad_json])
        implementation = METHODS.get(method)
        if implementation is None:
            hint = "the fake does not implement this method; add it to bot/sandbox/fakeslack"
            return SlackError("fake_not_implemented", violations=[hint])
        try:
            with self.state.lock:
                return implementation(self.state, args)
        except SlackError as error:
            return error

    def _app_level(self, token: str | None) -> Any:
        """apps.connections.open: a Socket Mode URL, for the app-level token only."""
        if not token:
            return SlackError("not_authed")
        if not token.startswith("xapp-"):
            return SlackError("not_allowed_token_type")
        if token != self.state.app_token:
            return SlackError("invalid_auth")
        return {"url": self.state.open_socket()}

    def _finish(
        self, method: str, args: dict[str, Any], outcome: Any, violations: Sequence[str] = ()
    ) -> Response:
        if isinstance(outcome, SlackError):
            all_violations = [*violations, *(f"{method}: {v}" for v in outcome.violations)]
            self.log.record(Call(method, args, False, outcome.error, 200), all_violations)
            return json_response({"ok": False, "error": outcome.error, **outcome.extra})
        self.log.record(Call(method, args, True, None, 200), violations)
        return json_response({"ok": True, **outcome})
