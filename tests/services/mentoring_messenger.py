"""A recording MentoringMessenger: each call Slack took, as `(method, *args)`; it can be told to fail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.mentoring.kickoff import Kickoff
from bot.services.mentoring.ports import CheckinAnswer, Drafts, Pair, Request
from bot.services.ports import SlackMember
from tests.services.fakes import RecordingMessenger


class FakeMentoringMessenger(RecordingMessenger):
    def members(self, user_ids: Sequence[str]) -> dict[str, SlackMember]:
        self._call("members", tuple(user_ids))
        self._done()
        return {u: self.people[u] for u in user_ids if u in self.people}

    def _dm(self, method: str, user_id: str, *args: object) -> tuple[str, str]:
        self._call(method, user_id, *args)
        self._done()
        return f"D{user_id}", self._new_ts()

    def invite_mentor(self, user_id: str) -> tuple[str, str]:
        return self._dm("invite_mentor", user_id)

    def invite_mentee(self, user_id: str, closes_at: datetime | None) -> tuple[str, str]:
        return self._dm("invite_mentee", user_id, closes_at)

    def ask_mentor(self, request: Request) -> tuple[str, str]:
        pair = request.pair
        return self._dm("ask_mentor", pair.mentor_id, pair.mentee_id, request.goals, request.due_at)

    def remind_mentor(self, request: Request) -> None:
        self._dm("remind_mentor", request.pair.mentor_id, request.pair.mentee_id)

    def close_request(self, channel: str, ts: str, text: str) -> None:
        self._call("close_request", channel, ts, text)
        self._done()

    def start_pair(self, pair: Pair, kickoff: Kickoff, resume: bool) -> tuple[str, str]:
        self._call("start_pair", pair.mentee_id, pair.mentor_id, kickoff, resume)
        self._done()
        return f"G-{pair.mentee_id}-{pair.mentor_id}", self._new_ts()

    def send_checkin(self, channel: str, pair_id: int, number: int) -> str:
        self._call("send_checkin", channel, pair_id, number)
        self._done()
        return self._new_ts()

    def show_checkin_answer(self, channel: str, ts: str, answer: CheckinAnswer, user_id: str) -> None:
        self._call("show_checkin_answer", channel, ts, answer, user_id)
        self._done()

    def ask_fit(self, user_id: str, pair: Pair) -> tuple[str, str]:
        return self._dm("ask_fit", user_id, pair.id)

    def close_fit(self, channel: str, ts: str, text: str) -> None:
        self._call("close_fit", channel, ts, text)
        self._done()

    def tell_unmatched(self, user_id: str) -> None:
        self._dm("tell_unmatched", user_id)

    def tell_ended(self, user_id: str, other: str, mentee: bool) -> None:
        self._dm("tell_ended", user_id, other, mentee)

    def ask_closeout(self, user_id: str, pair: Pair) -> tuple[str, str]:
        return self._dm("ask_closeout", user_id, pair.id)

    def send_drafts(self, user_id: str, drafts: Drafts) -> tuple[str, str]:
        return self._dm("send_drafts", user_id, drafts)

    def delete_message(self, channel: str, ts: str) -> None:
        self._call("delete_message", channel, ts)
        self._done()
