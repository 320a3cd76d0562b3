"""Shared bits of the method implementations: Slack-style errors and lenient arg parsing."""

from __future__ import annotations

from typing import Any


class SlackError(Exception):
    """An `{"ok": false, "error": ...}` answer; `violations` are also recorded against the app."""

    def __init__(self, error: str, *, violations: list[str] | None = None, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.violations = violations or []
        self.extra = extra


def invalid_arguments(messages: list[str], violations: list[str] | None = None) -> SlackError:
    return SlackError(
        "invalid_arguments",
        violations=violations,
        response_metadata={"messages": [f"[ERROR] {m}" for m in messages]},
    )


def as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def as_int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def as_str(value: Any) -> str:
    return "" if value is None else str(value)
