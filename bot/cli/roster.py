"""`rapport roster import FILE`: the program's people, all of the file or none of it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.config import ConfigError, Mode, Settings
from bot.services.people.roster_import import import_roster
from bot.slack.client import make_web_client, verify_bot_token
from bot.slack.directory import SlackUserDirectory
from bot.wiring import bot_token, wire
from storage import migrate


def add(sub: argparse._SubParsersAction) -> None:
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
