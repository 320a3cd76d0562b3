"""OfferMessenger over a WebClient: the offer's post with Book a chat, taking it down, and the group DM a
booking opens."""

from __future__ import annotations

from bot.domain.help.offers import Offer
from bot.services.ports import SlackError
from bot.slack.adapter import SlackAdapter, slack_errors
from handlers.blockkit import section
from handlers.help.offers_blocks import offer_post, opener_text


class SlackOfferMessenger(SlackAdapter):
    def post_offer(self, channel_id: str, offer: Offer) -> str:
        text, blocks = offer_post(offer)
        try:
            return self._post(channel_id, text, blocks)
        except SlackError as error:
            if error.code != "not_in_channel":
                raise
        self.join(channel_id)  # a public asks channel Rapport left: join it and try once more
        return self._post(channel_id, text, blocks)

    def close_offer(self, offer: Offer) -> None:
        if not (offer.channel_id and offer.message_ts):
            return
        text, blocks = offer_post(offer)
        with slack_errors():
            self._client.chat_update(channel=offer.channel_id, ts=offer.message_ts, text=text, blocks=blocks)

    def open_chat(self, offer: Offer, booker: str) -> str:
        channel = self._open([booker, offer.user_id])
        text = opener_text(offer, booker)
        self._post(channel, text, [section(text)])
        return channel
