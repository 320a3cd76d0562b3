"""What `rapport export` writes: the roster with network sizes, meetings, introductions, events, and
the updates interns shared (who, which kind, when: never what they said)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.program.figures import network_sizes
from bot.services.ports import UnitOfWorkFactory

WHAT = ("members", "meetings", "introductions", "events", "updates")


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: list[Sequence[object]]


def export_table(uow: UnitOfWorkFactory, team_id: str, what: str) -> Table:
    """The rows of `what` (one of WHAT); who declined an introduction is not exported, only the outcome."""
    with uow() as work:
        if what == "members":
            people = work.members.list_team(team_id)
            sizes = network_sizes([p.user_id for p in people], work.program.meetings(team_id))
            return Table(
                ("user_id", "email", "role", "team", "internship_start", "internship_end", "people_met"),
                [
                    (
                        p.user_id,
                        p.email,
                        p.role.value,
                        p.team,
                        p.internship_start,
                        p.internship_end,
                        sizes[p.user_id],
                    )
                    for p in people
                ],
            )
        if what == "meetings":
            return Table(
                ("meeting_id", "met_at", "source", "people", "note"),
                [
                    (m.id, m.met_at.isoformat(), m.source, " ".join(m.people), m.note)
                    for m in work.program.meeting_records(team_id)
                ],
            )
        if what == "introductions":
            return Table(
                ("introduction_id", "created_at", "proposer", "user_a", "user_b", "outcome", "closed_at"),
                [
                    (
                        i.id,
                        i.created_at.isoformat(),
                        i.proposer,
                        i.user_a,
                        i.user_b,
                        i.outcome,
                        i.closed_at.isoformat() if i.closed_at else None,
                    )
                    for i in work.program.introductions(team_id)
                ],
            )
        if what == "events":
            return Table(
                (
                    "event_id",
                    "title",
                    "starts_at",
                    "channel_id",
                    "status",
                    "capacity",
                    "going",
                    "waitlisted",
                    "declined",
                    "who_met_answers",
                    "meetings",
                ),
                [
                    (
                        f.event.id,
                        f.event.title,
                        f.event.starts_at.isoformat(),
                        f.event.channel_id,
                        f.event.status.value,
                        f.event.capacity,
                        f.going,
                        f.waitlisted,
                        f.declined,
                        f.answered,
                        f.meetings,
                    )
                    for f in work.events.figures(team_id)
                ],
            )
        if what == "updates":
            return Table(
                ("user_id", "kind", "posted_at"),
                [(f.user_id, f.kind.value, f.posted_at.isoformat()) for f in work.updates.posted(team_id)],
            )
    raise ValueError(f"export what: one of {', '.join(WHAT)}, not {what!r}")
