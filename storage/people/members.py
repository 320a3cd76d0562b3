"""Roster persistence: `Member` rows to and from domain `Person` values."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from bot.domain.people.person import Person, Role
from bot.domain.people.roster import RosterCounts
from storage.people.models import Member
from storage.queries import run_delete, run_prebuilt

# The fields a roster import may change; keys (team_id, user_id) never change.
_ROSTER_FIELDS = ("email", "role", "team", "internship_start", "internship_end")


_PERSON = (
    Member.team_id,
    Member.user_id,
    Member.role,
    Member.email,
    Member.team,
    Member.internship_start,
    Member.internship_end,
)  # the columns a Person needs: read as rows, not whole objects (a roster is read every few ticks)
_TEAM = select(*_PERSON).where(Member.team_id == bindparam("team_id")).order_by(Member.user_id)
_ONE = select(*_PERSON).where(Member.team_id == bindparam("team_id"), Member.user_id == bindparam("user_id"))


def _to_person(member: Any) -> Person:
    return Person(
        team_id=member.team_id,
        user_id=member.user_id,
        role=Role(member.role),
        email=member.email,
        team=member.team,
        internship_start=member.internship_start,
        internship_end=member.internship_end,
    )


def _roster_values(person: Person) -> dict[str, object]:
    return {
        "email": person.email,
        "role": Role(person.role).value,
        "team": person.team,
        "internship_start": person.internship_start,
        "internship_end": person.internship_end,
    }


class SqlMemberRepository:
    """Members of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, team_id: str, user_id: str) -> Person | None:
        member = run_prebuilt(self._session, _ONE, {"team_id": team_id, "user_id": user_id}).one_or_none()
        return None if member is None else _to_person(member)

    def list_team(self, team_id: str) -> list[Person]:
        return [_to_person(member) for member in run_prebuilt(self._session, _TEAM, {"team_id": team_id})]

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Remove the member's roster record."""
        mine = (Member.team_id == team_id) & (Member.user_id == user_id)
        return {"roster": run_delete(self._session, delete(Member).where(mine))}

    def upsert_roster(self, people: list[Person], now: datetime) -> RosterCounts:
        """Insert new people and update changed ones; people not listed are kept.

        Rows whose fields already match are not touched (updated_at stays), so
        importing the same roster twice reports everyone as unchanged.
        Raises ValueError for a naive `now` or a person listed twice.
        """
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        duplicates = [key for key, n in Counter((p.team_id, p.user_id) for p in people).items() if n > 1]
        if duplicates:
            raise ValueError(f"people listed more than once: {sorted(duplicates)}")

        existing = self._existing_members({p.team_id for p in people})
        added = updated = unchanged = 0
        for person in people:
            values = _roster_values(person)
            member = existing.get((person.team_id, person.user_id))
            if member is None:
                self._session.add(
                    Member(
                        team_id=person.team_id,
                        user_id=person.user_id,
                        created_at=now,
                        updated_at=now,
                        **values,
                    )
                )
                added += 1
            elif all(getattr(member, field) == values[field] for field in _ROSTER_FIELDS):
                unchanged += 1
            else:
                for field in _ROSTER_FIELDS:
                    setattr(member, field, values[field])
                member.updated_at = now
                updated += 1
        self._session.flush()
        return RosterCounts(added=added, updated=updated, unchanged=unchanged)

    def _existing_members(self, team_ids: set[str]) -> dict[tuple[str, str], Member]:
        if not team_ids:
            return {}
        members = self._session.scalars(select(Member).where(Member.team_id.in_(sorted(team_ids))))
        return {(m.team_id, m.user_id): m for m in members}
