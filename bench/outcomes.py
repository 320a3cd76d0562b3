"""Outcomes benchmark (issue #16): 12 weeks of a 320-person program, weekly against biweekly rounds.

    .venv/bin/python bench/outcomes.py [--weeks 12] [--seed 1]

Runs `rapport simulate`'s engine (Rapport's real due work and services against the fake Slack) and prints
the table with the time each cadence took. Goal to report against: every intern meets at least 10
colleagues across at least 5 teams; every intern who goes 14 days without a meeting is flagged within a
day; 12 weeks of 320 people in under 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli.simulate import START
from bot.domain.coffee.model import Frequency
from bot.sandbox.people import generate_program
from bot.simulate.run import simulate
from bot.simulate.table import table
from bot.simulate.world import Program


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    people = tuple(generate_program(60, 240, 20, 8, args.seed))
    began = time.monotonic()
    outcomes = [
        simulate(Program(people, cadence, args.weeks, START), 0.7, args.seed)
        for cadence in (Frequency.WEEKLY, Frequency.BIWEEKLY)
    ]
    print(f"60 interns, 240 colleagues, 20 mentors, 8 teams; {args.weeks} weeks; meet rate 70 %; "
          f"seed {args.seed}; spreads are min / p10 / median")  # fmt: skip
    print(table(outcomes))
    print(f"total {time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    main()
