"""FollowUpMessenger over a WebClient: the thank-you nudge DM, and closing it once answered."""

from __future__ import annotations

from bot.domain.followups import NudgeMessage
from bot.slack.adapter import SlackAdapter, slack_errors
from handlers.followups.blocks import closed_blocks, nudge_blocks, nudge_text


class SlackFollowUpMessenger(SlackAdapter):
    def send_nudge(self, user_id: str, message: NudgeMessage) -> tuple[str, str]:
        with slack_errors():
            sent = self._client.chat_postMessage(
                channel=user_id, text=nudge_text(message), blocks=nudge_blocks(message)
            )
        return sent["channel"], sent["ts"]

    def close_nudge(self, channel: str, ts: str, text: str) -> None:
        with slack_errors():
            self._client.chat_update(channel=channel, ts=ts, text=text, blocks=closed_blocks(text))
