"""The mentoring rule: as many matched as possible, then first choices, second, third, then fit."""

from __future__ import annotations

import random

import pytest

from bot.domain.mentoring.assignment import Weights, assign, assign_one
from bot.domain.mentoring.fit import FIT_MAX
from bot.domain.mentoring.model import Mentee, Mentor


def pairs(plan) -> dict[str, tuple[str, int | None]]:
    return {a.mentee: (a.mentor, a.choice) for a in plan.assignments}


def mentors(*ids: str, capacity: int = 1) -> list[Mentor]:
    return [Mentor(i, capacity) for i in ids]


def test_the_issue_example_beats_first_come_first_served():
    """A ranks M1 then M2, B ranks only M1, each mentor takes one: A gets M2 and B gets M1."""
    a, b = Mentee("A", ("M1", "M2")), Mentee("B", ("M1",))
    plan = assign([a, b], mentors("M1", "M2"))
    assert pairs(plan) == {"A": ("M2", 2), "B": ("M1", 1)}
    assert plan.unmatched == ()
    first_come = assign_one(a, mentors("M1", "M2"))
    assert first_come is not None and first_come.mentor == "M1"
    assert assign_one(b, mentors("M1", "M2"), taken={"M1": 1}) is None  # B would have been left out


def test_matching_one_more_mentee_beats_two_first_choices():
    p, q, r = Mentee("P", ("M1", "M3")), Mentee("Q", ("M2", "M1")), Mentee("R", ("M2",))
    plan = assign([p, q, r], mentors("M1", "M2", "M3"))
    # P->M1, Q->M2 would give two first choices but leave R (who wants only M2) without a mentor.
    assert pairs(plan) == {"P": ("M3", 2), "Q": ("M1", 2), "R": ("M2", 1)}
    assert plan.signature() == (3, 1, 2, 0)


def test_one_more_first_choice_beats_fewer_second_choices():
    p, q, r = Mentee("P", ("M1", "M2")), Mentee("Q", ("M3", "M1")), Mentee("R", ("M3", "M2"))
    plan = assign([p, q, r], mentors("M1", "M2", "M3"))
    # P->M2, Q->M1, R->M3 would be 1 first and 2 seconds; the rule takes 2 firsts and 1 second.
    assert plan.signature() == (3, 2, 1, 0)
    assert pairs(plan) == {"P": ("M1", 1), "Q": ("M3", 1), "R": ("M2", 2)}


def test_one_more_second_choice_beats_fewer_third_choices():
    p = Mentee("P", ("M9", "M1", "M2"))
    q = Mentee("Q", ("M9", "M3", "M1"))
    r = Mentee("R", ("M9", "M3", "M2"))
    plan = assign([p, q, r], [*mentors("M1", "M2", "M3"), Mentor("M9", 3)], taken={"M9": 3})
    assert plan.signature() == (3, 0, 2, 1)
    assert pairs(plan) == {"P": ("M1", 2), "Q": ("M3", 2), "R": ("M2", 3)}


def test_a_mentor_never_gets_more_mentees_than_places():
    everyone = [Mentee(f"E{k}", ("M1", "M2")) for k in range(6)]
    plan = assign(everyone, [Mentor("M1", 2), Mentor("M2", 3)])
    assert plan.loads() == {"M1": 2, "M2": 3}
    assert len(plan.unmatched) == 1


def test_places_already_taken_count_against_capacity():
    plan = assign([Mentee("A", ("M1", "M2"))], [Mentor("M1", 2), Mentor("M2")], taken={"M1": 2})
    assert pairs(plan) == {"A": ("M2", 2)}


def test_fit_breaks_a_tie_between_equal_ranks():
    data = Mentor("M1", topics=("data science",))
    keen = Mentee("Z-keen", ("M1",), goals=("data",))
    other = Mentee("A-other", ("M1",), goals=("design",))
    plan = assign([other, keen], [data])
    assert pairs(plan) == {"Z-keen": ("M1", 1)}
    assert plan.assignments[0].fit.reasons == ("shared topic: data",)
    assert plan.unmatched == ("A-other",)


def test_fit_never_outweighs_a_better_choice_rank():
    data = Mentor("M1", topics=("data",))
    plain = Mentor("M2")
    keen = Mentee("A", ("M2", "M1"), goals=("data",))  # fits M1 perfectly but ranked M2 first
    assert pairs(assign([keen], [data, plain])) == {"A": ("M2", 1)}


def test_any_of_these_gets_the_best_fit_with_room_after_ranked_mentees():
    ranked = Mentee("A", ("M1",))
    anyone = Mentee("B", open_to_any=True, goals=("security",), team="Payments")
    m1 = Mentor("M1", topics=("security",), team="Platform")
    m2 = Mentor("M2", team="Platform")
    m3 = Mentor("M3", topics=("security engineering",), team="Payments")
    plan = assign([ranked, anyone], [m1, m2, m3])
    # M1 fits B best but is A's first choice; of the rest, M3 shares B's topic (4) and M2 only
    # another team (2).
    assert pairs(plan) == {"A": ("M1", 1), "B": ("M3", None)}
    assert plan.signature() == (2, 1, 0, 0)


def test_any_of_these_after_ranked_choices_prefers_the_ranked_ones():
    mentee = Mentee("A", ("M2",), open_to_any=True)
    plan = assign([mentee], [Mentor("M1", topics=("x",)), Mentor("M2")])
    assert pairs(plan) == {"A": ("M2", 1)}
    full = assign([mentee], [Mentor("M1"), Mentor("M2")], taken={"M2": 1})
    assert pairs(full) == {"A": ("M1", None)}


