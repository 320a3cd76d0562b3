"""People for a simulation from a roster file, in `rapport roster import`'s format.

The roster says who is who (role, team); the simulation makes up the rest (names, time zones) and
gives every intern an internship spanning the simulated weeks.
"""

from __future__ import annotations

import hashlib
import random

from bot.domain.people.roster import count_problems, read_roster
from bot.sandbox.people import FIRST, INTERESTS, LAST, TIME_ZONES, SandboxPerson


def people_from_roster(text: str, seed: int) -> list[SandboxPerson]:
    """One person per roster line; a ValueError names the first problem of a file that has any."""
    roster = read_roster(text)
    if roster.problems:
        more = f" ({count_problems(len(roster.problems))} in all)" if len(roster.problems) > 1 else ""
        raise ValueError(f"the roster has a problem: {roster.problems[0]}{more}")
    rng = random.Random(seed)
    people = []
    for row in roster.rows:
        user_id = row.slack_id or _id_for(row.email or str(row.line))
        first, last = rng.choice(FIRST), rng.choice(LAST)
        team = row.team or "No team"
        people.append(
            SandboxPerson(
                id=user_id,
                handle=f"{first.lower()}.{row.line}",
                real_name=f"{first} {last}",
                tz=rng.choice(TIME_ZONES),
                role=row.role,
                team=team,
                title=f"{row.role.value.title()}, {team}",
                interests=tuple(rng.sample(INTERESTS, 3)),
                working_on="the roadmap",
            )
        )
    return people


def _id_for(email: str) -> str:
    """A made-up Slack ID for a person the roster names by e-mail only (the same for the same e-mail)."""
    return "U" + hashlib.sha256(email.lower().encode()).hexdigest()[:10].upper()
