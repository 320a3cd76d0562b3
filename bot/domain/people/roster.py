"""Reading a program lead's roster CSV: every bad row is reported by line and field, not just the first."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bot.domain.people.person import Role

COLUMNS = ("slack_id", "email", "role", "team", "internship_start", "internship_end")
IDENTIFIERS = ("slack_id", "email")  # a file needs one of them, and the role; the other columns are optional
MAX_TEAM_LENGTH = 80
FORMULA = "="  # what a cell a spreadsheet exported as a formula starts with (=HYPERLINK(…))

_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Report = Callable[[str, str], None]


@dataclass(frozen=True)
class RosterRow:
    """One valid line of the roster; who it is still has to be resolved in Slack."""

    line: int
    slack_id: str | None
    email: str | None
    role: Role
    team: str | None
    internship_start: date | None
    internship_end: date | None


@dataclass(frozen=True)
class RosterIdentity:
    """Who one line names, when its slack_id and email are well formed (other fields may still be wrong)."""

    line: int
    slack_id: str | None
    email: str | None


@dataclass(frozen=True)
class RosterProblem:
    """Why one line (or the header, line 1) cannot be imported."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


@dataclass(frozen=True)
class Roster:
    """A parsed file: the rows are only usable when `problems` is empty; `identities` lists every line
    whose person can be looked up in Slack, so Slack-side problems are found in the same pass.
    `columns` are the known columns the file has (one it lacks keeps what is stored); `warnings` import
    anyway (columns ignored, formulas read as text)."""

    rows: list[RosterRow]
    problems: list[RosterProblem]
    identities: list[RosterIdentity]
    columns: frozenset[str] = frozenset(COLUMNS)
    warnings: list[RosterProblem] = field(default_factory=list)


def parse_roster(text: str) -> tuple[list[RosterRow], list[RosterProblem]]:
    """Parse the whole file; the rows are only usable when the problem list is empty."""
    roster = read_roster(text)
    return roster.rows, roster.problems


