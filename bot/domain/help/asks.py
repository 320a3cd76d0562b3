"""Asks: what a new ask must say, whom Rapport suggests for it, and when it is nudged or expires.

Pure rules: `now`, `today` and time zones are parameters. Matching reuses `/intro mentors`' word matching
(bot/domain/people/mentors.py): a word of the ask matches when it starts one of the person's words.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.domain.people.mentors import Mentor, matches, topic_words, words
from bot.domain.people.profile import TAG_LIMIT, parse_interests
from bot.domain.time import is_working_day, local_time, next_send_time, zone

QUESTION_LIMIT = 1000
MAX_TAGS = 5
SUGGESTED = 3  # people asked privately about one ask
WEEKLY_DMS = 3  # "an ask matches what you know" DMs a person gets in any 7 days
WEEK = timedelta(days=7)
NUDGE_AFTER_WORKING_DAYS = 3
OPEN_FOR = timedelta(days=14)
OPEN_LIMIT = 5  # asks one member may have open at once (RAPPORT_ASKS_OPEN_LIMIT): real questions, not a feed
MIN_WORD = 3  # shorter question words ("a", "to", "ui") start too many words to mean anything
STOP_WORDS = frozenset(
    [
        "about",
        "after",
        "again",
        "all",
        "also",
        "and",
        "any",
        "anyone",
        "are",
        "can",
        "could",
        "did",
        "does",
        "doing",
        "done",
        "for",
        "from",
        "get",
        "getting",
        "give",
        "has",
        "have",
        "having",
        "help",
        "helping",
        "how",
        "into",
        "its",
        "just",
        "know",
        "let",
        "like",
        "looking",
        "make",
        "many",
        "more",
        "most",
        "much",
        "need",
        "needs",
        "not",
        "now",
        "one",
        "our",
        "out",
        "please",
        "really",
        "should",
        "some",
        "someone",
        "somebody",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "thing",
        "things",
        "this",
        "those",
        "tips",
        "through",
        "want",
        "wants",
        "was",
        "way",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
    ]
)


class AskStatus(StrEnum):
    OPEN = "open"
    SOLVED = "solved"
    EXPIRED = "expired"


@dataclass(frozen=True)
class AskForm:
    """The raw answers of the /ask modal (or the text of `/ask …`), before checking."""

    question: str = ""
    tags: str = ""
    by_when: date | None = None


@dataclass(frozen=True)
class AskDraft:
    """A checked ask: the question trimmed and within limits, tags parsed, the date not in the past."""

    question: str
    tags: tuple[str, ...] = ()
    by_when: date | None = None


def check_ask(form: AskForm, today: date) -> tuple[AskDraft | None, dict[str, str]]:
    """The draft, or errors keyed by the modal's block IDs (nothing is half-accepted)."""
    errors: dict[str, str] = {}
    question = tidy(form.question)
    if not question:
        errors["question"] = "Say what you need help with."
    elif len(question) > QUESTION_LIMIT:
        errors["question"] = f"Keep it under {QUESTION_LIMIT} characters."
    tags = parse_interests(form.tags)
    if len(tags) > MAX_TAGS or any(len(tag) > TAG_LIMIT for tag in tags):
        errors["tags"] = (
            f"Up to {MAX_TAGS} short topics (each under {TAG_LIMIT} characters), comma-separated."
        )
    if form.by_when is not None and form.by_when < today:
        errors["by_when"] = "That day has passed: choose today or later, or leave it empty."
    if errors:
        return None, errors
    return AskDraft(question, tags, form.by_when), {}


def tidy(text: str) -> str:
    """Spaces collapsed within each line, blank lines dropped: what the asker meant, in fewer characters."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def keywords(question: str) -> list[str]:
    """The question's words worth matching: no stop words, nothing shorter than MIN_WORD, each once."""
    found = (w for w in words(question) if len(w) >= MIN_WORD and w not in STOP_WORDS)
    return list(dict.fromkeys(found))


