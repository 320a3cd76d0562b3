"""One simulated program: tick Rapport's due work hour by hour, let people answer, measure the outcome."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from bot.domain.events import EventForm, check_event
from bot.domain.mentoring.health import MentoringHealth
from bot.domain.people.person import Role
from bot.domain.program.outcomes import ProgramRecord
from bot.jobs import run_due_work
from bot.sandbox.people import LEAD_ID
from bot.sandbox.world import COFFEE
from bot.services.events.manage import create_event, event_figures
from bot.services.events.ports import EventFigure
from bot.services.mentoring.health import mentoring_health
from bot.services.program.figures import program_figures
from bot.simulate import metrics
from bot.simulate.behaviour import People
from bot.simulate.mentoring import SimulatedMentoring
from bot.simulate.world import Program, World

TICK = timedelta(hours=1)  # the due work runs every hour, as `rapport run`'s scheduler would at least
LEAD_LOOKS_AT = 9  # the attention list is read once a day, at 09:00 UTC, as a lead would
INTROS_ASKED_AFTER = timedelta(days=1, hours=3)  # interns ask for mentor introductions on Tuesday at 11:00
# Events: the lead announces one on Monday at 09:00 UTC for Thursday 16:00-17:30 UTC, tables of 6.
EVENT_ANNOUNCED_AT, EVENT_DAYS_AHEAD = 9, 3
EVENT_FORM = EventForm(title="Intern mixer", start_time="16:00", duration="90", channel_id=COFFEE, mix=True,
                       table_size="6")  # fmt: skip

Progress = Callable[[datetime], None]


@dataclass(frozen=True)
class Outcome:
    """What one simulated program produced: its record (people, meetings, rounds, messages received),
    the attention list's flags, events and introductions, and how long it took."""

    program: Program
    meet_rate: float
    record: ProgramRecord
    flags: tuple[metrics.Flag, ...]
    seconds: float
    events: tuple[EventFigure, ...]  # oldest first
    introductions: tuple[bool, ...]  # each mentor introduction asked for: accepted or not
    mentoring: MentoringHealth | None = None  # match health at the end, when mentoring was simulated


def simulate(
    program: Program,
    meet_rate: float,
    seed: int,
    progress: Progress | None = None,
    db: Path | None = None,
    rsvp_rate: float = 0.6,
    intro_rate: float = 0.0,
    accept_rate: float = 0.8,
    mentoring: MentoringRates | None = None,
) -> Outcome:
    """Run the program's weeks; `db` keeps the SQLite database there (by default it is thrown away)."""
    began = time.monotonic()
    world = World(program, seed, db)
    try:
        people = People(world.runtime, world.team_id, meet_rate, seed, rsvp_rate, intro_rate, accept_rate)
        mentors = _mentoring(world, program, seed, mentoring)
        roles = {p.id: p.role for p in program.people}
        interests = {p.id: p.interests for p in program.people if p.role is Role.INTERN}
        flags: list[metrics.Flag] = []
        listed: set[str] = set()
        now = program.start
        while now < program.end:
            now += TICK
            world.clock.set(now)
            if mentors is not None and now == program.start + TICK:
                mentors.start(
                    [p for p in program.people if p.role is Role.MENTOR],
                    [p for p in program.people if p.role is Role.INTERN],
                    now,
                )
            if now == program.start + INTROS_ASKED_AFTER:
                people.ask_for_mentors(interests, now)
            if _event_announced(program, now):
                _announce_event(world, people, roles, now)
            done = run_due_work(world.runtime, now)
            if done.get("coffee steps sent", 0):
                people.answer_checkins(now)
            if done.get("event reminders sent", 0):
                people.answer_who_met(now)
            if mentors is not None:
                mentors.act(now, done)
            if now.hour == LEAD_LOOKS_AT:
                attention = program_figures(world.runtime.unit_of_work, world.team_id, now).attention
                flags += metrics.new_flags(listed, [(a.user_id, a.last_met) for a in attention], now)
                listed = {a.user_id for a in attention}
            if progress is not None:
                progress(now)
        outcome = _outcome(world, program, meet_rate, flags, people.intros, now, time.monotonic() - began)
        if mentors is None:
            return outcome
        return replace(outcome, mentoring=mentoring_health(world.runtime.unit_of_work, world.team_id, now))
    finally:
        world.close()


@dataclass(frozen=True)
class MentoringRates:
    """Mentoring in the simulation: each mentor's places, how often a request is accepted, and how often a
    pair's weekly session happens."""

    capacity: int = 3
    accept_rate: float = 0.9
    session_rate: float = 0.7


def _mentoring(
    world: World, program: Program, seed: int, rates: MentoringRates | None
) -> SimulatedMentoring | None:
    if rates is None or not any(p.role is Role.MENTOR for p in program.people):
        return None
    return SimulatedMentoring(
        world.runtime, world.team_id, seed, rates.capacity, rates.accept_rate, rates.session_rate
    )


def _event_announced(program: Program, now: datetime) -> bool:
    """Mondays at 09:00 of the first week and then every `events_every` weeks, while the event fits."""
    if not program.events_every or now.weekday() != 0 or now.hour != EVENT_ANNOUNCED_AT or now.minute:
        return False
    week = (now - program.start).days // 7
    return week % program.events_every == 0 and now + timedelta(days=EVENT_DAYS_AHEAD + 1) <= program.end


def _announce_event(world: World, people: People, roles: dict[str, Role], now: datetime) -> None:
    """The lead fills in /event's form; then everyone decides whether to go."""
    form = replace(EVENT_FORM, start_date=now.date() + timedelta(days=EVENT_DAYS_AHEAD))
    plan, errors = check_event(form, "UTC", now)
    if plan is None:
        raise ValueError(f"the simulated event does not check: {errors}")
    messenger = world.runtime.messengers.events(world.team_id)
    event, _ = create_event(world.runtime.unit_of_work, messenger, world.team_id, LEAD_ID, plan, now)
    if event is None:
        raise ValueError("the simulated lead has RAPPORT_EVENTS_UPCOMING_LIMIT upcoming events already")
    people.rsvp(event, roles, now)


def _outcome(
    world: World,
    program: Program,
    meet_rate: float,
    flags: list[metrics.Flag],
    introductions: list[bool],
    now: datetime,
    seconds: float,
) -> Outcome:
    with world.runtime.unit_of_work() as work:
        meetings = tuple(work.program.meetings(world.team_id))
    rounds = program_figures(world.runtime.unit_of_work, world.team_id, now).rounds
    with world.fake.state.lock:
        members_of = {c.id: list(c.members) for c in world.fake.workspace.channels.values()
                      if c.is_im or c.is_mpim}  # fmt: skip
    calls = [(c.method, c.args) for c in world.fake.calls if c.ok]
    everyone = {p.id for p in program.people}
    record = ProgramRecord(
        label=program.label,
        start=program.start,
        weeks=program.weeks,
        interns=tuple(p.id for p in program.people if p.role is Role.INTERN),
        mentors=frozenset(p.id for p in program.people if p.role is Role.MENTOR),
        team_of={p.id: p.team for p in program.people},
        meetings=meetings,
        rounds=tuple(reversed(rounds)),
        received=metrics.deliveries_per_person(calls, members_of, everyone),
    )
    return Outcome(
        program=program,
        meet_rate=meet_rate,
        record=record,
        flags=tuple(flags),
        seconds=seconds,
        events=tuple(event_figures(world.runtime.unit_of_work, world.team_id)),
        introductions=tuple(introductions),
    )
