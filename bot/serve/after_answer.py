"""Work that follows an answer already sent (re-publishing App Home after a command), off the listeners.

Slack allows 3 s for an acknowledgement, and Bolt runs listeners on a fixed pool of threads. Work done
after `ack()` still holds its listener thread, so under load new commands waited for a free one behind
App Home re-publishes (`/coffee join` p50 grew from 0.19 s to 0.7 s at 50 concurrent requests). Such
work goes to this small pool instead. Work is keyed (e.g. one member's Home) and waits `delay` seconds
after it is asked for: the same key asked for again meanwhile joins the waiting run, which reads the newest
state anyway, so a burst of clicks costs one refresh.
When the queue is full the work is dropped, which is safe only for courtesies like Home, rebuilt whenever
it is opened.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

WORKERS = 2
DELAY_SECONDS = 0.5  # how long a refresh waits for more changes to the same Home
QUEUE_LIMIT = 200  # pending courtesies at most; beyond it they are dropped, not queued without end


class AfterAnswer:
    """Runs courtesies after the answer on a bounded pool; `shutdown()` finishes what is queued."""

    def __init__(
        self, workers: int = WORKERS, queue_limit: int = QUEUE_LIMIT, delay: float = DELAY_SECONDS
    ) -> None:
        self._delay = delay
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="after-answer")
        self._slots = threading.BoundedSemaphore(queue_limit)
        self._queued: set[Hashable] = set()
        self._lock = threading.Lock()

    def __call__(self, key: Hashable, work: Callable[[], None]) -> None:
        with self._lock:
            if key in self._queued:
                return  # the run already queued for this key will see this change too
            if not self._slots.acquire(blocking=False):
                log.warning("too much follow-up work queued; one App Home refresh skipped")
                return
            self._queued.add(key)
        due = time.monotonic() + self._delay

        def run() -> None:
            time.sleep(max(0.0, due - time.monotonic()))  # long past due when the queue was long
            with self._lock:
                self._queued.discard(key)
            try:
                work()
            except Exception:
                log.exception("follow-up work after an answer failed")
            finally:
                self._slots.release()

        self._pool.submit(run)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
