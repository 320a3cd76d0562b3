"""The sandbox's generated people: a believable program, the same for the same seed."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.domain.people.person import Role
from bot.domain.people.roster import read_roster
from bot.sandbox.people import TEAMS, generate_people
from bot.sandbox.world import roster_csv


def test_the_same_seed_makes_the_same_people_and_another_seed_others():
    assert generate_people(40, 1) == generate_people(40, 1)
    assert [p.real_name for p in generate_people(40, 1)] != [p.real_name for p in generate_people(40, 2)]


def test_a_quarter_are_interns_with_mentors_and_colleagues_across_teams_and_zones():
    people = generate_people(40, 1)
    roles = Counter(p.role for p in people)
    assert roles[Role.INTERN] == 10 and roles[Role.MENTOR] == 5 and roles[Role.COLLEAGUE] == 25
    assert {p.team for p in people} == set(TEAMS)
    assert len({p.tz for p in people}) >= 3
    assert all(len(p.interests) == 3 and p.working_on for p in people)


@pytest.mark.parametrize("count", [4, 40, 400])
def test_ids_and_handles_are_unique_and_the_roster_reads_cleanly(count: int):
    people = generate_people(count, 3)
    assert len({p.id for p in people}) == count and len({p.handle for p in people}) == count
    roster = read_roster(roster_csv(people, __import__("datetime").datetime(2026, 12, 7)))
    assert roster.problems == [] and len(roster.rows) == count


def test_too_few_people_is_refused():
    with pytest.raises(ValueError):
        generate_people(3, 1)
