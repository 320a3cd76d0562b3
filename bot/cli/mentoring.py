"""`rapport mentoring plan`: who mentors whom, from the two sheets a program lead collected with a form.

Offline and standalone: no Slack token, no database, no settings read (not even .env). Every problem is
one line on standard error naming the file and the line, and exits with 2 before anything is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from bot.cli import mentoring_workspace
from bot.cli.help import with_examples
from bot.domain.mentoring import preferences
from bot.domain.mentoring.model import MAX_CAPACITY, MIN_CAPACITY, Assignment, Plan
from bot.domain.mentoring.preferences import MENTEE_COLUMNS, MENTOR_COLUMNS, read_mentees, read_mentors
from bot.domain.spreadsheet import csv_lines

PLAN_COLUMNS = ("mentee", "mentor", "choice")
ANY = "any"  # the choice column of a mentee who gave no choice and got any mentor with room


def add(sub: argparse._SubParsersAction) -> None:
    mentoring = sub.add_parser(
        "mentoring",
        help="mentoring: plan who mentors whom from a spreadsheet, offline",
        description="Mentoring: a mentor who fits for every intern.",
        **with_examples("rapport mentoring plan --mentors mentors.csv --mentees mentees.csv"),
    )
    mentoring.set_defaults(command=lambda args: _help(mentoring), standalone=True)
    actions = mentoring.add_subparsers(title="actions", metavar="ACTION")
    plan = actions.add_parser(
        "plan",
        help="assign mentors from two CSV files; no token, no database",
        description="Assign mentors from the preferences collected with a form. The rule: match as many "
        "mentees as possible; then give the most their first choice, then second, then third; never more "
        f"mentees than a mentor's capacity ({MIN_CAPACITY}-{MAX_CAPACITY}). A mentee with no choice takes "
        "any mentor with room. People are Slack user IDs or emails, written the same way in both files. "
        "Prints the plan as CSV (mentee,mentor,choice) and a summary on standard error.",
        **with_examples(
            "rapport mentoring plan --mentors mentors.csv --mentees mentees.csv",
            "rapport mentoring plan --mentors mentors.csv --mentees mentees.csv --output plan.csv",
        ),
    )
    plan.add_argument("--mentors", type=Path, required=True, metavar="FILE",
                      help=f"CSV with the header {','.join(MENTOR_COLUMNS)}")  # fmt: skip
    plan.add_argument("--mentees", type=Path, required=True, metavar="FILE",
                      help=f"CSV with the header {','.join(MENTEE_COLUMNS)} (blank for none)")  # fmt: skip
    plan.add_argument("--output", type=Path, metavar="FILE", help="write the plan to this file (default: "
                      "standard output); an existing file only with --force")  # fmt: skip
    plan.add_argument("--force", action="store_true", help="let --output replace an existing file")
    plan.set_defaults(command=run, standalone=True)
    mentoring_workspace.add_actions(actions)


def run(args: argparse.Namespace) -> int:
    mentors_text, mentors_problem = _read(args.mentors)
    mentees_text, mentees_problem = _read(args.mentees)
    problems = [p for p in (_target_problem(args), mentors_problem, mentees_problem) if p]
    if problems or mentors_text is None or mentees_text is None:
        return _fail(*problems)
    mentors = read_mentors(mentors_text)
    known = mentors.names if mentors.readable else None  # a wrong header: not every choice is unknown
    mentees = read_mentees(mentees_text, known, args.mentors.name)
    problems = [*_named(args.mentors, mentors.problems), *_named(args.mentees, mentees.problems)]
    if problems:
        count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
        return _fail(*problems, f"{count} to fix; no plan made")
    from bot.domain.mentoring.assignment import assign  # networkx: not for --help

    plan = assign(mentees.mentees, mentors.mentors)
    lines = csv_lines(PLAN_COLUMNS, _rows(plan, [m.user_id for m in mentees.mentees]))
    if args.output is None:
        sys.stdout.writelines(lines)
    else:
        failed = _write(args.output, lines)
        if failed:
            return _fail(failed)
    places = sum(m.capacity for m in mentors.mentors)
    print(summary(plan, len(mentors.mentors), places), file=sys.stderr)
    return 0


def summary(plan: Plan, mentors: int, places: int) -> str:
    matched, first, second, third = plan.signature()
    anyone = matched - first - second - third
    mentees = matched + len(plan.unmatched)
    return (
        f"{matched} of {mentees} mentees matched: {first} first choice, {second} second, {third} third, "
        f"{anyone} any mentor; {len(plan.unmatched)} unmatched ({mentors} mentors, {places} places)"
    )


def _rows(plan: Plan, order: list[str]) -> Iterator[tuple[str, str, str]]:
    """One row per mentee, in the mentees file's order."""
    by_mentee: dict[str, Assignment] = {a.mentee: a for a in plan.assignments}
    for mentee in order:
        got = by_mentee.get(mentee)
        if got is None:
            yield mentee, "", ""
        else:
            yield mentee, got.mentor, ANY if got.choice is None else str(got.choice)


def _target_problem(args: argparse.Namespace) -> str | None:
    """Why --output cannot be written, checked before any work; None when it can."""
    target: Path | None = args.output
    if target is None:
        return None
    if target.is_dir():
        return f"--output {target} is a folder; name a file like plan.csv"
    if not target.parent.is_dir():
        return f"--output: no folder {target.parent} to write {target.name} in"
    if any(target.resolve() == source.resolve() for source in (args.mentors, args.mentees)):
        return f"--output {target} is one of the input files; name a new file like plan.csv"
    if target.exists() and not args.force:
        return f"--output {target} already exists; add --force to replace it"
    return None


def _read(path: Path) -> tuple[str | None, str | None]:
    """The file's text, or why it cannot be read."""
    if not path.exists():
        return None, f"{path} does not exist"
    if path.is_dir():
        return None, f"{path} is a folder, not a CSV file"
    try:
        return path.read_text(encoding="utf-8-sig"), None
    except OSError as error:
        return None, f"cannot read {path}: {error.strerror or error}"
    except UnicodeDecodeError:
        return None, f"{path} is not UTF-8 text: save it as 'CSV UTF-8'"


def _named(path: Path, problems: list[preferences.Problem]) -> list[str]:
    return [f"{path}, {problem}" for problem in problems]


def _write(path: Path, lines: Iterator[str]) -> str | None:
    """Write the file whole or not at all; the error if any."""
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            out.writelines(lines)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        return f"cannot write {path}: {error.strerror or error}"
    return None


def _fail(*lines: str) -> int:
    for line in lines:
        print(f"rapport mentoring plan: {line}", file=sys.stderr)
    return 2


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2
