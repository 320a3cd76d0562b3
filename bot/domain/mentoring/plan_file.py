"""Reading a plan made offline by `rapport mentoring plan` (mentee,mentor,choice), to send its proposals
in the workspace with `rapport mentoring apply`. Every bad row is named by line and field; rows with no
mentor (mentees the plan left unmatched) are kept, not refused."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.mentoring.model import MAX_CHOICES
from bot.domain.mentoring.preferences import MAX_MENTEES, Problem, _table, person

PLAN_COLUMNS = ("mentee", "mentor", "choice")
ANY = "any"


@dataclass(frozen=True)
class PlanRow:
    line: int
    mentee: str  # a Slack user ID, or an email in lower case
    mentor: str | None  # None: the plan left this mentee unmatched
    choice: int | None  # None: "any" (or unmatched)


@dataclass(frozen=True)
class PlanFile:
    rows: list[PlanRow]
    problems: list[Problem]


def read_plan(text: str) -> PlanFile:
    problems, table = _table(text, PLAN_COLUMNS, MAX_MENTEES, "mentees")
    rows: list[PlanRow] = []
    seen: dict[str, int] = {}
    for line, cells in table:
        count = len(problems)
        mentee = _person(line, "mentee", cells["mentee"], problems)
        mentor = _person(line, "mentor", cells["mentor"], problems) if cells["mentor"] else None
        choice = _choice(line, cells["choice"], mentor is not None or not cells["mentor"], problems)
        if mentee is not None and (first := seen.setdefault(mentee, line)) != line:
            problems.append(Problem(line, "mentee", f"{mentee} is already on line {first}"))
        if mentee is not None and mentee == mentor:
            problems.append(Problem(line, "mentor", f"{mentor} is the mentee themselves"))
        if mentee is not None and len(problems) == count:
            rows.append(PlanRow(line, mentee, mentor, choice if mentor else None))
    return PlanFile(rows, sorted(problems, key=lambda p: p.line))


def _person(line: int, field: str, value: str, problems: list[Problem]) -> str | None:
    found = person(value)
    if found is None:
        shown = repr(value[:40]) if value else "blank"
        problems.append(Problem(line, field, f"{shown} is not a Slack user ID (like U012AB3CD) or an email"))
    return found


def _choice(line: int, value: str, checked: bool, problems: list[Problem]) -> int | None:
    value = value.strip().lower()
    if not value or value == ANY or not checked:
        return None
    if value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_CHOICES:
        return int(value)
    problems.append(Problem(line, "choice", f"{value[:20]!r} is not 1 to {MAX_CHOICES}, 'any' or blank"))
    return None
