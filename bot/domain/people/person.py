"""Who takes part in a program: a member of a workspace, their role and team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Role(StrEnum):
    """What a member is to the program; an unknown role counts as a colleague."""

    INTERN = "intern"
    COLLEAGUE = "colleague"
    MENTOR = "mentor"


@dataclass(frozen=True)
class Person:
    """One member of a workspace as the program lead's roster describes them."""

    team_id: str
    user_id: str
    role: Role
    email: str | None = None
    team: str | None = None
    internship_start: date | None = None
    internship_end: date | None = None
