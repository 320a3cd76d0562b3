"""ORM models of the program: leads' weekly digest, its opt-out and the weeks already sent, and the
workspace's channels an admin chose from Slack.

`storage/schema.py` imports this module, so Alembic's metadata sees these tables.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime


class DigestSettingRow(Base):
    """A lead's choice about the weekly digest; no row means it is on."""

    __tablename__ = "digest_settings"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    enabled: Mapped[bool]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DigestSendRow(Base):
    """One lead's digest of one week (its Monday); the unique key is the claim, inserted before sending."""

    __tablename__ = "digest_sends"
    __table_args__ = (UniqueConstraint("team_id", "user_id", "week_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    week_of: Mapped[date] = mapped_column(Date)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WorkspaceSettingRow(Base):
    """Settings an admin changes from Slack, one row per workspace."""

    __tablename__ = "workspace_settings"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    intro_channel: Mapped[str | None] = mapped_column(String(32))
    asks_channel: Mapped[str | None] = mapped_column(String(32))
    kudos_channel: Mapped[str | None] = mapped_column(String(32))
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
