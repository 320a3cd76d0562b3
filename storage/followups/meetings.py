"""Meetings and thank-you nudges. Inserts that may race run in a savepoint against a unique
constraint; claims and status changes are single conditional UPDATEs, so two ticks, two replicas
or a tick beside a click settle each nudge once."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Update,
    bindparam,
    delete,
    exists,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session, aliased

from bot.domain.privacy import is_anonymous
from bot.services.followups.ports import Meeting, MeetingSource, NetworkEntry, Nudge, NudgeStatus
from storage.followups.models import MeetingPersonRow, MeetingRow, NudgeRow
from storage.people.models import Member
from storage.queries import (
    insert_rows,
    inserted_id,
    people_by_owner,
    run_delete,
    run_prebuilt,
    run_update,
    scrub_mentions,
)

M = MeetingRow
P = MeetingPersonRow
N = NudgeRow

PENDING = NudgeStatus.PENDING.value
OPEN = (NudgeStatus.PENDING.value, NudgeStatus.SENT.value)  # not yet done or skipped
FINAL = (NudgeStatus.DONE, NudgeStatus.SKIPPED)
_IDS = bindparam("ids", expanding=True)
_CLAIM = (  # a nudge message's claim and stamp, once per message: built once
    update(N.__table__)
    .where(
        N.id.in_(_IDS), N.status == PENDING, or_(N.claimed_at.is_(None), N.claimed_at < bindparam("stale"))
    )
    .values(claimed_at=bindparam("now"))
    .returning(N.id)
)
_MARK_SENT = update(N.__table__).where(N.id.in_(_IDS), N.status.in_(OPEN))

# What a Nudge is read from: the nudge's columns and its meeting's date and note.
NUDGE_COLUMNS = (
    N.id,
    N.meeting_id,
    N.team_id,
    N.user_id,
    N.due_at,
    N.status,
    N.message_channel,
    N.message_ts,
    M.met_at,
    M.note,
)


def _latest_first(entries: Iterable[NetworkEntry]) -> list[NetworkEntry]:
    by_user = sorted(entries, key=lambda entry: entry.other_user_id)
    return sorted(by_user, key=lambda entry: entry.last_met, reverse=True)


class SqlFollowUpRepository:
    """Follow-ups of one session; the caller (unit of work) commits.

    Reads select columns, not ORM objects, so they always see the conditional UPDATEs
    this session ran before (which bypass the identity map).
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    def record_meeting(
        self,
        team_id: str,
        source: MeetingSource,
        source_ref: str,
        people: Sequence[str],
        met_at: datetime,
        note: str | None,
    ) -> Meeting | None:
        """Store the meeting and its people (in order); None when this source_ref was already recorded.

        The meeting goes in with INSERT … ON CONFLICT DO NOTHING, so a lost race leaves the caller's
        transaction usable; its people in one executemany, whose IDs ascend in the given order.
        """
        source = MeetingSource(source)
        people = tuple(people)
        if len(set(people)) != len(people):
            raise ValueError(f"someone is in the meeting twice: {people}")
        meeting_id = inserted_id(
            self._session, M, team_id=team_id, source=source.value, source_ref=source_ref, met_at=met_at,
            note=note, created_at=datetime.now(UTC),
        )  # fmt: skip
        if meeting_id is None:
            return None
        rows = [{"team_id": team_id, "meeting_id": meeting_id, "user_id": user_id} for user_id in people]
        insert_rows(self._session, P, rows)
        return Meeting(meeting_id, team_id, source, source_ref, people, met_at.astimezone(UTC), note)

    def add_nudge(self, meeting: Meeting, user_id: str, due_at: datetime) -> Nudge | None:
        """A pending nudge; None when this member already has one for this meeting (an unknown meeting
        raises IntegrityError)."""
        added = inserted_id(
            self._session, N, team_id=meeting.team_id, meeting_id=meeting.id, user_id=user_id, due_at=due_at,
            status=PENDING,
        )  # fmt: skip
        if added is None:
            return None
        others = _others(meeting.people, user_id)
        met_on = meeting.met_at.astimezone(UTC).date()
        return Nudge(added, meeting.id, meeting.team_id, user_id, others, due_at.astimezone(UTC),
                     NudgeStatus.PENDING, met_on, meeting.note)  # fmt: skip

    def due_nudges(self, now: datetime) -> list[Nudge]:
        """Pending nudges due by `now`, across workspaces, oldest first.

        Claimed ones are included: `claim` turns away those still in flight, and takes back those
        whose claimer died or failed (past the lease), so no nudge is stuck.
        """
        due = (N.status == PENDING) & (N.due_at <= now)
        return self._nudges(due, N.due_at, N.id)

    def first_pending_due(self, after: datetime | None = None) -> datetime | None:
        later = N.due_at > after if after is not None else true()
        return self._session.scalar(select(func.min(N.due_at)).where(N.status == PENDING, later))

    def last_sent(self, team_id: str, user_ids: Sequence[str]) -> dict[str, datetime]:
        found: dict[str, datetime] = {}
        ids = list(dict.fromkeys(user_ids))
        for start in range(0, len(ids), 500):
            latest = (
                select(N.user_id, func.max(N.sent_at))
                .where(N.team_id == team_id, N.user_id.in_(ids[start : start + 500]), N.sent_at.is_not(None))
                .group_by(N.user_id)
            )
            found.update((user_id, at) for user_id, at in self._session.execute(latest))
        return found

    def last_sent_at(self, team_id: str, user_id: str) -> datetime | None:
        latest = select(func.max(N.sent_at)).where(N.team_id == team_id, N.user_id == user_id)
        return self._session.scalar(latest)

    def claim(self, nudge_ids: Sequence[int], now: datetime, lease_seconds: int) -> bool:
        """Claim all these pending nudges (unclaimed, or claimed before the lease) or none of them.

        One UPDATE claims what it can; if that is not every id, the rows this call claimed (and
        only those: RETURNING names them) are released again and the answer is False.
        """
        wanted = set(nudge_ids)
        if not wanted:
            return True
        stale = now - timedelta(seconds=lease_seconds)
        params = {"ids": sorted(wanted), "stale": stale, "now": now}
        claimed = list(run_prebuilt(self._session, _CLAIM, params).scalars())
        if len(claimed) == len(wanted):
            return True
        if claimed:
            self._run(update(N).where(N.id.in_(claimed), N.claimed_at == now), claimed_at=None)
        return False

    def mark_sent(self, nudge_ids: Sequence[int], channel: str, ts: str, now: datetime) -> None:
        """Record the message the nudges went out in and release their claim (done/skipped stay final)."""
        sent = {
            "status": NudgeStatus.SENT.value,
            "sent_at": now,
            "message_channel": channel,
            "message_ts": ts,
        }
        run_prebuilt(self._session, _MARK_SENT, {"ids": sorted(set(nudge_ids)), **sent, "claimed_at": None})

    def nudges_in_message(self, channel: str, ts: str) -> list[Nudge]:
        """Every nudge sent in that message, whatever its status now, by id."""
        return self._nudges((N.message_channel == channel) & (N.message_ts == ts), N.id)

    def set_status(self, nudge_ids: Sequence[int], status: NudgeStatus) -> None:
        """Done or skipped (anything else is a ValueError); only pending or sent nudges change."""
        status = NudgeStatus(status)
        if status not in FINAL:
            raise ValueError(f"set_status takes done or skipped, not {status.value!r}")
        statement = update(N).where(N.id.in_(set(nudge_ids)), N.status.in_(OPEN))
        self._run(statement, status=status.value, claimed_at=None)

    def snooze(self, nudge_ids: Sequence[int], due_at: datetime) -> None:
        """Pending again until `due_at`, out of its message; sent_at stays for the one-a-day rule."""
        self._run(
            update(N).where(N.id.in_(set(nudge_ids)), N.status.in_(OPEN)),
            status=PENDING,
            due_at=due_at,
            claimed_at=None,
            message_channel=None,
            message_ts=None,
        )

    def network(self, team_id: str, user_id: str) -> list[NetworkEntry]:
        """Everyone the member shared a meeting with; `how` is how they first met; latest first."""
        return self.networks(team_id, [user_id])[user_id]

    def networks(self, team_id: str, user_ids: Sequence[str]) -> dict[str, list[NetworkEntry]]:
        me, other = aliased(P), aliased(P)
        found: dict[str, dict[str, NetworkEntry]] = {user_id: {} for user_id in user_ids}
        for start in range(0, len(found), 500):
            chunk = list(found)[start : start + 500]
            rows = self._session.execute(
                select(me.user_id, other.user_id, M.source, M.met_at)
                .join(M, M.id == other.meeting_id)
                .join(me, me.meeting_id == M.id)
                .where(me.team_id == team_id, me.user_id.in_(chunk), other.user_id != me.user_id)
                .order_by(M.met_at, M.id)
            )
            for user_id, other_id, source, met_at in rows:
                entries = found[user_id]
                seen = entries.get(other_id)
                if seen is None:
                    entries[other_id] = NetworkEntry(other_id, MeetingSource(source), met_at, met_at, 1)
                else:
                    entries[other_id] = NetworkEntry(
                        other_id, seen.how, seen.first_met, met_at, seen.times + 1
                    )
        return {user_id: _latest_first(entries.values()) for user_id, entries in found.items()}

    def people_met(self, team_id: str, user_ids: Collection[str]) -> dict[str, frozenset[str]]:
        me, other = aliased(P), aliased(P)
        met: dict[str, set[str]] = {user_id: set() for user_id in user_ids}
        rows = self._session.execute(
            select(me.user_id, other.user_id)
            .distinct()
            .join(other, (other.meeting_id == me.meeting_id) & (other.user_id != me.user_id))
            .where(me.team_id == team_id, me.user_id.in_(list(met)))
        )
        for user_id, other_id in rows:
            met[user_id].add(other_id)
        return {user_id: frozenset(others) for user_id, others in met.items()}

    def teams_met(self, team_id: str) -> dict[str, frozenset[str]]:
        """Each member of the workspace -> the roster teams of everyone they shared a meeting with
        (any source), in one query. People without a roster team add none."""
        me, other = aliased(P), aliased(P)
        rows = self._session.execute(
            select(me.user_id, Member.team)
            .distinct()
            .join(other, (other.meeting_id == me.meeting_id) & (other.user_id != me.user_id))
            .join(Member, (Member.team_id == me.team_id) & (Member.user_id == other.user_id))
            .where(me.team_id == team_id, Member.team.is_not(None))
        )
        teams: dict[str, set[str]] = {}
        for user_id, team in rows:
            teams.setdefault(user_id, set()).add(team)
        return {user_id: frozenset(found) for user_id, found in teams.items()}

    def cancel_for_departed(self, team_id: str, user_id: str) -> int:
        """Skip the member's open nudges, and others' pending ones about meeting only them."""
        own = N.team_id == team_id, N.user_id == user_id, N.status.in_(OPEN)
        cancelled = self._run(update(N).where(*own), status=NudgeStatus.SKIPPED.value, claimed_at=None)
        someone_else = exists().where(
            P.meeting_id == N.meeting_id, P.user_id != N.user_id, P.user_id != user_id
        )
        only_them = update(N).where(
            N.team_id == team_id,
            N.status == PENDING,
            N.meeting_id.in_(self._meetings_of(team_id, user_id)),
            ~someone_else,
        )
        return cancelled + self._run(only_them, status=NudgeStatus.SKIPPED.value, claimed_at=None)

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Delete the member's nudges; in meetings, `marker` takes their place and the note goes.

        A /coffee met meeting's source_ref names the people ("U1:U2:date"); it is rewritten too, and
        notes of other meetings lose mentions of them.
        """
        nudges = run_delete(self._session, delete(N).where(N.team_id == team_id, N.user_id == user_id))
        theirs = M.id.in_(self._meetings_of(team_id, user_id))
        named = select(M.id, M.source_ref).where(theirs, M.source_ref.contains(user_id))
        for meeting_id, ref in self._session.execute(named).all():
            self._run(update(M).where(M.id == meeting_id), source_ref=ref.replace(user_id, marker))
        self._run(update(M).where(theirs), note=None)
        scrub_mentions(self._session, M.note, M.id, M.team_id, team_id, user_id)
        meetings = self._run(update(P).where(P.team_id == team_id, P.user_id == user_id), user_id=marker)
        return {"thank_you_nudges": nudges, "meetings": meetings}

    def _meetings_of(self, team_id: str, user_id: str) -> Select[tuple[int]]:
        return select(P.meeting_id).where(P.team_id == team_id, P.user_id == user_id)

    def _nudges(self, where: ColumnElement[bool], *order_by: Any) -> list[Nudge]:
        rows = self._session.execute(
            select(*NUDGE_COLUMNS).join(M, M.id == N.meeting_id).where(where).order_by(*order_by)
        ).all()
        people = self._people({row.meeting_id for row in rows})
        return [
            Nudge(
                id=row.id,
                meeting_id=row.meeting_id,
                team_id=row.team_id,
                user_id=row.user_id,
                others=_others(people[row.meeting_id], row.user_id),
                due_at=row.due_at,
                status=NudgeStatus(row.status),
                met_on=row.met_at.astimezone(UTC).date(),
                note=row.note,
                message_channel=row.message_channel,
                message_ts=row.message_ts,
            )
            for row in rows
        ]

    def _people(self, meeting_ids: Iterable[int]) -> dict[int, list[str]]:
        """Each meeting's people in the order record_meeting was given them."""
        return people_by_owner(self._session, P.meeting_id, P.user_id, P.id, meeting_ids)

    def _run(self, statement: Update, **values: Any) -> int:
        return run_update(self._session, statement, **values)


def _others(people: Sequence[str], user_id: str) -> tuple[str, ...]:
    """Whom the member met at a meeting of `people`: everyone else not forgotten."""
    return tuple(p for p in people if p != user_id and not is_anonymous(p))
