"""A production WSGI server (waitress) that can be started and stopped from code."""

from __future__ import annotations

import logging
import threading
from dataclasses import asdict, dataclass

from waitress.server import create_server
from waitress.wasyncore import close_all

from bot.serve.web import MAX_BODY_BYTES, RapportWsgi

log = logging.getLogger(__name__)
SHUTDOWN_GRACE_SECONDS = 10


@dataclass(frozen=True)
class HttpLimits:
    """What one client can hold of the server; waitress's defaults let 100 idle connections lock Slack out.

    Slack's requests are small and quick: a connection idle this long, a header or a body this large, is
    not Slack. A slow client that drips bytes is for the reverse proxy to cut (docs/operations.md).
    """

    threads: int = 8  # requests handled at once
    connection_limit: int = 500  # open connections, idle ones included
    channel_timeout: int = 15  # seconds a connection may sit idle (mid-request included) before it is closed
    cleanup_interval: int = 5  # seconds between sweeps for idle connections
    max_request_header_size: int = 64 * 1024
    max_request_body_size: int = MAX_BODY_BYTES + 1  # waitress refuses a Content-Length >= this with 413


class HttpServer:
    """Serves `wsgi` on host:port in a background thread; `port=0` picks a free port."""

    def __init__(self, wsgi: RapportWsgi, host: str, port: int, limits: HttpLimits = HttpLimits()) -> None:
        self._server = create_server(wsgi, host=host, port=port, ident="rapport", **asdict(limits))
        self._thread = threading.Thread(target=self._server.run, name="http", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    def start(self) -> None:
        self._thread.start()
        log.info("listening on http://%s:%s", self._server.effective_host, self.port)

    def close_unstarted(self) -> None:
        """Give the port back without ever serving (what was to be served failed to start)."""
        self._server.close()

    def stop(self) -> None:
        """Let requests in progress finish, then close every socket."""
        self._server.task_dispatcher.shutdown(cancel_pending=False, timeout=SHUTDOWN_GRACE_SECONDS)
        # Sockets belong to the server loop's thread: close them there, woken by the trigger. The loop
        # runs queued thunks under the trigger's lock, and the thunk closes the trigger's own pipe, so
        # hold that lock until the wake-up byte is written: pull_trigger(thunk) queues, then writes, and
        # a loop already awake could close the pipe in between (EBADF, or a write into a reused fd).
        trigger = self._server.trigger
        with trigger.lock:
            trigger.thunks.append(lambda: close_all(self._server._map))
            trigger.pull_trigger()  # without a thunk it takes no lock
        self._thread.join(timeout=SHUTDOWN_GRACE_SECONDS)