def read_roster(text: str) -> Roster:
    """Parse the whole file, comma- or semicolon-separated (Excel's CSV in many locales)."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    header = next(reader, None)
    header_problem = _check_header(header)
    if header_problem:
        return Roster([], [header_problem], [])
    assert header is not None
    columns = [name.strip().lower() for name in header]
    warnings = _ignored_columns(header)
    rows: list[RosterRow] = []
    problems: list[RosterProblem] = []
    identities: list[RosterIdentity] = []
    start_line = 2
    for cells in reader:
        line = start_line
        start_line = reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            problems.append(_wrong_width(line, cells, len(columns)))
            continue
        known = {name: cell.strip() for name, cell in zip(columns, cells, strict=True) if name in COLUMNS}
        warnings.extend(_formulas(line, known))
        row, identity, row_problems = _parse_row(line, known)
        problems.extend(row_problems)
        if row is not None:
            rows.append(row)
        if identity is not None:
            identities.append(identity)
    duplicates = _duplicates(identities)
    problems.extend(duplicates)
    if not rows and not problems:
        problems.append(RosterProblem(2, "row", "the file has a header but no people"))
    repeated = {p.line for p in duplicates}
    identities = [i for i in identities if i.line not in repeated]
    present = frozenset(name for name in columns if name in COLUMNS)
    return Roster(rows, sorted(problems, key=lambda p: p.line), identities, present, warnings)


def _wrong_width(line: int, cells: list[str], width: int) -> RosterProblem:
    fields = "1 field" if len(cells) == 1 else f"{len(cells)} fields"
    hint = ""
    if len(cells) == 1 and ";" in cells[0]:
        hint = " (its fields are separated by ';', the header's are not: save every line the same way)"
    return RosterProblem(line, "row", f"has {fields}, the header has {width}{hint}")


def count_problems(count: int) -> str:
    """'1 problem', '2 problems'."""
    return f"{count} problem" if count == 1 else f"{count} problems"


def _delimiter(text: str) -> str:
    """',' unless the first line is the header separated by ';' (or a tab) instead."""
    first = text.split("\n", 1)[0]

    def known(delimiter: str) -> int:
        return sum(1 for name in first.split(delimiter) if name.strip().strip('"').lower() in COLUMNS)

    return max((",", ";", "\t"), key=known)  # a tie (no known column at all) keeps ','


def _check_header(header: list[str] | None) -> RosterProblem | None:
    """Only an identifier (slack_id or email) and the role are needed; unknown columns are ignored."""
    expected = ",".join(COLUMNS)
    if header is None:
        return RosterProblem(1, "header", f"the file is empty; the first line must be the header {expected}")
    names = [name.strip().lower() for name in header]
    if not any(name in COLUMNS for name in names):
        return RosterProblem(1, "header", f"the first line must be the header {expected}")
    twice = next((name for name in COLUMNS if names.count(name) > 1), None)
    if twice:
        return RosterProblem(1, "header", f"the column {twice} appears twice")
    if not any(name in IDENTIFIERS for name in names):
        return RosterProblem(1, "header", "name each person by a slack_id or an email column")
    if "role" not in names:
        return RosterProblem(1, "header", "the role column is missing (intern, colleague or mentor)")
    return None


def _ignored_columns(header: list[str]) -> list[RosterProblem]:
    """One warning naming the columns Rapport does not read (a spreadsheet's own: names, notes…)."""
    ignored = [name.strip() for name in header if name.strip().lower() not in COLUMNS]
    if not ignored:
        return []
    shown = ", ".join(name or "(no name)" for name in ignored)
    reads = ", ".join(COLUMNS)
    return [RosterProblem(1, "header", f"ignoring the columns {shown} (Rapport reads {reads})")]


def _formulas(line: int, cells: dict[str, str]) -> list[RosterProblem]:
    """A formula exported instead of its value (=HYPERLINK(…)) is read as text, with a warning."""
    return [
        RosterProblem(
            line,
            name,
            f"{_short(value)!r} is a spreadsheet formula, read as text: export the sheet's values, not its "
            "formulas",
        )
        for name, value in cells.items()
        if value.startswith(FORMULA)
    ]


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _parse_row(
    line: int, cells: dict[str, str]
) -> tuple[RosterRow | None, RosterIdentity | None, list[RosterProblem]]:
    problems: list[RosterProblem] = []

    def problem(field: str, message: str) -> None:
        problems.append(RosterProblem(line, field, message))

    slack_id = cells.get("slack_id") or None
    email = cells.get("email", "").lower() or None
    if slack_id is None and email is None:
        problem("slack_id", "give a slack_id or an email")
    if slack_id is not None and not _SLACK_ID.match(slack_id):
        problem("slack_id", f"{slack_id!r} is not a Slack user ID (like U012AB3CD)")
    if email is not None and not _EMAIL.match(email):
        problem("email", f"{cells['email']!r} is not an email address")
    identity = None if problems else RosterIdentity(line, slack_id, email)
    role = _role(cells["role"], problem)
    team = cells.get("team") or None
    if team is not None and len(team) > MAX_TEAM_LENGTH:
        problem("team", f"is longer than {MAX_TEAM_LENGTH} characters")
    start = _date(cells.get("internship_start", ""), "internship_start", problem)
    end = _date(cells.get("internship_end", ""), "internship_end", problem)
    if start and end and end < start:
        problem("internship_end", f"{end.isoformat()} is before internship_start {start.isoformat()}")
    if problems or role is None:
        return None, identity, problems
    return RosterRow(line, slack_id, email, role, team, start, end), identity, []


def _role(value: str, problem: Report) -> Role | None:
    try:
        return Role(value.lower())
    except ValueError:
        problem("role", f"{value!r} is not one of {', '.join(r.value for r in Role)}")
        return None


def _date(value: str, field: str, problem: Report) -> date | None:
    if not value:
        return None
    if not _ISO_DATE.match(value):
        problem(field, f"{value!r} is not a date in YYYY-MM-DD form")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problem(field, f"{value} is not a real date")
        return None


def _duplicates(rows: list[RosterIdentity]) -> list[RosterProblem]:
    seen: dict[tuple[str, str], int] = {}
    problems = []
    for row in rows:
        for column, value in (("slack_id", row.slack_id), ("email", row.email)):
            if value is None:
                continue
            first = seen.setdefault((column, value), row.line)
            if first != row.line:
                problems.append(RosterProblem(row.line, column, f"{value} is already on line {first}"))
    return problems


@dataclass(frozen=True)
class RosterCounts:
    """How many people a roster import added, changed, and left as they were."""

    added: int
    updated: int
    unchanged: int
