"""Stopping the HTTP server while its loop is already awake never writes to a closed (or reused) fd."""

from __future__ import annotations

import threading

from bot.serve.http_server import HttpServer


class _App:
    ready = threading.Event()

    def __call__(self, environ, start_response):  # pragma: no cover - never called
        start_response("200 OK", [])
        return [b""]


def test_stop_survives_a_loop_that_runs_the_close_before_the_wake_up_byte_is_written():
    server = HttpServer(_App(), "127.0.0.1", 0)  # type: ignore[arg-type]
    server.start()
    trigger = server._server.trigger
    real_pull = trigger._physical_pull

    def awake_loop_runs_thunks_first() -> None:
        """What an already-awake loop thread may do between queueing the thunk and the write."""
        real_pull()  # an earlier wake-up (say, from a worker) that the loop is handling right now
        loop = threading.Thread(target=trigger.handle_read)
        loop.start()
        loop.join(timeout=0.5)  # with the lock held by stop(), it waits; without, it closes the pipe
        real_pull()

    trigger._physical_pull = awake_loop_runs_thunks_first
    server.stop()  # raised OSError (EBADF) when the thunk could run before the write
    assert not server._thread.is_alive()
    assert trigger._closed
