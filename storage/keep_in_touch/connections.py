"""Catch-up choices, recaps, alumni contacts and reminders.

Inserts that may race run in a savepoint against a unique constraint; claims are single
conditional UPDATEs, so two ticks or two replicas settle each step once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.domain.keep_in_touch import AlumniContact, Internship
from bot.domain.people.person import Role
from bot.services.keep_in_touch.ports import CatchUpFacts, PersonChoice
from storage.base import Base
from storage.followups.models import MeetingPersonRow
from storage.keep_in_touch.models import (
    AlumniContactRow,
    AlumniReminderRow,
    CatchUpMemberRow,
    CatchUpPersonRow,
    RecapRow,
)
from storage.people.models import Member
from storage.queries import insert_ignoring_taken, insert_new, new_row_values, run_delete, run_update

C = CatchUpMemberRow
EVER_SINCE = datetime(2000, 1, 1, tzinfo=UTC)  # a member never looked at is due at once
P = CatchUpPersonRow


class SqlKeepInTouchRepository:
    """Keeping-in-touch state of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # Catch-ups

    def catch_ups_on(self, team_id: str, user_id: str) -> bool:
        enabled = self._session.scalar(select(C.enabled).where(C.team_id == team_id, C.user_id == user_id))
        return enabled is not False

    def set_catch_ups(self, team_id: str, user_id: str, on: bool) -> None:
        self._run(update(C).where(*self._member_row(team_id, user_id)), enabled=on)

    def networked_members(self, now: datetime) -> list[tuple[str, str]]:
        """Members who met someone, minus those with catch-ups off or deferred past `now`."""
        off = select(C.id).where(
            C.team_id == MeetingPersonRow.team_id,
            C.user_id == MeetingPersonRow.user_id,
            or_(C.enabled.is_(False), C.not_before > now),
        )
        rows = self._session.execute(
            select(MeetingPersonRow.team_id, MeetingPersonRow.user_id)
            .where(~off.exists())
            .distinct()
            .order_by(MeetingPersonRow.team_id, MeetingPersonRow.user_id)
        )
        return [(team_id, user_id) for team_id, user_id in rows]

    def next_check(self) -> datetime | None:
        """One read: the earliest `not_before` of members who met someone and have catch-ups on, or
        EVER_SINCE when one of them has never been looked at."""
        mine = (C.team_id == MeetingPersonRow.team_id) & (C.user_id == MeetingPersonRow.user_id)
        first = self._session.scalar(
            select(func.min(func.coalesce(C.not_before, EVER_SINCE)))
            .select_from(MeetingPersonRow)
            .outerjoin(C, mine)
            .where(or_(C.id.is_(None), C.enabled.is_(True)))
        )
        return None if first is None else first

    def catch_up_facts(self, team_id: str, user_ids: Sequence[str]) -> dict[str, CatchUpFacts]:
        ids = list(dict.fromkeys(user_ids))
        last: dict[str, datetime | None] = {}
        dates: dict[str, Internship] = {}
        choices: dict[str, dict[str, PersonChoice]] = {user_id: {} for user_id in ids}
        m = Member
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            suggested = select(C.user_id, C.last_suggested_at).where(
                C.team_id == team_id, C.user_id.in_(chunk)
            )
            last.update((user_id, at) for user_id, at in self._session.execute(suggested))
            roster = select(m.user_id, m.internship_start, m.internship_end)
            in_roster = roster.where(m.team_id == team_id, m.user_id.in_(chunk))
            dates.update((user_id, Internship(a, b)) for user_id, a, b in self._session.execute(in_roster))
            people = select(
                P.user_id, P.other_user_id, P.suggested_at, P.snoozed_until, P.caught_up_at, P.stopped
            )
            theirs = people.where(P.team_id == team_id, P.user_id.in_(chunk))
            for user_id, *choice in self._session.execute(theirs):
                choices[user_id][choice[0]] = PersonChoice(*choice)
        return {
            user_id: CatchUpFacts(
                last.get(user_id), dates.get(user_id, Internship(None, None)), choices[user_id]
            )
            for user_id in ids
        }

    def last_suggested_at(self, team_id: str, user_id: str) -> datetime | None:
        return self._session.scalar(
            select(C.last_suggested_at).where(C.team_id == team_id, C.user_id == user_id)
        )

    def choices(self, team_id: str, user_id: str) -> dict[str, PersonChoice]:
        rows = self._session.execute(
            select(P.other_user_id, P.suggested_at, P.snoozed_until, P.caught_up_at, P.stopped).where(
                P.team_id == team_id, P.user_id == user_id
            )
        )
        return {row.other_user_id: PersonChoice(*row) for row in rows}

    def claim_suggestion(self, team_id: str, user_id: str, now: datetime, since: datetime) -> bool:
        mine = update(C).where(
            *self._member_row(team_id, user_id),
            C.enabled.is_(True),
            or_(C.last_suggested_at.is_(None), C.last_suggested_at <= since),
        )
        return self._run(mine, last_suggested_at=now) == 1

    def defer_many(self, team_id: str, until: Mapping[str, datetime]) -> None:
        """Each member left alone until their time: rows missing are made (switched on), then all are
        moved, in one executemany each."""
        if not until:
            return
        made = [{"team_id": team_id, "user_id": user_id, "enabled": True} for user_id in until]
        insert_ignoring_taken(self._session, C, made)
        table = C.__table__
        mine = update(table).where(table.c.team_id == bindparam("t"), table.c.user_id == bindparam("u"))
        moves = [{"t": team_id, "u": user_id, "at": at} for user_id, at in until.items()]
        self._session.execute(mine.values(not_before=bindparam("at")), moves)

    def _member_row(self, team_id: str, user_id: str) -> tuple[Any, ...]:
        """The member's catch-up row (created, switched on, when missing), as a WHERE clause."""
        key = (C.team_id == team_id, C.user_id == user_id)
        self._ensure(C(team_id=team_id, user_id=user_id, enabled=True))
        return key

    def release_suggestion(
        self, team_id: str, user_id: str, now: datetime, previous: datetime | None
    ) -> None:
        mine = update(C).where(C.team_id == team_id, C.user_id == user_id, C.last_suggested_at == now)
        self._run(mine, last_suggested_at=previous)

    def mark_suggested(self, team_id: str, user_id: str, other: str, now: datetime) -> None:
        self._set_person(team_id, user_id, other, suggested_at=now)

    def caught_up(self, team_id: str, user_id: str, other: str, now: datetime) -> bool:
        """Record the catch-up unless one was recorded since the last suggestion; True if this call did."""
        key = self._person_row(team_id, user_id, other)
        since_suggested = or_(
            P.caught_up_at.is_(None), P.suggested_at.is_(None), P.caught_up_at < P.suggested_at
        )
        return self._run(update(P).where(*key, since_suggested), caught_up_at=now, snoozed_until=None) == 1

    def snooze(self, team_id: str, user_id: str, other: str, until: datetime) -> None:
        self._set_person(team_id, user_id, other, snoozed_until=until)

    def stop(self, team_id: str, user_id: str, other: str) -> None:
        self._set_person(team_id, user_id, other, stopped=True)

    def _set_person(self, team_id: str, user_id: str, other: str, **values: Any) -> None:
        self._run(update(P).where(*self._person_row(team_id, user_id, other)), **values)

    def _person_row(self, team_id: str, user_id: str, other: str) -> tuple[Any, ...]:
        key = (P.team_id == team_id, P.user_id == user_id, P.other_user_id == other)
        self._ensure(P(team_id=team_id, user_id=user_id, other_user_id=other, stopped=False))
        return key

    # Recaps

    def interns(self) -> list[tuple[str, str, Internship]]:
        """Profiles keep role and dates on the member row too, so the roster table has them all.

        One read for every intern and their dates: each tick asks, and recaps and prompts are rarely due.
        """
        m = Member
        interns = select(m.team_id, m.user_id, m.internship_start, m.internship_end).where(
            m.role == Role.INTERN.value, m.internship_end.is_not(None)
        )
        return [
            (team_id, user_id, Internship(start, end))
            for team_id, user_id, start, end in self._session.execute(interns.order_by(m.id))
        ]

    def recap_sent(self, team_id: str, user_id: str) -> bool:
        sent = select(RecapRow.sent_at).where(RecapRow.team_id == team_id, RecapRow.user_id == user_id)
        return self._session.scalar(sent) is not None

    def recapped(self) -> set[tuple[str, str]]:
        sent = select(RecapRow.team_id, RecapRow.user_id).where(RecapRow.sent_at.is_not(None))
        return {(team_id, user_id) for team_id, user_id in self._session.execute(sent)}

    def recap_claimed(self, team_id: str, user_id: str) -> bool:
        mine = select(RecapRow.id).where(RecapRow.team_id == team_id, RecapRow.user_id == user_id)
        return self._session.scalar(mine) is not None

    def claim_recap(self, team_id: str, user_id: str, end: date, now: datetime, lease_seconds: int) -> bool:
        row = RecapRow(team_id=team_id, user_id=user_id, internship_end=end, claimed_at=now)
        key = (RecapRow.team_id == team_id, RecapRow.user_id == user_id)
        return self._claim(row, RecapRow, key, now, lease_seconds)

    def mark_recap_sent(
        self, team_id: str, user_id: str, channel: str, file_id: str | None, now: datetime
    ) -> None:
        mine = update(RecapRow).where(RecapRow.team_id == team_id, RecapRow.user_id == user_id)
        self._run(mine, sent_at=now, message_channel=channel, file_id=file_id)

    # Alumni contact and reminders

    def save_contact(self, team_id: str, user_id: str, contact: AlumniContact, now: datetime) -> None:
        key = (AlumniContactRow.team_id == team_id, AlumniContactRow.user_id == user_id)
        values = {"email": contact.email, "linkedin_url": contact.linkedin_url, "shared_at": now}
        self._ensure(AlumniContactRow(team_id=team_id, user_id=user_id, **values))
        self._run(update(AlumniContactRow).where(*key), **values)

    def withdraw_contact(self, team_id: str, user_id: str) -> bool:
        gone = delete(AlumniContactRow).where(
            AlumniContactRow.team_id == team_id, AlumniContactRow.user_id == user_id
        )
        return run_delete(self._session, gone) > 0

    def contact(self, team_id: str, user_id: str) -> AlumniContact | None:
        row = self._session.execute(
            select(AlumniContactRow.email, AlumniContactRow.linkedin_url).where(
                AlumniContactRow.team_id == team_id, AlumniContactRow.user_id == user_id
            )
        ).one_or_none()
        return None if row is None else AlumniContact(row.email, row.linkedin_url)

    def shared_contacts(self) -> list[tuple[str, str, AlumniContact]]:
        A = AlumniContactRow
        rows = self._session.execute(
            select(A.team_id, A.user_id, A.email, A.linkedin_url).order_by(A.team_id, A.user_id)
        )
        return [(r.team_id, r.user_id, AlumniContact(r.email, r.linkedin_url)) for r in rows]

    def claim_reminder(
        self, team_id: str, intern_id: str, colleague_id: str, now: datetime, lease_seconds: int
    ) -> bool:
        R = AlumniReminderRow
        row = R(team_id=team_id, intern_id=intern_id, colleague_id=colleague_id, claimed_at=now)
        key = (R.team_id == team_id, R.intern_id == intern_id, R.colleague_id == colleague_id)
        return self._claim(row, R, key, now, lease_seconds)

    def reminded(self, team_id: str, intern_id: str) -> set[str]:
        R = AlumniReminderRow
        sent = select(R.colleague_id).where(
            R.team_id == team_id, R.intern_id == intern_id, R.sent_at.is_not(None)
        )
        return set(self._session.scalars(sent))

    def mark_reminder_sent(self, team_id: str, intern_id: str, colleague_id: str, now: datetime) -> None:
        R = AlumniReminderRow
        mine = update(R).where(R.team_id == team_id, R.intern_id == intern_id, R.colleague_id == colleague_id)
        self._run(mine, sent_at=now)

    # Shared shapes

    def _ensure(self, row: Base) -> bool:
        """Insert `row` unless its unique key exists (one INSERT … ON CONFLICT DO NOTHING, so a concurrent
        insert loses quietly); True when this call inserted it."""
        return insert_new(self._session, type(row), **new_row_values(row))

    def _claim(self, row: Any, model: Any, key: tuple[Any, ...], now: datetime, lease_seconds: int) -> bool:
        """Claim by inserting `row`; or take back a claim whose sender never finished (past the lease)."""
        if self._ensure(row):
            return True
        stale = now - timedelta(seconds=lease_seconds)
        retake = update(model).where(*key, model.sent_at.is_(None), model.claimed_at < stale)
        return self._run(retake, claimed_at=now) == 1

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Catch-up choices by or about the member, their recap, contact and reminders: all deleted."""

        def gone(model: Any, *about: Any) -> int:
            return run_delete(self._session, delete(model).where(model.team_id == team_id, or_(*about)))

        R = AlumniReminderRow
        return {
            "catch_up_choices": gone(C, C.user_id == user_id)
            + gone(P, P.user_id == user_id, P.other_user_id == user_id),
            "recap": gone(RecapRow, RecapRow.user_id == user_id),
            "alumni_contact": gone(AlumniContactRow, AlumniContactRow.user_id == user_id),
            "alumni_reminders": gone(R, R.intern_id == user_id, R.colleague_id == user_id),
        }

    def _run(self, statement: Any, **values: Any) -> int:
        return run_update(self._session, statement, **values)
