"""UpdateMessenger over a WebClient: the prompt DM, the post and its permalink, the weekly notice."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.help.updates import SharedUpdate, UpdateKind, notice_line
from bot.slack.adapter import SlackAdapter, slack_errors
from handlers.blockkit import section
from handlers.help.update_blocks import notices_blocks, post_blocks, post_text, prompt_blocks, prompt_text


class SlackUpdateMessenger(SlackAdapter):
    def prompt_update(self, user_id: str, met: int) -> None:
        self._post(user_id, prompt_text(met), prompt_blocks(met))

    def post_update(self, channel: str, author: str, kind: UpdateKind, text: str) -> str:
        return self._post(channel, post_text(author, kind), post_blocks(author, kind, text))

    def permalink(self, channel: str, ts: str) -> str:
        with slack_errors():
            return self._client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"]

    def send_notices(self, recipient: str, updates: Sequence[SharedUpdate]) -> None:
        self._post(recipient, notice_line(updates), notices_blocks(updates))

    def tell(self, user_id: str, text: str) -> None:
        self._post(user_id, text, [section(text)])
