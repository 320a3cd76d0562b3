"""Reading the preferences a program lead collected with a form: a mentors sheet and a mentees sheet.

mentors: `mentor,capacity`; mentees: `mentee,choice1,choice2,choice3` (blank for none; a mentee who gave
no choice at all takes any mentor with room). People are Slack user IDs or emails, written the same way in
both sheets. Other columns are ignored (forms add a timestamp). Every bad row is reported by line and field,
not just the first, as the roster import does.
"""

from __future__ import annotations

import _csv
import csv
import io
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from bot.domain.mentoring.model import MAX_CAPACITY, MIN_CAPACITY, Mentee, Mentor

MENTOR_COLUMNS = ("mentor", "capacity")
MENTEE_COLUMNS = ("mentee", "choice1", "choice2", "choice3")
MAX_MENTORS = 1000
MAX_MENTEES = 2000
"""Four times the largest program (500 interns); the plan for 500 x 150 takes under 2 s."""

_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,31}$")
_EMAIL = re.compile(r"^[^@\s<>,;]{1,64}@[^@\s<>,;]+\.[^@\s<>,;]+$")
_MAX_EMAIL = 254


@dataclass(frozen=True)
class Problem:
    """Why one line (or the header, line 1) of a sheet cannot be planned with."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


@dataclass(frozen=True)
class MentorSheet:
    """The mentors (usable when there are no problems) and every well-formed name on a line, so a
    mentee's choice of a mentor whose capacity is wrong is not reported twice."""

    mentors: list[Mentor]
    problems: list[Problem]
    names: frozenset[str]

    @property
    def readable(self) -> bool:
        """False when the header is wrong, so no row could be read."""
        return not any(p.line == 1 for p in self.problems)


@dataclass(frozen=True)
class MenteeSheet:
    mentees: list[Mentee]  # in the file's order
    problems: list[Problem]


def person(value: str) -> str | None:
    """A Slack user ID as written, or an email in lower case; None when it is neither."""
    value = value.strip()
    if _SLACK_ID.match(value):
        return value
    if len(value) <= _MAX_EMAIL and _EMAIL.match(value):
        return value.lower()
    return None


def read_mentors(text: str) -> MentorSheet:
    mentors: list[Mentor] = []
    names: set[str] = set()
    problems, rows = _table(text, MENTOR_COLUMNS, MAX_MENTORS, "mentors")
    seen: dict[str, int] = {}
    for line, cells in rows:
        found = _person(line, "mentor", cells["mentor"], seen, problems)
        capacity = _capacity(line, cells["capacity"], problems)
        if found is not None:
            names.add(found)
            if capacity is not None:
                mentors.append(Mentor(found, capacity))
    return MentorSheet(mentors, sorted(problems, key=lambda p: p.line), frozenset(names))


def read_mentees(
    text: str, mentors: Collection[str] | None, mentors_file: str = "the mentors sheet"
) -> MenteeSheet:
    """The mentees, each choice checked against the mentors' names (None: the mentors sheet could not be
    read, so choices are only checked for their form)."""
    mentees: list[Mentee] = []
    problems, rows = _table(text, MENTEE_COLUMNS, MAX_MENTEES, "mentees")
    seen: dict[str, int] = {}
    for line, cells in rows:
        count = len(problems)
        mentee = _person(line, "mentee", cells["mentee"], seen, problems)
        choices = _choices(line, cells, mentee, mentors, mentors_file, problems)
        if mentee is not None and len(problems) == count:
            mentees.append(Mentee(mentee, choices, open_to_any=not choices))
    return MenteeSheet(mentees, sorted(problems, key=lambda p: p.line))


def _person(line: int, field: str, value: str, seen: dict[str, int], problems: list[Problem]) -> str | None:
    found = person(value)
    if found is None:
        problems.append(Problem(line, field, _not_a_person(value)))
        return None
    first = seen.setdefault(found, line)
    if first != line:
        problems.append(Problem(line, field, f"{found} is already on line {first}"))
        return None
    return found


def _not_a_person(value: str) -> str:
    if not value:
        return "is blank; give a Slack user ID (like U012AB3CD) or an email"
    return f"{_shown(value)} is not a Slack user ID (like U012AB3CD) or an email"


