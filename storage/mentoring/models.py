"""ORM models of mentoring: mentors, mentees' goals and rankings, matching windows, the pairs proposed, and
the steps each pair goes through (check-ins, fit checks), plus the one invitation each person gets.

Every step that talks to Slack is a claim (a conditional UPDATE or an insert against a unique key) before
the call and a stamp after it. `storage/schema.py` imports this module, so Alembic's metadata sees these.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.mentoring.forms import REASON_LIMIT, WANTS_LIMIT
from bot.domain.mentoring.schedule import Cadence
from bot.services.mentoring.ports import CheckinAnswer, FitAnswer, InvitationKind, PairStatus
from storage.base import Base, UTCDateTime, one_of

CADENCE_VALUES = tuple(c.value for c in Cadence)
STATUS_VALUES = tuple(s.value for s in PairStatus)
CHECKIN_VALUES = tuple(a.value for a in CheckinAnswer)
FIT_VALUES = tuple(a.value for a in FitAnswer)
KIND_VALUES = tuple(k.value for k in InvitationKind)
LIVE_PAIR = text("status IN ('proposed', 'accepted')")
OPEN_WINDOW = text("closed_at IS NULL")


class MentorRow(Base):
    """A mentor: how many mentees, which topics, how often; `set_by` is who last set it (them or an admin).
    `held_at` is written while pairs are added, so the team's rows are locked one plan at a time."""

    __tablename__ = "mentoring_mentors"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id"),
        CheckConstraint("capacity BETWEEN 1 AND 3", name="capacity"),
        CheckConstraint(one_of("cadence", CADENCE_VALUES), name="cadence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    capacity: Mapped[int] = mapped_column(Integer)
    topics: Mapped[list[str]] = mapped_column(JSON)
    cadence: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean)
    set_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MenteeRow(Base):
    """A mentee's goals and what they would like in a mentor (private: them, their mentor, admins), and
    their ranking. `unmatched_at` is set while no mentor has room; `told_unmatched_at` claims the one DM."""

    __tablename__ = "mentoring_mentees"
    __table_args__ = (UniqueConstraint("team_id", "mentee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    mentee_id: Mapped[str] = mapped_column(String(32))
    goals: Mapped[list[str]] = mapped_column(JSON)
    wants: Mapped[str | None] = mapped_column(String(WANTS_LIMIT))
    choices: Mapped[list[str]] = mapped_column(JSON)
    open_to_any: Mapped[bool] = mapped_column(Boolean)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ranked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unmatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    told_unmatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WindowRow(Base):
    """A matching window; at most one open per workspace. `closed_at` claims its one assignment."""

    __tablename__ = "mentoring_windows"
    __table_args__ = (
        Index(
            "uq_mentoring_windows_open",
            "team_id",
            unique=True,
            sqlite_where=OPEN_WINDOW,
            postgresql_where=OPEN_WINDOW,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    opened_by: Mapped[str] = mapped_column(String(32))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    assigned: Mapped[int | None] = mapped_column(Integer)


class PairRow(Base):
    """One proposed mentorship and each of its steps: the request DM (claimed, sent, reminded once), the
    answer, and the kickoff group DM. At most one live pair per mentee (a partial unique index)."""

    __tablename__ = "mentoring_pairs"
    __table_args__ = (
        CheckConstraint(one_of("status", STATUS_VALUES), name="status"),
        Index(
            "uq_mentoring_pairs_live_mentee",
            "team_id",
            "mentee_id",
            unique=True,
            sqlite_where=LIVE_PAIR,
            postgresql_where=LIVE_PAIR,
        ),
        Index("ix_mentoring_pairs_status", "status"),
        Index("ix_mentoring_pairs_next_checkin_at", "next_checkin_at"),
        Index("ix_mentoring_pairs_team_id_mentor_id", "team_id", "mentor_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    mentee_id: Mapped[str] = mapped_column(String(32))
    mentor_id: Mapped[str] = mapped_column(String(32))
    choice: Mapped[int | None] = mapped_column(Integer)
    fit_score: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    request_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    request_attempts: Mapped[int] = mapped_column(Integer)
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    request_channel: Mapped[str | None] = mapped_column(String(32))
    request_ts: Mapped[str | None] = mapped_column(String(32))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    remind_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decline_reason: Mapped[str | None] = mapped_column(String(REASON_LIMIT))
    kickoff_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    kickoff_channel: Mapped[str | None] = mapped_column(String(32))
    kickoff_ts: Mapped[str | None] = mapped_column(String(32))
    kickoff_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    next_checkin_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CheckinRow(Base):
    """A session check-in of a pair, inserted once per number before it is posted in the pair's DM."""

    __tablename__ = "mentoring_checkins"
    __table_args__ = (
        UniqueConstraint("pair_id", "number"),
        CheckConstraint(one_of("answer", CHECKIN_VALUES), name="answer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentoring_pairs.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    answer: Mapped[str | None] = mapped_column(String(16))
    answered_by: Mapped[str | None] = mapped_column(String(32))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class FitCheckRow(Base):
    """ "Is this a good fit?", asked privately of each person of a pair once, inserted before it is sent."""

    __tablename__ = "mentoring_fit_checks"
    __table_args__ = (
        UniqueConstraint("pair_id", "user_id"),
        CheckConstraint(one_of("answer", FIT_VALUES), name="answer"),
        Index("ix_mentoring_fit_checks_team_id_user_id", "team_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentoring_pairs.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    answer: Mapped[str | None] = mapped_column(String(16))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class InvitationRow(Base):
    """The one invitation DM a roster mentor or an intern gets, inserted before it is sent."""

    __tablename__ = "mentoring_invitations"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "kind"),
        CheckConstraint(one_of("kind", KIND_VALUES), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))


class CloseoutRow(Base):
    """The close-out questions one person of a pair gets in the mentee's last week, inserted once before they
    are sent; each score (1-5) is set once; the drafts DM that follows is claimed, then stamped."""

    __tablename__ = "mentoring_closeouts"
    __table_args__ = (
        UniqueConstraint("pair_id", "user_id"),
        CheckConstraint("useful BETWEEN 1 AND 5", name="useful"),
        CheckConstraint("again BETWEEN 1 AND 5", name="again"),
        CheckConstraint("recommend BETWEEN 1 AND 5", name="recommend"),
        Index("ix_mentoring_closeouts_team_id_user_id", "team_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentoring_pairs.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    useful: Mapped[int | None] = mapped_column(Integer)
    again: Mapped[int | None] = mapped_column(Integer)
    recommend: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    drafts_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    drafts_channel: Mapped[str | None] = mapped_column(String(32))
    drafts_ts: Mapped[str | None] = mapped_column(String(32))
