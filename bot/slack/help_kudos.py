"""KudosMessenger over a WebClient: the thank-you in the kudos channel, or as a DM to the person thanked."""

from __future__ import annotations

from bot.domain.help.kudos import Kudos
from bot.services.ports import SlackError
from bot.slack.adapter import SlackAdapter, slack_errors
from handlers.help.kudos_blocks import kudos_blocks, kudos_text


class SlackKudosMessenger(SlackAdapter):
    def post_kudos(self, channel_id: str, kudos: Kudos, in_dm: bool) -> tuple[str, str]:
        text, blocks = kudos_text(kudos, in_dm), kudos_blocks(kudos, in_dm)
        try:
            return self._send(channel_id, text, blocks)
        except SlackError as error:
            if in_dm or error.code != "not_in_channel":
                raise
        self.join(channel_id)  # a public kudos channel Rapport left: join it and try once more
        return self._send(channel_id, text, blocks)

    def _send(self, channel: str, text: str, blocks: list) -> tuple[str, str]:
        with slack_errors():
            sent = self._client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        return sent["channel"], sent["ts"]
