"""`rapport sandbox`: try Rapport in a browser, against a made-up workspace, with no Slack at all."""

from __future__ import annotations

import argparse
import io
import os
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

from bot.cli.files import check_database_file, read_bytes
from bot.cli.help import with_examples
from bot.config import ConfigError, real_credentials


def add(sub: argparse._SubParsersAction) -> None:
    sandbox = sub.add_parser(
        "sandbox",
        help="try Rapport in a browser with a made-up workspace: no Slack needed",
        description="Start, on 127.0.0.1 only, a stand-in for Slack with a generated workspace, Rapport "
        "wired to it as to real Slack, and a page to use it as any of its people or as the program lead. "
        "Refuses to start when a real Slack token is set (in the environment or the --env-file).",
        **with_examples("rapport sandbox", "rapport sandbox --port 9000 --people 80 --seed 7"),
    )
    sandbox.add_argument("--port", type=_port, default=8080, help="the page's port (default 8080)")
    sandbox.add_argument("--people", type=_people, default=40, help="how many people (default 40, 4-400)")
    sandbox.add_argument(
        "--seed", type=int, default=1, help="the same seed makes the same people and groups (default 1)"
    )
    sandbox.add_argument(
        "--db", type=Path, help="keep the SQLite database in this file (default: a temp folder)"
    )
    sandbox.set_defaults(command=run, standalone="sandbox")


def run(args: argparse.Namespace, stop: threading.Event | None = None) -> int:
    """Start the sandbox and serve until `stop` is set (Ctrl-C or SIGTERM from the command line)."""
    problem = refusal(os.environ, _env_file(args.env_file))
    if problem:
        raise ConfigError(problem)
    if args.db is not None:
        check_database_file(args.db, "--db")
        from bot.sandbox.guard import foreign_database
        from bot.sandbox.people import TEAM_ID

        if foreign := foreign_database(args.db, TEAM_ID):
            raise ConfigError(foreign)
    from sqlalchemy.exc import DBAPIError

    from bot.sandbox.server import SandboxServer
    from bot.sandbox.world import Refused

    began = time.monotonic()
    try:
        server = SandboxServer.start(args.people, args.seed, args.db, args.port)
    except Refused as refused:
        raise ConfigError(str(refused)) from None
    except DBAPIError as error:
        raise ConfigError(f"--db {args.db} is not a database Rapport can open ({error.orig})") from None
    except OSError as error:  # the page's port is taken first, before anything else starts or logs
        raise ConfigError(f"cannot listen on 127.0.0.1:{args.port} ({error.strerror})") from None
    ready = (
        f"Rapport sandbox on {server.url} ({args.people} people, seed {args.seed}), "
        f"ready in {time.monotonic() - began:.1f} s. Ctrl-C stops it."
    )
    try:
        if stop is None:
            from bot.cli import run_until_signalled

            return run_until_signalled(lambda signalled: _serve(ready, signalled))
        _serve(ready, stop)
        return 0
    finally:
        server.close()


def _serve(ready: str, stop: threading.Event) -> None:
    """Say where the page is only once SIGTERM stops cleanly: whoever reads the line may stop us at once."""
    print(ready, flush=True)
    stop.wait()


def refusal(env: Mapping[str, str], dotenv: Path) -> str | None:
    """One line saying why the sandbox will not start beside real Slack credentials, or None.

    An empty setting or a placeholder (.env.example's `xoxb-your-bot-token`, copied as the README says) is
    no credential: the sandbox starts beside it."""
    in_env = real_credentials(env)
    if in_env:
        return f"{in_env[0]} is set in the environment: the sandbox never runs beside a real Slack workspace"
    in_file = real_credentials(_dotenv_values(dotenv)) if dotenv.exists() else []
    if in_file:
        return (
            f"{dotenv} sets {in_file[0]}: the sandbox never runs beside a real Slack workspace "
            "(run it from another folder)"
        )
    return None


def _env_file(given: str | None) -> Path:
    """--env-file, which must exist when given, or .env."""
    path = Path(given or ".env")
    if given is not None and not path.exists():
        raise ConfigError(f"--env-file {path} does not exist")
    return path


def _dotenv_values(path: Path) -> dict[str, str | None]:
    text = read_bytes(path, "--env-file").decode("utf-8", errors="replace")
    return dotenv_values(stream=io.StringIO(text))


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 0 to 65535")
    return int(text)


def _people(text: str) -> int:
    if not text.isdigit() or not 4 <= int(text) <= 400:
        raise argparse.ArgumentTypeError("choose between 4 and 400 people")
    return int(text)
