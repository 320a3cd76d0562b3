"""Benchmark: `rapport roster import` of a big roster against a fake Slack that enforces Slack's limits.

    .venv/bin/python bench/roster_import.py [--people 10000] [--scale 5] [--database-url URL]

A real `rapport roster import` process reads a CSV naming every person (half by slack_id, half by
email) in a workspace of that many people; the fake answers 429 + Retry-After beyond the users.*
limits in bot/sandbox/fakeslack/ratelimit.py (users.list Tier 2, users.lookupByEmail Tier 3, users.info
Tier 4), multiplied by --scale so the run takes seconds instead of minutes, as
bench/round_delivery.py does. Prints a markdown table: the users.* calls made, 429s, and the time
against the floor those limits impose, at the scaled rate and at Slack's real one, beside the floor
of looking every person up with a call each.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sandbox.fakeslack import FakeSlack, User, seeded_workspace
from bot.sandbox.fakeslack.ratelimit import USERS_LIMITS, WORKSPACE_LIMITS, Limit, RateLimits

ROOT = Path(__file__).resolve().parent.parent
HEADER = "slack_id,email,role,team,internship_start,internship_end"
ROLES = ("intern", "colleague", "colleague", "mentor")
USERS = ("users.list", "users.lookupByEmail", "users.info")


def big_workspace(people: int) -> tuple[FakeSlack, str]:
    """A workspace of `people` more accounts, and a roster naming each of them."""
    ws = seeded_workspace()
    rows = [HEADER]
    for n in range(people):
        user_id, email = f"U7{n:07d}", f"person{n}@example.com"
        ws.add_user(User(id=user_id, name=f"person{n}", real_name=f"Person {n}", email=email))
        dates = "2026-06-01,2026-08-28" if ROLES[n % 4] == "intern" else ","
        who = f"{user_id}," if n % 2 else f",{email}"
        rows.append(f"{who},{ROLES[n % 4]},Team {n % 12},{dates}")
    return FakeSlack(workspace=ws, page_size=1000), "\n".join(rows) + "\n"


def floor_seconds(limits: dict[str, Limit], calls: dict[str, int]) -> float:
    """The least time the workspace buckets allow for these calls (the bursts go at once)."""
    floors = [0.0]
    for method, count in calls.items():
        limit = limits.get(method)
        if limit is not None and count:
            floors.append(max(0.0, count - limit.burst) / (limit.per_minute / 60))
    return max(floors)


def run(people: int, scale: float, database_url: str | None) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{tmp}/bench.db"
        fake, roster = big_workspace(people)
        path = Path(tmp) / "roster.csv"
        path.write_text(roster)
        try:
            limits = fake.enforce_rate_limits(RateLimits({**WORKSPACE_LIMITS, **USERS_LIMITS}, scale=scale))
            env = {
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("SLACK_", "RAPPORT_", "DATABASE_URL"))
            }
            env.update(
                PYTHONPATH=str(ROOT), SLACK_BOT_TOKEN=fake.bot_token, SLACK_API_URL=fake.url, DATABASE_URL=url
            )
            started = time.monotonic()
            result = subprocess.run(
                [sys.executable, "-m", "bot", "roster", "import", str(path)],
                cwd=tmp,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            elapsed = time.monotonic() - started
            if result.returncode != 0 or f"{people} added" not in result.stdout:
                raise SystemExit(f"rapport roster import failed:\n{result.stdout}\n{result.stderr}")
            database = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
            return [f"| {database} " + report(fake, limits, people, scale, elapsed)]
        finally:
            fake.close()


def report(fake: FakeSlack, limits: RateLimits, people: int, scale: float, elapsed: float) -> str:
    made = Counter(c.method for c in fake.calls if c.method in USERS and c.status != 429)
    limited = sum(1 for c in fake.calls if c.method in USERS and c.status == 429)
    walk = fake.calls_to("users.list")
    slack_part = walk[-1].at - walk[0].at if walk else 0.0
    floor = floor_seconds(limits.workspace, dict(made))
    real_floor = floor_seconds(USERS_LIMITS, dict(made))
    # Before: users.info for each slack_id, users.lookupByEmail for each email (separate buckets).
    by_id = sum(1 for n in range(people) if n % 2)
    one_each = floor_seconds(USERS_LIMITS, {"users.info": by_id, "users.lookupByEmail": people - by_id})
    calls = " / ".join(f"{made[m]:,}" for m in USERS)
    users_list = limits.workspace["users.list"]
    return (
        f"| {people:,} | {len(fake.workspace.users):,} | {calls} | {limited:,} "
        f"| x{scale:g} ({users_list.per_minute:,.0f} pages/min) | {floor:.1f} s "
        f"| {slack_part:.1f} s{_ratio(slack_part, floor)} | {elapsed:.1f} s{_ratio(elapsed, floor)} "
        f"| {real_floor / 60:.1f} min | {one_each / 60:.0f} min |"
    )


def _ratio(seconds: float, floor: float) -> str:
    return f" ({seconds / floor:.2f}x)" if floor > 0 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--scale", type=float, default=5.0, help="multiply Slack's rates and bursts")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    args = parser.parse_args()
    print(
        "| database | people in the file | accounts in Slack "
        "| calls (users.list / lookupByEmail / info) | 429s | limits | floor "
        "| first → last users.list | whole import "
        "| floor at Slack's real limits | same, one call a person |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(run(args.people, args.scale, args.database_url)))


if __name__ == "__main__":
    main()
