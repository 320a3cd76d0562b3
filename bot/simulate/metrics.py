"""The outcomes of a simulated program, from what Rapport stored and what the fake Slack delivered.

Pure functions over plain values, so each figure is tested on its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.program.figures import MeetingFact


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


@dataclass(frozen=True)
class Flag:
    """An intern came onto the attention list at `flagged_at`, having last met someone at `last_met`."""

    user_id: str
    flagged_at: datetime
    last_met: datetime | None


def days_quiet(flag: Flag, start: datetime) -> float:
    """How long the intern had gone without a meeting (since the start if never) when flagged."""
    return (flag.flagged_at - (flag.last_met or start)) / timedelta(days=1)


def new_flags(before: set[str], listed: Iterable[tuple[str, datetime | None]], now: datetime) -> list[Flag]:
    """The interns on today's list who were not on the previous one."""
    return [Flag(user, now, last) for user, last in listed if user not in before]


def deliveries_per_person(
    calls: Iterable[tuple[str, Mapping[str, object]]],
    members_of: Mapping[str, Sequence[str]],
    people: set[str],
) -> dict[str, int]:
    """Messages each person received directly: posts to a DM or group DM they are in, and ephemerals.

    `calls` are (method, arguments) of Slack calls that succeeded; `members_of` maps a conversation to its
    members. Posts to public channels are not counted: nobody is notified of those one by one.
    """
    count = dict.fromkeys(people, 0)
    for method, args in calls:
        channel = str(args.get("channel", ""))
        if method == "chat.postEphemeral":
            receivers: Sequence[str] = [str(args.get("user", ""))]
        elif method in ("chat.postMessage", "chat.scheduleMessage"):
            receivers = [channel] if channel in people else members_of.get(channel, ())
        else:
            continue
        for person in receivers:
            if person in count:
                count[person] += 1
    return count


def per_week(counts: Mapping[str, int], weeks: int) -> dict[str, float]:
    return {user: n / weeks for user, n in counts.items()} if weeks else {}