def _shown(value: str, limit: int = 40) -> str:
    """A cell as quoted in a message: in quotes, control characters escaped, cut at `limit`."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _capacity(line: int, value: str, problems: list[Problem]) -> int | None:
    if value.isascii() and value.isdigit() and MIN_CAPACITY <= int(value) <= MAX_CAPACITY:
        return int(value)
    what = f"{_shown(value)} is not" if value else "is blank; give"
    problems.append(Problem(line, "capacity", f"{what} a whole number from {MIN_CAPACITY} to {MAX_CAPACITY}"))
    return None


def _choices(
    line: int,
    cells: dict[str, str],
    mentee: str | None,
    mentors: Collection[str] | None,
    mentors_file: str,
    problems: list[Problem],
) -> tuple[str, ...]:
    def problem(field: str, message: str) -> None:
        problems.append(Problem(line, field, message))

    given = [(field, cells[field]) for field in MENTEE_COLUMNS[1:]]
    last = max((k for k, (_, value) in enumerate(given) if value), default=-1)
    chosen: dict[str, str] = {}
    for field, value in given[: last + 1]:
        found = person(value) if value else None
        if not value:
            problem(field, f"is blank but {given[last][0]} is not: fill the choices in order")
        elif found is None:
            problem(field, _not_a_person(value))
        elif found in chosen:
            problem(field, f"{found} is already {chosen[found]}: choose a mentor once")
        elif found == mentee:
            problem(field, f"{found} is the mentee themselves")
        elif mentors is not None and found not in mentors:
            problem(field, f"{found} is not in {mentors_file}")
        if found is not None:
            chosen.setdefault(found, field)
    return tuple(chosen)


Rows = list[tuple[int, dict[str, str]]]


def _table(text: str, columns: tuple[str, ...], limit: int, what: str) -> tuple[list[Problem], Rows]:
    """The rows as {column: stripped cell} by line, and the problems of the header and of row widths."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text, columns))
    problems: list[Problem] = []
    rows: Rows = []
    try:
        header = next(reader, None)
        problem = _check_header(header, columns)
        if problem or header is None:
            return [problem] if problem else [], []
        names = [name.strip().lower() for name in header]
        for line, cells in _lines(reader):
            if len(rows) == limit:
                problems.append(Problem(line, "row", f"more than {limit} {what}: split the program"))
                break
            if len(cells) != len(names):
                problems.append(Problem(line, "row", f"has {len(cells)} fields, the header has {len(names)}"))
                continue
            rows.append((line, {n: c.strip() for n, c in zip(names, cells, strict=True) if n in columns}))
    except csv.Error as error:
        problems.append(Problem(reader.line_num, "row", f"is not readable as CSV ({error})"))
    if not rows and not problems:
        problems.append(Problem(2, "row", f"the file has a header but no {what}"))
    return problems, rows


def _lines(reader: _csv.Reader) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows with the line each starts on (a quoted cell may span lines)."""
    start = reader.line_num + 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if any(cell.strip() for cell in cells):
            yield line, cells


def _delimiter(text: str, columns: tuple[str, ...]) -> str:
    """',' unless the header is separated by ';' (Excel's CSV in many locales) or a tab instead."""
    first = text.split("\n", 1)[0]

    def known(delimiter: str) -> int:
        return sum(1 for name in first.split(delimiter) if name.strip().strip('"').lower() in columns)

    return max((",", ";", "\t"), key=known)


def _check_header(header: list[str] | None, columns: tuple[str, ...]) -> Problem | None:
    expected = ",".join(columns)
    if header is None:
        return Problem(1, "header", f"the file is empty; the first line must be the header {expected}")
    names = [name.strip().lower() for name in header]
    missing = [name for name in columns if name not in names]
    if missing:
        return Problem(1, "header", f"missing {', '.join(missing)}; the first line must be {expected}")
    twice = sorted({name for name in names if name in columns and names.count(name) > 1})
    if twice:
        return Problem(1, "header", f"{', '.join(twice)} appears twice; the first line must be {expected}")
    return None
