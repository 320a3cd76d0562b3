"""Profiles: a `ProfileRow` joined with the member's roster record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, delete, select
from sqlalchemy.orm import Session

from bot.domain.people.mentors import Mentor
from bot.domain.people.person import Role
from bot.domain.people.profile import Profile
from storage.people.models import Member, ProfileRow
from storage.queries import run_delete, run_prebuilt, scrub_mentions


class SqlProfileRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, team_id: str, user_id: str) -> Profile | None:
        return self.get_many(team_id, [user_id]).get(user_id)

    def get_many(self, team_id: str, user_ids: Sequence[str]) -> dict[str, Profile]:
        wanted = list(dict.fromkeys(user_ids))
        found: dict[str, Profile] = {}
        for start in range(0, len(wanted), 500):  # bound the IN list
            chunk = {"team_id": team_id, "user_ids": wanted[start : start + 500]}
            rows = run_prebuilt(self._session, _PROFILES_OF, chunk)
            found.update((row.user_id, _to_profile(row, row)) for row in rows)  # one row holds both parts
        return found

    def mentors(self, team_id: str) -> list[Mentor]:
        """Members whose role is mentor (from their profile, or the roster), with their profile if any."""
        on_profile = (ProfileRow.team_id == Member.team_id) & (ProfileRow.user_id == Member.user_id)
        found = self._session.execute(
            select(Member, ProfileRow)
            .outerjoin(ProfileRow, on_profile)
            .where(Member.team_id == team_id, Member.role == Role.MENTOR.value)
            .order_by(Member.user_id)
        )
        return [Mentor(member.user_id, _to_profile(row, member) if row else None) for member, row in found]

    def save(self, profile: Profile, now: datetime) -> bool:
        """Store the profile and its roster fields; True when the member had no profile before."""
        self._save_member(profile, now)
        row = self._row(profile.team_id, profile.user_id)
        first = row is None
        if row is None:
            row = ProfileRow(team_id=profile.team_id, user_id=profile.user_id, created_at=now)
            self._session.add(row)
        row.pronouns = profile.pronouns
        row.working_on = profile.working_on
        row.interests = list(profile.interests)
        row.pitch = profile.pitch
        row.linkedin_url = profile.linkedin_url
        row.updated_at = now
        self._session.flush()
        return first

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Remove what the member wrote about themselves, and mentions of them in others' profiles."""
        p = ProfileRow
        profile = run_delete(self._session, delete(p).where(p.team_id == team_id, p.user_id == user_id))
        for text in (p.working_on, p.pitch):  # others may have written about them
            scrub_mentions(self._session, text, p.id, p.team_id, team_id, user_id)
        return {"profile": profile}

    def _save_member(self, profile: Profile, now: datetime) -> None:
        member = self._session.scalars(
            select(Member).where(Member.team_id == profile.team_id, Member.user_id == profile.user_id)
        ).one_or_none()
        if member is None:
            member = Member(team_id=profile.team_id, user_id=profile.user_id, created_at=now)
            self._session.add(member)
        member.role = profile.role.value
        member.team = profile.team
        member.internship_start = profile.internship_start
        member.internship_end = profile.internship_end
        member.updated_at = now

    def _row(self, team_id: str, user_id: str) -> ProfileRow | None:
        return self._session.scalars(
            select(ProfileRow).where(ProfileRow.team_id == team_id, ProfileRow.user_id == user_id)
        ).one_or_none()


_PROFILE = (
    Member.team_id,
    Member.user_id,
    Member.role,
    Member.team,
    ProfileRow.pronouns,
    ProfileRow.working_on,
    ProfileRow.interests,
    ProfileRow.pitch,
    ProfileRow.linkedin_url,
    Member.internship_start,
    Member.internship_end,
)  # what a Profile needs, read as one row of columns: profiles are read for every message that names someone
_PROFILES_OF = (
    select(*_PROFILE)
    .join(Member, (Member.team_id == ProfileRow.team_id) & (Member.user_id == ProfileRow.user_id))
    .where(
        ProfileRow.team_id == bindparam("team_id"),
        ProfileRow.user_id.in_(bindparam("user_ids", expanding=True)),
    )
)


def _to_profile(row: ProfileRow | Row[Any], member: Member | Row[Any]) -> Profile:
    return Profile(
        team_id=member.team_id,
        user_id=member.user_id,
        role=Role(member.role),
        team=member.team,
        pronouns=row.pronouns,
        working_on=row.working_on,
        interests=tuple(row.interests),
        pitch=row.pitch,
        linkedin_url=row.linkedin_url,
        internship_start=member.internship_start,
        internship_end=member.internship_end,
    )
