"""EventMessenger over a WebClient: the announcement, DMs before and after, and each table's group DM."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.events import GROUP_DM_LIMIT
from bot.services.events.ports import Briefing, Event, Roll
from bot.services.ports import SlackError
from bot.slack.adapter import SlackAdapter, slack_errors
from handlers.blockkit import section
from handlers.events.blocks import (
    announcement,
    cancelled_text,
    day_before_blocks,
    hour_before_text,
    moved_blocks,
    promoted_blocks,
    table_text,
    who_met_blocks,
)


class SlackEventMessenger(SlackAdapter):
    def can_post(self, channel_id: str, join: bool) -> str | None:
        try:
            with slack_errors():
                channel = self._client.conversations_info(channel=channel_id)["channel"]
        except SlackError as error:
            return "not_in_channel" if error.code == "channel_not_found" else error.code
        if channel.get("is_archived"):
            return "is_archived"
        if channel.get("is_member"):
            return None
        if not join:
            return "not_in_channel"
        if channel.get("is_private"):
            return "private"
        try:
            self.join(channel_id)
        except SlackError as error:
            return error.code
        return None

    def announce(self, event: Event, roll: Roll) -> str:
        text, blocks = announcement(event, roll)
        return self._post(event.channel_id, text, blocks, previews=False)

    def update_announcement(self, event: Event, roll: Roll) -> None:
        if not event.message_ts:
            return
        text, blocks = announcement(event, roll)
        with slack_errors():
            self._client.chat_update(channel=event.channel_id, ts=event.message_ts, text=text, blocks=blocks)

    def tell_promoted(self, user_id: str, event: Event) -> None:
        text, blocks = promoted_blocks(event)
        self._post(user_id, text, blocks)

    def tell_moved(self, user_id: str, event: Event, was: datetime) -> None:
        text, blocks = moved_blocks(event, was)
        self._post(user_id, text, blocks)

    def tell_cancelled(self, user_id: str, event: Event) -> None:
        text = cancelled_text(event)
        self._post(user_id, text, [section(text)])

    def send_day_before(self, user_id: str, event: Event, briefing: Briefing) -> None:
        text, blocks = day_before_blocks(event, briefing)
        self._post(user_id, text, blocks)

    def send_hour_before(self, user_id: str, event: Event) -> None:
        text = hour_before_text(event)
        self._post(user_id, text, [section(text)])

    def ask_who_met(self, user_id: str, event: Event) -> None:
        text, blocks = who_met_blocks(event)
        self._post(user_id, text, blocks)

    def open_table(self, event: Event, number: int, user_ids: Sequence[str]) -> str:
        channel = self._open(list(user_ids))
        text = table_text(event, number, user_ids)
        self._post(channel, text, [section(text)])
        return channel

    def join_table(self, event: Event, number: int, user_ids: Sequence[str], newcomer: str) -> str | None:
        text = table_text(event, number, user_ids, newcomer)
        if len(user_ids) > GROUP_DM_LIMIT:
            self._post(newcomer, text, [section(text)])
            return None
        channel = self._open(list(user_ids))
        self._post(channel, text, [section(text)])
        return channel
