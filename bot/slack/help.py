"""Help's messengers over a WebClient: asks (the post, the people asked, group DMs, nudges), kudos, offers,
and shared updates."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.help.kudos import Kudos
from bot.domain.help.offers import Offer
from bot.domain.help.updates import SharedUpdate, UpdateKind, notice_line
from bot.services.help.ports import Ask, SuggestionPlace
from bot.services.ports import SlackError
from bot.slack.adapter import NO_PREVIEWS, SlackAdapter, slack_errors
from handlers.blockkit import section
from handlers.help.asks_blocks import (
    ask_post,
    asker_blocks,
    expired_text,
    nudge_blocks,
    opener_blocks,
    opener_text,
    suggestion_blocks,
    thanks_text,
)
from handlers.help.kudos_blocks import kudos_blocks, kudos_text
from handlers.help.offers_blocks import offer_post
from handlers.help.offers_blocks import opener_blocks as offer_opener_blocks
from handlers.help.offers_blocks import opener_text as offer_opener_text
from handlers.help.updates_blocks import notices_blocks, post_blocks, post_text, prompt_blocks, prompt_text


class SlackAskMessenger(SlackAdapter):
    def post_ask(self, ask: Ask) -> str:
        text, blocks = ask_post(ask)
        try:
            return self._post(ask.channel_id, text, blocks, previews=False)
        except SlackError as error:
            if error.code != "not_in_channel":
                raise
        self.join(ask.channel_id)  # a public channel Rapport is not in yet
        return self._post(ask.channel_id, text, blocks, previews=False)

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
        self._post(channel, opener_text(ask, helper), opener_blocks(ask, helper))
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
            sent = self._client.chat_postMessage(channel=channel, text=text, blocks=blocks, **NO_PREVIEWS)
        return sent["channel"], sent["ts"]


class SlackOfferMessenger(SlackAdapter):
    def post_offer(self, channel_id: str, offer: Offer) -> str:
        text, blocks = offer_post(offer)
        try:
            return self._post(channel_id, text, blocks, previews=False)
        except SlackError as error:
            if error.code != "not_in_channel":
                raise
        self.join(channel_id)  # a public asks channel Rapport left: join it and try once more
        return self._post(channel_id, text, blocks, previews=False)

    def close_offer(self, offer: Offer) -> None:
        if not (offer.channel_id and offer.message_ts):
            return
        text, blocks = offer_post(offer)
        with slack_errors():
            self._client.chat_update(channel=offer.channel_id, ts=offer.message_ts, text=text, blocks=blocks)

    def open_chat(self, offer: Offer, booker: str) -> str:
        channel = self._open([booker, offer.user_id])
        self._post(channel, offer_opener_text(offer, booker), offer_opener_blocks(offer, booker))
        return channel


class SlackUpdateMessenger(SlackAdapter):
    def prompt_update(self, user_id: str, met: int) -> None:
        self._post(user_id, prompt_text(met), prompt_blocks(met))

    def post_update(self, channel: str, author: str, kind: UpdateKind, text: str) -> str:
        return self._post(channel, post_text(author, kind), post_blocks(author, kind, text), previews=False)

    def permalink(self, channel: str, ts: str) -> str:
        with slack_errors():
            return self._client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"]

    def send_notices(self, recipient: str, updates: Sequence[SharedUpdate]) -> None:
        self._post(recipient, notice_line(updates), notices_blocks(updates))

    def tell(self, user_id: str, text: str) -> None:
        self._post(user_id, text, [section(text)])
