"""CoffeeMessenger over a WebClient: Slack's calls and errors, with Block Kit from handlers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.domain.coffee.group_intro import Intro
from bot.domain.coffee.model import CheckinAnswer
from bot.slack.adapter import SlackAdapter, slack_errors
from bot.slack.client import impatient
from handlers.coffee.blocks import (
    answered_blocks,
    checkin_blocks,
    heads_up_blocks,
    intro_blocks,
    intro_text,
    stay_blocks,
)

MEMBERS_PAGE = 200
HISTORY_PAGE = 50  # a group DM holds a handful of Rapport's messages; ours are among the latest


class SlackCoffeeMessenger(SlackAdapter):
    """CoffeeMessenger over one workspace's WebClient."""

    def channel_members(self, channel_id: str) -> list[str]:
        members: list[str] = []
        cursor: str | None = None
        with slack_errors():
            while True:
                page = self._client.conversations_members(
                    channel=channel_id, limit=MEMBERS_PAGE, cursor=cursor
                )
                members.extend(page["members"])
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    return members

    def open_group(self, user_ids: Sequence[str]) -> str:
        with slack_errors():
            return impatient(self._client).conversations_open(users=",".join(user_ids))["channel"]["id"]

    def send_intro(self, channel_id: str, group_id: int, intro: Intro) -> str:
        return self._post(
            channel_id, intro_text(intro), intro_blocks(intro, group_id), _tag("intro", group_id)
        )

    def send_checkin(self, channel_id: str, group_id: int, reask: bool) -> str:
        kind = "reask" if reask else "checkin"
        return self._post(channel_id, "Did you meet?", checkin_blocks(group_id, reask), _tag(kind, group_id))

    def find_sent(self, channel_id: str, kind: str, group_id: int) -> str | None:
        return self._find(channel_id, _tag(kind, group_id))

    def _find(self, channel_id: str, wanted: dict[str, Any]) -> str | None:
        with slack_errors():
            page = self._client.conversations_history(
                channel=channel_id, limit=HISTORY_PAGE, include_all_metadata=True
            )
        for message in page["messages"]:
            if message.get("metadata") == wanted:
                return message["ts"]
        return None

    def show_answer(
        self,
        channel_id: str,
        ts: str,
        answer: CheckinAnswer,
        user_id: str,
        agreed: datetime | None = None,
        again_after_slot: bool = False,
    ) -> None:
        blocks = answered_blocks(answer, user_id, agreed, again_after_slot)
        with slack_errors():
            self._client.chat_update(channel=channel_id, ts=ts, text=blocks[0]["text"]["text"], blocks=blocks)

    def announce(self, channel_id: str, text: str) -> None:
        self._post(channel_id, text, None)

    def direct(self, user_id: str, text: str) -> None:
        self._post(user_id, text, None)

    def send_heads_up(self, channel_id: str, pool_id: int, when: str) -> None:
        self._post(channel_id, f"New coffee round {when}.", heads_up_blocks(pool_id, when))

    def open_direct(self, user_id: str) -> str:
        return self._open((user_id,))

    def ask_to_stay(self, dm_channel: str, pool_id: int, channel_id: str, round_id: int) -> str:
        blocks = stay_blocks(pool_id, channel_id)
        return self._post(dm_channel, "Still up for coffee chats?", blocks, _stay_tag(pool_id, round_id))

    def find_stay_question(self, dm_channel: str, pool_id: int, round_id: int) -> str | None:
        return self._find(dm_channel, _stay_tag(pool_id, round_id))


def _tag(kind: str, group_id: int) -> dict[str, Any]:
    """Message metadata naming what a message is and for which group (Slack keeps it with the message)."""
    return {"event_type": f"rapport_{kind}", "event_payload": {"group_id": group_id}}


def _stay_tag(pool_id: int, round_id: int) -> dict[str, Any]:
    """A "still in?" names the pool and the close that asked it: one member may be asked again, later."""
    return {"event_type": "rapport_stay", "event_payload": {"pool_id": pool_id, "round_id": round_id}}
