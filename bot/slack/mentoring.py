"""MentoringMessenger over a WebClient: invitations, requests and their answers, the pair's group DM with
its kickoff and check-ins, and the private fit question. Kickoffs and check-ins carry message metadata
naming their pair, so a kickoff whose sender died is found in the group DM instead of posted twice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.mentoring.kickoff import Kickoff
from bot.services.mentoring.ports import CheckinAnswer, Drafts, Pair, Request
from bot.slack.adapter import SlackAdapter, slack_errors
from handlers.blockkit import section
from handlers.mentoring.blocks import (
    FIT_CLOSED,
    REQUEST_CLOSED,
    checkin_answered_blocks,
    checkin_blocks,
    closed_blocks,
    ended_text,
    fit_blocks,
    invite_mentee_blocks,
    invite_mentor_blocks,
    kickoff_blocks,
    kickoff_text,
    request_blocks,
    unmatched_text,
)
from handlers.mentoring.closeout_blocks import closeout_blocks, drafts_blocks

HISTORY_PAGE = 50  # the pair's group DM holds a few of Rapport's messages; the kickoff is among the latest
KICKOFF = "rapport_mentoring_kickoff"


class SlackMentoringMessenger(SlackAdapter):
    """MentoringMessenger over one workspace's WebClient (people lookups cached per instance)."""

    def _dm(self, user_id: str, text: str, blocks: list[dict[str, Any]]) -> tuple[str, str]:
        with slack_errors():
            posted = self._client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
        return posted["channel"], posted["ts"]

    def invite_mentor(self, user_id: str) -> tuple[str, str]:
        return self._dm(user_id, *invite_mentor_blocks())

    def invite_mentee(self, user_id: str, closes_at: datetime | None) -> tuple[str, str]:
        return self._dm(user_id, *invite_mentee_blocks(closes_at))

    def ask_mentor(self, request: Request) -> tuple[str, str]:
        return self._dm(request.pair.mentor_id, *request_blocks(request))

    def remind_mentor(self, request: Request) -> None:
        self._dm(request.pair.mentor_id, *request_blocks(request, reminder=True))

    def close_request(self, channel: str, ts: str, text: str) -> None:
        self._update(channel, ts, REQUEST_CLOSED.get(text, text))

    def start_pair(self, pair: Pair, kickoff: Kickoff, resume: bool) -> tuple[str, str]:
        channel = self._open((pair.mentee_id, pair.mentor_id))
        tag = {"event_type": KICKOFF, "event_payload": {"pair_id": pair.id}}
        if resume and (ts := self._find(channel, tag)) is not None:
            return channel, ts
        return channel, self._post(channel, kickoff_text(pair), kickoff_blocks(pair, kickoff), tag)

    def _find(self, channel: str, tag: dict[str, Any]) -> str | None:
        with slack_errors():
            page = self._client.conversations_history(
                channel=channel, limit=HISTORY_PAGE, include_all_metadata=True
            )
        return next((m["ts"] for m in page["messages"] if m.get("metadata") == tag), None)

    def send_checkin(self, channel: str, pair_id: int, number: int) -> str:
        payload = {"pair_id": pair_id, "number": number}
        tag = {"event_type": "rapport_mentoring_checkin", "event_payload": payload}
        return self._post(channel, "Mentoring check-in: did you meet?", checkin_blocks(pair_id, number), tag)

    def show_checkin_answer(self, channel: str, ts: str, answer: CheckinAnswer, user_id: str) -> None:
        blocks = checkin_answered_blocks(answer, user_id)
        with slack_errors():
            self._client.chat_update(channel=channel, ts=ts, text=blocks[0]["text"]["text"], blocks=blocks)

    def ask_fit(self, user_id: str, pair: Pair) -> tuple[str, str]:
        return self._dm(user_id, *fit_blocks(user_id, pair))

    def close_fit(self, channel: str, ts: str, text: str) -> None:
        self._update(channel, ts, FIT_CLOSED.get(text, text))

    def tell_unmatched(self, user_id: str) -> None:
        text = unmatched_text()
        self._post(user_id, text, [section(text)])

    def tell_ended(self, user_id: str, other: str, mentee: bool) -> None:
        text = ended_text(other, mentee)
        self._post(user_id, text, [section(text)])

    def ask_closeout(self, user_id: str, pair: Pair) -> tuple[str, str]:
        return self._dm(user_id, *closeout_blocks(user_id, pair))

    def send_drafts(self, user_id: str, drafts: Drafts) -> tuple[str, str]:
        return self._dm(user_id, *drafts_blocks(drafts))

    def delete_message(self, channel: str, ts: str) -> None:
        with slack_errors():
            self._client.chat_delete(channel=channel, ts=ts)

    def _update(self, channel: str, ts: str, text: str) -> None:
        with slack_errors():
            self._client.chat_update(channel=channel, ts=ts, text=text, blocks=closed_blocks(text))
