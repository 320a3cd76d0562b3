"""ORM models added for introductions: per-workspace settings and a lock row per proposer.

They share `storage.models.Base`; storage.people.cards_channel, storage.introductions.requests and the
migration env import this module so that the metadata (and `alembic check`) sees them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class WorkspaceSettingRow(Base):
    """Settings an admin changes from Slack, one row per workspace."""

    __tablename__ = "workspace_settings"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    intro_channel: Mapped[str | None] = mapped_column(String(32))
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class IntroProposerRow(Base):
    """One row per proposer, updated (and so locked) by each proposal while the daily limit is counted."""

    __tablename__ = "intro_proposers"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime())
