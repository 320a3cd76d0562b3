"""What starting `rapport` costs, per command: CPU time, and which heavy libraries it loads.

    .venv/bin/python bench/cli_startup.py [--repeat 10]

Runs `python -m bot ARGS` --repeat times for each command line below, in a fresh process each time, and
prints a markdown table: the median CPU seconds (user + system, of the child: the machine is shared, so
wall clock says more about the neighbours) and wall seconds, and the heavy libraries the command imported
(from one more run with `-X importtime`). Nothing reads a database or calls Slack: these are --help and
the offline commands, on made-up files in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("slack_bolt", "slack_sdk", "sqlalchemy", "alembic", "networkx")
MENTORS = "mentor,capacity\nU0MENTOR1,2\n"
MENTEES = "mentee,choice1,choice2,choice3\nU0MENTEE1,U0MENTOR1,,\n"
ROSTER = "slack_id,email,role,team,internship_start,internship_end\nU0AMARA,,intern,Data,,\n"


def command_lines(folder: Path) -> list[list[str]]:
    (folder / "mentors.csv").write_text(MENTORS)
    (folder / "mentees.csv").write_text(MENTEES)
    (folder / "roster.csv").write_text(ROSTER)
    plan = ["mentoring", "plan", "--mentors", str(folder / "mentors.csv")]
    plan += ["--mentees", str(folder / "mentees.csv")]
    return [
        ["--help"],
        ["mentoring", "plan", "--help"],
        plan,
        ["roster", "import", "--check", str(folder / "roster.csv")],
        ["stats", "--help"],
    ]


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, exit status) of one `python -m bot ARGS`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot", *args], env=env, cwd=ROOT, capture_output=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall, done.returncode


def heavy_imports(args: list[str], env: dict[str, str]) -> list[str]:
    """The heavy libraries `python -X importtime -m bot ARGS` reports importing."""
    command = [sys.executable, "-X", "importtime", "-m", "bot", *args]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    loaded = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    return [name for name in HEAVY if name in loaded]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="runs per command (default 10)")
    options = parser.parse_args()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryDirectory() as folder:
        lines = command_lines(Path(folder))
        print("| command | exit | CPU (median) | wall (median) | heavy libraries imported |")
        print("|---|---|---|---|---|")
        for args in lines:
            runs = [run_once(args, env) for _ in range(options.repeat)]
            cpu = statistics.median(r[0] for r in runs)
            wall = statistics.median(r[1] for r in runs)
            shown = " ".join(a if not a.startswith(folder) else Path(a).name for a in args)
            loaded = ", ".join(heavy_imports(args, env)) or "none"
            status = "/".join(sorted({str(r[2]) for r in runs}))
            print(f"| `rapport {shown}` | {status} | {cpu:.2f} s | {wall:.2f} s | {loaded} |")


if __name__ == "__main__":
    main()
