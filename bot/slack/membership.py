"""WelcomeMessenger over a WebClient: the one DM a new member of the workspace gets."""

from __future__ import annotations

from bot.slack.adapter import SlackAdapter
from handlers.membership.blocks import welcome_text


class SlackMembershipMessenger(SlackAdapter):
    def welcome(self, user_id: str, pool_channels: list[str]) -> None:
        self._post(user_id, welcome_text(pool_channels), None)
