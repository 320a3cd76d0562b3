"""What an attacker on the internet can send to Rapport's HTTP endpoint, sent for real (issue 17)."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

import pytest

from bot.serve.http_server import HttpLimits
from bot.serve.web import MAX_BODY_BYTES
from tests.app.conftest import RunningApp
from tests.app.listener import recording_listener


def command_body(response_url: str, text: str = "help") -> bytes:
    fields = {
        "command": "/coffee",
        "text": text,
        "user_id": "U01AMARA",
        "team_id": "T0RAPPORT",
        "channel_id": "C0COFFEE",
        "trigger_id": "1.2.3",
        "response_url": response_url,
    }
    return urlencode(fields).encode()


@pytest.mark.parametrize(
    "timestamp",
    ["x", "", " 1", "1e3", "\u00b2", "-1", "9" * 40],
    ids=["letters", "empty", "space", "exponent", "superscript-digit", "negative", "huge"],
)
def test_a_malformed_timestamp_is_refused_before_any_listener_or_outgoing_call(
    running_app: RunningApp, timestamp: str
):
    """Once, `X-Slack-Request-Timestamp: x` reached the error handler, which POSTed to any URL (SSRF)."""
    calls_before = len(running_app.fake.calls)
    with recording_listener() as (attacker, seen):
        body = command_body(f"{attacker}/internal/admin")
        headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=" + "0" * 64}
        reply = raw_request(running_app, body, headers)
    assert reply.startswith(b"HTTP/1.1 401")
    assert seen == []
    assert len(running_app.fake.calls) == calls_before


def test_a_signature_that_is_not_ascii_is_a_401_not_a_crash(running_app: RunningApp):
    body = command_body("https://hooks.slack.com/commands/T/1/x")
    reply = raw_request(running_app, body, {"X-Slack-Signature": "v0=é", **timestamp_now()})
    assert reply.startswith(b"HTTP/1.1 401")


def test_a_stale_but_correctly_signed_request_is_refused(running_app: RunningApp):
    body = command_body("https://hooks.slack.com/commands/T/1/x")
    headers = running_app.slack.sign(body, timestamp=int(time.time()) - 301)
    assert running_app.slack.post("/slack/events", body, headers).status == 401


def test_a_signed_request_still_works(running_app: RunningApp):
    body = command_body(running_app.fake.response_url())
    reply = running_app.slack.post("/slack/events", body, running_app.slack.sign(body))
    assert reply.status == 200
    assert "/coffee" in reply.body


def test_only_slacks_paths_reach_bolt(running_app: RunningApp):
    body = command_body("https://hooks.slack.com/x")
    for path in ("/", "/slack/events/x", "/internal", "/slack/install"):
        assert running_app.slack.post(path, body, running_app.slack.sign(body)).status == 404


def test_a_body_over_the_limit_is_refused_before_it_is_read(running_app: RunningApp):
    """Headers announcing 300 MB, and no body at all: the answer comes at once, nothing is buffered."""
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: rapport\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {300 * 1024 * 1024}\r\n\r\n"
    ).encode()
    with socket.create_connection(address(running_app), timeout=5) as conn:
        conn.sendall(head)
        answer = conn.recv(1024)
    assert answer.startswith(b"HTTP/1.1 413")


def test_a_body_just_under_the_limit_is_read_and_answered(running_app: RunningApp):
    base = command_body(running_app.fake.response_url(), text="")
    body = command_body(running_app.fake.response_url(), text="x" * (MAX_BODY_BYTES - len(base) - 1))
    assert len(body) == MAX_BODY_BYTES - 1
    assert running_app.slack.post("/slack/events", body, running_app.slack.sign(body)).status == 200


def test_one_byte_over_the_limit_is_refused_before_it_is_read(running_app: RunningApp):
    with socket.create_connection(address(running_app), timeout=5) as conn:
        conn.sendall(head(f"Content-Length: {MAX_BODY_BYTES + 1}"))
        assert conn.recv(1024).startswith(b"HTTP/1.1 413")


def test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(running_app: RunningApp):
    """Without a Content-Length the size is unknown up front: the server counts what it reads and answers
    413 at the limit, long before the chunk it was promised is complete."""
    chunk_line = b"%x\r\n" % (300 * MAX_BODY_BYTES)
    with socket.create_connection(address(running_app), timeout=5) as conn:
        conn.sendall(head("Transfer-Encoding: chunked") + chunk_line)
        conn.sendall(b"x" * (MAX_BODY_BYTES + 1 - len(chunk_line)))  # the limit, framing included
        assert conn.recv(1024).startswith(b"HTTP/1.1 413")


def test_the_app_refuses_a_large_body_even_when_the_server_in_front_lets_it_through(
    start_app: Callable[..., RunningApp],
):
    """bot/serve/web.py checks Content-Length itself, whatever limit the WSGI server was given."""
    app = start_app(limits=HttpLimits(max_request_body_size=4 * MAX_BODY_BYTES))
    calls_before = len(app.fake.calls)
    body = command_body(app.fake.response_url(), text="x" * MAX_BODY_BYTES)
    assert app.slack.post("/slack/events", body, app.slack.sign(body)).status == 413
    assert len(app.fake.calls) == calls_before


def test_a_newline_in_a_logged_field_cannot_forge_a_log_line(running_app: RunningApp, caplog):
    """Slack signs what a client sent it; a field still must not write a line of its own into the log."""
    user = running_app.fake.workspace.humans[4].id
    im = running_app.fake.workspace.open_conversation([user]).id
    event = {"type": "message", "channel_type": "im", "channel": im, "user": user, "text": "hi"}
    forged = "Ev0FORGED\n2026-12-04 19:00:00 ERROR rapport: forged"
    with caplog.at_level(logging.INFO, logger="rapport.events"):
        assert running_app.slack.event(event, event_id=forged).status == 200
        assert running_app.slack.event(event, event_id=forged, retry_num=1).status == 200
    [repeat] = [r.getMessage() for r in caplog.records if r.name == "rapport.events"]
    assert "\n" not in repeat
    assert "Ev0FORGED\\n2026-12-04" in repeat


def test_idle_connections_filling_every_place_are_closed_so_slack_gets_in(
    start_app: Callable[..., RunningApp],
):
    """Connections that never finish their headers are closed after `channel_timeout`: with waitress's
    default (120 s), clients holding every place locked a signed request out until it timed out."""
    limits = HttpLimits(connection_limit=10, channel_timeout=1, cleanup_interval=1)
    app = start_app(limits=limits)
    idle = []
    try:
        for _ in range(limits.connection_limit):
            conn = socket.create_connection(address(app), timeout=5)
            conn.sendall(b"POST /slack/events HTTP/1.1\r\nHost: rapport\r\n")
            idle.append(conn)
        body = command_body(app.fake.response_url())
        assert app.slack.post("/slack/events", body, app.slack.sign(body)).status == 200
        assert [conn.recv(1) for conn in idle] == [b""] * len(idle)  # closed by the server
    finally:
        for conn in idle:
            conn.close()


def test_idle_connections_beyond_waitress_default_do_not_lock_slack_out(running_app: RunningApp):
    """150 connections holding unfinished headers (waitress's default limit is 100), then Slack."""
    idle = []
    try:
        for _ in range(150):
            conn = socket.create_connection(address(running_app), timeout=5)
            conn.sendall(b"POST /slack/events HTTP/1.1\r\nHost: rapport\r\n")
            idle.append(conn)
        body = command_body(running_app.fake.response_url())
        reply = running_app.slack.post("/slack/events", body, running_app.slack.sign(body))
        assert reply.status == 200
    finally:
        for conn in idle:
            conn.close()


def address(app: RunningApp) -> tuple[str, int]:
    url = urlsplit(app.url)
    return url.hostname or "127.0.0.1", url.port or 80


def head(*headers: str) -> bytes:
    """A POST's request line and headers, the body left to the caller."""
    lines = [
        "POST /slack/events HTTP/1.1",
        "Host: rapport",
        "Content-Type: application/x-www-form-urlencoded",
        *headers,
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def timestamp_now() -> dict[str, str]:
    return {"X-Slack-Request-Timestamp": str(int(time.time()))}


def raw_request(app: RunningApp, body: bytes, headers: dict[str, str]) -> bytes:
    """Headers sent as raw bytes (latin-1), which urllib would refuse to send."""
    lines = [
        "POST /slack/events HTTP/1.1",
        "Host: rapport",
        "Content-Type: application/x-www-form-urlencoded",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    with socket.create_connection(address(app), timeout=5) as conn:
        conn.sendall("\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + body)
        return conn.recv(4096)
