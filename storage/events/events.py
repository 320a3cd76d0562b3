"""Events, answers, reminders and tables. Claims are inserts against a unique constraint or single
conditional UPDATEs, so two ticks, two replicas or a tick beside a click settle each one once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from itertools import combinations

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.events import Answer, EventPlan, Reminder
from bot.services.events.ports import DueAttendee, Event, EventFigure, EventStatus, Roll, Rsvp
from bot.services.followups.ports import MeetingSource
from storage.events.models import EventReminderRow, EventRow, EventRsvpRow, EventTableRow
from storage.followups.models import MeetingPersonRow, MeetingRow
from storage.queries import run_delete, run_update, scrub_mentions

E, R, D, T = EventRow, EventRsvpRow, EventReminderRow, EventTableRow
SCHEDULED = EventStatus.SCHEDULED.value


def _event(row: EventRow) -> Event:
    return Event(
        id=row.id,
        team_id=row.team_id,
        created_by=row.created_by,
        title=row.title,
        description=row.description,
        starts_at=row.starts_at,
        duration_minutes=row.duration_minutes,
        where=row.location,
        channel_id=row.channel_id,
        capacity=row.capacity,
        mix=row.mix,
        table_size=row.table_size,
        status=EventStatus(row.status),
        message_ts=row.message_ts,
    )


class SqlEventRepository:
    """Events of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, team_id: str, created_by: str, plan: EventPlan, now: datetime) -> Event:
        row = E(
            team_id=team_id,
            created_by=created_by,
            title=plan.title,
            description=plan.description,
            starts_at=plan.starts_at,
            duration_minutes=plan.duration_minutes,
            location=plan.where,
            channel_id=plan.channel_id,
            capacity=plan.capacity,
            mix=plan.mix,
            table_size=plan.table_size,
            status=SCHEDULED,
            created_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return _event(row)

    def set_message(self, event_id: int, ts: str) -> None:
        run_update(self._session, update(E).where(E.id == event_id), message_ts=ts)

    def get(self, team_id: str, event_id: int) -> Event | None:
        row = self._session.scalar(select(E).where(E.team_id == team_id, E.id == event_id))
        return _event(row) if row else None

    def lock(self, team_id: str, event_id: int) -> Event | None:
        statement = select(E).where(E.team_id == team_id, E.id == event_id).with_for_update()
        row = self._session.execute(statement.execution_options(populate_existing=True)).scalar()
        return _event(row) if row else None

    def upcoming(self, team_id: str, now: datetime) -> list[Event]:
        rows = self._session.scalars(
            select(E).where(E.team_id == team_id, E.status == SCHEDULED).order_by(E.starts_at, E.id)
        )
        return [event for event in map(_event, rows) if event.ends_at > now]

    def created_upcoming(self, team_id: str, created_by: str, now: datetime) -> int:
        rows = self._session.scalars(
            select(E).where(E.team_id == team_id, E.created_by == created_by, E.status == SCHEDULED)
        )
        return sum(1 for event in map(_event, rows) if event.ends_at > now)

    def cancel(self, event_id: int) -> bool:
        statement = update(E).where(E.id == event_id, E.status == SCHEDULED)
        return run_update(self._session, statement, status=EventStatus.CANCELLED.value) == 1

    def reschedule(self, event_id: int, starts_at: datetime, duration_minutes: int) -> None:
        statement = update(E).where(E.id == event_id)
        run_update(self._session, statement, starts_at=starts_at, duration_minutes=duration_minutes)

    def clear_reminders(self, event_id: int, kinds: Sequence[Reminder]) -> int:
        statement = delete(D).where(D.event_id == event_id, D.kind.in_([kind.value for kind in kinds]))
        return run_delete(self._session, statement)

    def roll(self, event_id: int) -> Roll:
        rows = self._session.execute(
            select(R.user_id, R.answer).where(R.event_id == event_id).order_by(R.answered_at, R.id)
        ).all()
        by: dict[str, list[str]] = defaultdict(list)
        for user_id, answer in rows:
            by[answer].append(user_id)
        return Roll(
            going=tuple(by[Answer.GOING.value]),
            waitlist=tuple(by[Answer.WAITLIST.value]),
            declined=tuple(by[Answer.DECLINED.value]),
        )

    def rsvp(self, event_id: int, user_id: str) -> Rsvp | None:
        row = self._session.execute(
            select(R.user_id, R.answer, R.answered_at, R.table_number).where(
                R.event_id == event_id, R.user_id == user_id
            )
        ).first()
        if row is None:
            return None
        return Rsvp(event_id, row.user_id, Answer(row.answer), row.answered_at, row.table_number)

    def answer(self, event: Event, user_id: str, answer: Answer, now: datetime) -> None:
        """Insert or change the answer; the time moves only when the answer does (the waitlist's order)."""
        current = self.rsvp(event.id, user_id)
        if current is None:
            self._session.add(
                R(
                    event_id=event.id,
                    team_id=event.team_id,
                    user_id=user_id,
                    answer=answer.value,
                    answered_at=now,
                )
            )
            self._session.flush()
        elif current.answer is not answer:
            statement = update(R).where(R.event_id == event.id, R.user_id == user_id)
            run_update(self._session, statement, answer=answer.value, answered_at=now)

    def due_attendees(self, now: datetime, since: datetime, until: datetime) -> list[DueAttendee]:
        events = {
            row.id: _event(row)
            for row in self._session.scalars(
                select(E).where(E.status == SCHEDULED, E.starts_at >= since, E.starts_at <= until)
            )
        }
        if not events:
            return []
        going = self._session.execute(
            select(R.event_id, R.user_id)
            .where(R.event_id.in_(events), R.answer == Answer.GOING.value)
            .order_by(R.event_id, R.answered_at, R.id)
        ).all()
        done: dict[tuple[int, str], set[Reminder]] = defaultdict(set)
        for event_id, user_id, kind in self._session.execute(
            select(D.event_id, D.user_id, D.kind).where(D.event_id.in_(events))
        ):
            done[(event_id, user_id)].add(Reminder(kind))
        return [
            DueAttendee(events[event_id], user_id, frozenset(done[(event_id, user_id)]))
            for event_id, user_id in going
        ]

    def claim_reminder(self, event: Event, user_id: str, kind: Reminder, now: datetime) -> bool:
        row = D(event_id=event.id, team_id=event.team_id, user_id=user_id, kind=kind.value, claimed_at=now)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            return False
        return True

    def release_reminder(self, event_id: int, user_id: str, kind: Reminder) -> None:
        run_delete(
            self._session,
            delete(D).where(D.event_id == event_id, D.user_id == user_id, D.kind == kind.value),
        )

    def events_to_seat(self, now: datetime) -> list[Event]:
        rows = self._session.scalars(
            select(E).where(
                E.status == SCHEDULED, E.mix.is_(True), E.tables_claimed_at.is_(None), E.starts_at <= now
            )
        )
        return [event for event in map(_event, rows) if event.ends_at > now]

    def times_from(self, since: datetime) -> list[tuple[datetime, datetime, bool]]:
        rows = self._session.scalars(select(E).where(E.status == SCHEDULED, E.starts_at >= since))
        return [
            (_event(row).starts_at, _event(row).ends_at, row.mix and row.tables_claimed_at is None)
            for row in rows
        ]

    def claim_tables(self, event_id: int, now: datetime) -> bool:
        statement = update(E).where(E.id == event_id, E.tables_claimed_at.is_(None))
        return run_update(self._session, statement, tables_claimed_at=now) == 1

    def save_tables(self, event: Event, tables: Sequence[Sequence[str]]) -> None:
        for number, people in enumerate(tables, start=1):
            self._session.add(T(event_id=event.id, number=number))
            statement = update(R).where(R.event_id == event.id, R.user_id.in_(list(people)))
            run_update(self._session, statement, table_number=number)
        self._session.flush()

    def set_table_channel(self, event_id: int, number: int, channel_id: str) -> None:
        statement = update(T).where(T.event_id == event_id, T.number == number)
        run_update(self._session, statement, channel_id=channel_id)

    def people_at_tables(self, event_id: int) -> dict[int, int] | None:
        claimed = self._session.scalar(select(E.tables_claimed_at).where(E.id == event_id))
        if claimed is None:
            return None
        going = (R.event_id == T.event_id) & (R.table_number == T.number) & (R.answer == Answer.GOING.value)
        rows = self._session.execute(
            select(T.number, func.count(R.id))
            .outerjoin(R, going)
            .where(T.event_id == event_id)
            .group_by(T.number)
        )
        return {number: count for number, count in rows}

    def seat(self, event_id: int, user_ids: Sequence[str], number: int) -> None:
        known = self._session.scalar(select(T.id).where(T.event_id == event_id, T.number == number))
        if known is None:
            self._session.add(T(event_id=event_id, number=number))
        statement = update(R).where(R.event_id == event_id, R.user_id.in_(list(user_ids)))
        run_update(self._session, statement, table_number=number)
        self._session.flush()

    def table_of(self, event_id: int, user_id: str) -> tuple[str, ...]:
        mine = select(R.table_number).where(R.event_id == event_id, R.user_id == user_id).scalar_subquery()
        rows = self._session.scalars(
            select(R.user_id).where(R.event_id == event_id, R.table_number == mine).order_by(R.id)
        )
        return tuple(rows)

    def met_pairs(self, team_id: str, user_ids: Sequence[str]) -> set[frozenset[str]]:
        wanted = list(dict.fromkeys(user_ids))
        if len(wanted) < 2:
            return set()
        P = MeetingPersonRow
        meetings = self._session.execute(
            select(P.meeting_id, P.user_id).where(P.team_id == team_id, P.user_id.in_(wanted))
        ).all()
        people: dict[int, list[str]] = defaultdict(list)
        for meeting_id, user_id in meetings:
            people[meeting_id].append(user_id)
        return {frozenset(pair) for names in people.values() for pair in combinations(sorted(names), 2)}

    def record_answer(self, event_id: int, user_id: str, answered: str, now: datetime) -> bool:
        statement = update(D).where(
            D.event_id == event_id,
            D.user_id == user_id,
            D.kind == Reminder.WHO_MET.value,
            D.answered.is_(None),
        )
        return run_update(self._session, statement, answered=answered, answered_at=now) == 1

    def figures(self, team_id: str) -> list[EventFigure]:
        rows = self._session.scalars(select(E).where(E.team_id == team_id).order_by(E.starts_at, E.id))
        events = [_event(row) for row in rows]
        answers = self._counts(select(R.event_id, R.answer, func.count()).group_by(R.event_id, R.answer))
        answered = self._counts(
            select(D.event_id, D.kind, func.count())
            .where(D.answered.is_not(None))
            .group_by(D.event_id, D.kind)
        )
        refs = self._session.scalars(
            select(MeetingRow.source_ref).where(
                MeetingRow.team_id == team_id, MeetingRow.source == MeetingSource.EVENT.value
            )
        )
        meetings: dict[str, int] = defaultdict(int)
        for ref in refs:
            meetings[ref.partition(":")[0]] += 1
        return [
            EventFigure(
                event=event,
                going=answers.get((event.id, Answer.GOING.value), 0),
                waitlisted=answers.get((event.id, Answer.WAITLIST.value), 0),
                declined=answers.get((event.id, Answer.DECLINED.value), 0),
                answered=answered.get((event.id, Reminder.WHO_MET.value), 0),
                meetings=meetings.get(str(event.id), 0),
            )
            for event in events
        ]

    def _counts(self, statement: object) -> dict[tuple[object, str], int]:
        return {(key, kind): count for key, kind, count in self._session.execute(statement)}  # type: ignore[call-overload]

    def naming(self, team_id: str, user_id: str) -> list[int]:
        """Announced events whose post names the member: they created it, are going or waiting, or its
        title or description mentions them (what forgetting must redraw)."""
        answered = select(R.id).where(
            R.event_id == E.id, R.user_id == user_id, R.answer != Answer.DECLINED.value
        )
        names = or_(
            E.created_by == user_id,
            answered.exists(),
            E.title.contains(user_id),
            E.description.contains(user_id),
        )
        statement = select(E.id).where(E.team_id == team_id, E.message_ts.is_not(None), names)
        return list(self._session.scalars(statement.order_by(E.id)))

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Delete the member's answers and reminders; events they created name `marker` instead, and
        titles and descriptions lose mentions of them."""
        theirs: ColumnElement[bool] = (R.team_id == team_id) & (R.user_id == user_id)
        answers = run_delete(self._session, delete(R).where(theirs))
        reminders = run_delete(self._session, delete(D).where(D.team_id == team_id, D.user_id == user_id))
        created = run_update(
            self._session, update(E).where(E.team_id == team_id, E.created_by == user_id), created_by=marker
        )
        for text in (E.title, E.description):  # what others typed may mention them
            scrub_mentions(self._session, text, E.id, E.team_id, team_id, user_id)
        return {"event_answers": answers + reminders, "events_created": created}
