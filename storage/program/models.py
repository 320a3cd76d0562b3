"""ORM models of insight: program leads' weekly digest, its opt-out and the weeks already sent.

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
