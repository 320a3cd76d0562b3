"""Match health for the lead's view, `rapport stats`, `rapport export --what mentoring` and the report:
the facts read in one transaction, the rules in bot.domain.mentoring.health."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

from bot.domain.mentoring.closeout import Averages, Scores, averages
from bot.domain.mentoring.health import MenteeFact, MentoringHealth, MentorLoad, PairFact, match_health
from bot.domain.mentoring.schedule import Cadence
from bot.services.mentoring.ports import Pair, PairStatus
from bot.services.ports import UnitOfWorkFactory

MATCHED = (PairStatus.ACCEPTED, PairStatus.ENDED)


@dataclass(frozen=True)
class PairRecord:
    """A pair a mentor accepted, as the export lists it (never the mentee's goals)."""

    pair: Pair
    sessions: int
    health: str  # a Health value for a live pair; "ended" once it ended
    closeout: Averages | None = None  # both people's close-out answers, once both answered all three


def mentoring_health(uow: UnitOfWorkFactory, team_id: str, now: datetime) -> MentoringHealth:
    health, _, _ = _read(uow, team_id, now)
    with uow() as work:
        given = work.mentoring.closeout_scores(team_id).values()
    complete = [s for scores in given for s in scores if s.complete]
    return replace(health, closeout=averages(complete)) if complete else health


def pair_records(uow: UnitOfWorkFactory, team_id: str, now: datetime) -> list[PairRecord]:
    """Every pair a mentor accepted, oldest first, with its sessions and health."""
    health, pairs, met = _read(uow, team_id, now)
    with uow() as work:
        scores = work.mentoring.closeout_scores(team_id)
    graded = {p.fact.pair_id: p.health.value for p in health.pairs}
    return [
        PairRecord(p, len(met.get(p.id, ())), graded.get(p.id, "ended"), _both(scores.get(p.id, [])))
        for p in pairs
        if p.status in MATCHED and p.answered_at is not None
    ]


def _both(scores: list[Scores]) -> Averages | None:
    """A pair's averages only once both answered all three: one person's answers are never shown alone."""
    complete = [s for s in scores if s.complete]
    return averages(complete) if len(complete) == 2 else None


def _read(
    uow: UnitOfWorkFactory, team_id: str, now: datetime
) -> tuple[MentoringHealth, list[Pair], dict[int, list[datetime]]]:
    with uow() as work:
        pairs = work.mentoring.team_pairs(team_id)
        met = work.mentoring.sessions_met(team_id)
        mentors = work.mentoring.mentors(team_id)
        mentees = work.mentoring.mentees(team_id)
        window = work.mentoring.latest_window(team_id)
        starts = {p.user_id: p.internship_start for p in work.members.list_team(team_id)}
    cadence = {m.user_id: m.cadence for m in mentors}
    facts = [
        PairFact(
            p.id,
            p.mentee_id,
            p.mentor_id,
            p.kickoff_at or p.answered_at or p.created_at,
            cadence.get(p.mentor_id, Cadence.BIWEEKLY).days,
            tuple(met.get(p.id, ())),
        )
        for p in pairs
        if p.status is PairStatus.ACCEPTED
    ]
    first_match: dict[str, datetime] = {}
    for p in pairs:
        if p.status in MATCHED and p.answered_at is not None:
            first_match.setdefault(p.mentee_id, p.answered_at)
    window_close = window.closes_at if window else None
    people = sorted({m.user_id for m in mentees} | {p.mentee_id for p in pairs if p.status in MATCHED})
    mentee_facts = [MenteeFact(u, _start(starts.get(u)) or window_close, first_match.get(u)) for u in people]
    live: dict[str, int] = {}
    for p in pairs:
        if p.status in (PairStatus.PROPOSED, PairStatus.ACCEPTED):
            live[p.mentor_id] = live.get(p.mentor_id, 0) + 1
    loads = [MentorLoad(m.user_id, live.get(m.user_id, 0), m.capacity) for m in mentors]
    return match_health(facts, mentee_facts, loads, now), pairs, met


def _start(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, tzinfo=UTC) if day else None
