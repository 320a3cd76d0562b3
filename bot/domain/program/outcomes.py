"""A program's outcomes from its stored meetings: whom interns met, across how many teams, week by week.

Pure functions over plain values, shared by `rapport simulate`'s table and `rapport report`'s page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from statistics import median

from bot.domain.program.figures import MeetingFact, RoundRate


@dataclass(frozen=True)
class Spread:
    """The low end of a distribution, which is what a lead worries about, and its middle."""

    lowest: float
    p10: float
    median: float

    def show(self, digits: int = 0) -> str:
        return " / ".join(_number(v, digits) for v in (self.lowest, self.p10, self.median))


def spread(values: Iterable[float]) -> Spread | None:
    """Min, 10th percentile (nearest rank) and median of `values`; None when there are none."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return Spread(ordered[0], ordered[max(0, math.ceil(0.1 * len(ordered)) - 1)], median)


def _number(value: float, digits: int) -> str:
    """Whole numbers as such, others with `digits` decimals (at least one)."""
    return str(int(value)) if value == int(value) else f"{value:.{max(digits, 1)}f}"


def met_by(
    interns: Iterable[str], meetings: Iterable[MeetingFact], until: datetime | None = None
) -> dict[str, set[str]]:
    """Whom each intern met (everyone else in their meetings), up to `until` when given."""
    met: dict[str, set[str]] = {user: set() for user in interns}
    for meeting in meetings:
        if until is not None and meeting.met_at > until:
            continue
        for person in meeting.people:
            if person in met:
                met[person].update(p for p in meeting.people if p != person)
    return met


def teams_reached(met: Mapping[str, set[str]], team_of: Mapping[str, str | None]) -> dict[str, int]:
    """How many different teams each intern's people come from (people without a team count for none)."""
    return {user: len({team_of[p] for p in others if team_of.get(p)}) for user, others in met.items()}


def mentors_met(met: Mapping[str, set[str]], mentors: set[str]) -> dict[str, int]:
    return {user: len(others & mentors) for user, others in met.items()}


def weeks_to_first_meeting(
    interns: Iterable[str], meetings: Iterable[MeetingFact], start: datetime
) -> dict[str, float | None]:
    """Weeks from the program's start to each intern's first meeting; None for one who never met."""
    first: dict[str, datetime] = {}
    for meeting in meetings:
        for person in meeting.people:
            if person not in first or meeting.met_at < first[person]:
                first[person] = meeting.met_at
    return {user: (first[user] - start) / timedelta(weeks=1) if user in first else None for user in interns}


def network_by_week(
    interns: Sequence[str], meetings: Sequence[MeetingFact], start: datetime, weeks: int
) -> list[Spread | None]:
    """The spread of colleagues met at the end of each week (the network-size chart)."""
    return [
        spread(len(others) for others in met_by(interns, meetings, start + timedelta(weeks=w)).values())
        for w in range(1, weeks + 1)
    ]


GOAL_PEOPLE, GOAL_TEAMS = 10, 5  # issue #16: every intern meets 10 colleagues across 5 teams


@dataclass(frozen=True)
class ProgramRecord:
    """What a program's report is drawn from, simulated or live: its people, meetings and rounds."""

    label: str  # the column's heading: a cadence, or the workspace
    start: datetime
    weeks: int
    interns: tuple[str, ...]
    mentors: frozenset[str]
    team_of: Mapping[str, str | None]
    meetings: tuple[MeetingFact, ...]
    rounds: tuple[RoundRate, ...]  # oldest first
    received: Mapping[str, int] | None = None  # messages each person got directly; None: not recorded
    last: datetime | None = None  # a live program's last activity; None: the end of its `weeks`

    def met(self) -> dict[str, set[str]]:
        return met_by(self.interns, self.meetings)

    @property
    def end(self) -> datetime:
        return self.last if self.last is not None else self.start + timedelta(weeks=self.weeks)

    def span(self, zone: tzinfo) -> str:
        """ "07 Dec 2026 to 18 Dec 2026 (2 weeks)" in `zone`, or "nothing recorded since 07 Dec 2026"."""
        start = f"{self.start.astimezone(zone):%d %b %Y}"
        if not self.meetings and not self.rounds:
            return f"nothing recorded since {start}"
        weeks = f"{self.weeks} week{'' if self.weeks == 1 else 's'}"
        return f"{start} to {self.end.astimezone(zone):%d %b %Y} ({weeks})"


def weeks_between(start: datetime, end: datetime) -> int:
    """Whole weeks from `start` that reach `end`: at least one, so a program of a day has its week."""
    return max(1, math.ceil((end - start) / timedelta(weeks=1)))


def per_week(counts: Mapping[str, int], weeks: int) -> dict[str, float]:
    """Each person's count over the program as a weekly rate."""
    return {user: n / weeks for user, n in counts.items()} if weeks else {}


def outcome_rows(record: ProgramRecord) -> list[tuple[str, str]]:
    """(label, value) of the figures every program has: whom interns met, how fast, and the rounds."""
    met = record.met()
    sizes = {user: len(others) for user, others in met.items()}
    teams = teams_reached(met, record.team_of)
    mentors = mentors_met(met, set(record.mentors))
    first = weeks_to_first_meeting(record.interns, record.meetings, record.start)
    reached = sum(1 for u in record.interns if sizes[u] >= GOAL_PEOPLE and teams[u] >= GOAL_TEAMS)
    groups = sum(r.groups for r in record.rounds)
    share = f"{round(100 * sum(r.met for r in record.rounds) / groups)} %" if groups else "n/a"
    return [
        ("colleagues met per intern (min / p10 / median)", _spread(sizes.values())),
        ("teams reached per intern (min / p10 / median)", _spread(teams.values())),
        ("mentors met per intern (min / p10 / median)", _spread(mentors.values())),
        (f"interns meeting {GOAL_PEOPLE}+ people across {GOAL_TEAMS}+ teams", f"{reached} of {len(sizes)}"),
        ("weeks to first meeting (median / max)", _first(list(first.values()))),
        ("rounds, groups, share that met", f"{len(record.rounds)}, {groups}, {share}"),
        ("meetings stored", str(len(record.meetings))),
    ]


def middle_max(values: Sequence[float], digits: int) -> str:
    """ "median / max" of `values` with `digits` decimals, or "none"."""
    return f"{median(values):.{digits}f} / {max(values):.{digits}f}" if values else "none"


def _spread(values: Iterable[float]) -> str:
    found = spread(values)
    return found.show() if found else "n/a"


def _first(weeks: list[float | None]) -> str:
    found = [w for w in weeks if w is not None]
    never = len(weeks) - len(found)
    text = middle_max(found, 1) if found else "n/a"
    return f"{text}, {never} never" if never else text
