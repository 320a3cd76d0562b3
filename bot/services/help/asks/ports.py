"""What the asks use cases need from storage and from Slack."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.domain.help.asks import AskDraft, AskFact, AskStatus
from bot.domain.people.mentors import Mentor
from bot.services.ports import SlackMember


@dataclass(frozen=True)
class Ask:
    id: int
    team_id: str
    asker_id: str
    question: str
    tags: tuple[str, ...]
    by_when: date | None
    channel_id: str
    status: AskStatus
    created_at: datetime
    message_ts: str | None = None
    helpers: tuple[str, ...] = ()  # who pressed I can help, in order


@dataclass(frozen=True)
class SuggestionPlace:
    """Where a private suggestion DM went, to close its buttons once answered."""

    channel_id: str
    ts: str


class AskMessenger(Protocol):
    """The Slack calls asks make, for one workspace."""

    def member(self, user_id: str) -> SlackMember: ...

    def post_ask(self, ask: Ask) -> str:
        """Post the ask in its channel (joining a public channel first if need be); returns its ts."""
        ...

    def update_ask(self, ask: Ask) -> None:
        """Show the ask's status and helpers in place (chat.update)."""
        ...

    def suggest(self, user_id: str, ask: Ask) -> SuggestionPlace:
        """DM someone whose profile matches: I can help / Not this time."""
        ...

    def close_suggestion(self, place: SuggestionPlace, text: str) -> None: ...

    def open_help(self, ask: Ask, helper: str) -> str:
        """The group DM of asker and helper with a short opener; returns its ID."""
        ...

    def offer_asker(self, ask: Ask, helper: str, channel_id: str) -> None:
        """Tell the asker who offered, with Solved and Thank @helper."""
        ...

    def nudge_asker(self, ask: Ask) -> None: ...

    def tell_expired(self, ask: Ask) -> None: ...

    def send_thanks(self, ask: Ask, helper: str, text: str) -> None:
        """The asker's thank-you, as a DM to the helper."""
        ...


class AskRepository(Protocol):
    def add(self, team_id: str, asker_id: str, draft: AskDraft, channel_id: str, now: datetime) -> Ask: ...

    def set_message(self, ask_id: int, ts: str) -> None: ...

    def remove(self, ask_id: int) -> None:
        """An ask whose post Slack refused: nobody could see it, so it is not kept."""
        ...

    def get(self, team_id: str, ask_id: int) -> Ask | None: ...

    def opted_in(self, team_id: str) -> list[Mentor]:
        """Members who want to hear about asks that match what they know, with their profile."""
        ...

    def wants_asks(self, team_id: str, user_id: str) -> bool: ...

    def set_wants_asks(self, team_id: str, user_id: str, on: bool, now: datetime) -> None: ...

    def claim_suggestion(self, ask: Ask, user_id: str, now: datetime, limit: int, since: datetime) -> bool:
        """Count the member's suggestions since `since` under a lock on their opt-in, and insert this one
        while under `limit`; False when they opted out, are at the limit or were asked about this ask."""
        ...

    def set_suggestion_message(self, ask_id: int, user_id: str, place: SuggestionPlace) -> None: ...

    def release_suggestion(self, ask_id: int, user_id: str) -> None:
        """Slack refused the DM: it does not count against the member's week."""
        ...

    def answer_suggestion(
        self, ask_id: int, user_id: str, answer: str, now: datetime
    ) -> SuggestionPlace | None:
        """Record helping/declined once; the DM's place when this was the first answer, else None."""
        ...

    def claim_helper(self, ask: Ask, user_id: str, now: datetime) -> bool:
        """Insert-once: True only for the member's first I can help on this ask."""
        ...

    def set_helper_channel(self, ask_id: int, user_id: str, channel_id: str) -> None: ...

    def helper_channel(self, ask_id: int, user_id: str) -> str | None: ...

    def close(self, ask_id: int, status: AskStatus, now: datetime) -> bool:
        """Open → solved or expired; False when it was not open any more (so everyone is told once)."""
        ...

    def to_nudge(self, since: datetime) -> list[Ask]:
        """Open asks created before `since` with no helper and no nudge yet, across workspaces."""
        ...

    def claim_nudge(self, ask_id: int, now: datetime) -> bool: ...

    def release_nudge(self, ask_id: int) -> None: ...

    def to_expire(self, before: datetime) -> list[Ask]:
        """Open asks created before `before`, across workspaces."""
        ...

    def facts(self, team_id: str) -> list[AskFact]: ...

    def records(self, team_id: str) -> Sequence[tuple[Ask, datetime | None, int]]:
        """Each ask with when its first helper came and how many people were asked privately."""
        ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...
