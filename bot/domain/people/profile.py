"""A member's profile: what they tell others about themselves, checked field by field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain.people.person import Role

PITCH_LIMIT = 500
TEAM_LIMIT = 80
PRONOUNS_LIMIT = 40
WORKING_ON_LIMIT = 300
MAX_TAGS = 10
TAG_LIMIT = 30

_LINKEDIN = re.compile(r"^https://(www\.)?linkedin\.com/in/[A-Za-z0-9\-_%.]{2,100}/?$")


@dataclass(frozen=True)
class Profile:
    team_id: str
    user_id: str
    role: Role
    team: str | None = None
    pronouns: str | None = None
    working_on: str | None = None
    interests: tuple[str, ...] = ()
    pitch: str | None = None
    linkedin_url: str | None = None
    internship_start: date | None = None
    internship_end: date | None = None


@dataclass(frozen=True)
class ProfileForm:
    """The raw answers of the profile modal, before checking."""

    role: str | None
    team: str = ""
    pronouns: str = ""
    working_on: str = ""
    interests: str = ""
    pitch: str = ""
    linkedin_url: str = ""
    internship_start: date | None = None
    internship_end: date | None = None


def check_profile(team_id: str, user_id: str, form: ProfileForm) -> tuple[Profile | None, dict[str, str]]:
    """Return the profile, or the errors keyed by field name (nothing is half-accepted)."""
    errors: dict[str, str] = {}
    role = _role(form.role, errors)
    limits = (("team", TEAM_LIMIT), ("pronouns", PRONOUNS_LIMIT), ("working_on", WORKING_ON_LIMIT))
    for field, limit in (*limits, ("pitch", PITCH_LIMIT)):
        if len(getattr(form, field).strip()) > limit:
            errors[field] = f"Keep it under {limit} characters."
    interests = parse_interests(form.interests)
    if len(interests) > MAX_TAGS or any(len(tag) > TAG_LIMIT for tag in interests):
        errors["interests"] = (
            f"Up to {MAX_TAGS} short tags (each under {TAG_LIMIT} characters), comma-separated."
        )
    linkedin = normalise_linkedin(form.linkedin_url)
    if form.linkedin_url.strip() and linkedin is None:
        errors["linkedin_url"] = "Use your profile's address, like https://www.linkedin.com/in/your-name"
    start, end = form.internship_start, form.internship_end
    if start and end and end < start:
        errors["internship_end"] = "The end date is before the start date."
    if errors or role is None:
        return None, errors
    return (
        Profile(
            team_id=team_id,
            user_id=user_id,
            role=role,
            team=form.team.strip() or None,
            pronouns=form.pronouns.strip() or None,
            working_on=form.working_on.strip() or None,
            interests=interests,
            pitch=form.pitch.strip() or None,
            linkedin_url=linkedin,
            internship_start=start if role is Role.INTERN else None,
            internship_end=end if role is Role.INTERN else None,
        ),
        {},
    )


def parse_interests(text: str) -> tuple[str, ...]:
    """Comma- or newline-separated tags, trimmed, lower-cased, without duplicates, in order."""
    tags = (part.strip().lower() for part in re.split(r"[,\n]", text))
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def normalise_linkedin(url: str) -> str | None:
    """The canonical https://www.linkedin.com/in/… form, or None when it is not a profile URL."""
    url = url.strip()
    if not url:
        return None
    if url.startswith("http://"):
        url = "https://" + url.removeprefix("http://")
    if not _LINKEDIN.match(url):
        return None
    return url.replace("https://linkedin.com/", "https://www.linkedin.com/", 1)


def _role(value: str | None, errors: dict[str, str]) -> Role | None:
    try:
        return Role(value or "")
    except ValueError:
        errors["role"] = "Choose intern, colleague or mentor."
        return None
