"""Offers: what a member can help others with, shown on their profile and found by topic.

An offer is a short line ("résumé reviews", "SQL office hours"); a member keeps a few at once, so each
stays something they really mean. Finding offers uses the same word matching as `/intro mentors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.people.mentors import words

TEXT_LIMIT = 200
"""Characters in one offer: a topic and a few words about it, not an essay."""

PER_PERSON = 5
"""Offers one member keeps up at once."""

DAILY_CHANGES = 10
"""Offers one member may add, and (separately) take down, in any 24 hours (RAPPORT_OFFERS_DAILY_LIMIT):
each add is a post in the asks channel and each removal edits one."""

DAY = timedelta(hours=24)

LIST_LIMIT = 20
"""Offers shown by `/offer list` at once; the rest are counted."""


@dataclass(frozen=True)
class Offer:
    id: int
    team_id: str
    user_id: str
    text: str
    created_at: datetime
    removed: bool = False  # taken down with `/offer remove`
    channel_id: str | None = None  # where it was posted, if anywhere
    message_ts: str | None = None


@dataclass(frozen=True)
class OfferFigures:
    """Offers in the program view."""

    made: int  # ever, taken down or not
    current: int
    people: int  # who made them
    booked: int  # chats booked through Book a chat


def check_offer(
    text: str, current: int, added_today: int = 0, daily_limit: int = DAILY_CHANGES
) -> tuple[str | None, str | None]:
    """(the offer's text on one line, None) when it may be added, else (None, why not).

    `current` offers are up; `added_today` were added in the last 24 hours."""
    line = " ".join(text.split())
    if not line:
        return None, "Say what you can help with, e.g. `/offer résumé reviews` or `/offer SQL office hours`."
    if len(line) > TEXT_LIMIT:
        return None, (
            f"Keep an offer under {TEXT_LIMIT} characters (yours has {len(line)}): a topic and a few words."
        )
    if current >= PER_PERSON:
        return None, (
            f"You have {PER_PERSON} offers up already, the most at once. "
            "Take one down first with `/offer remove`."
        )
    if added_today >= daily_limit:
        return (
            None,
            f"You've added {_offers(daily_limit)} in the last 24 hours, the most for a day: try tomorrow.",
        )
    return line, None


def removal_limit_text(limit: int) -> str:
    """Why taking an offer down was refused: `limit` were taken down in the last 24 hours."""
    return f"You've taken down {_offers(limit)} in the last 24 hours, the most for a day: try tomorrow."


def _offers(count: int) -> str:
    return "1 offer" if count == 1 else f"{count} offers"


def matching(offers: Sequence[Offer], topic: str) -> list[Offer]:
    """Offers where every word of the topic starts one of the offer's words (all offers for no topic)."""
    wanted = words(topic)
    return [o for o in offers if all(any(w.startswith(x) for w in words(o.text)) for x in wanted)]


def offer_number(text: str) -> int | None:
    """`3` or `#3` as an offer's number, else None."""
    text = text.strip().lstrip("#")
    return int(text) if text.isdigit() and len(text) <= 9 and int(text) > 0 else None


def booking_ref(offer_id: int, booker: str) -> str:
    """The meeting's source_ref for a booked chat: one interaction per offer and booker."""
    return f"offer:{offer_id}:{booker}"
