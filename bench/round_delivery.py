"""Benchmark: delivering one big coffee round against a fake Slack that enforces Slack's rate limits.

    .venv/bin/python bench/round_delivery.py [--members 2000] [--scale 20] [--database-url URL]

A real `rapport tick` process (tests/cli/tick_at.py, the clock fixed at the round's slot) starts
the round and delivers it; the fake answers 429 + Retry-After beyond the limits in
bot/sandbox/fakeslack/ratelimit.py, multiplied by --scale so the run takes about a minute instead of
twenty. Prints a markdown table: completion time against the floor those limits impose, 429s,
lost and duplicate intros, and the tick's peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.config import Settings
from bot.domain.coffee.model import Schedule
from bot.domain.people.person import Person, Role
from bot.sandbox.fakeslack import Channel, FakeSlack, User, seeded_workspace
from bot.sandbox.fakeslack.ratelimit import RateLimits
from bot.services.coffee.pools import set_up_pool
from bot.wiring import wire
from storage.migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)  # a Monday: the pool's first round is due
CHANNEL = "C0BIGCOFFEE"
ZONES = ["America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata"]


def big_workspace(members: int) -> tuple[FakeSlack, list[str]]:
    ws = seeded_workspace()
    ids = [f"U9{n:07d}" for n in range(members)]
    for n, user_id in enumerate(ids):
        ws.add_user(User(id=user_id, name=f"person{n}", real_name=f"Person {n}", tz=ZONES[n % len(ZONES)]))
    ws.add_channel(
        Channel(id=CHANNEL, name="big-coffee", members=[*ids, ws.bot_user_id], creator=ws.admin_id)
    )
    return FakeSlack(workspace=ws, page_size=1000), ids


def prepare(fake: FakeSlack, ids: list[str], database_url: str) -> None:
    """The roster and the pool, set up before the limits are switched on."""
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": fake.bot_token, "SLACK_API_URL": fake.url, "DATABASE_URL": database_url}
    )
    upgrade(database_url)
    wired = wire(settings, clock=lambda: NOW)
    team = fake.workspace.team_id
    people = [
        Person(team, u, Role.INTERN if n % 4 == 0 else Role.COLLEAGUE, team=f"team{n % 6}")
        for n, u in enumerate(ids)
    ]
    with wired.runtime.unit_of_work() as work:
        work.members.upsert_roster(people, NOW - timedelta(days=2))
        work.commit()
    messenger = wired.runtime.messengers.coffee(team)
    set_up_pool(wired.runtime.unit_of_work, messenger, team, CHANNEL, Schedule(), NOW - timedelta(days=1))
    wired.engine.dispose()


def floor_seconds(limits: RateLimits, calls: dict[str, int]) -> float:
    """The least time the workspace buckets allow for these calls (the bursts go at once)."""
    floors = [0.0]
    for method, count in calls.items():
        limit = limits.workspace.get(method)
        if limit is not None:
            floors.append(max(0.0, count - limit.burst) / (limit.per_minute / 60))
    return max(floors)


def intros_per_group(fake: FakeSlack) -> Counter[int]:
    found: Counter[int] = Counter()
    with fake.state.lock:
        for messages in fake.state.messages.values():
            for message in messages:
                metadata = message.get("metadata") or {}
                if metadata.get("event_type") == "rapport_intro":
                    found[metadata["event_payload"]["group_id"]] += 1
    return found


def run(members: int, scale: float, database_url: str | None) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{tmp}/bench.db"
        fake, ids = big_workspace(members)
        try:
            prepare(fake, ids, url)
            limits = fake.enforce_rate_limits(RateLimits(scale=scale))
            env = {
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("SLACK_", "RAPPORT_", "DATABASE_URL"))
            }
            env.update(
                PYTHONPATH=str(ROOT), SLACK_BOT_TOKEN=fake.bot_token, SLACK_API_URL=fake.url, DATABASE_URL=url
            )
            started = time.monotonic()
            tick = subprocess.run(
                [sys.executable, "-m", "tests.cli.tick_at", NOW.isoformat()],
                cwd=tmp,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            elapsed = time.monotonic() - started
            peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            if tick.returncode != 0:
                raise SystemExit(f"rapport tick failed:\n{tick.stderr}")
            return report(fake, limits, url, members, scale, (started, elapsed), peak_mib)
        finally:
            fake.close()


def report(
    fake: FakeSlack,
    limits: RateLimits,
    url: str,
    members: int,
    scale: float,
    timing: tuple[float, float],
    peak_mib: float,
) -> list[str]:
    settings = Settings.from_env({"SLACK_BOT_TOKEN": fake.bot_token, "DATABASE_URL": url})
    wired = wire(settings)
    with wired.runtime.unit_of_work() as work:
        pool = work.pools.get(fake.workspace.team_id, CHANNEL)
        groups = work.rounds.groups(work.rounds.latest(pool.id).id)
    wired.engine.dispose()
    intros = intros_per_group(fake)
    lost = sum(1 for g in groups if intros[g.id] == 0)
    duplicates = sum(intros[g.id] - 1 for g in groups if intros[g.id] > 1)
    placed = sum(len(g.members) for g in groups)
    opens = fake.calls_to("conversations.open", include_failed=True)
    posts = [c for c in fake.calls_to("chat.postMessage") if "metadata" in c.args]
    limited = Counter(c.method for c in fake.calls if c.status == 429)
    floor = floor_seconds(limits, {"conversations.open": len(groups), "chat.postMessage": len(groups)})
    started, elapsed = timing
    delivery = posts[-1].at - opens[0].at
    matching = opens[0].at - started  # process start, users.info for everyone, matching, storing
    open_limit = limits.workspace["conversations.open"]
    return [
        f"| {members:,} | {len(groups):,} | {placed:,} | x{scale:g} ({open_limit.per_minute:,.0f} opens/min) "
        f"| {floor:.1f} s | {delivery:.1f} s ({delivery / floor:.2f}x) "
        f"| {matching:.1f} s | {elapsed:.1f} s ({elapsed / floor:.2f}x) "
        f"| {limited['conversations.open']:,} / {limited['chat.postMessage']:,} | {lost} | {duplicates} "
        f"| {peak_mib:.0f} MiB |"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--scale", type=float, default=20.0, help="multiply Slack's rates and bursts")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    args = parser.parse_args()
    print(
        "| members | groups | people placed | limits | floor | first open → last intro "
        "| before the first open | whole tick "
        "| 429s (open / post) | lost | duplicates | tick peak RSS |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(run(args.members, args.scale, args.database_url)))


if __name__ == "__main__":
    main()
