"""`rapport run` serves Slack; `rapport tick` runs the due work once (for cron)."""

from __future__ import annotations

import argparse

from bot.cli.database import require_database
from bot.cli.help import with_examples
from bot.config import Settings
from storage import migrate


def add(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser(
        "run",
        help="serve Slack (Socket Mode if SLACK_APP_TOKEN is set, else HTTP on PORT)",
        description="Serve Slack until stopped (SIGTERM or Ctrl-C): Socket Mode when SLACK_APP_TOKEN is set, "
        "else HTTP on PORT (POST /slack/events, GET /healthz). Migrates the database first, creating it if "
        "needed, and runs the scheduled work every minute unless RAPPORT_SCHEDULER=off.",
        **with_examples(
            "rapport run", "rapport run --host 127.0.0.1   # behind a reverse proxy on this machine"
        ),
    )
    run.add_argument("--host", default="0.0.0.0", help="address to listen on in HTTP mode (default 0.0.0.0)")
    run.set_defaults(command=_run)

    tick = sub.add_parser(
        "tick",
        help="run, once, all scheduled work that is due now, then exit (for cron)",
        description="Run, once, all the scheduled work that is due now (rounds, check-ins, nudges, digests…) "
        "and exit: for RAPPORT_SCHEDULER=off with cron. Safe beside `rapport run` and other ticks.",
        **with_examples("* * * * *  cd /srv/rapport && .venv/bin/rapport tick   # crontab: every minute"),
    )
    tick.set_defaults(command=_tick)


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.cli import run_until_signalled
    from bot.serve.run import serve

    return run_until_signalled(lambda stop: serve(settings, stop, host=args.host))


def _tick(settings: Settings, args: argparse.Namespace) -> int:
    from bot.jobs import run_due_work  # Slack's libraries and SQLAlchemy: loaded by the command using them
    from bot.wiring import wire

    require_database(settings)
    migrate.upgrade(settings.database_url)
    runtime = wire(settings).runtime
    done = run_due_work(runtime, runtime.clock())
    failed = [name for name, count in done.items() if count < 0]
    summary = ", ".join(f"{name}: {count}" for name, count in done.items()) or "nothing scheduled"
    print(f"tick done ({summary})")
    return 1 if failed else 0
