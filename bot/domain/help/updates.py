"""Sharing updates: when an intern is asked to share one, what the drafts say, and how the one-line
notices to the people they met are folded into at most one DM a week.

Pure rules: `now`, dates and time zones are parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.domain.keep_in_touch import AlumniContact, Internship

UPDATE_LIMIT = 2000  # characters an update may have: it is posted in one section, escaped
FAREWELL_THANKS = 3  # the farewell thanks at most this many people by name
SHARE_AFTER_END = timedelta(days=30)  # a farewell may still be posted this long after the end
WEEKLY_LIMIT = 3  # updates one intern may share in any 7 days (RAPPORT_UPDATES_WEEKLY_LIMIT); farewells aside
WEEK = timedelta(days=7)


def weekly_limit_text(limit: int) -> str:
    """Why an update was not shared: `limit` were shared in the last 7 days."""
    updates = "1 update" if limit == 1 else f"{limit} updates"
    return f"You've shared {updates} in the last 7 days, the most for a week, so I didn't post this one."


class UpdateKind(StrEnum):
    UPDATE = "update"
    FAREWELL = "farewell"


def month_of(day: date) -> str:
    """The month a prompt belongs to, as stored: "2026-06"."""
    return f"{day:%Y-%m}"


def week_of(day: date) -> date:
    """The Monday of the week `day` is in: a recipient gets at most one notice DM per such week."""
    return day - timedelta(days=day.weekday())


def prompt_due(internship: Internship, today: date, prompted_month: str | None, met: int) -> bool:
    """An intern is asked once a calendar month, during the internship, once they have met someone.

    `today` is the intern's local date and the caller checks it is a working morning there.
    """
    return met > 0 and prompt_month_open(internship, today, prompted_month)


def prompt_month_open(internship: Internship, today: date, prompted_month: str | None) -> bool:
    """The calendar half of `prompt_due`: during the internship, not yet asked this month.

    Checked first because it needs no count of meetings, which costs a read per intern.
    """
    if internship.start is None or internship.end is None:
        return False
    if not internship.start <= today <= internship.end:
        return False
    return prompted_month != month_of(today)


def may_share(internship: Internship, today: date) -> bool:
    """Only interns share updates: from the start of the internship to a month after its end."""
    if internship.end is None:
        return False
    started = internship.start is None or internship.start <= today
    return started and today <= internship.end + SHARE_AFTER_END


def check_update(text: str) -> tuple[str | None, str | None]:
    """The update to post, or why not (an error for the modal's text field)."""
    text = text.strip()
    if not text:
        return None, "Write a few words before sharing."
    if len(text) > UPDATE_LIMIT:
        return None, f"Keep it under {UPDATE_LIMIT} characters."
    return text, None


def draft_update(working_on: str | None, met: int) -> str:
    """A starting point from the intern's profile; they edit it before it is posted."""
    lately = (working_on or "").strip() or "…"
    people = f"{met} {'person' if met == 1 else 'people'}"
    return (
        f"What I've been working on lately: {lately}\n"
        "What I learned: …\n"
        "What's next: …\n"
        f"Thanks to the {people} I've met so far — I'm always happy to chat!"
    )[:UPDATE_LIMIT]


@dataclass(frozen=True)
class Acquaintance:
    """Someone the intern met: how often, and when last."""

    user_id: str
    times: int
    last_met: date


def helped_most(people: Sequence[Acquaintance]) -> list[str]:
    """Whom a farewell thanks: the people met most often, then most recently, at most three."""
    ranked = sorted(people, key=lambda p: (-p.times, -p.last_met.toordinal(), p.user_id))
    return [person.user_id for person in ranked[:FAREWELL_THANKS]]


def draft_farewell(working_on: str | None, helpers: Sequence[str], contact: AlumniContact | None) -> str:
    """The farewell post: what they worked on, thanks to the people who helped most, how to stay in touch.

    `helpers` are user IDs: they are written as mentions, which the post renders as names.
    """
    lines = ["My internship is coming to an end — thank you all for a wonderful time!"]
    if (working_on or "").strip():
        lines.append(f"What I worked on: {working_on.strip()}")  # type: ignore[union-attr]
    if helpers:
        names = [f"<@{user_id}>" for user_id in helpers]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        lines.append(f"A special thank-you to {joined} for all your help.")
    if contact is not None and (contact.linkedin_url or contact.email):
        ways = [way for way in (contact.linkedin_url, contact.email) if way]
        lines.append("Let's stay in touch: " + " · ".join(ways))
    else:
        lines.append("Let's stay in touch — send me a message any time!")
    return "\n".join(lines)[:UPDATE_LIMIT]


@dataclass(frozen=True)
class SharedUpdate:
    """An update as the weekly notice names it."""

    author_id: str
    kind: UpdateKind
    permalink: str | None
    channel_id: str


def notice_line(updates: Sequence[SharedUpdate]) -> str:
    """The one line a recipient gets about the updates of people they met (several folded into one)."""
    links = [_link(update) for update in updates]
    authors = list(dict.fromkeys(update.author_id for update in updates))
    names = [f"<@{author}>" for author in authors]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if len(updates) == 1:
        what = "said goodbye" if updates[0].kind is UpdateKind.FAREWELL else "shared an update"
        return f"{who}, whom you've met, {what}: {links[0]}"
    return f"{who}, whom you've met, shared updates: {' · '.join(links)}"


def _link(update: SharedUpdate) -> str:
    if update.permalink:
        return f"<{update.permalink}|read it>"
    return f"in <#{update.channel_id}>"


@dataclass(frozen=True)
class Sharer:
    """What one member shared, as the program view lists it."""

    user_id: str
    updates: int
    farewells: int
    latest: datetime


def sharers(posts: Sequence[tuple[str, UpdateKind, datetime]]) -> list[Sharer]:
    """Who shared what, from (author, kind, posted at): the most recent sharer first."""
    counts: dict[str, list[int]] = {}
    latest: dict[str, datetime] = {}
    for author, kind, posted_at in posts:
        tally = counts.setdefault(author, [0, 0])
        tally[kind is UpdateKind.FAREWELL] += 1
        latest[author] = max(posted_at, latest.get(author, posted_at))
    found = [Sharer(a, c[0], c[1], latest[a]) for a, c in counts.items()]
    return sorted(found, key=lambda s: (-s.latest.timestamp(), s.user_id))


def shared_summary(found: Sequence[Sharer]) -> str:
    """ "3 updates and 1 farewell by 2 interns"."""
    updates = sum(s.updates for s in found)
    farewells = sum(s.farewells for s in found)
    return (
        f"{_count(updates, 'update')} and {_count(farewells, 'farewell')} by {_count(len(found), 'intern')}"
    )


def sharer_line(sharer: Sharer) -> str:
    """ "2 updates, 1 farewell" for one member."""
    parts = [_count(sharer.updates, "update")] if sharer.updates else []
    if sharer.farewells:
        parts.append(_count(sharer.farewells, "farewell"))
    return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
