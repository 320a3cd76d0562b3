"""KeepInTouchMessenger over a WebClient: catch-up DMs, the recap with its CSV, alumni reminders."""

from __future__ import annotations

from bot.domain.keep_in_touch import AlumniContact
from bot.services.keep_in_touch.ports import RECAP_CSV_PREFIX, Recap, SentRecap
from bot.slack.adapter import SlackAdapter, slack_errors
from handlers.followups.blocks import closed_blocks
from handlers.keep_in_touch.blocks import (
    catch_up_blocks,
    catch_up_opener,
    catch_up_text,
    recap_blocks,
    recap_text,
    reminder_blocks,
    reminder_text,
)

RECAP_TAG = {"event_type": "rapport_recap", "event_payload": {"kind": "network"}}
RECAP_HISTORY = 50  # the recap and its CSV are among the DM's latest messages


class SlackKeepInTouchMessenger(SlackAdapter):
    def suggest_catch_up(self, user_id: str, other: str, other_name: str, weeks: int) -> None:
        self._post(user_id, catch_up_text(other, weeks), catch_up_blocks(other, other_name, weeks))

    def open_catch_up(self, user_id: str, other: str) -> str:
        channel = self._open((user_id, other))
        self._post(channel, catch_up_opener(user_id, other), None)
        return channel

    def close_message(self, channel: str, ts: str, text: str) -> None:
        with slack_errors():
            self._client.chat_update(channel=channel, ts=ts, text=text, blocks=closed_blocks(text))

    def send_recap(self, recap: Recap) -> str:
        """Posted to the intern's ID, their DM with the app: no conversations.open (Tier 3) for it."""
        with slack_errors():
            sent = self._client.chat_postMessage(
                channel=recap.user_id, text=recap_text(recap), blocks=recap_blocks(recap), metadata=RECAP_TAG
            )
        return sent["channel"]

    def find_recap(self, user_id: str) -> SentRecap | None:
        """The recap already in the intern's DM (a run that stopped after posting it), and whether its
        CSV followed; found by the recap's message metadata, like a round's intros."""
        channel = self._open((user_id,))
        messages: list[dict] = []
        cursor = None
        with slack_errors():
            while len(messages) < RECAP_HISTORY:  # Slack may answer with fewer than asked, and a cursor
                page = self._client.conversations_history(
                    channel=channel, limit=RECAP_HISTORY, include_all_metadata=True, cursor=cursor
                )
                messages += page["messages"]
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    break
        if not any(m.get("metadata") == RECAP_TAG for m in messages):
            return None
        csv_shared = any(
            f.get("name", "").startswith(RECAP_CSV_PREFIX) for m in messages for f in m.get("files") or []
        )
        return SentRecap(channel, csv_shared)

    def upload_csv(self, channel: str, filename: str, content: str, comment: str) -> str:
        return self._upload(channel, filename, content, comment)

    def remind_alumni(self, colleague: str, intern: str, contact: AlumniContact) -> None:
        self._post(colleague, reminder_text(intern), reminder_blocks(intern, contact))
