"""A one-line progress indicator on stderr for CLI work that takes more than a moment."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO


class Progress:
    """`label: done/total`, redrawn in place; silent unless `stream` is a terminal and the work has
    already taken `after` seconds, so quick runs and redirected output stay clean."""

    def __init__(
        self,
        label: str,
        total: int,
        stream: TextIO | None = None,
        after: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
        is_tty: bool | None = None,
    ) -> None:
        self._label, self._total, self._after, self._clock = label, total, after, clock
        self._stream = stream or sys.stderr
        self._on = self._stream.isatty() if is_tty is None else is_tty
        self._started = clock()
        self._done = 0
        self._shown = False
        self._last_draw = 0.0

    def step(self, count: int = 1) -> None:
        self._done += count
        now = self._clock()
        if self._on and now - self._started >= self._after and now - self._last_draw >= 0.1:
            self._draw()
            self._last_draw = now

    def finish(self) -> None:
        """Draw the final count and end the line, if anything was shown."""
        if self._shown:
            self._draw()
            self._stream.write("\n")
            self._stream.flush()

    def _draw(self) -> None:
        self._stream.write(f"\r{self._label}: {self._done}/{self._total}")
        self._stream.flush()
        self._shown = True


@contextmanager
def working(label: str, stream: TextIO | None = None) -> Iterator[None]:
    """`label…` on a terminal while one indivisible step runs (a query), erased when it ends."""
    out = stream or sys.stderr
    shown = out.isatty()
    if shown:
        out.write(f"{label}…")
        out.flush()
    try:
        yield
    finally:
        if shown:
            out.write("\r" + " " * (len(label) + 1) + "\r")
            out.flush()
