"""What a member is told, in one line, after pressing a Find a time button or typing `/coffee time`."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.scheduling.picks import PickProblem
from bot.services.scheduling.proposals import Found, Outcome
from bot.services.scheduling.votes import Pressed, Vote
from handlers.text import who

OUT_OF_DATE = "That button is out of date: `/coffee time` in your group DM starts afresh."
NOT_HERE = (
    "`/coffee time` works in a group DM Rapport opened (a coffee group, an introduction, a mentoring pair, "
    "I can help, Book a chat): type it there, or press Find a time on its first message."
)
OUTCOMES = {
    Outcome.POSTED: "Here are three times: everyone presses the ones that work.",
    Outcome.NOT_MEMBER: "Only the people meeting in this group can pick a time for it.",
    Outcome.ALREADY_PROPOSED: "The times are in this conversation already: press each one that suits you.",
    Outcome.NO_MORE: "That's all the times I can offer: agree one in a message, then answer the check-in.",
    Outcome.NO_SLOTS: "I couldn't find a free half hour in the next five working days for this group.",
    Outcome.SLACK_REFUSED: "Slack didn't take the message ({error}); please try again in a minute.",
    Outcome.GONE: OUT_OF_DATE,
    PickProblem.MALFORMED: OUT_OF_DATE,
    PickProblem.NOT_OFFERED: "That time was never offered in this conversation.",
    PickProblem.PASSED: "That time has passed: press a later one, or None of these.",
}


def found_line(found: Found) -> str:
    if found.outcome is Outcome.AGREED and found.agreed is not None:
        return f"You've already agreed a time: {_utc(found.agreed)}. See the message above."
    return OUTCOMES[found.outcome].format(error=found.error or "unknown")


def pressed_line(pressed: Pressed) -> str:
    if pressed.result is Vote.NOTED:
        waiting = ", ".join(who(key) for key in pressed.waiting_for)
        return "Noted: that works for you." + (f" Waiting for {waiting}." if waiting else "")
    if pressed.result is Vote.AGREED_NOW:
        return "That's everyone: it's a date!"
    if pressed.result is Vote.ALREADY_AGREED and pressed.start is not None:
        return f"Your group already agreed a time: {_utc(pressed.start)}. See the message above."
    return OUTCOMES[pressed.result].format(error="unknown")  # type: ignore[index]


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%a %-d %b, %H:%M} UTC"
