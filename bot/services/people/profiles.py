"""Use cases around a member's own profile."""

from __future__ import annotations

from datetime import datetime

from bot.domain.people.profile import Profile
from bot.services.ports import Due, UnitOfWork


def profile_to_edit(uow: UnitOfWork, team_id: str, user_id: str) -> tuple[Profile | None, bool]:
    """The saved profile, or one prefilled from the roster; and whether this is the first one."""
    with uow:
        saved = uow.profiles.get(team_id, user_id)
        if saved is not None:
            return saved, False
        person = uow.members.get(team_id, user_id)
    if person is None:
        return None, True
    prefill = Profile(
        team_id=team_id,
        user_id=user_id,
        role=person.role,
        team=person.team,
        internship_start=person.internship_start,
        internship_end=person.internship_end,
    )
    return prefill, True


def save_profile(uow: UnitOfWork, profile: Profile, now: datetime) -> bool:
    """Store the profile (its role, team and dates update the roster record); True on the first save."""
    with uow:
        first = uow.profiles.save(profile, now)
        wake_dated_work(uow, now)
        uow.commit()
    return first


def wake_dated_work(work: UnitOfWork, now: datetime) -> None:
    """Internship dates or roles changed: recaps, monthly prompts, alumni reminders and mentoring invitations
    look at them again."""
    for job in (Due.RECAPS, Due.PROMPTS, Due.ALUMNI, Due.INVITATIONS):
        work.due_work.wake(job, now)
