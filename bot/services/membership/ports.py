"""What onboarding and forgetting need from storage."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol


class Forgettable(Protocol):
    """Every repository that stores a user ID implements this.

    tests/storage/test_membership_forget_everywhere.py checks that none is left out.
    """

    def forget(self, team_id: str, user_id: str, marker: str) -> Mapping[str, int]:
        """Delete what belongs to the member; put `marker` in their place in what they share with others.

        Returns how many rows of each kind were deleted or anonymised
        (see handlers/membership/forget_blocks.py).
        """
        ...


class WelcomeRepository(Forgettable, Protocol):
    def claim(self, team_id: str, user_id: str, now: datetime) -> bool:
        """Record that the member is being welcomed; True for exactly one caller per member."""
        ...


class WelcomeMessenger(Protocol):
    def welcome(self, user_id: str, pool_channels: list[str]) -> None:
        """DM a new member: what /intro is, and the coffee channels they can join."""
        ...
