"""One simulated program: tick Rapport's due work hour by hour, let people answer, measure the outcome."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.domain.people.person import Role
from bot.domain.program.figures import MeetingFact, RoundRate
from bot.jobs import run_due_work
from bot.services.program.figures import program_figures
from bot.simulate import metrics
from bot.simulate.behaviour import People
from bot.simulate.world import Program, World

TICK = timedelta(hours=1)  # the due work runs every hour, as `rapport run`'s scheduler would at least
LEAD_LOOKS_AT = 9  # the attention list is read once a day, at 09:00 UTC, as a lead would

Progress = Callable[[datetime], None]


@dataclass(frozen=True)
class Outcome:
    """What one simulated program produced: the stored meetings and rounds, flags and Slack traffic."""

    program: Program
    meet_rate: float
    interns: tuple[str, ...]
    mentors: frozenset[str]
    team_of: dict[str, str | None]
    meetings: tuple[MeetingFact, ...]
    rounds: tuple[RoundRate, ...]  # oldest first
    flags: tuple[metrics.Flag, ...]
    received: dict[str, int]  # messages each person received directly over the whole program
    seconds: float

    def met(self) -> dict[str, set[str]]:
        return metrics.met_by(self.interns, self.meetings)


def simulate(
    program: Program, meet_rate: float, seed: int, progress: Progress | None = None, db: Path | None = None
) -> Outcome:
    """Run the program's weeks; `db` keeps the SQLite database there (by default it is thrown away)."""
    began = time.monotonic()
    world = World(program, seed, db)
    try:
        people = People(world.runtime, world.team_id, meet_rate, seed)
        flags: list[metrics.Flag] = []
        listed: set[str] = set()
        now = program.start
        while now < program.end:
            now += TICK
            world.clock.set(now)
            done = run_due_work(world.runtime, now)
            if done.get("coffee steps sent", 0):
                people.answer_checkins(now)
            if now.hour == LEAD_LOOKS_AT:
                attention = program_figures(world.runtime.unit_of_work, world.team_id, now).attention
                flags += metrics.new_flags(listed, [(a.user_id, a.last_met) for a in attention], now)
                listed = {a.user_id for a in attention}
            if progress is not None:
                progress(now)
        return _outcome(world, program, meet_rate, flags, now, time.monotonic() - began)
    finally:
        world.close()


def _outcome(
    world: World, program: Program, meet_rate: float, flags: list[metrics.Flag], now: datetime, seconds: float
) -> Outcome:
    with world.runtime.unit_of_work() as work:
        meetings = tuple(work.program.meetings(world.team_id))
    rounds = program_figures(world.runtime.unit_of_work, world.team_id, now).rounds
    with world.fake.state.lock:
        members_of = {c.id: list(c.members) for c in world.fake.workspace.channels.values()
                      if c.is_im or c.is_mpim}  # fmt: skip
    calls = [(c.method, c.args) for c in world.fake.calls if c.ok]
    everyone = {p.id for p in program.people}
    return Outcome(
        program=program,
        meet_rate=meet_rate,
        interns=tuple(p.id for p in program.people if p.role is Role.INTERN),
        mentors=frozenset(p.id for p in program.people if p.role is Role.MENTOR),
        team_of={p.id: p.team for p in program.people},
        meetings=meetings,
        rounds=tuple(reversed(rounds)),
        flags=tuple(flags),
        received=metrics.deliveries_per_person(calls, members_of, everyone),
        seconds=seconds,
    )
