"""ORM models of asks: the ask, who was asked privately, who offered help, and who wants to be asked.

`storage/schema.py` imports this module, so Alembic's metadata sees these tables.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.help.asks import QUESTION_LIMIT, AskStatus
from storage.base import Base, UTCDateTime, one_of

STATUS_VALUES = tuple(s.value for s in AskStatus)
ANSWER_VALUES = ("helping", "declined")


class AskRow(Base):
    """An ask; nudged_at is claimed once, by whoever sends its nudge."""

    __tablename__ = "asks"
    __table_args__ = (
        CheckConstraint(one_of("status", STATUS_VALUES), name="status"),
        Index("ix_asks_status_created_at", "status", "created_at"),
        Index("ix_asks_team_id_asker_id", "team_id", "asker_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    asker_id: Mapped[str] = mapped_column(String(32))
    question: Mapped[str] = mapped_column(String(QUESTION_LIMIT))
    tags: Mapped[list[str]] = mapped_column(JSON)
    by_when: Mapped[date | None] = mapped_column(Date)
    channel_id: Mapped[str] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    nudged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AskHelperRow(Base):
    """Someone who pressed I can help: inserted once per ask and person, before the group DM opens."""

    __tablename__ = "ask_helpers"
    __table_args__ = (
        UniqueConstraint("ask_id", "user_id"),
        Index("ix_ask_helpers_team_id_user_id", "team_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ask_id: Mapped[int] = mapped_column(ForeignKey("asks.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    helped_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel_id: Mapped[str | None] = mapped_column(String(32))


class AskSuggestionRow(Base):
    """A private "this ask matches what you know" DM: claimed (inserted) before it is sent; the weekly
    limit counts these rows by `sent_at`."""

    __tablename__ = "ask_suggestions"
    __table_args__ = (
        UniqueConstraint("ask_id", "user_id"),
        CheckConstraint(one_of("answer", ANSWER_VALUES), name="answer"),
        Index("ix_ask_suggestions_team_id_user_id_sent_at", "team_id", "user_id", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ask_id: Mapped[int] = mapped_column(ForeignKey("asks.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    answer: Mapped[str | None] = mapped_column(String(16))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AskOptInRow(Base):
    """A member's "tell me about asks that match what I know"; updated (and so locked) while their weekly
    limit is counted, so two asks at once cannot both take their last place."""

    __tablename__ = "ask_opt_ins"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    opted_in: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
