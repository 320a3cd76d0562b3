"""Rounds and their groups: claimed once per slot, delivered step by step under leases."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from functools import cache
from itertools import combinations
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Update, bindparam, false, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.domain.coffee.model import CheckinAnswer, Pool, Round, RoundGroup
from bot.services.coffee.ports import StepsLeft
from storage.coffee.models import RoundGroupMemberRow, RoundGroupRow, RoundRow
from storage.queries import insert_rows, people_by_owner, run_prebuilt, run_update

G = RoundGroupRow
M = RoundGroupMemberRow

# step -> (its lease column, the column whose value means the step is done)
STEPS: dict[str, tuple[InstrumentedAttribute[Any], InstrumentedAttribute[Any]]] = {
    "intro": (G.intro_claimed_at, G.intro_ts),
    "checkin": (G.checkin_claimed_at, G.checkin_ts),
    "reask": (G.reask_claimed_at, G.reasked_at),
}
STAMPS = frozenset({"conversation_id", "intro_ts", "checkin_ts", "reasked_at"})
# built once: every group is claimed, stamped and read back a few times a round
_GROUP = select(*G.__table__.columns).where(G.id == bindparam("group_id"))
_STAMP = update(G.__table__).where(G.id == bindparam("group_id"))  # SET: the stamps given


@cache
def _claim(step: str) -> Update:
    claimed_at, done = STEPS[step]
    stale = or_(claimed_at.is_(None), claimed_at < bindparam("stale"))
    unclaimed = (G.id == bindparam("group_id"), done.is_(None), G.failed == false(), stale)
    return update(G.__table__).where(*unclaimed).values({claimed_at.key: bindparam("now")})


def _to_round(row: RoundRow) -> Round:
    return Round(row.id, row.pool_id, row.team_id, row.scheduled_for, row.seed, row.started_at, row.closed_at)


def _to_group(row: RoundGroupRow | Row[Any], members: Sequence[str]) -> RoundGroup:
    return RoundGroup(
        id=row.id,
        round_id=row.round_id,
        members=tuple(members),
        organiser=row.organiser,
        conversation_id=row.conversation_id,
        intro_ts=row.intro_ts,
        checkin_ts=row.checkin_ts,
        answer=None if row.answer is None else CheckinAnswer(row.answer),
        answered_by=row.answered_by,
        answered_at=row.answered_at,
        reasked_at=row.reasked_at,
        attempts=row.attempts,
        last_error=row.last_error,
        failed=row.failed,
        claimed_steps=frozenset(
            step
            for step, claimed in (
                ("intro", row.intro_claimed_at),
                ("checkin", row.checkin_claimed_at),
                ("reask", row.reask_claimed_at),
            )
            if claimed is not None
        ),
    )


class SqlRoundRepository:
    """Rounds of one session; the caller (unit of work) commits.

    Step and answer changes are single UPDATE statements, so two processes can never
    both win; reads refresh rows already in the session (populate_existing) to see them.
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, pool: Pool, scheduled_for: datetime, seed: int, now: datetime) -> Round | None:
        """Create the round for this pool and slot; None when it already exists (a unique constraint).

        The insert runs in a savepoint, so a lost race leaves the caller's transaction usable.
        """
        row = RoundRow(
            team_id=pool.team_id, pool_id=pool.id, scheduled_for=scheduled_for, seed=seed, started_at=now
        )
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            taken = select(RoundRow.id).where(
                RoundRow.pool_id == pool.id, RoundRow.scheduled_for == scheduled_for
            )
            if self._session.scalar(taken) is None:
                raise  # not the slot's unique constraint (e.g. an unknown pool)
            return None
        return _to_round(row)

    def latest(self, pool_id: int) -> Round | None:
        row = self._session.scalars(
            self._rounds().where(RoundRow.pool_id == pool_id).order_by(RoundRow.scheduled_for.desc()).limit(1)
        ).first()
        return None if row is None else _to_round(row)

    def open_rounds(self) -> list[Round]:
        """Rounds not yet closed, oldest first."""
        rows = self._session.scalars(
            self._rounds().where(RoundRow.closed_at.is_(None)).order_by(RoundRow.scheduled_for, RoundRow.id)
        )
        return [_to_round(row) for row in rows]

    def close(self, round_id: int, now: datetime) -> bool:
        """Mark the round closed; True only for the call that closed it (a second close keeps the first)."""
        closed = self._update(
            update(RoundRow).where(RoundRow.id == round_id, RoundRow.closed_at.is_(None)), closed_at=now
        )
        return closed == 1

    def add_groups(self, round_id: int, groups: Sequence[tuple[tuple[str, ...], str]]) -> list[RoundGroup]:
        """Store (members, organiser) groups; a member twice in one round violates a unique constraint."""
        team_id = self._session.scalar(select(RoundRow.team_id).where(RoundRow.id == round_id))
        if team_id is None:
            raise LookupError(f"no round {round_id}")
        for members, organiser in groups:
            if organiser not in members:
                raise ValueError(f"organiser {organiser} is not in the group {members}")
        rows = [
            {"team_id": team_id, "round_id": round_id, "organiser": o, "attempts": 0, "failed": False}
            for _, o in groups
        ]
        insert_rows(self._session, G, rows)
        # a member is in one group of a round, so the organiser names the group
        stored = self._session.execute(select(G.organiser, G.id).where(G.round_id == round_id))
        ids = {organiser: group_id for organiser, group_id in stored}
        people = [
            {"team_id": team_id, "round_id": round_id, "group_id": ids[o], "user_id": user}
            for members, o in groups
            for user in members
        ]
        insert_rows(self._session, M, people)
        return [RoundGroup(ids[o], round_id, tuple(members), o) for members, o in groups]

    def groups(self, round_id: int) -> list[RoundGroup]:
        return self._groups(G.round_id == round_id)

    def groups_to_deliver(self, round_id: int) -> list[RoundGroup]:
        return self._groups((G.round_id == round_id) & G.intro_ts.is_(None) & (G.failed == false()))

    def groups_to_ask(self, round_id: int, reask: bool) -> list[RoundGroup]:
        delivered = (G.round_id == round_id) & G.conversation_id.is_not(None) & G.intro_ts.is_not(None)
        unasked = G.checkin_ts.is_(None)
        if reask:
            scheduled = (G.answer == CheckinAnswer.SCHEDULED.value) & G.reasked_at.is_(None)
            return self._groups(delivered & or_(unasked, scheduled))
        return self._groups(delivered & unasked)

    def steps_left(self, round_ids: Sequence[int]) -> dict[int, StepsLeft]:
        """Per round, how many groups are still to deliver, to ask, and to ask again: one grouped read."""
        if not round_ids:
            return {}
        delivered = G.conversation_id.is_not(None) & G.intro_ts.is_not(None)
        rows = self._session.execute(
            select(
                G.round_id,
                func.count().filter(G.intro_ts.is_(None) & (G.failed == false())),
                func.count().filter(delivered & G.checkin_ts.is_(None)),
                func.count().filter(
                    delivered & (G.answer == CheckinAnswer.SCHEDULED.value) & G.reasked_at.is_(None)
                ),
            )
            .where(G.round_id.in_(round_ids))
            .group_by(G.round_id)
        )
        return {round_id: StepsLeft(*counts) for round_id, *counts in rows}

    def group(self, group_id: int) -> RoundGroup | None:
        row = run_prebuilt(self._session, _GROUP, {"group_id": group_id}).first()
        return None if row is None else _to_group(row, self._members([row.id])[row.id])

    def group_in(
        self, team_id: str, group_id: int | None = None, conversation_id: str | None = None
    ) -> RoundGroup | None:
        """The workspace's group with this ID, or its latest group in this group DM (the same people
        matched again share the DM); None when there is none."""
        where = [G.team_id == team_id, G.failed.is_(False)]
        where.append(G.id == group_id if group_id is not None else G.conversation_id == conversation_id)
        latest = self._session.scalar(select(func.max(G.id)).where(*where))
        return None if latest is None else self.group(latest)

    def claim_step(self, group_id: int, step: str, now: datetime, lease_seconds: int) -> bool:
        """Atomically claim a delivery step ("intro", "checkin", "reask") of a group.

        True for exactly one caller while the step is unclaimed or its claim is older than the lease
        and the step is not yet stamped done (and the group has not failed).
        """
        if step not in STEPS:
            raise ValueError(f"unknown step {step!r}; expected one of {sorted(STEPS)}")
        stale = now - timedelta(seconds=lease_seconds)
        params = {"group_id": group_id, "stale": stale, "now": now}
        return run_prebuilt(self._session, _claim(step), params).rowcount == 1

    def stamp(self, group_id: int, **done: Any) -> None:
        """Record what a step produced: conversation_id=, intro_ts=, checkin_ts=, reasked_at=."""
        unknown = set(done) - STAMPS
        if unknown or not done:
            raise ValueError(f"stamp takes {sorted(STAMPS)}, not {sorted(unknown) or 'nothing'}")
        if run_prebuilt(self._session, _STAMP, {"group_id": group_id, **done}).rowcount != 1:
            raise LookupError(f"no group {group_id}")

    def record_failure(self, group_id: int, error: str, give_up: bool) -> None:
        """Count a failed attempt and release the intro claim, so the next tick may retry it."""
        statement = update(G).where(G.id == group_id)
        values = {"attempts": G.attempts + 1, "last_error": error[:200], "failed": give_up}
        if self._update(statement, **values, intro_claimed_at=None) != 1:
            raise LookupError(f"no group {group_id}")

    def release_intro(self, group_id: int) -> None:
        self._update(update(G).where(G.id == group_id), intro_claimed_at=None)

    def record_answer(self, group_id: int, answer: CheckinAnswer, user_id: str, now: datetime) -> bool:
        """Store the first answer (a later one may only replace "scheduled"); False if ignored."""
        replaceable = or_(G.answer.is_(None), G.answer == CheckinAnswer.SCHEDULED.value)
        statement = update(G).where(G.id == group_id, replaceable)
        values = {"answer": CheckinAnswer(answer).value, "answered_by": user_id, "answered_at": now}
        return self._update(statement, **values) == 1

    def pair_history(self, pool_id: int) -> Mapping[frozenset[str], int]:
        """For each pair ever grouped in this pool, the index (1, 2, …) of the latest round they shared."""
        slots = self._session.scalars(
            select(RoundRow.id).where(RoundRow.pool_id == pool_id).order_by(RoundRow.scheduled_for)
        )
        index = {round_id: n for n, round_id in enumerate(slots, start=1)}
        members = self._session.execute(
            select(M.round_id, M.group_id, M.user_id)
            .join(RoundRow, RoundRow.id == M.round_id)
            .where(RoundRow.pool_id == pool_id)
        )
        groups: dict[tuple[int, int], list[str]] = defaultdict(list)
        for round_id, group_id, user_id in members:
            groups[round_id, group_id].append(user_id)
        latest: dict[frozenset[str], int] = {}
        for (round_id, _), users in groups.items():
            for pair in combinations(users, 2):
                key = frozenset(pair)
                latest[key] = max(latest.get(key, 0), index[round_id])
        return latest

    def organiser_counts(self, pool_id: int) -> Mapping[str, int]:
        """How many groups each user organised in this pool."""
        counts = self._session.execute(
            select(G.organiser, func.count())
            .join(RoundRow, RoundRow.id == G.round_id)
            .where(RoundRow.pool_id == pool_id)
            .group_by(G.organiser)
        )
        return {organiser: count for organiser, count in counts}

    def member_history(self, pool_id: int, user_id: str, limit: int) -> list[tuple[Round, RoundGroup]]:
        """The member's latest groups in this pool, newest first."""
        found = self._session.execute(
            select(RoundRow, G)
            .join(G, G.round_id == RoundRow.id)
            .join(M, M.group_id == G.id)
            .where(RoundRow.pool_id == pool_id, M.user_id == user_id)
            .order_by(RoundRow.scheduled_for.desc())
            .limit(limit)
            .execution_options(populate_existing=True)
        ).all()
        members = self._members([group.id for _, group in found])
        return [(_to_round(r), _to_group(g, members[g.id])) for r, g in found]

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """Put `marker` in the member's place in every group, so others' pair history stays whole."""
        groups = self._update(update(M).where(M.team_id == team_id, M.user_id == user_id), user_id=marker)
        self._update(update(G).where(G.team_id == team_id, G.organiser == user_id), organiser=marker)
        self._update(update(G).where(G.team_id == team_id, G.answered_by == user_id), answered_by=marker)
        return {"coffee_groups": groups}

    def _rounds(self) -> Select[tuple[RoundRow]]:
        return select(RoundRow).execution_options(populate_existing=True)

    def _groups(self, where: ColumnElement[bool]) -> list[RoundGroup]:
        rows = self._session.execute(
            select(*G.__table__.columns).where(where).order_by(G.id)
        ).all()  # as rows
        members = self._members([row.id for row in rows])
        return [_to_group(row, members[row.id]) for row in rows]

    def _members(self, group_ids: list[int]) -> dict[int, list[str]]:
        """Each group's members in the order add_groups was given them."""
        return people_by_owner(self._session, M.group_id, M.user_id, M.id, group_ids)

    def _update(self, statement: Any, **values: Any) -> int:
        return run_update(self._session, statement, **values)
