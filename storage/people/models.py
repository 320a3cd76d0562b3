"""ORM models of people: the roster, profiles, profile cards and invites, per-workspace settings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.people.person import Role
from storage.base import Base, UTCDateTime

ROLE_VALUES = tuple(role.value for role in Role)


class Member(Base):
    """One person of a workspace's program roster."""

    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id"),
        CheckConstraint(
            "role IN (" + ", ".join(f"'{value}'" for value in ROLE_VALUES) + ")",
            name="role",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(16))
    team: Mapped[str | None] = mapped_column(String(200))
    internship_start: Mapped[date | None] = mapped_column(Date)
    internship_end: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProfileRow(Base):
    """What a member wrote about themselves with /intro; role, team and dates live on `Member`."""

    __tablename__ = "profiles"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    pronouns: Mapped[str | None] = mapped_column(String(40))
    working_on: Mapped[str | None] = mapped_column(String(300))
    interests: Mapped[list[str]] = mapped_column(JSON)
    pitch: Mapped[str | None] = mapped_column(String(500))
    linkedin_url: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProfileInviteRow(Base):
    """The latest "introduce yourself" nudge a member got; one row per member."""

    __tablename__ = "intro_nudges"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    nudged_by: Mapped[str] = mapped_column(String(32))
    nudged_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProfileCardRow(Base):
    """Where a member's profile card was last posted, so it can be replaced or deleted; one per member."""

    __tablename__ = "profile_cards"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    ts: Mapped[str] = mapped_column(String(32))
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SayHiClaimRow(Base):
    """A **Say hi** sent from one member to another on a UTC day: claimed before the message goes."""

    __tablename__ = "say_hi_claims"
    __table_args__ = (UniqueConstraint("team_id", "user_id", "member_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))  # who clicked
    member_id: Mapped[str] = mapped_column(String(32))  # whose card
    day: Mapped[date] = mapped_column(Date)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DirectoryRow(Base):
    """What Slack last said about a person Rapport deals with: the member directory scheduled work reads
    instead of asking Slack (users.info) every time. Refreshed by a daily walk of users.list and by the
    team_join and user_change events; no email and no admin flag (permission checks ask Slack)."""

    __tablename__ = "directory_members"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(250))
    tz: Mapped[str | None] = mapped_column(String(64))
    utc_offset_minutes: Mapped[int | None] = mapped_column()
    deleted: Mapped[bool] = mapped_column()
    is_bot: Mapped[bool] = mapped_column()
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime())  # when Slack last described them


class DirectoryWalkRow(Base):
    """A workspace's walk of users.list: where the one under way resumes, and when the last one ended."""

    __tablename__ = "directory_walks"
    __table_args__ = (UniqueConstraint("team_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    cursor: Mapped[str | None] = mapped_column(String(500))
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
