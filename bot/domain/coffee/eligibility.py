"""Who takes part in a round, and why not when they don't."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain.coffee.model import Frequency, Participation, ParticipationStatus

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_EVERY = {
    Frequency.WEEKLY: "every week",
    Frequency.BIWEEKLY: "every two weeks",
    Frequency.MONTHLY: "every four weeks",
}


@dataclass(frozen=True)
class Decision:
    """Whether a member takes part in a round; `reason` is a sentence for them when they don't.

    `consumes_skip` is True when the member's "skip next round" is what kept them out:
    the caller should then clear skip_next.
    """

    takes_part: bool
    reason: str | None = None
    consumes_skip: bool = False


def decide(
    participation: Participation,
    pool_frequency: Frequency,
    today: date,
    last_grouped: datetime | None,
    slot: datetime,
) -> Decision:
    """Left, paused, resting at a slower personal frequency, or skipping: in that order.

    A rest round comes before skip_next so that a skip is not spent on a round the member
    would have sat out anyway.
    """
    if participation.status is ParticipationStatus.LEFT:
        return Decision(False, "You've left coffee chats in this channel.")
    paused = participation.paused_until
    if paused is not None and paused > today:
        return Decision(False, f"You're paused until {_day(paused, today)}.")
    own = participation.frequency
    if own is not None and own.days > pool_frequency.days and _rested_too_little(own, last_grouped, slot):
        return Decision(False, f"You meet {_EVERY[own]}, so you're sitting this round out.")
    if participation.skip_next:
        return Decision(False, "You asked to skip this round.", consumes_skip=True)
    return Decision(True)


def _rested_too_little(frequency: Frequency, last_grouped: datetime | None, slot: datetime) -> bool:
    """Fewer than `frequency.days - 1` days since their last group (the day absorbs DST shifts)."""
    return last_grouped is not None and slot - last_grouped < timedelta(days=frequency.days - 1)


SILENT_ROUNDS_BEFORE_ASKING = 3
"""After this many rounds in a row with no answer to the check-in, a member is asked whether to stay."""


def silent_rounds_after(silent_before: int, answered: bool) -> int:
    """The member's count of unanswered rounds in a row, once a round they were grouped in closes."""
    return 0 if answered else silent_before + 1


def time_to_ask_whether_to_stay(silent_rounds: int) -> bool:
    """Ask exactly once per silent streak: when it reaches the limit, not again while it goes on."""
    return silent_rounds == SILENT_ROUNDS_BEFORE_ASKING


def still_worth_asking(participation: Participation) -> bool:
    """A question owed since a close is still sent when it goes out late: unless they left, or answered
    (or rejoined) since, which ended the silent streak."""
    return (
        participation.status is ParticipationStatus.ACTIVE
        and participation.ignored_rounds >= SILENT_ROUNDS_BEFORE_ASKING
    )


def _day(day: date, today: date) -> str:
    """Like "14 July", with the year only when it is not this year's."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"
