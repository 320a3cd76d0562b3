"""AskMessenger over a WebClient: the channel post, private suggestions, the group DM and the asker's DMs."""

from __future__ import annotations

from bot.services.help.asks.ports import Ask, SuggestionPlace
from bot.services.ports import SlackError
from bot.slack.adapter import SlackAdapter, slack_errors
from handlers.blockkit import section
from handlers.help.asks_blocks import (
    ask_post,
    asker_blocks,
    expired_text,
    nudge_blocks,
    opener_text,
    suggestion_blocks,
    thanks_text,
)


class SlackAskMessenger(SlackAdapter):
    def post_ask(self, ask: Ask) -> str:
        text, blocks = ask_post(ask)
        try:
            return self._post(ask.channel_id, text, blocks)
        except SlackError as error:
            if error.code != "not_in_channel":
                raise
        self.join(ask.channel_id)  # a public channel Rapport is not in yet
        return self._post(ask.channel_id, text, blocks)

    def update_ask(self, ask: Ask) -> None:
        if not ask.message_ts:
            return
        text, blocks = ask_post(ask)
        with slack_errors():
            self._client.chat_update(channel=ask.channel_id, ts=ask.message_ts, text=text, blocks=blocks)

    def suggest(self, user_id: str, ask: Ask) -> SuggestionPlace:
        text, blocks = suggestion_blocks(ask)
        with slack_errors():
            posted = self._client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
        return SuggestionPlace(posted["channel"], posted["ts"])

    def close_suggestion(self, place: SuggestionPlace, text: str) -> None:
        with slack_errors():
            self._client.chat_update(channel=place.channel_id, ts=place.ts, text=text, blocks=[section(text)])

    def open_help(self, ask: Ask, helper: str) -> str:
        channel = self._open([ask.asker_id, helper])
        text = opener_text(ask, helper)
        self._post(channel, text, [section(text)])
        return channel

    def offer_asker(self, ask: Ask, helper: str, channel_id: str) -> None:
        try:
            name: str | None = self.member(helper).name
        except SlackError:
            name = None
        text, blocks = asker_blocks(ask, helper, channel_id, name)
        self._post(ask.asker_id, text, blocks)

    def nudge_asker(self, ask: Ask) -> None:
        text, blocks = nudge_blocks(ask)
        self._post(ask.asker_id, text, blocks)

    def tell_expired(self, ask: Ask) -> None:
        text = expired_text(ask)
        self._post(ask.asker_id, text, [section(text)])

    def send_thanks(self, ask: Ask, helper: str, text: str) -> None:
        message = thanks_text(ask, helper, text)
        self._post(helper, message, [section(message)])
