"""SchedulingMessenger over a WebClient: the slots, the agreed time with its .ics file, the reminder."""

from __future__ import annotations

from bot.services.scheduling.ports import ConfirmedMessage, SlotsMessage
from bot.slack.adapter import SlackAdapter
from handlers.scheduling.blocks import (
    confirmed_blocks,
    confirmed_text,
    reminder_text,
    slots_blocks,
    slots_text,
)


class SlackSchedulingMessenger(SlackAdapter):
    """SchedulingMessenger over one workspace's WebClient (members() comes from SlackAdapter)."""

    def post_slots(self, channel_id: str, message: SlotsMessage) -> str:
        return self._post(channel_id, slots_text(message), slots_blocks(message))

    def post_confirmed(self, channel_id: str, message: ConfirmedMessage) -> str:
        return self._post(channel_id, confirmed_text(message), confirmed_blocks(message))

    def upload_ics(self, channel_id: str, filename: str, content: str, comment: str) -> str:
        return self._upload(channel_id, filename, content, comment)

    def remind(self, channel_id: str, when: str) -> str:
        return self._post(channel_id, reminder_text(when), None)
