"""The subcommands of `rapport`; each takes validated Settings and its parsed arguments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli import forget as forget_cli
from bot.cli import program as insight_commands
from bot.config import ConfigError, Mode, Settings
from bot.jobs import run_due_work
from bot.services.people.roster_import import import_roster
from bot.slack.client import make_web_client, verify_bot_token
from bot.slack.directory import SlackUserDirectory
from bot.wiring import bot_token, wire
from storage import migrate


def add_all(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser("run", help="serve Slack (Socket Mode if SLACK_APP_TOKEN is set, else HTTP on PORT)")
    run.add_argument("--host", default="0.0.0.0", help="address to listen on in HTTP mode (default 0.0.0.0)")
    run.set_defaults(command=_run)

    tick = sub.add_parser("tick", help="run, once, all scheduled work that is due now, then exit (for cron)")
    tick.set_defaults(command=_tick)

    db = sub.add_parser("db", help="database schema").add_subparsers(title="db commands", metavar="ACTION")
    db.add_parser("upgrade", help="apply every pending migration").set_defaults(command=_db_upgrade)
    down = db.add_parser("downgrade", help="revert migrations down to REVISION (e.g. base)")
    down.add_argument("revision")
    down.set_defaults(command=_db_downgrade)
    db.add_parser("current", help="show the database's revision").set_defaults(command=_db_current)

    roster = sub.add_parser("roster", help="the program's people").add_subparsers(
        title="roster commands", metavar="ACTION"
    )
    imp = roster.add_parser(
        "import",
        help="import a CSV: slack_id,email,role,team,internship_start,internship_end",
        description="Import a roster CSV. Any bad row imports nothing; every bad row is listed.",
    )
    imp.add_argument(
        "file",
        type=Path,
        help="CSV file with header slack_id,email,role,team,internship_start,internship_end",
    )
    imp.add_argument("--team", help="workspace (team) ID; needed in OAuth mode with several workspaces")
    imp.set_defaults(command=_roster_import)

    forget_cli.add(sub)
    insight_commands.add(sub)


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.cli import run_until_signalled
    from bot.serve.run import serve

    return run_until_signalled(lambda stop: serve(settings, stop, host=args.host))


def _tick(settings: Settings, args: argparse.Namespace) -> int:
    migrate.upgrade(settings.database_url)
    runtime = wire(settings).runtime
    done = run_due_work(runtime, runtime.clock())
    failed = [name for name, count in done.items() if count < 0]
    summary = ", ".join(f"{name}: {count}" for name, count in done.items()) or "nothing scheduled"
    print(f"tick done ({summary})")
    return 1 if failed else 0


def _db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    before = migrate.current_revision(settings.database_url)
    migrate.upgrade(settings.database_url)
    after = migrate.current_revision(settings.database_url)
    print(
        f"database at {after}"
        + (" (already up to date)" if before == after else f" (was {before or 'empty'})")
    )
    return 0


def _db_downgrade(settings: Settings, args: argparse.Namespace) -> int:
    migrate.downgrade(settings.database_url, args.revision)
    print(f"database at {migrate.current_revision(settings.database_url) or 'base (empty)'}")
    return 0


def _db_current(settings: Settings, args: argparse.Namespace) -> int:
    current = migrate.current_revision(settings.database_url)
    state = "up to date" if current == migrate.head_revision() else f"behind {migrate.head_revision()}"
    print(f"{current or 'empty'} ({state})")
    return 0


def _roster_import(settings: Settings, args: argparse.Namespace) -> int:
    text = _read_text(args.file)
    migrate.upgrade(settings.database_url)
    wired = wire(settings)
    if settings.mode is Mode.OAUTH and not args.team:
        raise ConfigError("in OAuth mode, say which workspace with --team T… (the workspace's team ID)")
    client = make_web_client(settings, token=bot_token(settings, wired.engine, args.team or ""))
    team_id = verify_bot_token(client)
    if args.team and args.team != team_id:
        raise ConfigError(f"--team {args.team} does not match SLACK_BOT_TOKEN's workspace {team_id}")
    runtime = wired.runtime
    result = import_roster(
        text, team_id, SlackUserDirectory(client), runtime.unit_of_work(), runtime.clock(), _progress()
    )
    if result.problems:
        print(f"{args.file}: nothing imported; fix these {len(result.problems)} problem(s) and import again:")
        for problem in result.problems:
            print(f"  {problem}")
        return 1
    assert result.counts is not None
    c = result.counts
    print(f"{args.file}: {c.added} added, {c.updated} updated, {c.unchanged} unchanged")
    return 0


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path} does not exist") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text: save the roster as 'CSV UTF-8'") from None


def _progress():
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\rlooking people up in Slack: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show
