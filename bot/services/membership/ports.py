"""What welcoming, departures, forgetting and Slack event de-duplication need from outside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.services.events.ports import EventMessenger
from bot.services.help.ports import AskMessenger
from bot.services.introductions.ports import IntroMessenger
from bot.services.ports import Forgettable


class WelcomeRepository(Forgettable, Protocol):
    def claim(self, team_id: str, user_id: str, now: datetime) -> bool:
        """Record that the member is being welcomed; True for exactly one caller per member."""
        ...


class WelcomeMessenger(Protocol):
    def welcome(self, user_id: str, pool_channels: list[str]) -> None:
        """DM a new member: what /intro is, and the coffee channels they can join."""
        ...


class SeenEventRepository(Protocol):
    def claim(self, event_id: str, team_id: str, now: datetime) -> bool:
        """True for the first delivery of a Slack event; False for a retry or redelivery."""
        ...

    def prune(self, before: datetime) -> int: ...


class OAuthStateRepository(Protocol):
    def prune(self, now: datetime) -> int:
        """Delete the OAuth states of /slack/install visits that expired by `now`."""
        ...


@dataclass(frozen=True)
class ForgetMessengers:
    """The Slack sides forgetting a member talks to, in one workspace."""

    introductions: IntroMessenger  # proposers told kindly; the profile card and the member's posts deleted
    events: EventMessenger  # announcements that named them, redrawn without them
    asks: AskMessenger  # asks they offered to help with, or that mentioned them, redrawn
