"""Match health, for the lead: is each mentoring pair meeting, were mentees matched in their first week,
how many sessions pairs hold, and how loaded the mentors are.

Pure rules: the facts and `now` are passed in. A session is a check-in answered "We met".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from statistics import median

from bot.domain.mentoring.closeout import Averages

OVERDUE_FACTOR = 1.5
"""A pair needs a check-in when it has not met for more than this many of the mentor's cadences."""
MATCHED_BY_DAY = 7
"""Mentees should have an accepted mentor by this day of their internship (or of the window's close)."""


class Health(StrEnum):
    ON_TRACK = "on track"
    NEEDS_CHECK_IN = "needs a check-in"
    TOO_EARLY = "too early"


@dataclass(frozen=True)
class PairFact:
    """An accepted pair: since when (its kickoff, or its acceptance), how often its mentor meets, and the
    times its sessions were recorded."""

    pair_id: int
    mentee: str
    mentor: str
    started_at: datetime
    cadence_days: int
    sessions: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class MenteeFact:
    """A mentee, the moment their first week starts (their internship's first day, or the close of the
    window that matched them; None when neither is known), and when a mentor first accepted them."""

    user_id: str
    starts_at: datetime | None
    matched_at: datetime | None


@dataclass(frozen=True)
class MentorLoad:
    user_id: str
    mentees: int  # live pairs: proposed or accepted
    capacity: int


@dataclass(frozen=True)
class PairHealth:
    fact: PairFact
    health: Health


@dataclass(frozen=True)
class MentoringHealth:
    pairs: tuple[PairHealth, ...]
    matched_by_day: int  # mentees whose day 7 has come and who had a mentor by then
    due_by_day: int  # mentees whose day 7 has come (or who were matched already)
    median_sessions: float | None
    loads: tuple[MentorLoad, ...]
    closeout: Averages | None = None  # the close-out's answers, once anyone answered

    def count(self, health: Health) -> int:
        return sum(1 for p in self.pairs if p.health is health)

    @property
    def shown(self) -> bool:
        """Whether the workspace runs mentoring at all (anything to say)."""
        return bool(self.pairs or self.due_by_day or self.loads)


def classify(fact: PairFact, now: datetime) -> Health:
    """Too early while a pair that has not met yet is younger than 1.5 cadences; needs a check-in when
    its last session (or its kickoff) is more than 1.5 cadences ago; on track otherwise."""
    limit = timedelta(days=fact.cadence_days * OVERDUE_FACTOR)
    if not fact.sessions and now - fact.started_at <= limit:
        return Health.TOO_EARLY
    last = max((*fact.sessions, fact.started_at))
    return Health.NEEDS_CHECK_IN if now - last > limit else Health.ON_TRACK


def matched_in_first_week(mentee: MenteeFact, now: datetime) -> bool | None:
    """True/False once it can be said (day 7 is over, or they were matched); None before, or with no
    start known."""
    if mentee.starts_at is None:
        return None
    deadline = mentee.starts_at + timedelta(days=MATCHED_BY_DAY)
    if mentee.matched_at is not None and mentee.matched_at <= deadline:
        return True
    return False if now >= deadline else None


def match_health(
    pairs: Sequence[PairFact], mentees: Sequence[MenteeFact], loads: Sequence[MentorLoad], now: datetime
) -> MentoringHealth:
    """Every figure of the lead's mentoring view at `now`; pairs listed those needing a check-in first."""
    graded = [PairHealth(p, classify(p, now)) for p in pairs]
    order = {Health.NEEDS_CHECK_IN: 0, Health.ON_TRACK: 1, Health.TOO_EARLY: 2}
    graded.sort(key=lambda p: (order[p.health], p.fact.started_at, p.fact.pair_id))
    verdicts = [v for v in (matched_in_first_week(m, now) for m in mentees) if v is not None]
    sessions = [len(p.sessions) for p in pairs]
    return MentoringHealth(
        pairs=tuple(graded),
        matched_by_day=sum(verdicts),
        due_by_day=len(verdicts),
        median_sessions=median(sessions) if sessions else None,
        loads=tuple(sorted(loads, key=lambda m: (-m.mentees / m.capacity, m.user_id))),
    )
