"""Benchmark: a summer at full size, 500 interns in a 10,000-person workspace, inside Slack's rate limits.

    .venv/bin/python bench/summer.py [--interns 500 --colleagues 9350 --mentors 150 --teams 40]

Rapport's real due work ticks every simulated minute from Sunday 31 May to Tuesday 2 June 2026 against the
fake Slack, which enforces each method's tier per minute of the simulated clock (MinuteWindows in
bot/sandbox/fakeslack/ratelimit.py) and answers 429 beyond it; a 429's wait moves the simulated clock
on, and so does the work itself (wall time), so a tick that runs past its minute skips the next as the
scheduler does. Monday 1 June is the worst morning: a weekly round of everyone starts and is delivered
(10:00 UTC), a biweekly interns' pool asks its check-ins (10:00), and at 09:00 in each intern's zone their
recap (with its farewell draft) is due, the monthly prompt to share an update, and a catch-up with whom
they met four weeks before. Prints, per method, the most calls in any minute against the tier, the 429s;
per kind of work, how late the latest piece went out; the ticks; and a real `rapport tick`'s peak memory
at the heaviest minute.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summer_world import BIWEEKLY_SLOT, WEEKLY_SLOT, Workspace, build, prepare

import bot.jobs as jobs
import bot.slack.client as slack_client
from bot.config import Settings
from bot.sandbox.fakeslack.ratelimit import READS, TIERS, MinuteWindows
from bot.wiring import wire

ROOT = Path(__file__).resolve().parent.parent
START, END = datetime(2026, 5, 31, tzinfo=UTC), datetime(2026, 6, 2, tzinfo=UTC)
OPEN_TIER = TIERS["conversations.open"]


class SimClock:
    """Simulated seconds: set at each tick, moved on by the CPU time the process spends (the machine is
    shared, so its wall time would count other people's work) and by the 429 waits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._base, self._cpu = START.timestamp(), time.process_time()

    def seconds(self) -> float:
        with self._lock:
            return self._base + time.process_time() - self._cpu

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.seconds(), UTC)

    def _set(self, simulated: float) -> None:
        with self._lock:
            self._base, self._cpu = simulated, time.process_time()

    def tick_at(self, moment: datetime) -> None:
        self._set(moment.timestamp())

    def sleep(self, seconds: float) -> None:
        self._set(self.seconds() + seconds)


@contextmanager
def simulated_waits(clock: SimClock) -> Iterator[None]:
    """Every WebClient made meanwhile waits out a 429 on the simulated clock."""
    original = slack_client.retry_handlers

    def handlers():  # the product's handlers, with the simulated sleep
        found = original()
        for handler in found:
            if isinstance(handler, slack_client.RetryAfterHandler):
                handler.sleep = clock.sleep
        return found

    slack_client.retry_handlers = handlers
    try:
        yield
    finally:
        slack_client.retry_handlers = original


def run_window(world: Workspace, url: str, clock: SimClock) -> list[tuple[float, float, bool]]:
    """Tick every minute of the window; (wall seconds, CPU seconds, whether any job ran) each."""
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": world.fake.bot_token, "SLACK_API_URL": world.fake.url, "DATABASE_URL": url}
    )
    wired = wire(settings, clock=clock.now, new_seed=lambda: 1)
    ran: list[str] = []
    listed = jobs.scheduled_jobs

    def counted() -> list[jobs.DueJob]:
        return [jobs.DueJob(j.name, _noting(j, ran), j.next_due) for j in listed()]

    jobs.scheduled_jobs = counted
    ticks = []
    moment = START
    try:
        while moment < END:
            clock.tick_at(moment)
            ran.clear()
            began, cpu = time.perf_counter(), time.process_time()
            jobs.run_due_work(wired.runtime, moment)
            ticks.append((time.perf_counter() - began, time.process_time() - cpu, bool(ran)))
            ended = clock.now()
            moment = max(moment + timedelta(minutes=1), _next_minute(ended))
            if moment.hour == 0 and moment.minute == 0:
                print(f"  simulated up to {moment:%a %d %b}", file=sys.stderr)
    finally:
        jobs.scheduled_jobs = listed
        wired.engine.dispose()
    return ticks


def _noting(job: jobs.DueJob, ran: list[str]):
    def run(runtime, now):
        ran.append(job.name)
        return job.run(runtime, now)

    return run


def _next_minute(moment: datetime) -> datetime:
    floor = moment.replace(second=0, microsecond=0)
    return floor if floor == moment else floor + timedelta(minutes=1)


