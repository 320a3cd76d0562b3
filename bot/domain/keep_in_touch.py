"""Keeping in touch after meeting: when a suggestion may go out, whom an intern should thank,
the internship's dates, and the alumni contact an intern chooses to share.

Pure rules, like bot.domain.followups.timing: `now` and time zones are parameters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.domain.followups.thank_you import NetworkRow
from bot.domain.followups.timing import WORK_START, is_working_day, next_working_morning, quiet, zone
from bot.domain.people.person import Person
from bot.domain.people.profile import Profile, normalise_linkedin

MORNING_ENDS = time(12, 0)  # suggestions, recaps and reminders go out between 09:00 and noon local
SNOOZE = timedelta(weeks=2)  # "Later": that person is not suggested again for two weeks
ALUMNI_WINDOW = timedelta(days=30)  # a colleague unreachable this long after the day is not reminded
THANK_AT_MOST = 3
EMAIL_LIMIT = 254
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
