"""What warm introductions need from storage and from Slack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from bot.domain.introductions import Answer, Introduction, Outcome
from bot.domain.people.person import Role
from bot.domain.people.profile import Profile
from bot.services.ports import SlackMember


class IntroductionRepository(Protocol):
    def in_group(
        self, team_id: str, intro_id: int | None = None, channel_id: str | None = None
    ) -> tuple[Introduction, str] | None:
        """An introduction made in this workspace (by ID, or the latest in this group DM) and its group DM."""
        ...

    def add(self, intro: Introduction) -> Introduction | None:
        """Store a new introduction (its `id` is ignored); returns it with its id.

        None when the pair already has a pending introduction (checked by a unique index, so two
        concurrent proposals for one pair cannot both be stored).
        """
        ...

    def hold_proposer(self, team_id: str, proposer: str, now: datetime) -> None:
        """Lock the proposer until commit, so concurrent proposals count the daily limit one at a time."""
        ...

    def get(self, intro_id: int) -> Introduction | None: ...

    def pending_between(self, team_id: str, x: str, y: str) -> bool:
        """True when x and y (in either order) have an introduction still waiting for answers."""
        ...

    def proposed_since(self, team_id: str, proposer: str, since: datetime) -> int: ...

    def record_answer(self, intro_id: int, user_id: str, answer: Answer, now: datetime) -> bool:
        """Store the side's first answer while the introduction is pending; False when ignored."""
        ...

    def close(self, intro_id: int, outcome: Outcome, now: datetime) -> bool:
        """Settle a pending introduction; True only for the one call that settled it."""
        ...

    def pending_created_before(self, cutoff: datetime) -> list[Introduction]: ...

    def pending_involving(self, team_id: str, user_id: str) -> list[Introduction]:
        """Pending introductions the member proposed or is a side of."""
        ...

    def remember_request(self, intro_id: int, user_id: str, channel_id: str, ts: str) -> None:
        """Where the consent request to `user_id` was posted, so its buttons can be replaced."""
        ...

    def request_message(self, intro_id: int, user_id: str) -> tuple[str, str] | None: ...

    def claim_request(self, intro_id: int, user_id: str, now: datetime) -> int | None:
        """Claim an attempt at sending `user_id` their consent request; the attempt's number, or None."""
        ...

    def unsent_requests(self, now: datetime) -> list[tuple[Introduction, str]]:
        """(introduction, person) for each undelivered consent request due for an attempt."""
        ...

    def opened_group(self, intro_id: int, channel_id: str) -> None: ...

    def met_before(self, cutoff: datetime) -> list[Introduction]:
        """Accepted introductions whose group DM opened by `cutoff`, not yet recorded as meetings."""
        ...

    def mark_meeting_recorded(self, intro_id: int, now: datetime) -> None: ...


class Standing(StrEnum):
    """Where an introduction stands for the person who has just answered its consent request."""

    DECLINED = "declined"  # they said not now
    WAITING = "waiting"  # they said yes; the other side has not answered yet
    INTRODUCED = "introduced"  # everyone said yes: the group DM is open
    NOT_OPENED = "not_opened"  # everyone said yes, but Slack refused the group DM


@dataclass(frozen=True)
class IntroSide:
    """One person in an introduction as the messages show them: their card, or what the roster knows."""

    user_id: str
    profile: Profile | None
    role: Role | None = None


class IntroMessenger(Protocol):
    """The Slack calls of profiles and introductions, for one workspace."""

    def bot_user_id(self) -> str: ...

    def member(self, user_id: str) -> SlackMember:
        """Raises SlackError (e.g. "user_not_found")."""
        ...

    def join(self, channel_id: str) -> None: ...

    def post_card(self, channel_id: str, profile: Profile) -> str:
        """Post the card; returns the message's ts."""
        ...

    def delete_message(self, channel_id: str, ts: str) -> None:
        """Delete one of the bot's messages; raises SlackError (e.g. "message_not_found")."""
        ...

    def say_hi(self, clicker: str, member: str) -> None:
        """Open a DM of the two people and post a friendly opener naming who said hi."""
        ...

    def invite(self, user_id: str, nudged_by: str) -> None:
        """DM inviting `user_id` to introduce themselves with /intro."""
        ...

    def ask_consent(self, intro: Introduction, asked: str, other: IntroSide) -> tuple[str, str]:
        """Private DM to `asked` with the other's card and the two buttons; returns (channel, ts)."""
        ...

    def show_consent_answer(self, channel_id: str, ts: str, standing: Standing, other: str) -> None:
        """Replace the request's buttons with where it stands; `other` is the person they would meet."""
        ...

    def introduce(self, intro: Introduction, a: IntroSide, b: IntroSide) -> str:
        """Open the group DM of a, b and the proposer and post the introduction; returns its channel."""
        ...

    def tell_not_this_time(self, intro: Introduction) -> None:
        """Tell the proposer kindly that it did not work out, without naming who declined."""
        ...
