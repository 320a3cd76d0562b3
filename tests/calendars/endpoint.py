"""An HTTP(S) server on 127.0.0.1 for the fake calendar systems: routes, a call log, and faults to inject.

A fault answers the next request to a route with a given status and body, or holds it (`STALL`) until
the test ends, so a client's timeout fires without the test sleeping.
"""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

STALL = "stall"
HOLD_AT_MOST = 30  # seconds a stalled request is held if the test forgets to close the fake


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {key: values[-1] for key, values in parse_qs(self.body.decode()).items()}

    @property
    def bearer(self) -> str | None:
        scheme, _, token = self.headers.get("authorization", "").partition(" ")
        return token if scheme.lower() == "bearer" else None


@dataclass
class Answer:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Route = Callable[[Request], Answer]


class Endpoint:
    """Serves `routes` (a function from a request to its route name and handler) until close()."""

    def __init__(
        self, route: Callable[[Request], tuple[str, Route]], tls: ssl.SSLContext | None = None
    ) -> None:
        self._route = route
        self.calls: list[tuple[str, Request]] = []
        self._faults: dict[str, list[Answer | str]] = {}
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(self)
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        scheme = "https" if tls is not None else "http"
        self.url = f"{scheme}://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def fail(self, route: str, answer: Answer | str) -> None:
        """Answer the next request to `route` with `answer` (or hold it, for STALL)."""
        with self._lock:
            self._faults.setdefault(route, []).append(answer)

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def close(self) -> None:
        self._released.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def answer(self, request: Request) -> Answer:
        name, handler = self._route(request)
        with self._lock:
            self.calls.append((name, request))
            queued = self._faults.get(name)
            fault = queued.pop(0) if queued else None
        if fault == STALL:
            self._released.wait(HOLD_AT_MOST)
            return Answer(503, {"error": "stalled"})
        return fault if isinstance(fault, Answer) else handler(request)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, endpoint: Endpoint) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.endpoint = endpoint


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        request = Request(
            self.command,
            parts.path,
            {key: values[-1] for key, values in parse_qs(parts.query).items()},
            {key.lower(): value for key, value in self.headers.items()},
            self.rfile.read(length),
        )
        answer = self.server.endpoint.answer(request)
        body = answer.body if isinstance(answer.body, bytes) else json.dumps(answer.body).encode()
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (its timeout)
            pass

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the call log has it all
        return
