"""What a roster import changed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RosterCounts:
    """How many people a roster import added, changed, and left as they were."""

    added: int
    updated: int
    unchanged: int
