"""Benchmark: how fast `rapport run` (HTTP mode) acknowledges signed slash commands under load.

    .venv/bin/python bench/ack_latency.py [--requests 1000] [--concurrency 50] [--database-url URL]
                                          [--commands help settings join] [--rounds 1]

Starts the real `rapport run` in a subprocess against the fake Slack, then sends signed /coffee
commands from `--concurrency` threads and prints a markdown table of acknowledgement latency
(request sent → HTTP answer received) per command: `help` (no database), `settings` (a read) and
`join` (a write). Slack gives an app 3 seconds to acknowledge. `--rounds N` measures each command N times
in turn against the same server and prints every round and the medians of p50 and p99 over the rounds.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.slack_requests import SlackRequests

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-signing-secret"
COFFEE = "C0COFFEE"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_rapport(fake: FakeSlack, database_url: str, port: int, cwd: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_", "DATABASE_URL"))}
    env.update(
        PYTHONPATH=str(ROOT),
        PORT=str(port),
        SLACK_BOT_TOKEN=fake.bot_token,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.url,
        DATABASE_URL=database_url,
        RAPPORT_SCHEDULER="off",
    )
    command = [sys.executable, "-m", "bot", "run", "--host", "127.0.0.1"]
    log = open(Path(cwd) / "rapport.log", "w")  # noqa: SIM115 - the process writes it until it stops
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("rapport run did not become healthy")


def timed(slack: SlackRequests, text: str, user: str) -> float:
    started = time.perf_counter()
    reply = slack.command("/coffee", text=text, user_id=user, channel_id=COFFEE)
    elapsed = time.perf_counter() - started
    if reply.status != 200:
        raise SystemExit(f"/coffee {text} answered {reply.status}: {reply.body[:200]}")
    return elapsed


Figures = tuple[float, float, float, float, float]  # p50, p99, max, requests/s, server CPU per request


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), to tell the server's cost from the load's."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    slack: SlackRequests, text: str, users: list[str], requests: int, concurrency: int, server: int
) -> Figures:
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        cpu = cpu_seconds(server)
        started = time.perf_counter()
        latencies = sorted(pool.map(lambda n: timed(slack, text, users[n % len(users)]), range(requests)))
        wall = time.perf_counter() - started
        time.sleep(1)  # the App Home refreshes that follow an answer (bot/serve/after_answer.py) finish
        cpu = cpu_seconds(server) - cpu
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return statistics.median(latencies), p99, latencies[-1], requests / wall, cpu / requests


def row(text: str, requests: int, concurrency: int, figures: Figures) -> str:
    p50, p99, top, rate, cpu = figures
    return (
        f"| `/coffee {text}` | {requests:,} | {concurrency} | {p50 * 1000:.0f} ms | {p99 * 1000:.0f} ms "
        f"| {top * 1000:.0f} ms | {rate:.0f}/s | {cpu * 1000:.1f} ms |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--commands", nargs="+", default=["help", "settings", "join"])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        port = free_port()
        process = start_rapport(fake, url, port, tmp)
        try:
            slack = SlackRequests(
                f"http://127.0.0.1:{port}", SECRET, fake.workspace.team_id, fake.response_url
            )
            ws = fake.workspace
            slack.command("/coffee", text="setup", user_id=ws.admin_id, channel_id=COFFEE)
            fake.wait_for("response_url", lambda c: c.args.get("text", "").startswith("Done"), timeout=30)
            users = ws.interns + ws.colleagues
            print("| command | requests | concurrent | p50 | p99 | max | throughput | server CPU a request |")
            print("|---|---|---|---|---|---|---|---|")
            seen: dict[str, list[Figures]] = {t: [] for t in args.commands}
            for _ in range(args.rounds):
                for text in args.commands:
                    figures = measure(slack, text, users, args.requests, args.concurrency, process.pid)
                    seen[text].append(figures)
                    print(row(text, args.requests, args.concurrency, figures), flush=True)
            if args.rounds > 1:
                print(f"\nmedians of {args.rounds} rounds (load average {os.getloadavg()[0]:.1f}):")
                for text, runs in seen.items():
                    p50, p99, cpu = (statistics.median(r[i] for r in runs) * 1000 for i in (0, 1, 4))
                    print(f"  /coffee {text}: p50 {p50:.0f} ms, p99 {p99:.0f} ms, server CPU {cpu:.1f} ms")
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
