"""What `rapport export` writes: the roster with network sizes, meetings, introductions, events, asks,
kudos, offers, the updates interns shared (who, which kind, when: never what they said), and mentoring pairs
(never the goals)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.program.figures import network_sizes
from bot.services.events.ports import Event, EventStatus
from bot.services.help.ports import Ask
from bot.services.mentoring.health import pair_records
from bot.services.ports import UnitOfWorkFactory

WHAT = ("members", "meetings", "introductions", "events", "asks", "kudos", "offers", "updates", "mentoring")


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: list[Sequence[object]]


def event_state(event: Event, now: datetime) -> str:
    """What an event is at `now`: scheduled, under way, held (its time has passed) or cancelled."""
    if event.status is EventStatus.CANCELLED:
        return "cancelled"
    if now < event.starts_at:
        return "scheduled"
    return "under way" if now < event.ends_at else "held"


def export_table(uow: UnitOfWorkFactory, team_id: str, what: str, now: datetime) -> Table:
    """The rows of `what` (one of WHAT) at `now`; who declined an introduction is not exported, only the
    outcome."""
    if what == "mentoring":
        return _mentoring(uow, team_id, now)
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
                        event_state(f.event, now),
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
        if what == "asks":
            return _asks(work.asks.records(team_id))
        if what == "kudos":
            return Table(
                ("kudos_id", "created_at", "from_user_id", "to_user_id", "text", "posted_in"),
                [
                    (k.id, k.created_at.isoformat(), k.from_user_id, k.to_user_id, k.text, k.channel_id)
                    for k in work.kudos.all(team_id)
                ],
            )
        if what == "offers":
            booked = work.offers.bookings(team_id)
            return Table(
                ("offer_id", "created_at", "user_id", "text", "status", "chats_booked"),
                [
                    (
                        o.id,
                        o.created_at.isoformat(),
                        o.user_id,
                        o.text,
                        "taken down" if o.removed else "current",
                        booked.get(o.id, 0),
                    )
                    for o in work.offers.all(team_id)
                ],
            )
        if what == "updates":
            return Table(
                ("user_id", "kind", "posted_at"),
                [(f.user_id, f.kind.value, f.posted_at.isoformat()) for f in work.updates.posted(team_id)],
            )
    raise ValueError(f"export what: one of {', '.join(WHAT)}, not {what!r}")


def _mentoring(uow: UnitOfWorkFactory, team_id: str, now: datetime) -> Table:
    """Each pair a mentor accepted: who, since when, its sessions and health, and the mean of its two
    close-out answers once both gave all three (never the goals, never one person's answers alone)."""
    rows: list[Sequence[object]] = [
        (
            r.pair.mentee_id,
            r.pair.mentor_id,
            r.pair.answered_at.isoformat() if r.pair.answered_at else None,
            r.sessions,
            r.health,
            *(
                (r.closeout.useful, r.closeout.again, r.closeout.recommend)
                if r.closeout
                else (None, None, None)
            ),
        )
        for r in pair_records(uow, team_id, now)
    ]
    header = ("mentee", "mentor", "matched_at", "sessions", "health")
    return Table((*header, "closeout_useful", "closeout_again", "closeout_recommend"), rows)


def _asks(records: Sequence[tuple[Ask, datetime | None, int]]) -> Table:
    """Each ask without its question (what someone asked for help with stays in Slack): its topics,
    outcome, how many were asked privately, who offered, and how long the first helper took."""
    rows: list[Sequence[object]] = []
    for ask, first, asked in records:
        wait = round((first - ask.created_at).total_seconds() / 60) if first else None
        rows.append(
            (
                ask.id,
                ask.created_at.isoformat(),
                ask.asker_id,
                ask.status.value,
                ", ".join(ask.tags),
                asked,
                " ".join(ask.helpers),
                first.isoformat() if first else None,
                wait,
            )
        )
    header = (
        "ask_id",
        "created_at",
        "asker",
        "status",
        "topics",
        "people_asked",
        "helpers",
        "first_helper_at",
        "minutes_to_first_helper",
    )
    return Table(header, rows)
