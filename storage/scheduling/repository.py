"""Finding a time in SQL: proposals, slots and votes; the agreed slot is set once by a conditional UPDATE.

A vote locks its proposal's row first (SELECT … FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE
serialises writers anyway), so two members pressing the last missing slot at the same instant are
counted one after the other: the second sees the first's vote, and exactly one of them confirms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.scheduling.group import REMINDER_BEFORE, GroupDm, ScheduledGroup, Source, everyone_pressed
from storage.queries import run_delete, run_update
from storage.scheduling.models import (
    SchedulingMemberRow as M,
)
from storage.scheduling.models import (
    SchedulingProposalRow as P,
)
from storage.scheduling.models import (
    SchedulingSlotRow as S,
)
from storage.scheduling.models import (
    SchedulingVoteRow as V,
)


class SqlSchedulingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, group: GroupDm) -> ScheduledGroup | None:
        """The proposal of this group in this DM, if Find a time was pressed there."""
        found = self._session.scalar(
            select(P.id).where(
                P.team_id == group.team_id,
                P.conversation_id == group.conversation_id,
                P.source == group.source.value,
                P.source_ref == group.source_ref,
            )
        )
        return None if found is None else self.get(found)

    def get(self, proposal_id: int) -> ScheduledGroup | None:
        row = self._session.scalars(
            select(P).where(P.id == proposal_id).execution_options(populate_existing=True)
        ).one_or_none()
        if row is None:
            return None
        members = tuple(
            self._session.scalars(select(M.user_id).where(M.proposal_id == row.id).order_by(M.id))
        )
        offered = tuple(self._session.scalars(select(S.start).where(S.proposal_id == row.id).order_by(S.id)))
        votes: dict[datetime, set[str]] = {}
        for user_id, start in self._session.execute(
            select(V.user_id, V.start).where(V.proposal_id == row.id)
        ):
            votes.setdefault(start, set()).add(user_id)
        group = GroupDm(
            row.team_id, row.conversation_id, Source(row.source), row.source_ref, members, row.organiser
        )
        return ScheduledGroup(
            id=row.id,
            group=group,
            offered=offered,
            batches=row.batches,
            votes={start: frozenset(who) for start, who in votes.items()},
            confirmed=row.confirmed_start,
        )

    def create(self, group: GroupDm, starts: Sequence[datetime], now: datetime) -> ScheduledGroup | None:
        """Store the group's first batch of slots; None when a concurrent press stored one first."""
        row = P(
            team_id=group.team_id,
            conversation_id=group.conversation_id,
            source=group.source.value,
            source_ref=group.source_ref,
            organiser=group.organiser,
            batches=1,
            created_at=now,
        )
        try:
            with self._session.begin_nested():
                self._session.add(row)
                self._session.flush()
        except IntegrityError:
            return None
        for user_id in dict.fromkeys(group.members):
            self._session.add(M(team_id=group.team_id, proposal_id=row.id, user_id=user_id))
        self._add_slots(row.id, starts, 1)
        self._session.flush()
        return self.get(row.id)

    def withdraw(self, proposal_id: int) -> None:
        """Take back a first proposal whose message Slack refused, so the next press starts afresh."""
        run_delete(self._session, delete(P).where(P.id == proposal_id, P.confirmed_start.is_(None)))

    def add_batch(self, proposal_id: int, starts: Sequence[datetime], seen_batches: int) -> bool:
        """Offer more slots, unless another batch was added since the caller read `seen_batches`."""
        statement = update(P).where(
            P.id == proposal_id, P.batches == seen_batches, P.confirmed_start.is_(None)
        )
        if run_update(self._session, statement, batches=seen_batches + 1) != 1:
            return False
        self._add_slots(proposal_id, starts, seen_batches + 1)
        return True

    def vote(self, proposal_id: int, user_id: str, start: datetime, now: datetime) -> bool:
        """Record that `start` works for the member; True only for the one vote that confirms it."""
        self._lock(proposal_id)
        exists = self._session.scalar(
            select(V.id).where(V.proposal_id == proposal_id, V.user_id == user_id, V.start == start)
        )
        if exists is None:
            team_id = self._session.scalar(select(P.team_id).where(P.id == proposal_id))
            self._session.add(
                V(team_id=team_id, proposal_id=proposal_id, user_id=user_id, start=start, created_at=now)
            )
            self._session.flush()
        members = tuple(self._session.scalars(select(M.user_id).where(M.proposal_id == proposal_id)))
        pressed = frozenset(
            self._session.scalars(select(V.user_id).where(V.proposal_id == proposal_id, V.start == start))
        )
        if not everyone_pressed(members, pressed):
            return False
        claim = update(P).where(P.id == proposal_id, P.confirmed_start.is_(None))
        return (
            run_update(self._session, claim, confirmed_start=start, confirmed_at=now, announce_claimed_at=now)
            == 1
        )

    def stamp_announced(self, proposal_id: int, now: datetime) -> None:
        run_update(self._session, update(P).where(P.id == proposal_id), announced_at=now)

    def unannounced(self, now: datetime, lease_seconds: int) -> list[ScheduledGroup]:
        """Agreed slots still ahead whose announcement's claim lapsed unstamped (Slack refused, or the
        process died after the vote)."""
        stale = now - timedelta(seconds=lease_seconds)
        ids = self._session.scalars(
            select(P.id).where(
                P.confirmed_start > now, P.announced_at.is_(None), P.announce_claimed_at < stale
            )
        )
        return [found for found in map(self.get, list(ids)) if found is not None]

    def earliest_agreed(self, source: Source, after: datetime) -> datetime | None:
        """The earliest agreed start after `after` of any group of the source, in every workspace."""
        return self._session.scalar(
            select(func.min(P.confirmed_start)).where(P.source == source.value, P.confirmed_start > after)
        )

    def next_announcement_retry(self, now: datetime, lease_seconds: int) -> datetime | None:
        """When the earliest claim on an unstamped announcement of a slot still ahead lapses."""
        claimed = self._session.scalar(
            select(func.min(P.announce_claimed_at)).where(P.confirmed_start > now, P.announced_at.is_(None))
        )
        return None if claimed is None else claimed + timedelta(seconds=lease_seconds)

    def claim_announcement(self, proposal_id: int, now: datetime, lease_seconds: int) -> bool:
        """True for exactly one caller while the announcement is unstamped and its claim has lapsed."""
        stale = now - timedelta(seconds=lease_seconds)
        statement = update(P).where(
            P.id == proposal_id, P.announced_at.is_(None), P.announce_claimed_at < stale
        )
        return run_update(self._session, statement, announce_claimed_at=now) == 1

    def due_reminders(self, now: datetime) -> list[ScheduledGroup]:
        """Confirmed slots starting within the next ten minutes whose DM has not been reminded."""
        ids = self._session.scalars(
            select(P.id).where(
                P.confirmed_start > now, P.confirmed_start <= now + REMINDER_BEFORE, P.reminded_at.is_(None)
            )
        )
        return [found for found in map(self.get, list(ids)) if found is not None]

    def claim_reminder(self, proposal_id: int, now: datetime, lease_seconds: int) -> bool:
        """True for exactly one caller while the reminder is unsent and unclaimed (or its claim is stale)."""
        stale = now - timedelta(seconds=lease_seconds)
        statement = update(P).where(
            P.id == proposal_id,
            P.reminded_at.is_(None),
            or_(P.reminder_claimed_at.is_(None), P.reminder_claimed_at < stale),
        )
        return run_update(self._session, statement, reminder_claimed_at=now) == 1

    def stamp_reminded(self, proposal_id: int, now: datetime) -> None:
        run_update(self._session, update(P).where(P.id == proposal_id), reminded_at=now)

    def next_reminder(self, now: datetime) -> datetime | None:
        """When the next reminder is due: ten minutes before the earliest confirmed slot still ahead."""
        start = self._session.scalar(
            select(func.min(P.confirmed_start)).where(P.confirmed_start > now, P.reminded_at.is_(None))
        )
        return None if start is None else start - REMINDER_BEFORE

    def confirmed(self, team_id: str, source: Source, refs: Iterable[str]) -> dict[str, datetime]:
        """The agreed start of each of these groups that agreed one."""
        wanted = list(refs)
        if not wanted:
            return {}
        rows = self._session.execute(
            select(P.source_ref, P.confirmed_start).where(
                P.team_id == team_id,
                P.source == source.value,
                P.source_ref.in_(wanted),
                P.confirmed_start.is_not(None),
            )
        )
        return {ref: start for ref, start in rows}

    def any_agreed(self, team_id: str, source: Source, started_by: datetime) -> bool:
        """Whether any group of the source agreed a slot that started by `started_by` (one indexed query)."""
        found = self._session.scalar(
            select(P.id)
            .where(P.team_id == team_id, P.source == source.value, P.confirmed_start <= started_by)
            .limit(1)
        )
        return found is not None

    def used(self, team_id: str, source: Source) -> dict[str, bool]:
        """Every group of the source that pressed Find a time, and whether it agreed a slot."""
        rows = self._session.execute(
            select(P.source_ref, P.confirmed_start).where(P.team_id == team_id, P.source == source.value)
        )
        return {ref: start is not None for ref, start in rows}

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """The member's votes and places in proposals are deleted; a proposal they organised keeps the
        marker instead of their ID."""
        votes = run_delete(self._session, delete(V).where(V.team_id == team_id, V.user_id == user_id))
        places = run_delete(self._session, delete(M).where(M.team_id == team_id, M.user_id == user_id))
        organised = run_update(
            self._session, update(P).where(P.team_id == team_id, P.organiser == user_id), organiser=marker
        )
        return {"scheduling_votes": votes + places, "scheduling_organised": organised}

    def _lock(self, proposal_id: int) -> None:
        self._session.execute(select(P.id).where(P.id == proposal_id).with_for_update())

    def _add_slots(self, proposal_id: int, starts: Sequence[datetime], batch: int) -> None:
        for start in starts:
            self._session.add(S(proposal_id=proposal_id, start=start, batch=batch))
        self._session.flush()
