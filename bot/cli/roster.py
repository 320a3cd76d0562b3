"""`rapport roster import FILE`: the program's people, all of the file or none of it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.files import decode, encoding, read_bytes
from bot.cli.help import with_examples
from bot.cli.progress import Progress
from bot.config import ConfigError, Mode, Settings
from bot.domain.people.roster import COLUMNS, Roster, RosterProblem, count_problems, read_roster
from bot.domain.plural import plural
from bot.services.people.roster_import import import_roster
from storage import migrate


def add(sub: argparse._SubParsersAction) -> None:
    roster_parser = sub.add_parser(
        "roster",
        help="the program's people: import a CSV",
        description="The program's people, from a CSV the program lead keeps.",
        **with_examples("rapport roster import --check roster.csv", "rapport roster import roster.csv"),
    )
    roster_parser.set_defaults(command=lambda settings, args: _help(roster_parser))
    roster = roster_parser.add_subparsers(title="actions", metavar="ACTION")
    imp = roster.add_parser(
        "import",
        help="import a CSV: slack_id or email, role, and optionally team,internship_start,internship_end",
        description="Import a roster CSV (comma- or semicolon-separated, as a spreadsheet saves it); every "
        "person is looked up in Slack. Only a slack_id or email column and the role column are needed; other "
        "columns are ignored, with a warning, and a column left out keeps what is stored. Any bad row "
        "imports nothing; every bad row is listed by line and field.",
        **with_examples(
            "rapport roster import --check roster.csv  # the format only: no token, no database",
            "rapport roster import roster.csv",
        ),
    )
    imp.add_argument("file", type=Path, help=f"CSV file whose header names some of {','.join(COLUMNS)}")
    imp.add_argument("--team", help="workspace (team) ID; needed in OAuth mode with several workspaces")
    imp.add_argument(
        "--encoding",
        type=encoding,
        default="utf-8",
        help="the file's text encoding if not UTF-8, e.g. cp1252 (default utf-8; a byte order mark is fine)",
    )
    imp.add_argument(
        "--check",
        action="store_true",
        help="only check the file's format, offline: no Slack token, no database",
    )
    imp.set_defaults(command=_roster_import, slack=lambda args: not args.check)


def _roster_import(settings: Settings, args: argparse.Namespace) -> int:
    text = decode(read_bytes(args.file, "the roster"), args.encoding, f"the roster {args.file}")
    roster = read_roster(text)
    _print_warnings(args.file, roster.warnings)
    if args.check:
        return _check(args.file, roster)
    migrate.upgrade(settings.database_url)
    from bot.slack.client import make_web_client, verify_bot_token  # not for --check: offline, so quick
    from bot.slack.directory import SlackUserDirectory
    from bot.wiring import bot_token, wire

    wired = wire(settings)
    if settings.mode is Mode.OAUTH and not args.team:
        raise ConfigError("in OAuth mode, say which workspace with --team T… (the workspace's team ID)")
    client = make_web_client(settings, token=bot_token(settings, wired.engine, args.team or ""))
    team_id = verify_bot_token(client)
    if args.team and args.team != team_id:
        raise ConfigError(f"--team {args.team} does not match SLACK_BOT_TOKEN's workspace {team_id}")
    runtime = wired.runtime
    progress = Progress("looking people up in Slack", len(roster.identities))
    result = import_roster(
        text, team_id, SlackUserDirectory(client), runtime.unit_of_work(), runtime.clock(), progress.step
    )
    progress.finish()
    if result.problems:
        _print_problems(f"{args.file}: nothing imported;", result.problems, "to fix before importing again")
        return 1
    assert result.counts is not None
    c = result.counts
    print(f"{args.file}: {c.added} added, {c.updated} updated, {c.unchanged} unchanged")
    return 0


def _check(path: Path, roster: Roster) -> int:
    """The format alone: Slack (who each line names) is only asked by a real import."""
    if roster.problems:
        _print_problems(f"{path}:", roster.problems, "to fix before importing")
        return 1
    people = plural(len(roster.rows), "person", "people")
    print(f"{path}: the format is fine, {people}; who they are in Slack is checked on import")
    return 0


def _print_problems(before: str, problems: list[RosterProblem], after: str) -> None:
    print(f"{before} {count_problems(len(problems))} {after}:")
    for problem in problems:
        print(f"  {problem}")


def _print_warnings(path: Path, warnings: list[RosterProblem]) -> None:
    """What is imported anyway (columns ignored, formulas read as text), on stderr, a line each."""
    for warning in warnings:
        print(f"rapport: {path}: warning: {warning}", file=sys.stderr)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2
