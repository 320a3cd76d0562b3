"""A slot someone picked, as it comes back in a button's value: untrusted until checked here.

A value is the slot's UTC start, `20260114T150000Z`. Anything else, a time off the grid, one that was
never offered, or one that has passed, is refused with the reason, so the message can say which.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum

from bot.domain.scheduling.model import utc
from bot.domain.scheduling.slots import GRID

_VALUE = re.compile(r"(\d{8}T\d{6})Z")


class PickProblem(StrEnum):
    MALFORMED = "malformed"  # not a slot value at all
    NOT_OFFERED = "not_offered"  # a time this group was never offered (a forged or stale button)
    PASSED = "passed"  # the slot has started or is over


def slot_value(start: datetime) -> str:
    """The button value for a slot starting at `start`."""
    return utc(start).strftime("%Y%m%dT%H%M%SZ")


def parse_slot_value(value: object) -> datetime | None:
    """The start a button value names, or None unless it is exactly a slot value on the grid."""
    match = _VALUE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        start = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    except ValueError:  # 20261345T990000Z
        return None
    return start if start.timestamp() % GRID.total_seconds() == 0 else None


def check_pick(value: object, offered: Iterable[datetime], now: datetime) -> datetime | PickProblem:
    """The picked start, or why it cannot be taken: malformed, never offered, or already begun."""
    start = parse_slot_value(value)
    if start is None:
        return PickProblem.MALFORMED
    if start not in {utc(moment) for moment in offered}:
        return PickProblem.NOT_OFFERED
    if start <= utc(now):
        return PickProblem.PASSED
    return start
