"""Import a program lead's roster: all of it or, when any row is wrong, none of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from bot.domain.people.person import Person
from bot.domain.people.roster import COLUMNS, RosterCounts, RosterIdentity, RosterProblem, read_roster
from bot.services.people.ports import DirectoryUser, UserDirectory
from bot.services.people.profiles import wake_dated_work
from bot.services.ports import UnitOfWork

# Up to this many people are looked up one call each (users.info is Tier 4, users.lookupByEmail
# Tier 3: a burst). More walk users.list once (Tier 2, 200 a page): a 10,000-person file takes ~50
# calls instead of 10,000, while a handful of people in a 50,000-person workspace still take a
# handful of calls rather than 250 pages.
LOOK_UP_ONE_BY_ONE = 20

Found = dict[int, DirectoryUser]  # line → the account it names
_KEPT = ("team", "internship_start", "internship_end")  # a file may leave these out; the email is Slack's


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
    progress: Callable[[int], None] | None = None,
) -> RosterImport:
    """Parse, resolve every line in Slack (even lines with format problems, so the lead fixes the
    file once), then store the people, and what Slack said about them in the member directory, in one
    transaction when nothing at all is wrong.

    `progress(n)` is told each time n more lines are resolved."""
    roster = read_roster(text)
    step = progress or (lambda _: None)
    if len(roster.identities) <= LOOK_UP_ONE_BY_ONE:
        found = _one_by_one(roster.identities, directory, step)
    else:
        found = _walk(roster.identities, directory, step)
    slack_side = {i.line: p for i in roster.identities if (p := _check(i, found.get(i.line)))}
    accounts = [i for i in roster.identities if i.line not in slack_side]
    problems = roster.problems + list(slack_side.values()) + _same_account(accounts, found)
    if problems:
        return RosterImport(problems=sorted(problems, key=lambda p: p.line))
    people = [
        Person(
            team_id=team_id,
            user_id=found[row.line].user_id,
            role=row.role,
            email=row.email or found[row.line].email,
            team=row.team,
            internship_start=row.internship_start,
            internship_end=row.internship_end,
        )
        for row in roster.rows
    ]
    with uow:
        if roster.columns != frozenset(COLUMNS):
            people = _keep_what_the_file_lacks(people, roster.columns, uow.members.list_team(team_id))
        counts = uow.members.upsert_roster(people, now)
        # Slack was asked about everyone just now: the member directory keeps who they are
        uow.directory.save(team_id, [found[row.line].directory_member() for row in roster.rows], now)
        wake_dated_work(uow, now)
        uow.commit()
    return RosterImport(counts=counts)


def _keep_what_the_file_lacks(
    people: list[Person], columns: frozenset[str], stored: list[Person]
) -> list[Person]:
    """A column the file does not have (a team, dates) keeps what is stored, rather than erasing it."""
    kept = {person.user_id: person for person in stored}
    lacking = [name for name in _KEPT if name not in columns]
    return [
        replace(person, **{name: getattr(kept[person.user_id], name) for name in lacking})
        if person.user_id in kept
        else person
        for person in people
    ]


def _one_by_one(
    identities: list[RosterIdentity], directory: UserDirectory, step: Callable[[int], None]
) -> Found:
    found: Found = {}
    for identity in identities:
        if identity.slack_id:
            user = directory.by_id(identity.slack_id)
        else:
            assert identity.email is not None
            user = directory.by_email(identity.email)
        if user is not None:
            found[identity.line] = user
        step(1)
    return found


def _walk(identities: list[RosterIdentity], directory: UserDirectory, step: Callable[[int], None]) -> Found:
    """One walk of the whole directory, stopped early once every line has found a live account."""
    by_id = {i.slack_id: i.line for i in identities if i.slack_id}
    by_email = {i.email: i.line for i in identities if not i.slack_id and i.email}
    found: Found = {}
    settled: set[int] = set()  # lines whose account is live: a deactivated one may share its email
    for page in directory.pages():
        for user in page:
            for line in (by_id.get(user.user_id), by_email.get((user.email or "").lower())):
                if line is None or line in settled:
                    continue
                found[line] = user
                if not user.deleted:
                    settled.add(line)
                    step(1)
        if len(settled) == len(identities):
            break
    step(len(identities) - len(settled))
    return found


def _same_account(identities: list[RosterIdentity], found: Found) -> list[RosterProblem]:
    """One person named twice, once by slack_id and once by email."""
    first: dict[str, int] = {}
    problems = []
    for identity in identities:
        user = found.get(identity.line)
        if user is None:
            continue
        line = first.setdefault(user.user_id, identity.line)
        if line != identity.line:
            problems.append(
                RosterProblem(identity.line, "slack_id", f"{user.user_id} is already on line {line}")
            )
    return problems


def _check(identity: RosterIdentity, user: DirectoryUser | None) -> RosterProblem | None:
    field_name = "slack_id" if identity.slack_id else "email"
    value = identity.slack_id or identity.email
    if user is None:
        return RosterProblem(identity.line, field_name, f"no member {value} in this Slack workspace")
    if user.is_bot:
        return RosterProblem(identity.line, field_name, f"{value} is a bot, not a person")
    if user.deleted:
        return RosterProblem(identity.line, field_name, f"{value} is deactivated in Slack")
    if identity.slack_id and identity.email and user.email and user.email.lower() != identity.email:
        return RosterProblem(
            identity.line, "email", f"{identity.email} does not match {identity.slack_id}'s Slack email"
        )
    return None