def match_score(person: Mentor, tags: Sequence[str], question: str) -> tuple[int, int]:
    """(topics of the ask the person matches, question words they match), as `/intro mentors` matches."""
    if person.profile is None:
        return 0, 0
    topics = sum(1 for tag in tags if (wanted := topic_words(tag)) and matches(person, wanted))
    said = sum(1 for word in keywords(question) if matches(person, [word]))
    return topics, said


def suggest_helpers(
    people: Sequence[Mentor],
    asker: str,
    tags: Sequence[str],
    question: str,
    can_take: frozenset[str] | None = None,
    limit: int = SUGGESTED,
) -> list[str]:
    """Up to `limit` people who match the ask best (its topics first, then its words), never the asker;
    `can_take`, when given, are those still under their weekly limit. Ties keep the given order."""
    scored = []
    for position, person in enumerate(people):
        if person.user_id == asker or (can_take is not None and person.user_id not in can_take):
            continue
        score = match_score(person, tags, question)
        if score > (0, 0):
            scored.append((score, position, person.user_id))
    scored.sort(key=lambda item: (-item[0][0], -item[0][1], item[1]))
    return list(dict.fromkeys(user_id for _, _, user_id in scored))[:limit]


def working_days_after(moment: datetime, days: int, timezone: str | None) -> datetime:
    """The same local time `days` working days later (Saturday counts from Monday), in UTC."""
    local = local_time(moment, timezone)
    day = local.date()
    while not is_working_day(day):
        day += timedelta(days=1)
    for _ in range(days):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    at = datetime.combine(day, local.time().replace(fold=0), tzinfo=zone(timezone))
    return at.astimezone(moment.tzinfo)


def nudge_due_at(created_at: datetime, timezone: str | None) -> datetime:
    """When an unanswered ask earns its one gentle nudge: 3 working days on, outside quiet hours."""
    return next_send_time(working_days_after(created_at, NUDGE_AFTER_WORKING_DAYS, timezone), timezone)


def expires_at(created_at: datetime) -> datetime:
    return created_at + OPEN_FOR


def open_limit_text(limit: int) -> str:
    """Why a member's ask was refused: they have `limit` open already."""
    return (
        f"You have {limit} asks open already, the most at once: mark one Solved (the button in my DM once "
        "someone offers), or wait until it closes after two weeks."
    )


def nudge_due(created_at: datetime, timezone: str | None, now: datetime) -> bool:
    """True while an open, unanswered ask should get its nudge (and has not expired yet)."""
    return nudge_due_at(created_at, timezone) <= now < expires_at(created_at)


@dataclass(frozen=True)
class AskFact:
    """One ask, as the program's figures see it."""

    created_at: datetime
    status: AskStatus
    first_helped_at: datetime | None


@dataclass(frozen=True)
class AskFigures:
    opened: int
    answered: int  # asks someone offered help on
    solved: int
    expired: int
    median_to_first_helper: timedelta | None


def ask_figures(facts: Sequence[AskFact], since: datetime | None = None) -> AskFigures:
    """How many asks were opened (since `since`), how many got a helper, and the median wait for one."""
    chosen = [f for f in facts if since is None or f.created_at >= since]
    waits = [f.first_helped_at - f.created_at for f in chosen if f.first_helped_at is not None]
    return AskFigures(
        opened=len(chosen),
        answered=len(waits),
        solved=sum(1 for f in chosen if f.status is AskStatus.SOLVED),
        expired=sum(1 for f in chosen if f.status is AskStatus.EXPIRED),
        median_to_first_helper=statistics.median(waits) if waits else None,
    )


def describe_wait(wait: timedelta | None) -> str:
    """ "3 h 20 min", "2 d 4 h", or "—" when nobody helped yet."""
    if wait is None:
        return "—"
    minutes = int(wait.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"
