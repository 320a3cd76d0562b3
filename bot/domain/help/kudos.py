"""Kudos: a public thank-you from one member to another, and what may be sent.

Whether a thank-you may go depends on who it is for (a person, not oneself, a bot or someone gone), what it
says (something), and how many the sender sent in the last day (a limit, so kudos stay meaningful).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

_GREETING = re.compile(r"^Hi [^,]{1,60}, ")

TEXT_LIMIT = 500
"""Characters of what they did; enough for a warm sentence or two, well inside Slack's limits."""

DAILY_LIMIT = 20
"""Kudos one member may send in any 24 hours."""

WINDOW = timedelta(days=1)


class Refusal(StrEnum):
    """Why a thank-you was not sent."""

    NO_TEXT = "no_text"
    SELF = "self"
    BOT = "bot"
    UNKNOWN = "unknown"  # not a person in this workspace, or deactivated
    TOO_MANY = "too_many"


@dataclass(frozen=True)
class Recipient:
    """What Slack says about the person thanked; None fields mean Slack did not know them."""

    user_id: str
    known: bool
    is_bot: bool = False
    deleted: bool = False


def window_start(now: datetime) -> datetime:
    """Kudos sent since this moment count toward the daily limit."""
    return now - WINDOW


def check_kudos(sender: str, recipient: Recipient, text: str, sent_in_window: int) -> Refusal | None:
    """None when the thank-you may go; else the first reason it may not."""
    if not " ".join(text.split()):
        return Refusal.NO_TEXT
    if recipient.user_id == sender:
        return Refusal.SELF
    if not recipient.known or recipient.deleted:
        return Refusal.UNKNOWN
    if recipient.is_bot:
        return Refusal.BOT
    if sent_in_window >= DAILY_LIMIT:
        return Refusal.TOO_MANY
    return None


def tidy(text: str) -> str:
    """What they did, on one line with single spaces, at most TEXT_LIMIT characters."""
    words = " ".join(text.split())
    return words if len(words) <= TEXT_LIMIT else words[: TEXT_LIMIT - 1].rstrip() + "…"


@dataclass(frozen=True)
class KudosCounts:
    """How often a member was thanked, and thanked others."""

    received: int
    given: int

    def describe(self) -> str:
        """'thanked 4 times · thanked others 6 times' ("once" for one)."""
        return f"thanked {_times(self.received)} · thanked others {_times(self.given)}"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def nudge_line(draft: str) -> str:
    """The kudos line a thank-you nudge offers to post: its drafted note without the "Hi Ben, " greeting
    (a public thank-you names the person already)."""
    body = _GREETING.sub("", draft, count=1)
    return tidy(body[:1].upper() + body[1:])


@dataclass(frozen=True)
class Kudos:
    """A thank-you as stored: who thanked whom for what, and where it was posted."""

    id: int
    team_id: str
    from_user_id: str
    to_user_id: str
    text: str
    created_at: datetime
    channel_id: str | None = None
    message_ts: str | None = None


@dataclass(frozen=True)
class KudosFigures:
    """Kudos in the program view."""

    given: int
    people_thanked: int
    people_thanking: int
