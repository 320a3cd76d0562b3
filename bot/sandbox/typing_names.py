"""What Slack's client does to a typed command: `@Bruno Rossi` becomes `<@U…|bruno.rossi>` and `#general`
becomes `<#C…|general>` (the commands' `should_escape`), so a visitor never needs to know an ID.

A name is matched whole and case-insensitively — the full name, the display name or the handle — the
longest first; a name two people share, or nobody has, stays as typed, as it would in Slack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_AFTER_NAME = re.compile(r"(?!\w)")


@dataclass(frozen=True)
class Person:
    id: str
    handle: str
    names: tuple[str, ...]  # full name, display name, …


def slack_text(typed: str, people: Iterable[Person], channels: Iterable[tuple[str, str]]) -> str:
    """`typed` with the @names and #channels it names turned into Slack's escaped mentions."""
    who = _longest_first(_index((name, (p.id, p.handle)) for p in people for name in (*p.names, p.handle)))
    where = _longest_first(_index((name, (channel_id, name)) for channel_id, name in channels))
    out, at = [], 0
    for match in re.finditer(r"(?<![\w@#<])[@#]", typed):
        if match.start() < at:
            continue
        table = who if match.group() == "@" else where
        found = _longest(typed, match.end(), table)
        if found is None:
            continue
        length, (key, label) = found
        sign = "@" if match.group() == "@" else "#"
        out += [typed[at : match.start()], f"<{sign}{key}|{label}>"]
        at = match.end() + length
    return "".join(out) + typed[at:]


def _index(pairs: Iterable[tuple[str, tuple[str, str]]]) -> dict[str, tuple[str, str] | None]:
    """lowercased name → (id, label); None when two different IDs share the name."""
    table: dict[str, tuple[str, str] | None] = {}
    for name, target in pairs:
        key = name.strip().lower()
        if not key:
            continue
        if key in table and table[key] is not None and table[key][0] != target[0]:  # type: ignore[index]
            table[key] = None
        else:
            table.setdefault(key, target)
    return table


Table = list[tuple[str, tuple[str, str] | None]]


def _longest_first(table: dict[str, tuple[str, str] | None]) -> Table:
    return sorted(table.items(), key=lambda item: -len(item[0]))


def _longest(typed: str, start: int, table: Table) -> tuple[int, tuple[str, str]] | None:
    """The longest name `typed` has at `start`, whole; None when none is, or it is two people's."""
    rest = typed[start:].lower()
    for name, target in table:
        if rest.startswith(name) and _AFTER_NAME.match(rest, len(name)):
            return (len(name), target) if target is not None else None
    return None
