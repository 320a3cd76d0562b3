"""What one follow-up message says: for each person met, a drafted thank-you and how to connect."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.followups.thank_you import MetPerson


@dataclass(frozen=True)
class ThankYou:
    person: MetPerson
    draft: str  # plain text; the renderer escapes it


@dataclass(frozen=True)
class NudgeMessage:
    """One message folding every meeting the member is being reminded of today."""

    thank_yous: tuple[ThankYou, ...]
