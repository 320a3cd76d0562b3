"""`rapport …` (also `python -m bot …`): run the app, tick, migrate, import a roster."""

from __future__ import annotations

import argparse
import io
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from dotenv import load_dotenv

from bot.cli.files import read_bytes
from bot.config import ConfigError, Settings, unset_empty_settings

log = logging.getLogger("rapport")
DEFAULT_ENV_FILE = ".env"


PIPE_CLOSED = 141  # what a shell reports for a command stopped by SIGPIPE (`rapport stats | head`)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _main(argv)
        finally:  # flushed here, where a closed pipe is caught, not at the interpreter's exit (--help too)
            sys.stdout.flush()
    except BrokenPipeError:
        # Whoever read the output (`| head`) stopped reading: nothing is wrong, and nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PIPE_CLOSED


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "command"):
        parser.print_help()
        return 2
    standalone = getattr(args, "standalone", None)
    if standalone:  # the sandbox and the simulation read no settings: they make their own
        _configure_logging(args.verbose)
        try:
            return args.command(args)
        except ConfigError as error:
            return _fail(str(error), f"rapport {standalone}")
    try:
        _load_env_file(args.env_file)
    except ConfigError as error:
        return _fail(str(error))
    unset_empty_settings(os.environ)
    _configure_logging(args.verbose)
    try:
        settings = Settings.from_env(os.environ, slack=_calls_slack(args))
        return args.command(settings, args)
    except ConfigError as error:
        return _fail(str(error))
    except Exception as error:  # the database's and Slack's own errors, named without loading them up front
        known = explain_failure(error)
        if known is None:
            raise
        return _fail(known)


def _load_env_file(given: str | None) -> None:
    """Read --env-file, or .env when there is one: a file asked for must exist and be readable."""
    path = Path(given or DEFAULT_ENV_FILE)
    if given is None and not path.exists():
        return
    text = read_bytes(path, "--env-file").decode("utf-8", errors="replace")
    load_dotenv(stream=io.StringIO(text), override=False)


def _calls_slack(args: argparse.Namespace) -> bool:
    """Whether the command calls Slack, so reads (and judges) the Slack settings: a command says
    `set_defaults(slack=False)` when it never does, or gives a function of its arguments."""
    slack = getattr(args, "slack", True)
    return bool(slack(args) if callable(slack) else slack)


def _parser() -> argparse.ArgumentParser:
    from bot.cli import db, forget, mentoring, program, roster, run, sandbox, simulate
    from bot.cli.help import OneLineParser, with_examples

    parser = OneLineParser(
        prog="rapport",
        description="Rapport: coffee chats, introductions and follow-ups for intern programs. Settings come "
        "from the environment and from .env (see .env.example and docs/settings.md).",
        **with_examples(
            "rapport run                       # serve Slack",
            "rapport roster import roster.csv  # the program's people",
            "rapport stats                     # the program's figures",
            "rapport sandbox                   # try it in a browser, no Slack needed",
            "rapport COMMAND --help            # more about one command",
        ),
    )
    parser.add_argument("--env-file", help=f"read settings from this file too (default: {DEFAULT_ENV_FILE})")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    parser.add_argument("--version", action="version", version=f"rapport {_version()}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in (run, db, roster, forget, program, sandbox, simulate, mentoring):
        command.add(sub)
    return parser


def _version() -> str:
    try:
        return metadata.version("rapport")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def run_until_signalled(serve: Callable[[threading.Event], None]) -> int:
    """Call `serve(stop)`; SIGTERM and SIGINT set `stop` so shutdown is clean."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    serve(stop)
    return 0


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("slack_sdk", "slack_bolt", "apscheduler", "waitress.queue", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _fail(message: str, who: str = "rapport") -> int:
    print(f"{who}: {message}", file=sys.stderr)
    return 2


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else error.__class__.__name__


def explain_failure(error: Exception) -> str | None:
    """One line for a missing driver, an unreachable database or Slack refusing; None for anything else.

    Imported here, not at the top: SQLAlchemy and Slack's libraries cost about a second of CPU, which
    `rapport --help` and the offline commands should not pay (bench/cli_startup.py)."""
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError
    from sqlalchemy.exc import OperationalError

    from storage.db import MissingDriver

    if isinstance(error, MissingDriver):
        return f"{error}: install it with `pip install 'rapport[postgres]'`"
    if isinstance(error, OperationalError):
        return f"cannot reach the database ({_first_line(error.orig or error)}): check DATABASE_URL"
    if isinstance(error, SlackApiError):
        return f"Slack answered {error.response.get('error')!r}: check SLACK_BOT_TOKEN and the app's scopes"
    if isinstance(error, BoltError):
        return f"Slack refused to start the app ({_first_line(error)}): check SLACK_BOT_TOKEN"
    return None