def test_a_ranked_mentee_only_gets_mentors_they_ranked():
    plan = assign([Mentee("A", ("M1",)), Mentee("B", ("M1",))], mentors("M1", "M2"))
    assert len(plan.assignments) == 1 and plan.loads() == {"M1": 1}


def test_an_excluded_pair_is_never_made():
    """A mentor who declined is never given back to that mentee."""
    a = Mentee("A", ("M1", "M2"), open_to_any=True)
    plan = assign([a], mentors("M1", "M2", "M3"), exclude={("A", "M1")})
    assert pairs(plan) == {"A": ("M2", 2)}
    only = assign([a], mentors("M1"), exclude={("A", "M1")})
    assert only.unmatched == ("A",)


def test_a_person_in_both_lists_is_never_their_own_mentor():
    plan = assign([Mentee("U1", open_to_any=True)], [Mentor("U1", 3)])
    assert plan.unmatched == ("U1",)


def test_empty_inputs_give_an_empty_plan():
    assert assign([], mentors("M1")).signature() == (0, 0, 0, 0)
    nobody = assign([Mentee("A", ("M1",)), Mentee("B", open_to_any=True)], [])
    assert nobody.assignments == () and nobody.unmatched == ("A", "B")
    full = assign([Mentee("A", open_to_any=True)], mentors("M1"), taken={"M1": 1})
    assert full.unmatched == ("A",)


def test_the_same_people_in_any_order_get_the_same_plan():
    rng = random.Random(7)
    ids = [f"M{k}" for k in range(8)]
    people = [
        Mentee(f"E{k:02d}", tuple(rng.sample(ids, 3)), open_to_any=k % 4 == 0, team=f"T{k % 3}")
        for k in range(30)
    ]
    staff = [Mentor(i, 1 + k % 3, team=f"T{k % 2}") for k, i in enumerate(ids)]
    first = assign(people, staff)
    for _ in range(5):
        rng.shuffle(people)
        rng.shuffle(staff)
        assert assign(people, staff) == first


def test_interchangeable_mentees_each_get_their_own_mentor():
    """Mentees with the same gains share a node in the flow; each still ends up with one mentor."""
    anyone = [Mentee(f"E{k}", open_to_any=True) for k in range(7)]
    plan = assign(anyone, [Mentor("M1", 3), Mentor("M2", 2), Mentor("M3", 1)])
    assert sorted(a.mentee for a in plan.assignments) == [f"E{k}" for k in range(6)]
    assert plan.loads() == {"M1": 3, "M2": 2, "M3": 1}
    assert plan.unmatched == ("E6",)


def test_the_same_person_twice_is_refused():
    with pytest.raises(ValueError, match="mentee A appears twice"):
        assign([Mentee("A"), Mentee("A")], mentors("M1"))
    with pytest.raises(ValueError, match="mentor M1 appears twice"):
        assign([], [Mentor("M1"), Mentor("M1", 2)])


def test_the_weights_are_the_documented_ones_and_each_tier_outweighs_all_below():
    w = Weights.for_at_most(500)
    assert (w.third, w.second, w.first, w.matched) == (8_001, 4_008_501, 2_004_258_501, 1_002_129_258_501)
    assert 500 * w.top < 2**53
    for tier, below in ((w.matched, w.first), (w.first, w.second), (w.second, w.third), (w.third, 0)):
        assert tier > 500 * (below + FIT_MAX)


def test_a_late_joiner_takes_their_first_choice_with_room():
    staff = [Mentor("M1"), Mentor("M2", 2), Mentor("M3")]
    joiner = Mentee("L", ("M1", "M2", "M3"))
    got = assign_one(joiner, staff, taken={"M1": 1, "M2": 1})
    assert got is not None and (got.mentor, got.choice) == ("M2", 2)
    assert assign_one(joiner, staff, taken={"M1": 1, "M2": 2, "M3": 1}) is None


def test_after_a_decline_the_mentee_moves_on_and_never_back():
    staff = [Mentor("M1"), Mentor("M2", topics=("rust",)), Mentor("M3")]
    mentee = Mentee("A", ("M1",), goals=("rust",))
    assert assign_one(mentee, staff, declined={"M1"}) is None  # ranked only M1
    moved = assign_one(mentee, staff, declined={"M1"}, any_mentor=True)
    assert moved is not None and (moved.mentor, moved.choice) == ("M2", None)
    assert moved.fit.why() == "shared topic: rust"
    last = assign_one(mentee, staff, taken={"M3": 1}, declined={"M1", "M2"}, any_mentor=True)
    assert last is None


def test_late_joiners_one_by_one_fill_the_places_the_plan_left():
    staff = [Mentor("M1", 2), Mentor("M2")]
    plan = assign([Mentee("A", ("M1",)), Mentee("B", ("M2",))], staff)
    taken = plan.loads()
    got = []
    for joiner in (Mentee("L1", ("M2", "M1")), Mentee("L2", ("M1",)), Mentee("L3", open_to_any=True)):
        one = assign_one(joiner, staff, taken)
        if one is not None:
            taken[one.mentor] += 1
        got.append(None if one is None else (one.mentor, one.choice))
    assert got == [("M1", 2), None, None]
