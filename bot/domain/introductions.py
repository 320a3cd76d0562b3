"""Warm introductions with double opt-in: who must agree, when one is settled, the limits, and delivery.

An introduction names a proposer and two sides, a and b. Every side other than the proposer must
agree (so `/intro me @b` needs only b). One "not now" settles it as declined; all agreeing settles it
as accepted; nobody answering within `ANSWER_WINDOW` lets it expire.

A consent request Slack could not deliver for a passing reason (rate limit, server error) is retried a
few times; one that can never arrive (the person is gone, or cannot receive DMs from the bot) closes
the introduction. An accepted introduction becomes a meeting once its group DM has been open a while.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

DAILY_LIMIT = 5
"""At most this many introductions proposed by one person in any 24 hours (keeps it from being spam)."""


ANSWER_WINDOW = timedelta(days=7)


NUDGE_INTERVAL = timedelta(days=7)
"""At most one "introduce yourself" nudge per person in this interval, whoever asks."""


REASON_LIMIT = 500


class Answer(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Outcome(StrEnum):
    PENDING = "pending"
    INTRODUCED = "introduced"
    DECLINED = "declined"
    EXPIRED = "expired"


class Refusal(StrEnum):
    """Why a proposal is refused before anything is sent."""

    SAME_PERSON = "same_person"
    BOT = "bot"
    DEACTIVATED = "deactivated"
    NOT_IN_WORKSPACE = "not_in_workspace"
    ALREADY_PENDING = "already_pending"
    DAILY_LIMIT = "daily_limit"


@dataclass(frozen=True)
class Introducee:
    """What Slack says about one person to be introduced."""

    user_id: str
    found: bool
    is_bot: bool = False
    deleted: bool = False


@dataclass(frozen=True)
class Introduction:
    id: int
    team_id: str
    proposer: str
    a: str
    b: str
    why: str
    created_at: datetime
    a_answer: Answer | None = None
    a_answered_at: datetime | None = None
    b_answer: Answer | None = None
    b_answered_at: datetime | None = None
    outcome: Outcome = Outcome.PENDING
    closed_at: datetime | None = None

    def answer_of(self, user_id: str) -> Answer | None:
        return self.a_answer if user_id == self.a else self.b_answer

    @property
    def consenting(self) -> tuple[str, ...]:
        """The sides whose agreement is needed: everyone but the proposer."""
        return tuple(side for side in (self.a, self.b) if side != self.proposer)


def clean_reason(text: str) -> str:
    """The proposer's reason, trimmed and cut to REASON_LIMIT characters."""
    text = " ".join(text.split())
    return text if len(text) <= REASON_LIMIT else text[: REASON_LIMIT - 1] + "…"


def refusal(
    proposer: str,
    sides: tuple[Introducee, Introducee],
    bot_user_id: str,
    pending_between: bool,
    proposed_today: int,
    daily_limit: int = DAILY_LIMIT,
) -> Refusal | None:
    """Why this proposal must not go out, or None when it may."""
    a, b = sides
    if a.user_id == b.user_id:
        return Refusal.SAME_PERSON
    for side in sides:
        if side.user_id == proposer:
            continue
        if not side.found:
            return Refusal.NOT_IN_WORKSPACE
        if side.is_bot or side.user_id == bot_user_id:
            return Refusal.BOT
        if side.deleted:
            return Refusal.DEACTIVATED
    if pending_between:
        return Refusal.ALREADY_PENDING
    if proposed_today >= daily_limit:
        return Refusal.DAILY_LIMIT
    return None


def initial_answers(proposer: str, a: str, b: str) -> tuple[Answer | None, Answer | None]:
    """A proposer who is one of the sides has agreed by asking."""
    return (Answer.ACCEPTED if a == proposer else None, Answer.ACCEPTED if b == proposer else None)


def outcome_of(intro: Introduction) -> Outcome:
    """Declined as soon as one side says no; introduced once both sides have agreed."""
    answers = (intro.a_answer, intro.b_answer)
    if Answer.DECLINED in answers:
        return Outcome.DECLINED
    if all(answer is Answer.ACCEPTED for answer in answers):
        return Outcome.INTRODUCED
    return Outcome.PENDING


def expires_at(intro: Introduction) -> datetime:
    return intro.created_at + ANSWER_WINDOW


def is_expired(intro: Introduction, now: datetime) -> bool:
    return intro.outcome is Outcome.PENDING and now >= expires_at(intro)


def day_window_start(now: datetime) -> datetime:
    """Proposals made after this moment count toward today's DAILY_LIMIT."""
    return now - timedelta(days=1)


def may_nudge(last_nudged_at: datetime | None, now: datetime) -> bool:
    return last_nudged_at is None or now - last_nudged_at >= NUDGE_INTERVAL


MAX_SEND_ATTEMPTS = 5


RETRY_AFTER = timedelta(minutes=15)


MET_AFTER = timedelta(days=3)
"""An introduction's group DM open this long counts as the two people having met."""


UNDELIVERABLE = frozenset(
    {
        "account_inactive",
        "cannot_dm_bot",
        "channel_not_found",
        "is_archived",
        "user_disabled",
        "user_not_found",
        "user_not_visible",
    }
)
"""Slack errors that no retry can fix: the person is gone or cannot get DMs from the bot."""


def pair_key(x: str, y: str) -> str:
    """The same key for (x, y) and (y, x): at most one pending introduction per key."""
    low, high = sorted((x, y))
    return f"{low}:{high}"


def gives_up(error_code: str, attempts: int) -> bool:
    """True when a request that failed with `error_code` on attempt number `attempts` is abandoned."""
    return error_code in UNDELIVERABLE or attempts >= MAX_SEND_ATTEMPTS


def retry_due_before(now: datetime) -> datetime:
    """A failed attempt made at or before this moment may be tried again."""
    return now - RETRY_AFTER


def met_before(now: datetime) -> datetime:
    """Introductions whose group DM opened at or before this moment count as met."""
    return now - MET_AFTER
