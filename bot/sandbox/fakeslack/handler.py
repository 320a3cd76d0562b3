"""HTTP plumbing: turn a request into (path, args, token) and write the answer back."""

from __future__ import annotations

import base64
import binascii
import contextlib
import email.parser
import json
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from .dispatch import Response

if TYPE_CHECKING:
    from .server import FakeSlack

PLAIN = {"Content-Type": "text/plain"}


class FakeSlackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeSlack) -> None:
        super().__init__(("127.0.0.1", 0), SlackRequestHandler)
        self.fake = fake


def _last_values(pairs: dict[str, list[str]]) -> dict[str, Any]:
    return {key: values[-1] for key, values in pairs.items()}


def _multipart(content_type: str, body: bytes) -> dict[str, Any]:
    message = email.parser.BytesParser().parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    args: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        args[str(name)] = payload if part.get_filename() else payload.decode("utf-8", "replace")
    return args


def parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """Form, JSON or multipart body -> args. Raises ValueError on a malformed body."""
    kind = content_type.split(";")[0].strip().lower()
    if not body:
        return {}
    if kind == "application/json":
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        return data
    if kind == "multipart/form-data":
        return _multipart(content_type, body)
    return _last_values(parse_qs(body.decode("utf-8"), keep_blank_values=True))


def split_auth(header: str, args: dict[str, Any]) -> str | None:
    """Bearer token (header or `token` arg); Basic auth becomes client_id/client_secret args."""
    scheme, _, value = header.partition(" ")
    form_token = args.pop("token", None)
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            client_id, _, secret = base64.b64decode(value).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return form_token
        args.setdefault("client_id", client_id)
        args.setdefault("client_secret", secret)
    return form_token


def answer(fake: FakeSlack, target: str, headers: Message, body: bytes) -> Response:
    """The fake's answer to one request (`target` is the path with its query), over HTTP or in-process."""
    url = urlsplit(target)
    if headers.get("Host", "") not in fake.hosts or headers.get("Origin"):
        # Another site's page: by its own name rebound to 127.0.0.1, or posting from the browser.
        return Response(403, b"this Slack stand-in answers its app only", PLAIN)
    if url.path.startswith("/api/"):
        return _api(fake, url.path.removeprefix("/api/"), url.query, headers, body)
    if url.path.startswith("/upload/v1/"):
        return fake.receive_upload(url.path.removeprefix("/upload/v1/"), body)
    if url.path.startswith("/response_url/"):
        return fake.receive_response_url(url.path.removeprefix("/response_url/"), body)
    return Response(404, b"not found", PLAIN)


def _api(fake: FakeSlack, method: str, query: str, headers: Message, body: bytes) -> Response:
    args = _last_values(parse_qs(query, keep_blank_values=True))
    try:
        args.update(parse_body(headers.get("Content-Type", ""), body))
    except ValueError:
        return Response(200, b'{"ok": false, "error": "invalid_form_data"}')
    token = split_auth(headers.get("Authorization", ""), args)
    return fake.dispatcher.handle(method, args, token)


class SlackRequestHandler(BaseHTTPRequestHandler):
    server: FakeSlackServer

    def do_GET(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _route(self) -> None:
        body = self._read_body()
        self._send(answer(self.server.fake, self.path, self.headers, body))

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the caller died (crash tests)
            self.wfile.write(response.body)
