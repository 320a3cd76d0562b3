"""Keeping in touch after meeting: when a suggestion may go out, whom an intern should thank,
the internship's dates, and the alumni contact an intern chooses to share.

Also: when a connection has cooled enough to suggest catching up, and the recap and alumni-reminder days.
Pure rules, like bot.domain.time: `now` and time zones are parameters.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.domain.followups import NetworkRow
from bot.domain.people.person import Person
from bot.domain.people.profile import Profile, normalise_linkedin
from bot.domain.time import WORK_START, is_working_day, next_working_morning, quiet, zone

MORNING_ENDS = time(12, 0)  # suggestions, recaps and reminders go out between 09:00 and noon local
SNOOZE = timedelta(weeks=2)  # "Later": that person is not suggested again for two weeks
ALUMNI_WINDOW = timedelta(days=30)  # a colleague unreachable this long after the day is not reminded
THANK_AT_MOST = 3
EMAIL_LIMIT = 254
CATCH_UP_WEEKS_INTERN = 4  # a connection cools after this many weeks without meeting, for interns
CATCH_UP_WEEKS_OTHER = 8  # … and for everyone else
SUGGESTION_GAP = timedelta(days=7)  # at most one catch-up suggestion a week
RECHECK_AT_MOST_EVERY = timedelta(days=7)  # a member with nothing due is looked at again within a week
RECAP_WORKING_DAYS = 5  # the recap goes out this many working days before the internship ends
ALUMNI_MONTHS = 3  # alumni reminders, this many months after it ends
_EMAIL = re.compile(r"^[^@\s<>|]+@[^@\s<>|]+\.[A-Za-z]{2,}$")


def working_morning(now: datetime, timezone: str | None) -> bool:
    """True from 09:00 to noon local on a working day (never in quiet hours)."""
    local = now.astimezone(zone(timezone))
    return not quiet(now, timezone) and WORK_START <= local.time() < MORNING_ENDS


def next_morning(now: datetime, timezone: str | None) -> datetime:
    """`now` during a working morning, else the next 09:00 local on a working day (in UTC)."""
    if working_morning(now, timezone):
        return now
    local = now.astimezone(zone(timezone))
    if is_working_day(local.date()) and local.time() < WORK_START:
        return datetime.combine(local.date(), WORK_START, tzinfo=zone(timezone)).astimezone(UTC)
    return next_working_morning(now, timezone)


def first_morning_on(day: date, now: datetime, timezone: str | None) -> datetime:
    """The first working morning on or after `day` in the zone, and not before `now` (which it is, when
    `now` is one): when a step dated `day` can next go out."""
    start = max(now, datetime.combine(day, time(0, 0), tzinfo=zone(timezone)))
    return next_morning(start, timezone)


def local_day(now: datetime, timezone: str | None) -> date:
    return now.astimezone(zone(timezone)).date()


def due_on(day: date, now: datetime, timezone: str | None, until: date | None = None) -> bool:
    """A dated step is due from 09:00 local on `day` (working mornings only), up to `until` included.

    A missed morning (Rapport was down) is caught up on the next working morning.
    """
    today = local_day(now, timezone)
    return day <= today and (until is None or today <= until) and working_morning(now, timezone)


@dataclass(frozen=True)
class Internship:
    start: date | None
    end: date | None


def internship_of(person: Person | None, profile: Profile | None) -> Internship:
    """The roster's dates (the program lead's word) first; the intern's profile fills in what it lacks."""
    start = (person.internship_start if person else None) or (profile.internship_start if profile else None)
    end = (person.internship_end if person else None) or (profile.internship_end if profile else None)
    return Internship(start, end)


def worth_thanking(rows: Sequence[NetworkRow]) -> list[NetworkRow]:
    """The people who helped most: the ones met most often (then most recently), at most THANK_AT_MOST.

    Someone met once only is thanked only when nobody was met more often.
    """
    ranked = sorted(rows, key=lambda row: (-row.times, -row.last_met.toordinal(), row.user_id))
    return ranked[:THANK_AT_MOST]


@dataclass(frozen=True)
class AlumniContact:
    """What an intern agreed to share with the colleagues they met, once they have left."""

    email: str | None
    linkedin_url: str | None


