"""A production WSGI server (waitress) that can be started and stopped from code."""

from __future__ import annotations

import logging
import threading

from waitress.server import create_server
from waitress.wasyncore import close_all

from bot.serve.web import RapportWsgi

log = logging.getLogger(__name__)
SHUTDOWN_GRACE_SECONDS = 10


class HttpServer:
    """Serves `wsgi` on host:port in a background thread; `port=0` picks a free port."""

    def __init__(self, wsgi: RapportWsgi, host: str, port: int, threads: int = 8) -> None:
        self._server = create_server(wsgi, host=host, port=port, threads=threads, ident="rapport")
        self._thread = threading.Thread(target=self._server.run, name="http", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    def start(self) -> None:
        self._thread.start()
        log.info("listening on http://%s:%s", self._server.effective_host, self.port)

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
