"""A running program's outcomes from the database, for `rapport report`: the same record a simulation
gives, so the lead's weekly review and the plan before launch are drawn the same way."""

from __future__ import annotations

from datetime import datetime

from bot.domain.people.person import Role
from bot.domain.program.outcomes import ProgramRecord, weeks_between
from bot.services.ports import UnitOfWorkFactory
from bot.services.program.figures import program_figures


def program_record(
    uow: UnitOfWorkFactory, team_id: str, now: datetime, since: datetime | None = None
) -> tuple[ProgramRecord, int]:
    """The workspace's record from `since` (else its first meeting or round) to its last meeting or round
    (a finished program's charts end where it did, not today), and how many interns are on the attention
    list now."""
    with uow() as work:
        members = work.members.list_team(team_id)
        meetings = tuple(m for m in work.program.meetings(team_id) if since is None or m.met_at >= since)
    figures = program_figures(uow, team_id, now, since=since)
    rounds = tuple(reversed(figures.rounds))  # oldest first, as a record keeps them
    activity = [m.met_at for m in meetings] + [r.scheduled_for for r in rounds]
    start = since or min(activity, default=now)
    last = max([start, *activity])
    record = ProgramRecord(
        label="so far",
        start=start,
        weeks=weeks_between(start, last),
        last=last,
        interns=tuple(p.user_id for p in members if p.role is Role.INTERN),
        mentors=frozenset(p.user_id for p in members if p.role is Role.MENTOR),
        team_of={p.user_id: p.team for p in members},
        meetings=meetings,
        rounds=rounds,
        received=None,  # Rapport does not store the messages it sends
    )
    return record, len(figures.attention)
