"""Close-out: in the mentee's last week, each side of a pair answers three private questions (1-5), then the
mentee gets a drafted thank-you and a drafted request for a reference, and the mentor a reminder to write it.

Pure rules: `now` and time zones are parameters. The drafts take names and goals already rendered (the
caller escapes what people typed), so this module decides only the wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from statistics import mean

from bot.domain.keep_in_touch import due_on, recap_day

QUESTIONS = ("useful", "again", "recommend")
ASKED = {
    "useful": "How useful was this mentorship for you?",
    "again": "Would you do it again?",
    "recommend": "Would you recommend mentoring here to a friend?",
}
LOWEST, HIGHEST = 1, 5
SHOWN_FROM = 3  # people who answered before the lead's figures show averages
EARLIEST_OFFSET = timedelta(hours=14)  # the earliest time zone (UTC+14) reaches a morning first


def closeout_day(internship_end: date) -> date:
    """The first day of the last week: five working days before the end, as the recap."""
    return recap_day(internship_end)


def closeout_due(internship_end: date, now: datetime, timezone: str | None) -> bool:
    """Due from 09:00 on a working morning of the person, from the last week's first day to the end."""
    return due_on(closeout_day(internship_end), now, timezone, until=internship_end)


def earliest_due(internship_end: date) -> datetime:
    """The first moment the close-out could be due anywhere: 09:00 of its day at UTC+14, in UTC."""
    return datetime.combine(closeout_day(internship_end), time(9), tzinfo=UTC) - EARLIEST_OFFSET


def score_of(text: object) -> int | None:
    """A button's score, 1-5; None for anything else (a forged or garbled value)."""
    if not isinstance(text, str) or not text.isascii() or not text.isdigit() or len(text) > 1:
        return None
    value = int(text)
    return value if LOWEST <= value <= HIGHEST else None


@dataclass(frozen=True)
class Scores:
    useful: int | None = None
    again: int | None = None
    recommend: int | None = None

    def of(self, question: str) -> int | None:
        return getattr(self, question) if question in QUESTIONS else None

    @property
    def complete(self) -> bool:
        return all(self.of(q) is not None for q in QUESTIONS)


@dataclass(frozen=True)
class Averages:
    """Mean of each question over the answers given (None when nobody answered it)."""

    answers: int  # people who answered all three
    useful: float | None
    again: float | None
    recommend: float | None

    def text(self) -> str:
        """Shown from SHOWN_FROM answers on, so nobody's answers can be read off a figure."""
        if self.answers < SHOWN_FROM:
            return f"{self.answers} answered so far (averages shown from {SHOWN_FROM})"
        parts = [f"{q} {_mean(getattr(self, q))}" for q in QUESTIONS]
        return f"{' · '.join(parts)} (1-5, {self.answers} answered)"


def averages(scores: Sequence[Scores]) -> Averages:
    def of(question: str) -> float | None:
        given = [s.of(question) for s in scores if s.of(question) is not None]
        return round(mean(given), 1) if given else None  # type: ignore[arg-type]

    return Averages(sum(1 for s in scores if s.complete), of("useful"), of("again"), of("recommend"))


def _mean(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def thank_you(mentor: str, goals: Sequence[str], sessions: int) -> str:
    """The mentee's thank-you to copy: names what they worked on, and how often they met."""
    worked = f" Working on {_listed(goals)} with you" if goals else " Our conversations"
    met = f" over {sessions} sessions" if sessions > 1 else ""
    return (
        f"Hi {mentor}, thank you for mentoring me during my internship.{worked}{met} made a real "
        "difference to me, and I learnt a lot from how you think about your work. I'd love to stay in "
        "touch — thank you for your time and your patience."
    )


def reference_request(mentor: str, goals: Sequence[str]) -> str:
    """The mentee's request for a recommendation or a reference, polite and easy to say no to."""
    about = f" — for example about {_listed(goals)}" if goals else ""
    return (
        f"Hi {mentor}, as my internship ends I'm applying for what comes next. Would you be willing to write "
        f"me a short recommendation (on LinkedIn, say) or be a reference I can name{about}? No problem at "
        "all if you'd rather not, and thank you either way."
    )


def _listed(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
