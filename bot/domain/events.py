"""Networking events: what a new event must say, who gets a seat, when people are reminded, who sits where.

Pure rules: `now`, time zones and the random source are parameters.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from bot.domain.coffee.matching import Candidate, MatchingHistory, match
from bot.domain.people.person import Role
from bot.domain.time import local_time, next_send_time, working_morning_of, zone
from bot.domain.urls import fitted_url

TITLE_LIMIT = 150  # a header block's text is at most 150 characters
DESCRIPTION_LIMIT = 1000
WHERE_LIMIT = 200
DEFAULT_DURATION = 60
MAX_DURATION = 12 * 60
DEFAULT_TABLE_SIZE = 4
GROUP_DM_LIMIT = 8  # conversations.open takes at most 8 people
TABLE_SIZES = range(2, GROUP_DM_LIMIT + 1)  # a table is a group DM
LOOK_FOR = 3  # people to look for in the day-before reminder
ASK_FOR_DAYS = 7  # after this, "who did you meet?" is no longer asked
UPCOMING_LIMIT = 10  # upcoming events one member may have created (RAPPORT_EVENTS_UPCOMING_LIMIT)
CALENDAR_DETAILS = 500  # characters of the description a calendar link carries (then cut to fit the URL)


class Answer(StrEnum):
    GOING = "going"
    WAITLIST = "waitlist"  # said Going when the event was full
    DECLINED = "declined"  # Can't go


class Reminder(StrEnum):
    DAY_BEFORE = "day_before"
    HOUR_BEFORE = "hour_before"
    WHO_MET = "who_met"  # after the end: who did you meet?


@dataclass(frozen=True)
class EventForm:
    """The raw answers of the /event modal, before checking."""

    title: str = ""
    description: str = ""
    start_date: date | None = None
    start_time: str = ""  # "HH:MM", as Slack's timepicker gives it
    duration: str = ""
    where: str = ""
    channel_id: str | None = None
    capacity: str = ""
    mix: bool = False
    table_size: str = ""


@dataclass(frozen=True)
class EventPlan:
    """A checked event: every field within its limits, the start in UTC and in the future."""

    title: str
    description: str | None
    starts_at: datetime
    duration_minutes: int
    where: str | None
    channel_id: str
    capacity: int | None
    mix: bool
    table_size: int

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


def check_event(
    form: EventForm, timezone: str | None, now: datetime
) -> tuple[EventPlan | None, dict[str, str]]:
    """The plan, or errors keyed by the modal's block IDs (nothing is half-accepted)."""
    when, errors = check_time(form, timezone, now)
    title = form.title.strip()
    if not title:
        errors["title"] = "Give the event a title."
    for field, limit in (("title", TITLE_LIMIT), ("description", DESCRIPTION_LIMIT), ("where", WHERE_LIMIT)):
        if len(getattr(form, field).strip()) > limit:
            errors[field] = f"Keep it under {limit} characters."
    capacity = _number(form.capacity, None)
    if form.capacity.strip() and (capacity is None or capacity < 2):
        errors["capacity"] = "At least 2 people, or leave it empty for no limit."
    table_size = _number(form.table_size, DEFAULT_TABLE_SIZE)
    if table_size is None or table_size not in TABLE_SIZES:
        errors["table_size"] = (
            f"From {TABLE_SIZES.start} to {TABLE_SIZES.stop - 1} people a table (a group DM holds 8)."
        )
    if not form.channel_id:
        errors["channel"] = "Choose the channel to announce the event in."
    if errors or when is None or table_size is None or not form.channel_id:
        return None, errors
    plan = EventPlan(
        title=title,
        description=form.description.strip() or None,
        starts_at=when.starts_at,
        duration_minutes=when.duration_minutes,
        where=form.where.strip() or None,
        channel_id=form.channel_id,
        capacity=capacity,
        mix=form.mix,
        table_size=table_size,
    )
    return plan, {}


@dataclass(frozen=True)
class EventTime:
    """When a checked event starts (UTC, in the future) and how long it lasts."""

    starts_at: datetime
    duration_minutes: int


def check_time(
    form: EventForm, timezone: str | None, now: datetime
) -> tuple[EventTime | None, dict[str, str]]:
    """The day, start time and duration of the form (a new event's, or a new time for one), or errors."""
    errors: dict[str, str] = {}
    starts_at = _start(form, timezone, now, errors)
    duration = _number(form.duration, DEFAULT_DURATION)
    if duration is None or not 5 <= duration <= MAX_DURATION:
        errors["duration"] = f"A number of minutes from 5 to {MAX_DURATION}."
    if errors or starts_at is None or duration is None:
        return None, errors
    return EventTime(starts_at, duration), {}


def _start(form: EventForm, timezone: str | None, now: datetime, errors: dict[str, str]) -> datetime | None:
    if form.start_date is None:
        errors["start_date"] = "Choose the day."
        return None
    try:
        hour, minute = (int(part) for part in form.start_time.split(":"))
        at = time(hour, minute)
    except ValueError:
        errors["start_time"] = "Choose the time it starts."
        return None
    starts_at = datetime.combine(form.start_date, at, tzinfo=zone(timezone)).astimezone(now.tzinfo)
    if starts_at <= now:
        errors["start_date"] = "That is in the past: choose a later day or time."
        return None
    return starts_at


def _number(text: str, default: int | None) -> int | None:
    text = text.strip()
    if not text:
        return default
    return int(text) if text.isdigit() and len(text) <= 6 else None


def answer_for_going(going: int, capacity: int | None) -> Answer:
    """Going while there is room, else the waitlist."""
    return Answer.GOING if capacity is None or going < capacity else Answer.WAITLIST


