"""Starting many signed requests at the same moment: threads that wait on one barrier, then send."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def at_once(count: int, send: Callable[[int], T]) -> list[T]:
    """Call `send(0)` … `send(count - 1)` from `count` threads released together; their results in order."""
    barrier = threading.Barrier(count)

    def released(index: int) -> T:
        barrier.wait(timeout=30)
        return send(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(released, range(count)))
