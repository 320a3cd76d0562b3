"""Slack's Socket Mode endpoint: a WebSocket that delivers envelopes and collects the app's acks.

`apps.connections.open` (with the app-level token) hands out this server's ws:// URL. Like Slack, it
greets each connection with a `hello`, answers pings, and expects every envelope to be acknowledged
with its `envelope_id` (optionally with a response payload). Only what Slack's own client library
uses is implemented: unfragmented text frames, ping/pong and close (RFC 6455).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import socket
import socketserver
import struct
import threading
import uuid
from typing import Any

WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


class SocketModeServer(socketserver.ThreadingTCPServer):
    """Serves ws://127.0.0.1:<port>/link/ from a daemon thread until close()."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Connection)
        self.url = f"ws://127.0.0.1:{self.server_address[1]}/link/?ticket=fake"
        self.acks: dict[str, dict[str, Any]] = {}
        self._connections: list[_Connection] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True, name="fake-socket-mode"
        )
        self._thread.start()

    # --- what a test does ------------------------------------------------------------------
    def wait_connected(self, timeout: float = 5.0) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: self._connections, timeout):
                raise AssertionError("the app never opened a Socket Mode connection")

    def deliver(
        self, kind: str, payload: dict[str, Any], retry_attempt: int = 0, envelope_id: str | None = None
    ) -> str:
        """Send one envelope (`events_api`, `slash_commands` or `interactive`); returns its envelope_id."""
        envelope_id = envelope_id or str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
        }
        with self._changed:
            connection = self._connections[-1]
        connection.send(TEXT, json.dumps(envelope).encode())
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """The app's acknowledgement of one envelope: `{"envelope_id": ..., "payload": ...}`."""
        with self._changed:
            if not self._changed.wait_for(lambda: envelope_id in self.acks, timeout):
                raise AssertionError(f"envelope {envelope_id} was never acknowledged")
            return self.acks[envelope_id]

    def close(self) -> None:
        self.shutdown()
        with self._changed:
            connections = list(self._connections)
        for connection in connections:
            connection.hang_up()
        self.server_close()
        self._thread.join(timeout=5)

    # --- called by connections -------------------------------------------------------------
    def opened(self, connection: _Connection) -> None:
        with self._changed:
            self._connections.append(connection)
            self._changed.notify_all()

    def closed(self, connection: _Connection) -> None:
        with self._changed:
            if connection in self._connections:
                self._connections.remove(connection)
            self._changed.notify_all()

    def acknowledged(self, ack: dict[str, Any]) -> None:
        with self._changed:
            self.acks[str(ack.get("envelope_id"))] = ack
            self._changed.notify_all()


class _Connection(socketserver.StreamRequestHandler):
    server: SocketModeServer

    def setup(self) -> None:
        super().setup()
        self._send_lock = threading.Lock()

    def handle(self) -> None:
        if not self._handshake():
            return
        hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0RAPPORT"}}
        self.send(TEXT, json.dumps(hello).encode())
        self.server.opened(self)
        try:
            self._serve_frames()
        finally:
            self.server.closed(self)

    def _handshake(self) -> bool:
        request_line = self.rfile.readline()
        headers: dict[str, str] = {}
        while (line := self.rfile.readline().strip()) != b"":
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        key = headers.get("sec-websocket-key")
        if not request_line.startswith(b"GET /link/") or not key:
            self.wfile.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            return False
        accept = base64.b64encode(hashlib.sha1((key + WEBSOCKET_GUID).encode()).digest()).decode()
        self.wfile.write(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept}\r\n\r\n".encode()
        )
        return True

    def _serve_frames(self) -> None:
        while (frame := self._read_frame()) is not None:
            opcode, data = frame
            if opcode == CLOSE:
                self.send(CLOSE, data[:2])
                return
            if opcode == PING:
                self.send(PONG, data)
            elif opcode == TEXT:
                message = json.loads(data)
                if isinstance(message, dict) and "envelope_id" in message:
                    self.server.acknowledged(message)

    def _read_frame(self) -> tuple[int, bytes] | None:
        head = self.rfile.read(2)
        if len(head) < 2:
            return None
        opcode, length = head[0] & 0x0F, head[1] & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self.rfile.read(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", self.rfile.read(8))
        mask = self.rfile.read(4) if head[1] & 0x80 else b"\0\0\0\0"
        data = self.rfile.read(length)
        return opcode, bytes(b ^ mask[i % 4] for i, b in enumerate(data))

    def send(self, opcode: int, data: bytes) -> None:
        length = len(data)
        if length < 126:
            head = struct.pack("!BB", 0x80 | opcode, length)
        elif length < 1 << 16:
            head = struct.pack("!BBH", 0x80 | opcode, 126, length)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 127, length)
        with self._send_lock:
            self.wfile.write(head + data)
            self.wfile.flush()

    def hang_up(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
