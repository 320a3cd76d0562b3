"""The sandbox's made-up workspace: interns, colleagues and mentors across teams and time zones.

Deterministic for a seed, so two visitors (or a test and a bug report) see the same people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.domain.people.person import Role

TEAMS = ("Payments", "Platform", "Mobile", "Data", "Design", "Growth")
MORE_TEAMS = ("Search", "Security", "Infra", "Support", "Sales", "Research", "Finance", "Legal")
TIME_ZONES = ("America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kolkata")
FIRST = (
    "Amara", "Ben", "Chloé", "Dev", "Elena", "Farid", "Grace", "Hiro", "Isabel", "James", "Kavya", "Liam",
    "Maya", "Noah", "Olivia", "Pranav", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Ximena",
    "Yusuf", "Zoë", "Aiko", "Bruno", "Carmen", "Dmitri", "Esi", "Felix", "Gita", "Hamid", "Ines", "Jonas",
)  # fmt: skip
LAST = (
    "Okafor", "Carter", "Dubois", "Patel", "Rossi", "Haddad", "Kim", "Tanaka", "Moreno", "Whitfield",
    "Iyer", "O'Brien", "Chen", "Schwartz", "Brown", "Rao", "Murphy", "Álvarez", "Taylor", "Aziz", "Müller",
    "Nakamura", "Silva", "Novak", "Mensah", "Larsen", "Costa", "Singh", "Kowalski", "Nguyen",
)  # fmt: skip
INTERESTS = (
    "chess", "climbing", "baking", "rust", "jazz", "running", "board games", "photography", "hiking",
    "sci-fi", "gardening", "football", "cycling", "podcasts", "origami", "yoga", "typography", "go",
)  # fmt: skip
WORK = {
    "Payments": ("fraud signals", "the checkout flow", "refund automation"),
    "Platform": ("the deploy pipeline", "service mesh upgrades", "build caching"),
    "Mobile": ("offline sync", "the onboarding screens", "push notifications"),
    "Data": ("the metrics warehouse", "an A/B testing library", "churn forecasts"),
    "Design": ("the design system", "accessibility audits", "the new icons"),
    "Growth": ("referral experiments", "the pricing page", "lifecycle emails"),
}
MENTOR_TOPICS = {  # what a mentor of each team lists to be found by (`/intro mentors design`)
    "Payments": ("payments", "career advice", "code review"),
    "Platform": ("infrastructure", "career advice", "code review"),
    "Mobile": ("mobile apps", "career advice", "code review"),
    "Data": ("data science", "career advice", "sql"),
    "Design": ("design", "career advice", "user research"),
    "Growth": ("experiments", "career advice", "marketing"),
}
LEAD_ID = "U0LEAD"
TEAM_ID = "T0RAPPORT"  # the sandbox's workspace; a --db file holding any other is refused


@dataclass(frozen=True)
class SandboxPerson:
    id: str
    handle: str
    real_name: str
    tz: str
    role: Role
    team: str
    title: str
    interests: tuple[str, ...]
    working_on: str


def generate_program(
    interns: int, colleagues: int, mentors: int, teams: int, seed: int
) -> list[SandboxPerson]:
    """A program of the given shape: interns first, then mentors, then colleagues, spread over `teams`."""
    if interns < 1 or teams < 1 or min(colleagues, mentors) < 0:
        raise ValueError("a program needs at least one intern and one team")
    names = (*TEAMS, *MORE_TEAMS)
    team_names = [names[i] if i < len(names) else f"Team {i + 1}" for i in range(teams)]
    roles = [Role.INTERN] * interns + [Role.MENTOR] * mentors + [Role.COLLEAGUE] * colleagues
    return _people(roles, team_names, random.Random(seed))


def generate_people(count: int, seed: int) -> list[SandboxPerson]:
    """`count` people: about a quarter interns, one mentor per ~8, the rest colleagues."""
    if count < 4:
        raise ValueError("the sandbox needs at least 4 people")
    interns = max(1, round(count * 0.25))
    mentors = max(1, count // 8)
    roles = [Role.INTERN if i < interns else Role.MENTOR if i < interns + mentors else Role.COLLEAGUE
             for i in range(count)]  # fmt: skip
    return _people(roles, list(TEAMS), random.Random(seed))


def _people(roles: list[Role], teams: list[str], rng: random.Random) -> list[SandboxPerson]:
    names = [(f, la) for f in FIRST for la in LAST]
    rng.shuffle(names)
    people = []
    for i, role in enumerate(roles):
        first, last = names[i % len(names)]
        team = teams[i % len(teams)]
        title = {Role.INTERN: f"{team} Intern", Role.MENTOR: f"Senior Engineer, {team}"}.get(
            role, f"{rng.choice(('Engineer', 'Designer', 'Analyst', 'Manager'))}, {team}"
        )
        people.append(
            SandboxPerson(
                id=f"U{i + 1:04d}{first[:3].upper().encode('ascii', 'ignore').decode() or 'X'}",
                handle=f"{first.lower()}.{i + 1}",
                real_name=f"{first} {last}",
                tz=TIME_ZONES[rng.randrange(len(TIME_ZONES))],
                role=role,
                team=team,
                title=title,
                interests=tuple(rng.sample(INTERESTS, 3)),
                working_on=rng.choice(WORK.get(team, ("the roadmap", "internal tools", "a migration"))),
            )
        )
    return people
