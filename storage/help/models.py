"""ORM models of sharing updates: the updates interns posted, the one-line notices their connections
are owed, the weekly DM those notices are folded into, and each member's two switches.

Rapport keeps where an update was posted, never what it says: the post itself lives in Slack.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime


class UpdateSettingsRow(Base):
    """A member's switches (both on unless turned off) and the month they were last asked to share."""

    __tablename__ = "update_settings"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    prompts_on: Mapped[bool] = mapped_column(Boolean)  # "remind me once a month to share an update"
    notices_on: Mapped[bool] = mapped_column(Boolean)  # "updates from people I've met"
    prompted_month: Mapped[str | None] = mapped_column(String(7))  # "2026-06": claimed before it is sent


class UpdateRow(Base):
    """An update posted in the introductions channel; `share_key` makes each share happen once."""

    __tablename__ = "updates"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "share_key"),
        CheckConstraint("kind IN ('update', 'farewell')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    share_key: Mapped[str] = mapped_column(String(64))  # "farewell", or the modal's view id
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel_id: Mapped[str] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))  # set once posted
    permalink: Mapped[str | None] = mapped_column(String(500))
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class UpdateDigestRow(Base):
    """The one notice DM a recipient gets in a week, claimed before it is sent."""

    __tablename__ = "update_digests"
    __table_args__ = (UniqueConstraint("team_id", "user_id", "week_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    week_start: Mapped[date] = mapped_column(Date)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class UpdateNoticeRow(Base):
    """A connection owed a line about an update; `digest_id` is the weekly DM that carries it."""

    __tablename__ = "update_notices"
    __table_args__ = (
        UniqueConstraint("update_id", "user_id"),
        Index("ix_update_notices_team_id_user_id", "team_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("updates.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("update_digests.id", ondelete="SET NULL"))
