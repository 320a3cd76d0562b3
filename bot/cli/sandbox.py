"""`rapport sandbox`: try Rapport in a browser, against a made-up workspace, with no Slack at all."""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

from bot.cli.help import with_examples


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
    sandbox.set_defaults(command=run, standalone=True)


def run(args: argparse.Namespace, stop: threading.Event | None = None) -> int:
    """Start the sandbox and serve until `stop` is set (Ctrl-C or SIGTERM from the command line)."""
    from bot.sandbox.guard import foreign_database, refusal
    from bot.sandbox.people import TEAM_ID

    problem = refusal(os.environ, Path(args.env_file))
    if not problem and args.db is not None:
        problem = foreign_database(args.db, TEAM_ID)
    if problem:
        print(f"rapport sandbox: {problem}", file=sys.stderr)
        return 2
    from bot.sandbox.server import SandboxServer
    from bot.sandbox.world import Refused

    began = time.monotonic()
    try:
        server = SandboxServer.start(args.people, args.seed, args.db, args.port)
    except Refused as refused:
        print(f"rapport sandbox: {refused}", file=sys.stderr)
        return 2
    except OSError as error:  # the page's port is taken first, before anything else starts or logs
        print(f"rapport sandbox: cannot listen on 127.0.0.1:{args.port} ({error.strerror})", file=sys.stderr)
        return 2
    try:
        print(
            f"Rapport sandbox on {server.url} ({args.people} people, seed {args.seed}), "
            f"ready in {time.monotonic() - began:.1f} s. Ctrl-C stops it.",
            flush=True,
        )
        if stop is None:
            from bot.cli import run_until_signalled

            return run_until_signalled(lambda signalled: signalled.wait())
        stop.wait()
        return 0
    finally:
        server.close()


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 0 to 65535")
    return int(text)


def _people(text: str) -> int:
    if not text.isdigit() or not 4 <= int(text) <= 400:
        raise argparse.ArgumentTypeError("choose between 4 and 400 people")
    return int(text)
