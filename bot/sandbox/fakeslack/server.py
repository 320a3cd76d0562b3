"""FakeSlack: a local Slack Web API (plus upload and response_url endpoints) for tests."""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .blockkit import check_blocks, check_view
from .calls import Call, CallLog, Fault, FaultQueue
from .dispatch import Dispatcher, Response, fault_response
from .handler import FakeSlackServer
from .ratelimit import RateLimits
from .seed import seeded_workspace
from .socket_mode import SocketModeServer
from .state import SlackState, UploadedFile
from .workspace import Workspace

if TYPE_CHECKING:
    from bot.sandbox.slack_requests import Reply

RESPONSE_URL_USES = 5  # Slack accepts at most 5 posts to one response_url
TEXT = {"Content-Type": "text/plain; charset=utf-8"}


def new_token(kind: str) -> str:
    """A token shaped like Slack's, random for each fake: a page on another site cannot guess it."""
    return f"{kind}-{secrets.randbelow(10**12):012d}-{secrets.randbelow(10**13):013d}-{secrets.token_hex(12)}"


class FakeSlack:
    """Serves on 127.0.0.1:<free port> from a daemon thread until close()."""

    def __init__(
        self,
        workspace: Workspace | None = None,
        page_size: int = 100,
        bot_token: str | None = None,
    ) -> None:
        self.workspace = workspace if workspace is not None else seeded_workspace()
        self.bot_token = bot_token or new_token("xoxb")
        self._log = CallLog()
        self._faults = FaultQueue()
        self._server = FakeSlackServer(self)
        port = self._server.server_address[1]
        self.root_url = f"http://127.0.0.1:{port}/"
        self.url = self.root_url + "api/"
        self.hosts = frozenset((f"127.0.0.1:{port}", f"localhost:{port}"))  # the Host header we answer
        self.state = SlackState(self.workspace, self.bot_token, page_size, self.root_url)
        self.state.app_token = new_token("xapp")
        self.dispatcher = Dispatcher(self.state, self._log, self._faults)
        self._socket_mode: SocketModeServer | None = None
        self.state.open_socket = lambda: self.socket_mode.url
        self._response_urls: dict[str, int] = {}
        # Told of every accepted response_url POST (key, payload): the sandbox shows them as Slack would.
        self.on_response_url: Callable[[str, dict[str, Any]], None] | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name="fake-slack",
        )
        self._thread.start()
        self._closed = False

    # --- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for _, release in self.dispatcher.stalls.values():
            release.set()
        if self._socket_mode is not None:
            self._socket_mode.close()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeSlack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def app_token(self) -> str:
        return self.state.app_token

    @property
    def socket_mode(self) -> SocketModeServer:
        """The Socket Mode WebSocket, started when first needed (apps.connections.open or a test)."""
        with self._lock:
            if self._socket_mode is None:
                self._socket_mode = SocketModeServer()
            return self._socket_mode

    # --- what happened ---------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        return self._log.calls

    @property
    def violations(self) -> list[str]:
        """Live list of reference/Block Kit breaches (a test that provokes one on purpose may clear it)."""
        return self._log.violations

    def take_violations(self) -> list[str]:
        """Return the violations recorded so far and forget them."""
        return self._log.take_violations()

    def calls_to(self, method: str, include_failed: bool = False) -> list[Call]:
        return self._log.calls_to(method, include_failed)

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 5.0,
        include_failed: bool = False,
    ) -> list[Call]:
        """Block until `count` matching calls are recorded; returns every matching call."""
        return self._log.wait_for(method, predicate, count, timeout, include_failed)

    def messages_in(self, channel_id: str) -> list[dict[str, Any]]:
        """Messages visible in a channel/DM, oldest first (chat.update edits them in place)."""
        with self.state.lock:
            return list(self.state.messages.get(channel_id, []))

    def unfurl_flags(self, channel_id: str, ts: str) -> dict[str, bool]:
        """The unfurl_links and unfurl_media a message was posted with (only those given)."""
        with self.state.lock:
            return dict(self.state.unfurls.get((channel_id, ts), {}))

    def ephemerals_in(self, channel_id: str, user_id: str | None = None) -> list[dict[str, Any]]:
        with self.state.lock:
            found = self.state.ephemerals.get(channel_id, [])
            return [m for m in found if user_id is None or m["visible_to"] == user_id]

    def dm_channel(self, user_id: str) -> str | None:
        """The id of the bot's IM with `user_id`, if it was ever opened."""
        with self.state.lock:
            return next(
                (c.id for c in self.workspace.channels.values() if c.is_im and user_id in c.members), None
            )

    def messages_to(self, user_id: str) -> list[dict[str, Any]]:
        """Messages the bot sent to `user_id` in their IM."""
        channel_id = self.dm_channel(user_id)
        return self.messages_in(channel_id) if channel_id else []

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        with self.state.lock:
            return self.state.home_views.get(user_id)

    def view(self, view_id: str) -> dict[str, Any] | None:
        with self.state.lock:
            return self.state.views.get(view_id)

    def uploaded_file(self, file_id: str) -> UploadedFile | None:
        with self.state.lock:
            return self.state.files.get(file_id)

    # --- steering ----------------------------------------------------------------------------
    def fail_next(
        self,
        method: str,
        error: str = "ratelimited",
        status: int = 429,
        retry_after: int | None = 1,
        times: int = 1,
    ) -> None:
        """The next `times` calls to `method` (or "response_url") answer with this failure."""
        self._faults.add(method, Fault(error, status, retry_after, times))

    def enforce_rate_limits(self, limits: RateLimits | None = None) -> RateLimits:
        """From now on, answer calls over Slack's published limits with 429 + Retry-After."""
        self.dispatcher.rate_limits = limits or RateLimits()
        return self.dispatcher.rate_limits

    def stall_next(self, method: str) -> tuple[threading.Event, threading.Event]:
        """Carry out the next call to `method`, then hold its answer until `release` is set."""
        return self.dispatcher.stall_next(method)

    def oauth_code(self, user_id: str | None = None) -> str:
        """A fresh one-time OAuth code that oauth.v2.access will exchange (installed by user_id)."""
        code = self.state.next_id("code-")
        with self.state.lock:
            self.state.oauth_codes[code] = user_id or self.workspace.owner_id
        return code

    @property
    def client_id(self) -> str:
        return self.state.client_id

    @property
    def client_secret(self) -> str:
        return self.state.client_secret

    def response_url(self) -> str:
        """A new URL that accepts POSTed JSON like Slack's response_url."""
        key = secrets.token_urlsafe(18)  # unguessable, as Slack's are: whoever holds it may post
        with self._lock:
            self._response_urls[key] = 0
        return f"{self.root_url}response_url/{key}"

    # --- non-API endpoints (called from the HTTP handler) -----------------------------------
    def receive_upload(self, file_id: str, body: bytes) -> Response:
        with self.state.lock:
            upload = self.state.files.get(file_id)
            if upload is None:
                return Response(404, b"file not found", TEXT)
            upload.content = body
        if len(body) != upload.length:
            self._log.add_violation(
                f"upload {file_id}: {len(body)} bytes sent, files.getUploadURLExternal said {upload.length}"
            )
        return Response(200, f"OK - {len(body)}".encode(), TEXT)

    def receive_response_url(self, key: str, body: bytes) -> Response:
        url = f"{self.root_url}response_url/{key}"
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            payload = None
        args = payload if isinstance(payload, dict) else {"_raw": body.decode("utf-8", "replace")}
        fault = self._faults.take("response_url")
        if fault is not None:
            self._log.record(Call("response_url", args, False, fault.error, fault.status, url))
            return fault_response(fault)
        error, status, violations = self._response_url_problem(key, payload)
        self._log.record(Call("response_url", args, error is None, error, status, url), violations)
        if error is None and self.on_response_url is not None:
            self.on_response_url(key, args)
        return Response(status, (error or "ok").encode(), TEXT)

    def check_answer(self, reply: Reply) -> None:
        """What the app answered a signed request with (an acknowledgement's body), read as Slack reads it:
        blocks or a view over Slack's limits are refused, so each problem is recorded as a violation."""
        if reply.status != 200:
            return
        payload = reply.json()
        if not isinstance(payload, dict):
            return
        problems = [f"answer: {p}" for p in check_blocks(payload["blocks"])] if "blocks" in payload else []
        if isinstance(payload.get("view"), dict):
            problems += [f"answer: {p}" for p in check_view(payload["view"])]
        for problem in problems:
            self._log.add_violation(problem)

    def _response_url_problem(self, key: str, payload: Any) -> tuple[str | None, int, list[str]]:
        with self._lock:
            if key not in self._response_urls:
                return "no_such_url", 404, [f"response_url {key}: not issued by this fake"]
            self._response_urls[key] += 1
            uses = self._response_urls[key]
        if uses > RESPONSE_URL_USES:
            return "used_url", 404, [f"response_url {key}: used {uses} times (max {RESPONSE_URL_USES})"]
        if not isinstance(payload, dict):
            return "invalid_payload", 400, [f"response_url {key}: body is not a JSON object"]
        problems = check_blocks(payload["blocks"]) if "blocks" in payload else []
        if problems:
            return "invalid_blocks", 400, [f"response_url: {p}" for p in problems]
        if not (payload.get("text") or payload.get("blocks") or payload.get("delete_original")):
            return "no_text", 400, ["response_url: needs text, blocks or delete_original"]
        return None, 200, []
