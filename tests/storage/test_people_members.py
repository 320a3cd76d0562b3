"""Roster persistence through the unit of work."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.people.person import Person, Role
from bot.domain.people.profile import Profile
from bot.domain.people.roster import RosterCounts
from storage.people.models import Member
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def roster(team_id: str = "T1") -> list[Person]:
    return [
        Person(
            team_id,
            "U1",
            Role.INTERN,
            email="ana@example.com",
            team="Data",
            internship_start=date(2026, 6, 1),
            internship_end=date(2026, 8, 31),
        ),
        Person(team_id, "U2", Role.MENTOR, team="Data"),
        Person(team_id, "U3", Role.COLLEAGUE),
    ]


def import_roster(factory: sessionmaker[Session], people: list[Person], now: datetime) -> RosterCounts:
    with SqlUnitOfWork(factory) as uow:
        counts = uow.members.upsert_roster(people, now)
        uow.commit()
    return counts


def updated_at(factory: sessionmaker[Session]) -> dict[str, datetime]:
    with factory() as session:
        return {m.user_id: m.updated_at for m in session.scalars(select(Member))}


def test_add_update_and_reimport(session_factory: sessionmaker[Session]) -> None:
    people = roster()
    assert import_roster(session_factory, people, T0) == RosterCounts(added=3, updated=0, unchanged=0)

    changed = [people[0], Person("T1", "U2", Role.MENTOR, team="Platform"), people[2]]
    later = T0 + timedelta(days=1)
    assert import_roster(session_factory, changed, later) == RosterCounts(added=0, updated=1, unchanged=2)
    assert updated_at(session_factory) == {"U1": T0, "U2": later, "U3": T0}

    again = T0 + timedelta(days=2)
    assert import_roster(session_factory, changed, again) == RosterCounts(added=0, updated=0, unchanged=3)
    assert updated_at(session_factory) == {"U1": T0, "U2": later, "U3": T0}

    with SqlUnitOfWork(session_factory) as uow:
        assert uow.members.list_team("T1") == changed
        assert uow.members.get("T1", "U1") == people[0]
        assert uow.members.get("T1", "U9") is None


def test_timestamps_come_back_timezone_aware(session_factory: sessionmaker[Session]) -> None:
    local = datetime(2026, 6, 1, 13, 0, tzinfo=timezone(timedelta(hours=2)))
    import_roster(session_factory, roster()[:1], local)
    with session_factory() as session:
        member = session.scalars(select(Member)).one()
    assert member.created_at == T0.replace(hour=11)
    assert member.created_at.tzinfo is not None
    assert member.created_at.utcoffset() == timedelta(0)


def test_teams_are_kept_apart(session_factory: sessionmaker[Session]) -> None:
    import_roster(session_factory, roster("T1"), T0)
    assert import_roster(session_factory, roster("T2"), T0) == RosterCounts(added=3, updated=0, unchanged=0)
    with SqlUnitOfWork(session_factory) as uow:
        assert [p.team_id for p in uow.members.list_team("T2")] == ["T2"] * 3
        assert uow.members.list_team("T3") == []


def test_uncommitted_work_is_rolled_back(session_factory: sessionmaker[Session]) -> None:
    with SqlUnitOfWork(session_factory) as uow:
        uow.members.upsert_roster(roster(), T0)
    with pytest.raises(RuntimeError), SqlUnitOfWork(session_factory) as uow:
        uow.members.upsert_roster(roster(), T0)
        raise RuntimeError("boom")
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.members.list_team("T1") == []


def test_upsert_rejects_naive_now_and_duplicates(session_factory: sessionmaker[Session]) -> None:
    with SqlUnitOfWork(session_factory) as uow:
        with pytest.raises(ValueError, match="timezone-aware"):
            uow.members.upsert_roster(roster(), datetime(2026, 6, 1))
        with pytest.raises(ValueError, match="more than once"):
            uow.members.upsert_roster([*roster(), roster()[0]], T0)


def test_database_enforces_role_and_uniqueness(session_factory: sessionmaker[Session]) -> None:
    def member(role: str) -> Member:
        return Member(team_id="T1", user_id="U1", role=role, created_at=T0, updated_at=T0)

    with session_factory() as session:
        session.add(member("boss"))
        with pytest.raises(IntegrityError):
            session.flush()
    with session_factory() as session:
        session.add_all([member("intern"), member("mentor")])
        with pytest.raises(IntegrityError):
            session.flush()


def test_profiles_of_many_members_come_in_one_read_with_their_roster_fields(
    session_factory: sessionmaker[Session],
) -> None:
    import_roster(session_factory, roster(), T0)
    ana = Profile("T1", "U1", Role.INTERN, team="Data", working_on="churn models", interests=("chess", "ml"),
                  internship_end=date(2026, 8, 31))  # fmt: skip
    with SqlUnitOfWork(session_factory) as uow:
        uow.profiles.save(ana, T0)
        uow.profiles.save(Profile("T1", "U2", Role.MENTOR, pitch="ask me about SQL"), T0)
        uow.commit()
    with SqlUnitOfWork(session_factory) as uow:
        found = uow.profiles.get_many("T1", ["U1", "U3", "U2", "U1", "U9"])  # U3 wrote none, U9 is unknown
        assert sorted(found) == ["U1", "U2"]
        assert found["U1"] == uow.profiles.get("T1", "U1") == ana
        assert found["U2"].role is Role.MENTOR and found["U2"].pitch == "ask me about SQL"
        assert uow.profiles.get_many("T2", ["U1"]) == {}
