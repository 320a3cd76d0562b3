"""ORM models of warm introductions, and a lock row per proposer for the daily limit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.introductions import Answer, Outcome
from storage.base import Base, UTCDateTime, one_of

INTRO_ANSWER_VALUES = tuple(a.value for a in Answer)

OUTCOME_VALUES = tuple(o.value for o in Outcome)


class IntroductionRow(Base):
    """A warm introduction: who proposed it, both sides' answers, where the requests went, the outcome."""

    __tablename__ = "introductions"
    __table_args__ = (
        CheckConstraint(one_of("a_answer", INTRO_ANSWER_VALUES), name="a_answer"),
        CheckConstraint(one_of("b_answer", INTRO_ANSWER_VALUES), name="b_answer"),
        CheckConstraint(one_of("outcome", OUTCOME_VALUES), name="outcome"),
        # At most one pending introduction per pair, whoever proposed it and in whichever order.
        Index(
            "uq_introductions_pending_pair",
            "team_id",
            "pair_key",
            unique=True,
            sqlite_where=text("outcome = 'pending'"),
            postgresql_where=text("outcome = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    pair_key: Mapped[str | None] = mapped_column(String(65))
    proposer: Mapped[str] = mapped_column(String(32))
    user_a: Mapped[str] = mapped_column(String(32))
    user_b: Mapped[str] = mapped_column(String(32))
    why: Mapped[str] = mapped_column(String(500))
    a_answer: Mapped[str | None] = mapped_column(String(16))
    a_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    b_answer: Mapped[str | None] = mapped_column(String(16))
    b_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    a_channel: Mapped[str | None] = mapped_column(String(32))
    a_ts: Mapped[str | None] = mapped_column(String(32))
    b_channel: Mapped[str | None] = mapped_column(String(32))
    b_ts: Mapped[str | None] = mapped_column(String(32))
    # Consent requests Slack refused are tried again: how often, and when last (also a sending lease).
    a_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    a_tried_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    b_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    b_tried_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    group_channel: Mapped[str | None] = mapped_column(String(32))  # the group DM, once it is open
    meeting_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class IntroProposerRow(Base):
    """One row per proposer, updated (and so locked) by each proposal while the daily limit is counted."""

    __tablename__ = "intro_proposers"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime())
