"""What App Home, program insight and the weekly digest need from storage and from Slack."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.domain.program.figures import GroupFact, MeetingFact, NudgeFact, ProgramStats
from bot.services.ports import SlackMember


@dataclass(frozen=True)
class PendingCheckin:
    """A check-in the member's group has not answered (or answered "scheduled")."""

    group_id: int
    pool_channel: str
    others: tuple[str, ...]
    reask: bool


@dataclass(frozen=True)
class OpenThanks:
    """A thank-you nudge message the member has not answered yet."""

    channel: str
    ts: str
    others: tuple[str, ...]


@dataclass(frozen=True)
class IntroductionFact:
    id: int
    created_at: datetime
    proposer: str
    user_a: str
    user_b: str
    outcome: str
    closed_at: datetime | None


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    met_at: datetime
    source: str
    people: tuple[str, ...]
    note: str | None


class ProgramRepository(Protocol):
    def groups(self, team_id: str, channels: Sequence[str] | None) -> list[GroupFact]:
        """Every coffee group of the workspace (of these pools' channels, when given)."""
        ...

    def meetings(self, team_id: str) -> list[MeetingFact]: ...

    def meeting_records(self, team_id: str) -> list[MeetingRecord]:
        """Meetings with their source and note, for the export, oldest first."""
        ...

    def nudges(self, team_id: str) -> list[NudgeFact]: ...

    def introductions(self, team_id: str) -> list[IntroductionFact]: ...

    def pending_checkins(self, team_id: str, user_id: str) -> list[PendingCheckin]: ...

    def open_thanks(self, team_id: str, user_id: str) -> list[OpenThanks]: ...

    def thank_yous_sent(self, team_id: str, user_id: str) -> int:
        """The member's nudges answered Done."""
        ...

    def member_pool_ids(self, team_id: str, user_id: str) -> set[int]:
        """Pools where the member has settings or has been grouped."""
        ...

    def team_ids(self) -> list[str]:
        """Every workspace with pools or a roster."""
        ...

    def digest_enabled(self, team_id: str, user_id: str) -> bool: ...

    def set_digest(self, team_id: str, user_id: str, enabled: bool, now: datetime) -> None: ...

    def digest_claimed(self, team_id: str, user_id: str, week_of: date) -> bool: ...

    def claim_digest(self, team_id: str, user_id: str, week_of: date, now: datetime) -> bool:
        """True for exactly one caller per lead and week (a unique insert)."""
        ...

    def mark_digest_sent(self, team_id: str, user_id: str, week_of: date, now: datetime) -> None: ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...


class ProgramMessenger(Protocol):
    """The Slack calls the weekly digest makes, for one workspace; Block Kit is the adapter's business."""

    def member(self, user_id: str) -> SlackMember: ...

    def send_digest(self, user_id: str, stats: ProgramStats, timezone: str | None) -> None:
        """DM the lead the headline figures and the attention list, with a Stop weekly digest button."""
        ...