def per_method(limits: MinuteWindows) -> list[str]:
    taken: Counter[tuple[str, int]] = Counter()
    refused: Counter[str] = Counter()
    for method, _, when, was_refused in limits.seen:
        if was_refused:
            refused[method] += 1
        else:
            taken[(method, int(when // 60))] += 1
    most: Counter[str] = Counter()
    for (method, _), count in taken.items():
        most[method] = max(most[method], count)
    rows = ["| method | kind | tier (a minute) | most in one minute | 429s | within |", "|---" * 6 + "|"]
    for method in sorted(most, key=lambda m: (m not in READS, m)):
        limit = TIERS.get(method)
        kind = "lookup / read" if method in READS else "write"
        within = "—" if limit is None else ("yes" if most[method] <= limit else "no")
        rows.append(
            f"| {method} | {kind} | {limit or '—'} | {most[method]:,} | {refused[method]:,} | {within} |"
        )
    return rows


def lateness(world: Workspace, limits: MinuteWindows) -> list[str]:
    """How late each kind of due work went out: the latest piece, against its due time."""
    late: dict[str, list[float]] = {}
    for method, args, when, refused in limits.seen:
        found = None if refused or method != "chat.postMessage" else _kind(world, dict(args))
        if found is not None:
            kind, due = found
            late.setdefault(kind, []).append(when - due.timestamp())
    rows = ["| due work | pieces | floor | latest went out | target | met |", "|---|---|---|---|---|---|"]
    for kind, delays in sorted(late.items()):
        floor = len(delays) / OPEN_TIER * 60 if kind == "round intros (group DMs)" else 0.0
        target = max(300.0, 1.1 * floor)
        worst = max(delays)
        floor_text = f"{floor / 60:.1f} min ({len(delays):,} opens at {OPEN_TIER} a minute)" if floor else "—"
        met = "yes" if worst <= target else "no"
        worst_text, target_text = f"{worst / 60:.1f} min", f"{target / 60:.1f} min"
        rows.append(f"| {kind} | {len(delays):,} | {floor_text} | {worst_text} | {target_text} | {met} |")
    return rows


def _kind(world: Workspace, args: dict) -> tuple[str, datetime] | None:
    event = (args.get("metadata") or {}).get("event_type")
    text = str(args.get("text") or "")
    if event == "rapport_intro":
        return "round intros (group DMs)", WEEKLY_SLOT
    if event == "rapport_checkin":
        return "check-ins (group DMs)", BIWEEKLY_SLOT
    channel = str(args.get("channel"))
    if channel not in world.fake.workspace.users:
        return None
    if event == "rapport_recap":
        return "recaps with a farewell draft", world.morning_of(channel)
    if text.startswith("Share an update with"):
        return "monthly update prompts", world.morning_of(channel)
    if text.startswith("It's been") and "catch-up" in text:
        return "catch-up suggestions", world.morning_of(channel)
    return None


def tick_table(ticks: list[tuple[float, float, bool]]) -> list[str]:
    def pct(values: list[float], q: float) -> str:
        ordered = sorted(values)
        return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:,.1f} ms" if ordered else "—"

    rows = ["| ticks | count | clock | p50 | p99 | max |", "|---" * 6 + "|"]
    for label, ran in (("nothing due", False), ("something due", True)):
        chosen = [(wall, cpu) for wall, cpu, any_ran in ticks if any_ran is ran]
        for clock, values in (("wall", [w for w, _ in chosen]), ("CPU", [c for _, c in chosen])):
            rows.append(
                f"| {label} | {len(chosen):,} | {clock} | {pct(values, 0.5)} | {pct(values, 0.99)} "
                f"| {pct(values, 1.0)} |"
            )
    return rows


def peak_memory(world: Workspace, prepared: Path, tmp: str) -> float:
    """A real `rapport tick` at Monday 10:00 on the prepared database, Slack's limits off: the round of
    everyone started and delivered in one tick, beside the morning's other work."""
    copy = Path(tmp) / "peak.db"
    shutil.copy(prepared, copy)
    world.fake.dispatcher.rate_limits = None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_", "DATABASE_URL"))}
    env.update(
        PYTHONPATH=str(ROOT),
        SLACK_BOT_TOKEN=world.fake.bot_token,
        SLACK_API_URL=world.fake.url,
        DATABASE_URL=f"sqlite:///{copy}",
    )
    subprocess.run(
        [sys.executable, "-m", "tests.cli.tick_at", WEEKLY_SLOT.isoformat()],
        cwd=tmp, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interns", type=int, default=500)
    parser.add_argument("--colleagues", type=int, default=9350)
    parser.add_argument("--mentors", type=int, default=150)
    parser.add_argument("--teams", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rapport-summer-") as tmp:
        db = Path(tmp) / "summer.db"
        clock = SimClock()
        world = build(args.interns, args.colleagues, args.mentors, args.teams)
        try:
            began = time.monotonic()
            prepare(world, f"sqlite:///{db}")
            prepared = Path(tmp) / "prepared.db"
            shutil.copy(db, prepared)
            print(f"prepared in {time.monotonic() - began:.0f} s", file=sys.stderr)
            calls_before = len(world.fake.calls)
            world.fake.calls[:] = []
            limits = MinuteWindows(clock=clock.seconds)
            world.fake.enforce_rate_limits(limits)  # type: ignore[arg-type]  # the same interface
            with simulated_waits(clock):
                began = time.monotonic()
                ticks = run_window(world, f"sqlite:///{db}", clock)
            wall = time.monotonic() - began
            tables = (per_method(limits), lateness(world, limits), tick_table(ticks))
            memory = peak_memory(world, prepared, tmp)
            people = args.interns + args.colleagues + args.mentors
            print(f"{people:,} people ({args.interns} interns, {args.mentors} mentors, {args.teams} teams); "
                  f"{START:%a %d %b} to {END:%a %d %b %Y}, a tick a minute; {wall:.0f} s of wall time; "
                  f"setup made {calls_before:,} calls before the limits")  # fmt: skip
            for table in tables:
                print("\n" + "\n".join(table))
            print(f"\npeak RSS of `rapport tick` at {WEEKLY_SLOT:%a %H:%M} (limits off): {memory:.0f} MiB")
        finally:
            world.fake.close()


if __name__ == "__main__":
    main()
