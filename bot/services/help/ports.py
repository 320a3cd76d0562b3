"""What sharing updates needs from storage and from Slack."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.domain.help.updates import SharedUpdate, UpdateKind
from bot.services.ports import SlackMember


@dataclass(frozen=True)
class UpdateSettings:
    """A member's two switches: the monthly prompt (interns) and notices about the people they met."""

    prompts_on: bool
    notices_on: bool


@dataclass(frozen=True)
class UpdateFigure:
    """An update as the program view counts it."""

    user_id: str
    kind: UpdateKind
    posted_at: datetime


class UpdateRepository(Protocol):
    def settings(self, team_id: str, user_id: str) -> UpdateSettings: ...

    def set_prompts(self, team_id: str, user_id: str, on: bool) -> None: ...

    def set_notices(self, team_id: str, user_id: str, on: bool) -> None: ...

    def notices_off(self, team_id: str, user_ids: Collection[str]) -> set[str]:
        """Those of `user_ids` who turned "updates from people I've met" off."""
        ...

    def prompted_month(self, team_id: str, user_id: str) -> str | None: ...

    def claim_prompt(self, team_id: str, user_id: str, month: str, previous: str | None) -> bool:
        """Stamp `month` if prompts are on and the stamp is still `previous`; True if this call won."""
        ...

    def release_prompt(self, team_id: str, user_id: str, month: str, previous: str | None) -> None:
        """Undo a claim whose prompt Slack refused."""
        ...

    def claim_share(
        self, team_id: str, user_id: str, kind: UpdateKind, share_key: str, channel_id: str, now: datetime
    ) -> int | None:
        """The new update's id, or None when this share key was claimed already."""
        ...

    def release_share(self, update_id: int) -> None: ...

    def mark_posted(
        self, update_id: int, ts: str, permalink: str | None, recipients: Collection[str], now: datetime
    ) -> None:
        """Stamp the post and owe each recipient a line about it."""
        ...

    def shared(self, team_id: str, user_id: str, share_key: str) -> SharedUpdate | None: ...

    def posted(self, team_id: str) -> list[UpdateFigure]:
        """Every update posted in the workspace, oldest first."""
        ...

    def waiting(self) -> list[tuple[str, str]]:
        """(team_id, recipient_id) of everyone owed a line that no notice DM carries yet."""
        ...

    def claim_digest(
        self, team_id: str, recipient_id: str, week: date, now: datetime, lease_seconds: int
    ) -> int | None:
        """Claim the recipient's notice DM of `week` with the lines waiting; None if it was claimed."""
        ...

    def digest_updates(self, digest_id: int) -> list[SharedUpdate]: ...

    def mark_digest_sent(self, digest_id: int, now: datetime) -> None: ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...


class UpdateMessenger(Protocol):
    """The Slack calls of sharing updates, for one workspace."""

    def member(self, user_id: str) -> SlackMember: ...

    def prompt_update(self, user_id: str, met: int) -> None:
        """DM the monthly "Share an update with the N people you've met" with its button."""
        ...

    def post_update(self, channel: str, author: str, kind: UpdateKind, text: str) -> str:
        """Post the update in the channel; returns its ts."""
        ...

    def permalink(self, channel: str, ts: str) -> str: ...

    def send_notices(self, recipient: str, updates: Sequence[SharedUpdate]) -> None:
        """The one line about the updates of people the recipient met."""
        ...

    def tell(self, user_id: str, text: str) -> None:
        """A short DM to the member about their update (posted, or why not)."""
        ...