def check_alumni_contact(
    email: str, linkedin: str, opted_in: bool
) -> tuple[AlumniContact | None, dict[str, str]]:
    """The contact, or errors keyed by field ("email", "linkedin", "consent"); nothing half-accepted."""
    errors: dict[str, str] = {}
    email = email.strip()
    if email and (len(email) > EMAIL_LIMIT or not _EMAIL.match(email)):
        errors["email"] = "That doesn't look like an email address, e.g. name@example.com."
    linkedin = linkedin.strip()
    url = normalise_linkedin(linkedin if "://" in linkedin or not linkedin else "https://" + linkedin)
    if linkedin and url is None:
        errors["linkedin"] = "Use your profile's address, like https://www.linkedin.com/in/your-name"
    if not email and not linkedin:
        errors["email"] = "Give a personal email, a LinkedIn profile, or both."
    if not opted_in:
        errors["consent"] = "Tick the box to agree that the colleagues you met may see this."
    if errors:
        return None, errors
    return AlumniContact(email=email or None, linkedin_url=url), {}


@dataclass(frozen=True)
class Connection:
    """Someone in a member's network, as catch-up suggestions see them."""

    other_user_id: str
    last_interaction: date
    suggested_at: date | None  # when a catch-up with them was last suggested
    stopped: bool  # the member chose "Stop suggesting @x"


def catch_up_weeks(is_in_internship: bool) -> int:
    return CATCH_UP_WEEKS_INTERN if is_in_internship else CATCH_UP_WEEKS_OTHER


def choose_catch_up(
    connections: Iterable[Connection], today: date, is_in_internship: bool, last_suggestion: date | None
) -> str | None:
    """The user id to suggest catching up with today, or None.

    At most one suggestion a week per member. Among connections not stopped and quiet for
    at least N weeks, the one suggested least recently (never-suggested first), then the
    longest without interaction, then by user id: successive suggestions rotate.
    """
    if last_suggestion is not None and today - last_suggestion < SUGGESTION_GAP:
        return None
    cold_since = today - timedelta(weeks=catch_up_weeks(is_in_internship))
    cold = [c for c in connections if not c.stopped and c.last_interaction <= cold_since]
    if not cold:
        return None
    return min(cold, key=_rotation_key).other_user_id


def next_catch_up_check(
    connections: Iterable[Connection],
    snoozed_until: Iterable[date],
    weeks: int,
    last_suggestion: date | None,
    today: date,
) -> date:
    """The first day a suggestion could be due from these facts, and at most a week from `today`.

    Nothing that happens meanwhile brings it sooner: meetings and answers only warm connections up
    (a new one cools `weeks` after it is made); a roster change that shortens the wait counts within
    the week. Days are as the facts are stored; the caller allows one for the member's time zone.
    """
    candidates = [c.last_interaction + timedelta(weeks=weeks) for c in connections if not c.stopped]
    candidates += list(snoozed_until)
    earliest = min(candidates, default=today + RECHECK_AT_MOST_EVERY)
    if last_suggestion is not None:
        earliest = max(earliest, last_suggestion + SUGGESTION_GAP)
    return min(earliest, today + RECHECK_AT_MOST_EVERY)


def _rotation_key(connection: Connection) -> tuple[bool, date, date, str]:
    suggested = connection.suggested_at
    return (
        suggested is not None,
        suggested or date.min,
        connection.last_interaction,
        connection.other_user_id,
    )


def recap_day(internship_end: date) -> date:
    """Five working days before the end date: end Friday 28 Aug → Friday 21 Aug."""
    day = internship_end
    for _ in range(RECAP_WORKING_DAYS):
        day -= timedelta(days=1)
        while not is_working_day(day):
            day -= timedelta(days=1)
    return day


def alumni_reminder_day(internship_end: date) -> date:
    """Three calendar months after the end date, the day clamped to the month (31 May → 31 Aug,
    30 Nov → 28 or 29 Feb)."""
    months = internship_end.month - 1 + ALUMNI_MONTHS
    year, month = internship_end.year + months // 12, months % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(internship_end.day, last_day))


def in_internship(start: date | None, end: date | None, today: date) -> bool:
    """Whether `today` falls within the internship, both ends included.

    A missing bound is open on that side; with neither date known, not in an internship.
    """
    if start is None and end is None:
        return False
    return (start is None or start <= today) and (end is None or today <= end)
