"""Follow-ups after a meeting: which thank-you nudges go out together, and what they say.

A nudge folds every meeting due that day into one message, at most `MAX_FOLDED`, once a day; its
words are a drafted thank-you note per person met. A member's network is also written as CSV here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.domain.spreadsheet import csv_lines
from bot.domain.time import end_of_quiet, local_time, quiet, zone

MAX_FOLDED = 5  # meetings mentioned in one day's nudge at most


@dataclass(frozen=True)
class PendingNudge:
    """A thank-you nudge owed to one member for one meeting, not yet sent, done or skipped."""

    meeting_id: int
    other_user_id: str
    met_on: date
    due_at: datetime


def fold_due_nudges(
    pending: Sequence[PendingNudge], now: datetime, last_sent: datetime | None, timezone: str | None
) -> list[PendingNudge]:
    """The nudges to send one member together now, oldest meeting first, at most MAX_FOLDED.

    Nothing while it is quiet for them, and nothing if they already had a nudge today
    (their local date): at most one message a day, several meetings folded into it.
    """
    if quiet(now, timezone) or _sent_today(last_sent, now, timezone):
        return []
    due = _unique(nudge for nudge in pending if nudge.due_at <= now)
    due.sort(key=lambda nudge: (nudge.met_on, nudge.due_at, nudge.meeting_id))
    return due[:MAX_FOLDED]


def next_fold_at(
    pending: Sequence[PendingNudge], now: datetime, last_sent: datetime | None, timezone: str | None
) -> datetime | None:
    """The first moment from `now` at which `fold_due_nudges` sends this member something, as things stand:
    their first nudge's due time, moved past the day they last had one and past quiet hours (None: nothing
    pending). A scheduler sleeps until then instead of looking every quarter hour."""
    if not pending:
        return None
    at = max(now, min(nudge.due_at for nudge in pending))
    if _sent_today(last_sent, at, timezone):
        tomorrow = local_time(at, timezone).date() + timedelta(days=1)
        at = datetime.combine(tomorrow, time(0, 0), tzinfo=zone(timezone)).astimezone(UTC)
    return end_of_quiet(at, timezone)


def _sent_today(last_sent: datetime | None, now: datetime, timezone: str | None) -> bool:
    if last_sent is None:
        return False
    return local_time(last_sent, timezone).date() == local_time(now, timezone).date()


def _unique(nudges: Iterable[PendingNudge]) -> list[PendingNudge]:
    """One nudge per meeting and person, whatever the caller's list repeats."""
    seen: dict[tuple[int, str], PendingNudge] = {}
    for nudge in nudges:
        seen.setdefault((nudge.meeting_id, nudge.other_user_id), nudge)
    return list(seen.values())


@dataclass(frozen=True)
class ThankYou:
    person: MetPerson
    draft: str  # plain text; the renderer escapes it


@dataclass(frozen=True)
class NudgeMessage:
    """One message folding every meeting the member is being reminded of today."""

    thank_yous: tuple[ThankYou, ...]


NOTE_LIMIT = 300


NAME_LIMIT = 40


CSV_HEADER = ("name", "slack_id", "team", "role", "how", "first_met", "last_met", "times", "linkedin")


_ELLIPSIS = "…"


_CLOSING = " I hope we can keep in touch."


@dataclass(frozen=True)
class MetPerson:
    """The person a member met, as their profile describes them."""

    user_id: str
    name: str
    team: str | None
    interests: tuple[str, ...]
    working_on: str | None
    linkedin_url: str | None


def draft_thank_you(me_interests: tuple[str, ...], other: MetPerson, note: str | None) -> str:
    """A short, warm thank-you note the member can copy (plain text, at most NOTE_LIMIT characters).

    The most specific thing known leads: the meeting note, else a shared interest, else what
    the other person works on, else their team; only when nothing is known is it generic.
    """
    name = _first_name(other.name)
    thanks = "Hi {name}, thanks for taking the time to chat! "
    if topic := _clean(note):
        template = "Hi {name}, thanks for the chat about {topic}! I really enjoyed it." + _CLOSING
        return _fit(template, name, topic)
    if shared := interests_in_common(me_interests, other.interests):
        template = thanks + "It was great to meet someone else into {topic}." + _CLOSING
        return _fit(template, name, " and ".join(shared[:2]))
    if working_on := _clean(other.working_on):
        return _fit(thanks + "I enjoyed hearing about your work on {topic}." + _CLOSING, name, working_on)
    if team := _clean(other.team):
        return _fit(thanks + "It was great to learn more about what {topic} does." + _CLOSING, name, team)
    return _fit(thanks + "I really enjoyed it." + _CLOSING, name, "")


def interests_in_common(mine: Iterable[str], theirs: Iterable[str]) -> list[str]:
    """Their interests that are also mine (case-insensitive), in my order."""
    their_tags = {tag.strip().casefold() for tag in theirs}
    common: dict[str, str] = {}
    for tag in (tag.strip() for tag in mine):
        if tag and tag.casefold() in their_tags:
            common.setdefault(tag.casefold(), tag)
    return list(common.values())


def _first_name(name: str) -> str:
    words = name.split()
    return _shorten(words[0], NAME_LIMIT) if words else "there"


def _clean(text: str | None) -> str:
    """One line, no trailing full stop (the template adds its own), no leading "about"."""
    words = " ".join((text or "").split()).rstrip(" .!?;,:")
    return words[len("about ") :] if words.lower().startswith("about ") else words


def _fit(template: str, name: str, topic: str) -> str:
    """The template filled in, `topic` shortened so the whole note stays within NOTE_LIMIT."""
    room = NOTE_LIMIT - len(template.format(name=name, topic=""))
    return template.format(name=name, topic=_shorten(topic, room))


def _shorten(text: str, limit: int) -> str:
    """`text`, or its first words and an ellipsis when it is longer than `limit`."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(_ELLIPSIS)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + _ELLIPSIS


@dataclass(frozen=True)
class NetworkRow:
    """One person in a member's network."""

    name: str
    user_id: str
    team: str | None
    role: str
    how: str  # "coffee" | "introduction" | "met" | "event" | "help"
    first_met: date
    last_met: date
    times: int
    linkedin_url: str | None


def network_csv(rows: Sequence[NetworkRow]) -> str:
    """The network as CSV text, header first, rows in the given order, ISO dates; every field quoted and
    safe to open in a spreadsheet (the one CSV writer, `bot/domain/spreadsheet.py`)."""
    cells = (
        (
            row.name,
            row.user_id,
            row.team,
            row.role,
            row.how,
            row.first_met.isoformat(),
            row.last_met.isoformat(),
            row.times,
            row.linkedin_url,
        )
        for row in rows
    )
    return "".join(csv_lines(CSV_HEADER, cells))


def teams_reached(rows: Iterable[NetworkRow]) -> int:
    """How many distinct teams the network spans (blank teams ignored, case and spacing too)."""
    return len({" ".join(row.team.split()).casefold() for row in rows if row.team and row.team.strip()})
