"""The mentoring rule against a brute force on small random programs: the same optimum, every time."""

from __future__ import annotations

from collections import Counter
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.mentoring.assignment import assign
from bot.domain.mentoring.fit import fit
from bot.domain.mentoring.model import Mentee, Mentor, Plan

IDS = ("M1", "M2", "M3", "M4")
TOPICS = ("data", "rust", "design")
TEAMS = (None, "A", "B")
OFFSETS = (None, 0, 60, -300, 540)


@st.composite
def programs(draw):
    ids = draw(st.lists(st.sampled_from(IDS), max_size=4, unique=True))
    mentors = [
        Mentor(
            i,
            draw(st.integers(1, 3)),
            tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))),
            draw(st.sampled_from(TEAMS)),
            draw(st.sampled_from(OFFSETS)),
        )
        for i in ids
    ]
    mentees = [
        Mentee(
            f"E{k}",
            tuple(draw(st.lists(st.sampled_from((*IDS, "M9")), max_size=3, unique=True))),  # M9: gone
            draw(st.booleans()),
            tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=3, unique=True))),
            draw(st.sampled_from(TEAMS)),
            draw(st.sampled_from(OFFSETS)),
        )
        for k in range(draw(st.integers(0, 5)))
    ]
    taken = {i: draw(st.integers(0, 2)) for i in ids if draw(st.booleans())}
    exclude = set(draw(st.lists(st.tuples(st.sampled_from([m.user_id for m in mentees] or ["E0"]),
                                          st.sampled_from(IDS)), max_size=3)))  # fmt: skip
    return mentees, mentors, taken, exclude


def acceptable(mentee: Mentee, mentor: Mentor, exclude: set[tuple[str, str]]) -> bool:
    """Straight from the rule: a ranked mentor, or anyone for "any of these"; never a decliner."""
    wanted = mentor.user_id in mentee.choices or mentee.open_to_any
    return wanted and (mentee.user_id, mentor.user_id) not in exclude


def brute_force(mentees, mentors, taken, exclude) -> tuple[tuple[int, int, int, int], int]:
    """The best (signature, total fit) over every way to give each mentee one mentor or none."""
    places = {m.user_id: m.capacity - taken.get(m.user_id, 0) for m in mentors}
    options = [[None, *(m for m in mentors if acceptable(e, m, exclude))] for e in mentees]
    best = ((0, 0, 0, 0), 0)
    for picks in product(*options):
        loads = Counter(m.user_id for m in picks if m is not None)
        if any(count > places[mentor] for mentor, count in loads.items()):
            continue
        chosen = [(e, m) for e, m in zip(mentees, picks, strict=True) if m is not None]
        ranks = Counter(e.rank_of(m.user_id) for e, m in chosen)
        signature = (len(chosen), ranks[1], ranks[2], ranks[3])
        best = max(best, (signature, sum(fit(e, m).score for e, m in chosen)))
    return best


def check_feasible(plan: Plan, mentees, mentors, taken, exclude) -> None:
    by_id = {m.user_id: m for m in mentors}
    people = {e.user_id: e for e in mentees}
    assert sorted([*(a.mentee for a in plan.assignments), *plan.unmatched]) == sorted(people)
    for a in plan.assignments:
        assert acceptable(people[a.mentee], by_id[a.mentor], exclude)
        assert a.choice == people[a.mentee].rank_of(a.mentor)
    for mentor, load in plan.loads().items():
        assert load + taken.get(mentor, 0) <= by_id[mentor].capacity


@settings(max_examples=200, deadline=None)
@given(programs())
def test_the_plan_is_feasible_and_as_good_as_the_brute_force_optimum(program):
    mentees, mentors, taken, exclude = program
    plan = assign(mentees, mentors, taken, exclude)
    check_feasible(plan, mentees, mentors, taken, exclude)
    signature, total_fit = brute_force(mentees, mentors, taken, exclude)
    assert plan.signature() == signature
    assert sum(a.fit.score for a in plan.assignments) == total_fit
