"""What a new pair gets when the mentor accepts: a short agreement to fill in together and a first-session
agenda drawn from the mentee's goals. Plain lines; the Slack side mentions and escapes them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.mentoring.schedule import Cadence

AGREEMENT = (
    "How often we meet, for how long, and where",
    "How to reach each other between sessions",
    "What success looks like at the end of the internship",
)
FIRST_SESSION_MINUTES = 45


@dataclass(frozen=True)
class Kickoff:
    goals: tuple[str, ...]
    agreement: tuple[str, ...]
    agenda: tuple[str, ...]
    cadence: Cadence


def kickoff(goals: Sequence[str], cadence: Cadence) -> Kickoff:
    return Kickoff(tuple(goals), AGREEMENT, first_agenda(goals), cadence)


def first_agenda(goals: Sequence[str]) -> tuple[str, ...]:
    """About 45 minutes: getting to know each other, one item per goal (where things stand and one next
    step), then the agreement. Without goals, the mentee brings what is on their mind."""
    items = ["Get to know each other: your roles, your paths, what brought you here (10 min)"]
    if goals:
        minutes = max(5, 25 // len(goals))
        items += [
            f"{goal.strip()}: where you are now, and one small next step ({minutes} min)" for goal in goals
        ]
    else:
        items.append("What's on your mind in your first weeks, and where a mentor can help (25 min)")
    items.append("Fill in the agreement above together, and pick the next date (10 min)")
    return tuple(items)
