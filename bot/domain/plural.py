"""Counts in words: "1 meeting", "2 meetings", "1 person", "3 people" — never "1 meetings"."""

from __future__ import annotations


def plural(count: int, singular: str, many: str | None = None) -> str:
    """`count` and the noun that agrees with it; `many` for a noun not made plural by an s."""
    return f"{count} {singular if count == 1 else many or singular + 's'}"
