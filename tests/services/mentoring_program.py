"""A small program for the mentoring use-case tests: mentors who signed up, interns with goals, and Slack."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.domain.mentoring.forms import Goals, Volunteering
from bot.domain.mentoring.schedule import Cadence
from bot.domain.people.person import Person, Role
from bot.services.mentoring import matching, preferences, volunteer
from tests.services.fakes import TEAM, FakeStore, slack_member
from tests.services.mentoring_messenger import FakeMentoringMessenger

MAYA, RAVI, KAVYA = "UMAYA", "URAVI", "UKAVYA"  # mentors
ANA, BEN, CHLOE, DEV = "UANA", "UBEN", "UCHLOE", "UDEV"  # interns
ADMIN = "UADMIN"
NEW_YORK = "America/New_York"
MONDAY = datetime(2026, 6, 1, 14, 0, tzinfo=UTC)  # 10:00 in New York
TOPICS = {MAYA: ("sql", "careers"), RAVI: ("design",), KAVYA: ("public speaking", "sql")}


def roster(store: FakeStore, interns: Sequence[str] = (ANA, BEN, CHLOE, DEV)) -> None:
    for user_id in (MAYA, RAVI, KAVYA):
        store.add_member(Person(TEAM, user_id, Role.MENTOR, team="Platform"))
    for user_id in interns:
        store.add_member(Person(TEAM, user_id, Role.INTERN, team="Payments"))
    store.add_member(Person(TEAM, ADMIN, Role.COLLEAGUE))


def slack() -> FakeMentoringMessenger:
    people = (MAYA, RAVI, KAVYA, ANA, BEN, CHLOE, DEV, ADMIN)
    return FakeMentoringMessenger([slack_member(u, tz=NEW_YORK) for u in people])


def sign_up(store: FakeStore, capacities: dict[str, int], cadence: Cadence = Cadence.WEEKLY) -> None:
    for user_id, capacity in capacities.items():
        volunteer.volunteer(
            store.unit_of_work, TEAM, user_id, Volunteering(capacity, TOPICS[user_id], cadence), MONDAY
        )


def wants(
    store: FakeStore, mentee: str, choices: Sequence[str] = (), any_of_these: bool = False, goals=("sql",)
) -> None:  # type: ignore[no-untyped-def]
    error = preferences.save_goals(store.unit_of_work, TEAM, mentee, Goals(tuple(goals), None), MONDAY)
    assert error is None
    picked = tuple(choices) + (None,) * (3 - len(choices))
    ranking, errors = preferences.save_ranking(store.unit_of_work, TEAM, mentee, picked, any_of_these, MONDAY)
    assert ranking is not None, errors


def close_window(store: FakeStore, messenger: FakeMentoringMessenger) -> int:
    """Open a window that closes tomorrow (New York), then run the tick that closes it."""
    change = matching.open_window(store.unit_of_work, TEAM, ADMIN, MONDAY.date(), NEW_YORK, MONDAY)
    assert change.window is not None
    return matching.close_due_windows(store.unit_of_work, lambda _: messenger, MONDAY + timedelta(days=1))


def pairs(store: FakeStore) -> dict[str, tuple[str, str]]:
    """mentee -> (mentor, status) of their newest pair."""
    found: dict[str, tuple[str, str]] = {}
    for stored in sorted(store.committed.mentoring.pairs.values(), key=lambda s: s.pair.id):
        found[stored.pair.mentee_id] = (stored.pair.mentor_id, stored.pair.status.value)
    return found
