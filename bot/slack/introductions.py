"""IntroMessenger over a WebClient: profile cards, nudges and warm introductions."""

from __future__ import annotations

from bot.domain.introductions import Introduction
from bot.domain.people.profile import Profile
from bot.services.introductions.ports import IntroSide, Standing
from bot.slack.adapter import SlackAdapter, slack_errors
from handlers.introductions.blocks import (
    answered_blocks,
    card_blocks,
    card_text,
    consent_blocks,
    consent_text,
    introduction_blocks,
    introduction_text,
    invite_text,
    not_this_time_text,
    say_hi_text,
)


class SlackIntroMessenger(SlackAdapter):
    def post_card(self, channel_id: str, profile: Profile) -> str:
        return self._post(channel_id, card_text(profile), card_blocks(profile))

    def delete_message(self, channel_id: str, ts: str) -> None:
        with slack_errors():
            self._client.chat_delete(channel=channel_id, ts=ts)

    def say_hi(self, clicker: str, member: str) -> None:
        channel = self._open((clicker, member))
        self._post(channel, say_hi_text(clicker, member), None)

    def invite(self, user_id: str, nudged_by: str) -> None:
        self._post(user_id, invite_text(nudged_by), None)

    def ask_consent(self, intro: Introduction, asked: str, other: IntroSide) -> tuple[str, str]:
        blocks = consent_blocks(intro, asked, other)
        with slack_errors():
            sent = self._client.chat_postMessage(
                channel=asked, text=consent_text(intro, other.user_id), blocks=blocks
            )
        return sent["channel"], sent["ts"]

    def show_consent_answer(self, channel_id: str, ts: str, standing: Standing, other: str) -> None:
        blocks = answered_blocks(standing, other)
        with slack_errors():
            self._client.chat_update(channel=channel_id, ts=ts, text=blocks[0]["text"]["text"], blocks=blocks)

    def introduce(self, intro: Introduction, a: IntroSide, b: IntroSide) -> str:
        people = dict.fromkeys((a.user_id, b.user_id, intro.proposer))
        channel = self._open(tuple(people))
        self._post(channel, introduction_text(a, b), introduction_blocks(intro, a, b))
        return channel

    def tell_not_this_time(self, intro: Introduction) -> None:
        self._post(intro.proposer, not_this_time_text(intro), None)