def due_reminders(
    starts_at: datetime, ends_at: datetime, timezone: str | None, now: datetime, done: frozenset[Reminder]
) -> list[Reminder]:
    """What a person going should get at `now`, given what they already got.

    The day before: from 09:00 local the day before until midnight (someone answering on the day gets only
    the one-hour reminder).
    One hour before: until the start. After: the first moment outside quiet hours after the end, for a week.
    """
    due: list[Reminder] = []
    hour_before = starts_at - timedelta(hours=1)
    before_the_day = local_time(now, timezone).date() < local_time(starts_at, timezone).date()
    if (
        Reminder.DAY_BEFORE not in done
        and day_before_at(starts_at, timezone) <= now < hour_before
        and before_the_day
    ):
        due.append(Reminder.DAY_BEFORE)
    if Reminder.HOUR_BEFORE not in done and hour_before <= now < starts_at:
        due.append(Reminder.HOUR_BEFORE)
    asking = next_send_time(ends_at, timezone)
    if Reminder.WHO_MET not in done and asking <= now < ends_at + timedelta(days=ASK_FOR_DAYS):
        due.append(Reminder.WHO_MET)
    return due


def day_before_at(starts_at: datetime, timezone: str | None) -> datetime:
    """09:00 in the attendee's zone on the day before the event's local date."""
    return working_morning_of(local_time(starts_at, timezone).date() - timedelta(days=1), timezone)


@dataclass(frozen=True)
class Attendee:
    """Someone going, as the day-before reminder describes them."""

    user_id: str
    role: Role | None
    team: str | None
    line: str | None = None  # what they work on, or what to ask them about


def people_to_look_for(
    me: Attendee, others: Sequence[Attendee], met: frozenset[str], limit: int = LOOK_FOR
) -> list[Attendee]:
    """Up to `limit` people going whom `me` has not met: colleagues and mentors from other teams first,
    then colleagues of the same team, then interns (other teams first); otherwise in the order given."""

    def rank(person: Attendee) -> tuple[int, int]:
        senior = person.role in (Role.COLLEAGUE, Role.MENTOR)
        other_team = not (me.team and person.team and me.team.casefold() == person.team.casefold())
        return (0 if senior else 1, 0 if other_team else 1)

    fresh = [p for p in others if p.user_id != me.user_id and p.user_id not in met]
    return sorted(fresh, key=rank)[:limit]


def draft_pitch(name: str, team: str | None, working_on: str | None, interests: Sequence[str]) -> str:
    """Two or three sentences, about thirty seconds aloud, from what the profile says."""
    first = f"Hi, I'm {name}, an intern" + (f" on the {team} team." if team else ".")
    parts = [first]
    if working_on:
        parts.append(f"Right now I'm working on {working_on.rstrip('.')}.")
    if interests:
        parts.append(f"I'd love to learn more about {_listed(interests[:3])}.")
    else:
        parts.append("I'd love to hear what you work on and how you got here.")
    return " ".join(parts)


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"


def seat_tables(
    people: Sequence[Candidate], size: int, history: MatchingHistory, rng: random.Random
) -> list[tuple[str, ...]]:
    """Tables of about `size` from the coffee matcher's groups (fresh pairs, across teams, interns with
    colleagues): each group goes to the emptiest table, so pairs who should meet sit together; table sizes
    differ by one at most."""
    if len(people) < 2:
        return []
    count = max(1, -(-len(people) // size))
    matching = match(people, history, rng)
    groups = sorted((g.members for g in matching.groups), key=len, reverse=True)
    groups += [(u.user_id,) for u in matching.unmatched]
    tables: list[list[str]] = [[] for _ in range(count)]
    for group in groups:
        min(tables, key=len).extend(group)
    while len(max(tables, key=len)) - len(min(tables, key=len)) > 1:  # even them out: 4, 4, 2 is 4, 3, 3
        min(tables, key=len).append(max(tables, key=len).pop())
    return [tuple(table) for table in tables if table]


def late_table(people_at: Mapping[int, int]) -> int:
    """The table someone who says Going after the tables were formed joins: the one with the fewest people
    (the lowest number on a tie), or table 1 when there was nobody to seat at the start."""
    return min(people_at, key=lambda number: (people_at[number], number)) if people_at else 1


def calendar_links(
    title: str, details: str, where: str, starts_at: datetime, ends_at: datetime
) -> tuple[str, str]:
    """(Google Calendar, Outlook) "add event" links: public templates, no API and no credentials.

    Each fits Slack's limit on a URL: the details give way first, then the place, then the title.
    """
    stamp = "%Y%m%dT%H%M%SZ"
    utc_start, utc_end = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
    google = fitted_url(
        "https://calendar.google.com/calendar/render?",
        [
            ("action", "TEMPLATE"),
            ("text", title),
            ("dates", f"{utc_start.strftime(stamp)}/{utc_end.strftime(stamp)}"),
            ("details", details[:CALENDAR_DETAILS]),
            ("location", where),
        ],
        ("details", "location", "text"),
    )
    outlook = fitted_url(
        "https://outlook.live.com/calendar/0/deeplink/compose?",
        [
            ("path", "/calendar/action/compose"),
            ("rru", "addevent"),
            ("subject", title),
            ("startdt", utc_start.strftime("%Y-%m-%dT%H:%M:%SZ")),
            ("enddt", utc_end.strftime("%Y-%m-%dT%H:%M:%SZ")),
            ("body", details[:CALENDAR_DETAILS]),
            ("location", where),
        ],
        ("body", "location", "subject"),
    )
    return google, outlook
