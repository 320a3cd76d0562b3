"""Import a program lead's roster: all of it or, when any row is wrong, none of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.people.person import Person
from bot.domain.people.roster import RosterCounts, RosterProblem, RosterRow, parse_roster
from bot.services.people.ports import DirectoryUser, UserDirectory
from bot.services.ports import UnitOfWork


@dataclass(frozen=True)
class RosterImport:
    """What an import did: counts when it was stored, problems when nothing was."""

    counts: RosterCounts | None = None
    problems: list[RosterProblem] = field(default_factory=list)


def import_roster(
    text: str,
    team_id: str,
    directory: UserDirectory,
    uow: UnitOfWork,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> RosterImport:
    """Parse, resolve every row in Slack, then store them in one transaction."""
    rows, problems = parse_roster(text)
    if problems:
        return RosterImport(problems=problems)
    people, problems = _resolve(rows, team_id, directory, progress)
    if problems:
        return RosterImport(problems=problems)
    with uow:
        counts = uow.members.upsert_roster(people, now)
        uow.commit()
    return RosterImport(counts=counts)


def _resolve(
    rows: list[RosterRow],
    team_id: str,
    directory: UserDirectory,
    progress: Callable[[int, int], None] | None,
) -> tuple[list[Person], list[RosterProblem]]:
    people: list[Person] = []
    problems: list[RosterProblem] = []
    lines_by_user: dict[str, int] = {}
    for done, row in enumerate(rows, start=1):
        user, problem = _look_up(row, directory)
        if progress:
            progress(done, len(rows))
        if problem:
            problems.append(problem)
            continue
        assert user is not None
        first = lines_by_user.setdefault(user.user_id, row.line)
        if first != row.line:
            problems.append(RosterProblem(row.line, "slack_id", f"{user.user_id} is already on line {first}"))
            continue
        people.append(
            Person(
                team_id=team_id,
                user_id=user.user_id,
                role=row.role,
                email=row.email or user.email,
                team=row.team,
                internship_start=row.internship_start,
                internship_end=row.internship_end,
            )
        )
    return people, problems


def _look_up(row: RosterRow, directory: UserDirectory) -> tuple[DirectoryUser | None, RosterProblem | None]:
    if row.slack_id:
        user, field_name, value = directory.by_id(row.slack_id), "slack_id", row.slack_id
    else:
        assert row.email is not None
        user, field_name, value = directory.by_email(row.email), "email", row.email
    if user is None:
        return None, RosterProblem(row.line, field_name, f"no member {value} in this Slack workspace")
    if user.is_bot:
        return None, RosterProblem(row.line, field_name, f"{value} is a bot, not a person")
    if user.deleted:
        return None, RosterProblem(row.line, field_name, f"{value} is deactivated in Slack")
    if row.slack_id and row.email and user.email and user.email.lower() != row.email:
        return None, RosterProblem(
            row.line, "email", f"{row.email} does not match {row.slack_id}'s Slack email"
        )
    return user, None
