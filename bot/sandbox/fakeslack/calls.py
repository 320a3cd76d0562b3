"""What the fake records (calls, violations) and the faults tests ask it to inject."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Call:
    method: str
    args: dict[str, Any]
    ok: bool
    error: str | None
    status: int
    url: str = ""  # set for response_url posts: which response_url was used
    at: float = field(default_factory=time.monotonic, compare=False)  # when the fake answered


@dataclass
class Fault:
    error: str
    status: int
    retry_after: int | None
    times: int


class CallLog:
    """Thread-safe record of calls; wait_for blocks on a Condition notified per recorded call."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.calls: list[Call] = []
        self.violations: list[str] = []

    def record(self, call: Call, violations: Sequence[str] = ()) -> None:
        with self._cond:
            self.calls.append(call)
            self.violations.extend(violations)
            self._cond.notify_all()

    def add_violation(self, message: str) -> None:
        with self._cond:
            self.violations.append(message)

    def take_violations(self) -> list[str]:
        with self._cond:
            taken, self.violations[:] = list(self.violations), []
            return taken

    def calls_to(self, method: str, include_failed: bool = False) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method and (c.ok or include_failed)]

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 5.0,
        include_failed: bool = False,
    ) -> list[Call]:
        """Block until `count` matching calls are recorded; returns all matching calls."""
        deadline = time.monotonic() + timeout

        def matching() -> list[Call]:
            return [c for c in self.calls_to(method, include_failed) if predicate is None or predicate(c)]

        with self._cond:
            while len(found := matching()) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"timed out after {timeout}s waiting for {count} x {method} "
                        f"(got {len(found)}); recorded calls:\n{self.summary()}"
                    )
                self._cond.wait(remaining)
            return found

    def summary(self) -> str:
        with self._cond:
            lines = [
                f"  {c.method} ok={c.ok} error={c.error} status={c.status} args={_short(c.args)}"
                for c in self.calls
            ]
        return "\n".join(lines) or "  (none)"


class FaultQueue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: dict[str, list[Fault]] = {}

    def add(self, method: str, fault: Fault) -> None:
        with self._lock:
            self._faults.setdefault(method, []).append(fault)

    def take(self, method: str) -> Fault | None:
        """Consume one use of the oldest pending fault for `method`."""
        with self._lock:
            pending = self._faults.get(method) or []
            if not pending:
                return None
            fault = pending[0]
            fault.times -= 1
            if fault.times <= 0:
                pending.pop(0)
            return fault


def _short(args: dict[str, Any], limit: int = 200) -> str:
    text = repr(args)
    return text if len(text) <= limit else text[:limit] + "..."
