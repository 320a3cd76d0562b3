"""ORM models of sharing updates: the updates interns posted, the one-line notices their connections
are owed, the weekly DM those notices are folded into, and each member's two switches.

Rapport keeps where an update was posted, never what it says: the post itself lives in Slack.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.help.asks import QUESTION_LIMIT, AskStatus
from bot.domain.help.kudos import TEXT_LIMIT as KUDOS_LIMIT
from bot.domain.help.offers import TEXT_LIMIT as OFFER_LIMIT
from storage.base import Base, UTCDateTime, one_of


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


class KudosRow(Base):
    """One thank-you; `channel_id`/`message_ts` name its post once Slack took it."""

    __tablename__ = "kudos"
    __table_args__ = (
        Index("ix_kudos_team_id_from_user_id_created_at", "team_id", "from_user_id", "created_at"),
        Index("ix_kudos_team_id_to_user_id", "team_id", "to_user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    from_user_id: Mapped[str] = mapped_column(String(32))
    to_user_id: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(String(KUDOS_LIMIT))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))


class OfferRow(Base):
    """What a member offered to help with; `channel_id`/`message_ts` name its post in the asks channel."""

    __tablename__ = "offers"
    __table_args__ = (Index("ix_offers_team_id_user_id", "team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(String(OFFER_LIMIT))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))


class OfferBookingRow(Base):
    """A chat booked from an offer (`user_id` booked it): inserted once per offer and booker, with the
    group DM Slack opened, so Find a time there knows the two people."""

    __tablename__ = "offer_bookings"
    __table_args__ = (
        UniqueConstraint("offer_id", "user_id"),
        Index("ix_offer_bookings_team_id_channel_id", "team_id", "channel_id"),
        Index("ix_offer_bookings_team_id_user_id", "team_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
