"""`rapport simulate`: run a program's weeks in a few seconds, before it starts, and see who it leaves out.

Bad arguments are checked here, each with one line naming what to change.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.cli.files import check_database_file, decode, read_bytes
from bot.cli.help import with_examples
from bot.cli.progress import Progress
from bot.domain.coffee.model import Frequency
from bot.domain.plural import plural

CADENCES = tuple(f.value for f in Frequency)
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)  # a Monday: the same calendar whenever a seed is run


def add(sub: argparse._SubParsersAction) -> None:
    simulate = sub.add_parser(
        "simulate",
        help="simulate a program's weeks: who meets whom, who is flagged, how many messages",
        description="Run Rapport's real due work and services over simulated weeks, against the built-in "
        "stand-in for Slack, with made-up people (or a roster file's) who answer check-ins at the meet "
        "rate. Prints, per cadence, whom interns meet, who the attention list flags, how mentoring went "
        "(mentees matched by day 7, sessions per pair) and the message load. "
        "Needs no Slack and no settings; nothing is kept.",
        **with_examples(
            "rapport simulate",
            "rapport simulate --compare weekly,biweekly --meet-rate 0.6",
            "rapport simulate --roster roster.csv --weeks 10 --cadence biweekly",
        ),
    )
    shape = simulate.add_argument_group("the program (made-up people, or --roster)")
    shape.add_argument("--interns", type=_count(1, 2000), default=60, help="default 60")
    shape.add_argument("--colleagues", type=_count(0, 5000), default=240, help="default 240")
    shape.add_argument("--mentors", type=_count(0, 1000), default=20, help="default 20")
    shape.add_argument("--teams", type=_count(1, 100), default=8, help="default 8")
    shape.add_argument("--roster", type=Path, help="a roster CSV, as `rapport roster import` takes")
    simulate.add_argument("--weeks", type=_count(1, 52), default=12, help="how long (default 12, 1-52)")
    simulate.add_argument("--cadence", type=_cadence, default=Frequency.WEEKLY,
                          help=f"how often rounds start: {', '.join(CADENCES)} (default weekly)")  # fmt: skip
    simulate.add_argument("--compare", type=_cadences, metavar="CADENCE,CADENCE",
                          help="simulate each cadence and show them side by side")  # fmt: skip
    simulate.add_argument("--meet-rate", type=_rate, default=0.7,
                          help="share of groups that meet (default 0.7)")  # fmt: skip
    simulate.add_argument("--intro-rate", type=_rate, default=0.5,
                          help="share of interns who ask for a mentor introduction in the first week "
                          "(default 0.5)")  # fmt: skip
    simulate.add_argument("--accept-rate", type=_rate, default=0.8,
                          help="share of those introductions the mentor accepts (default 0.8)")  # fmt: skip
    mentoring = simulate.add_argument_group("mentoring (when the program has mentors)")
    mentoring.add_argument("--mentor-capacity", type=_count(1, 3), default=3,
                           help="mentees each mentor takes, 1-3 (default 3)")  # fmt: skip
    mentoring.add_argument("--mentor-accept-rate", type=_rate, default=0.9,
                           help="share of mentor requests a mentor accepts (default 0.9)")  # fmt: skip
    mentoring.add_argument("--session-rate", type=_rate, default=0.7,
                           help="share of a pair's weekly sessions that happen (default 0.7)")  # fmt: skip
    simulate.add_argument(
        "--events-every",
        type=_count(0, 52),
        default=0,
        metavar="WEEKS",
        help="the lead holds a mixer with tables of 6 every this many weeks (default 0: none)",
    )
    simulate.add_argument("--rsvp-rate", type=_rate, default=0.6,
                          help="share of interns who go to each event; colleagues go at a quarter of it "
                          "(default 0.6)")  # fmt: skip
    simulate.add_argument("--seed", type=int, default=1, help="the same seed gives the same run (default 1)")
    simulate.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="also write the report with charts to this HTML file (needs rapport[report])",
    )
    simulate.add_argument("--force", action="store_true", help="replace the --html file if it exists")
    simulate.add_argument("--db", type=Path, help="keep the SQLite database in this new file (one cadence)")
    simulate.set_defaults(command=run, standalone="simulate")


def run(args: argparse.Namespace) -> int:
    from bot.sandbox.people import generate_program
    from bot.simulate.roster import people_from_roster
    from bot.simulate.run import MentoringRates, simulate
    from bot.simulate.table import table
    from bot.simulate.world import Program

    if not args.verbose:  # the rounds' own log lines would bury the progress line
        logging.getLogger().setLevel(logging.WARNING)
    try:
        if args.roster is not None:
            people = people_from_roster(_read(args.roster), args.seed)
        else:
            people = generate_program(args.interns, args.colleagues, args.mentors, args.teams, args.seed)
    except ValueError as error:
        return _fail(str(error))
    cadences = args.compare or [args.cadence]
    if args.html is not None:
        from bot.cli.report_page import check_target

        check_target(args.html, args.force)
    if args.db is not None:
        check_database_file(args.db, "--db")
    if args.db is not None and (len(cadences) > 1 or args.db.exists()):
        return _fail(f"--db takes a new file and one cadence: {args.db} " + (
            "already exists" if args.db.exists() else "would be shared by --compare's cadences"))  # fmt: skip
    outcomes = []
    for cadence in cadences:
        program = Program(tuple(people), cadence, args.weeks, START, args.events_every)
        progress = Progress(f"simulating {cadence.value}, hours", args.weeks * 7 * 24)
        step = lambda now, p=progress: p.step()  # noqa: E731
        rates = {"rsvp_rate": args.rsvp_rate, "intro_rate": args.intro_rate, "accept_rate": args.accept_rate}
        mentoring = MentoringRates(args.mentor_capacity, args.mentor_accept_rate, args.session_rate)
        outcomes.append(
            simulate(program, args.meet_rate, args.seed, step, args.db, mentoring=mentoring, **rates)
        )
        progress.finish()
    interns = sum(1 for p in people if p.role.value == "intern")
    heading = (f"{plural(len(people), 'person', 'people')} ({plural(interns, 'intern')}), "
               f"{plural(args.weeks, 'week')}, meet rate {args.meet_rate:.0%}, seed {args.seed}; "
               "spreads are min / p10 / median")  # fmt: skip
    print(heading)
    print(table(outcomes))
    if args.html is not None:
        return _write_report(args.html, outcomes, heading)
    return 0


def _write_report(path: Path, outcomes: list, heading: str) -> int:
    from bot.cli.report_page import page, write_report
    from bot.simulate.table import grid

    head, rows = grid(outcomes)
    document = page("Rapport: a simulated program", heading, head, rows, [o.record for o in outcomes])
    write_report(path, document)
    print(f"report written to {path}")
    return 0


def _read(path: Path) -> str:
    if not path.exists() and not path.is_symlink():
        raise ValueError(f"no roster file at {path}")
    return decode(read_bytes(path, "--roster"), "utf-8", f"the roster {path}")


def _fail(message: str) -> int:
    print(f"rapport simulate: {message}", file=sys.stderr)
    return 2


def _count(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.strip().isdigit() or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"choose a whole number from {low} to {high}, not {text!r}")
        return int(text)

    return parse


def _cadence(text: str) -> Frequency:
    try:
        return Frequency(text.strip().lower())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a cadence: use {', '.join(CADENCES)}") from None


def _cadences(text: str) -> list[Frequency]:
    chosen = [_cadence(part) for part in text.split(",") if part.strip()]
    if len(chosen) < 2 or len(set(chosen)) != len(chosen):
        raise argparse.ArgumentTypeError("name two or three different cadences, like weekly,biweekly")
    return chosen


def _rate(text: str) -> float:
    try:
        rate = float(text)
    except ValueError:
        rate = -1.0
    if not 0 <= rate <= 1:
        raise argparse.ArgumentTypeError(f"choose a share from 0 to 1, like 0.7, not {text!r}")
    return rate
