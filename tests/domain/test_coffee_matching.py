"""Behaviour of the coffee-chat matching engine (pure, seeded)."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from bot.domain.coffee.matching import Candidate, Matching, MatchingHistory, match, pair_score
from bot.domain.people.person import Role

EMPTY = MatchingHistory(last_met={}, exclusions=frozenset(), organiser_counts={})


def person(uid: str, role: Role = Role.COLLEAGUE, team: str | None = None, tz: int | None = 0) -> Candidate:
    return Candidate(user_id=uid, role=role, team=team, utc_offset_minutes=tz)


def synthetic(n: int, seed: int) -> list[Candidate]:
    rng = random.Random(seed)
    zones = [-300, 0, 60, 330, 540]
    return [
        person(
            f"u{i:05d}",
            Role.INTERN if rng.random() < 0.25 else Role.COLLEAGUE,
            f"t{rng.randrange(6)}",
            rng.choice(zones),
        )
        for i in range(n)
    ]


def history(last_met=None, exclusions=(), organiser_counts=None) -> MatchingHistory:
    return MatchingHistory(
        last_met={frozenset(p): r for p, r in (last_met or {}).items()},
        exclusions=frozenset(frozenset(p) for p in exclusions),
        organiser_counts=organiser_counts or {},
    )


def pairs_of(m: Matching) -> set[frozenset[str]]:
    return {frozenset(p) for g in m.groups for p in combinations(g.members, 2)}


def record(last: dict, m: Matching, round_index: int) -> None:
    for pair in pairs_of(m):
        last[pair] = round_index


def grouped(m: Matching) -> list[str]:
    return [u for g in m.groups for u in g.members]


def test_odd_pool_makes_exactly_one_group_of_three():
    m = match(synthetic(11, 1), EMPTY, random.Random(1))
    assert sorted(len(g.members) for g in m.groups) == [2, 2, 2, 2, 3]


def test_even_pool_makes_only_pairs():
    m = match(synthetic(12, 1), EMPTY, random.Random(1))
    assert all(len(g.members) == 2 for g in m.groups)


def test_nobody_eligible_is_left_out():
    for n in range(2, 42):
        for seed in range(4):
            pool = synthetic(n, seed)
            m = match(pool, EMPTY, random.Random(seed))
            assert sorted(grouped(m)) == sorted(c.user_id for c in pool)
            assert m.unmatched == ()
            assert sum(len(g.members) == 3 for g in m.groups) == n % 2


def test_pool_of_one_is_told_why():
    m = match([person("solo")], EMPTY, random.Random(0))
    assert m.groups == ()
    assert [u.user_id for u in m.unmatched] == ["solo"]
    assert "only one" in m.unmatched[0].reason


def test_empty_pool_gives_empty_matching():
    assert match([], EMPTY, random.Random(0)) == Matching(groups=(), unmatched=())


def test_someone_excluded_from_everyone_is_told_why_and_the_rest_are_matched():
    pool = [person(u) for u in "abcde"]
    h = history(exclusions=[("a", u) for u in "bcde"])
    m = match(pool, h, random.Random(0))
    assert [u.user_id for u in m.unmatched] == ["a"]
    assert "do-not-match" in m.unmatched[0].reason
    assert sorted(grouped(m)) == list("bcde")


def test_excluded_pair_is_never_grouped_even_in_a_triple():
    pool = [person(u) for u in "abcde"]
    excluded = [("a", "b"), ("a", "c"), ("d", "e")]  # only b-c-d can form the triple
    for seed in range(30):
        m = match(pool, history(exclusions=excluded), random.Random(seed))
        assert not pairs_of(m) & {frozenset(p) for p in excluded}
        assert sorted(grouped(m)) == list("abcde")


def test_when_no_triple_is_possible_the_odd_one_out_is_told_why():
    pool = [person(u) for u in "abcde"]
    excluded = [("a", "b"), ("a", "c"), ("b", "c"), ("d", "e")]  # no three people may share a group
    m = match(pool, history(exclusions=excluded), random.Random(0))
    assert not pairs_of(m) & {frozenset(p) for p in excluded}
    assert len(grouped(m)) == 4 and len(m.unmatched) == 1
    assert m.unmatched[0].reason


def test_exclusion_that_forces_a_reshuffle_still_matches_everyone():
    pool = [person(u) for u in "abcd"]
    h = history(exclusions=[("a", "b"), ("a", "c")])  # a can only meet d
    for seed in range(10):
        m = match(pool, h, random.Random(seed))
        assert frozenset("ad") in pairs_of(m) and frozenset("bc") in pairs_of(m)


def test_no_repeat_while_a_fresh_partner_exists():
    pool = [person(u) for u in "abcd"]
    h = history(last_met={("a", "b"): 5, ("c", "d"): 5, ("a", "c"): 4})
    for seed in range(20):
        m = match(pool, h, random.Random(seed))
        assert pairs_of(m) == {frozenset("ad"), frozenset("bc")}
        assert all(g.repeat_pairs == 0 for g in m.groups)


@pytest.mark.parametrize("seed", range(20))
def test_odd_pool_finds_the_only_repeat_free_trio(seed):
    # Fresh pairs: the triangle A-B-C, plus C-D and D-E. Pairing first and adding the third
    # afterwards often takes C-D and leaves E to join a pair it has met; the only repeat-free
    # round is the trio A-B-C with D-E.
    fresh = {frozenset(p) for p in ("AB", "BC", "AC", "CD", "DE")}
    met = {p: 1 for p in combinations("ABCDE", 2) if frozenset(p) not in fresh}
    m = match([person(u) for u in "ABCDE"], history(met), random.Random(seed))
    assert sorted(g.members for g in m.groups) == [("A", "B", "C"), ("D", "E")]


def test_repeat_prefers_the_pair_that_met_longest_ago():
    # z has met everyone; b longest ago, so z meets b again rather than a (last week) or c.
    pool3 = [person(u) for u in "abc"] + [person("z")]
    h3 = history(
        last_met={("z", "a"): 9, ("z", "b"): 1, ("z", "c"): 5, ("a", "b"): 9, ("a", "c"): 9, ("b", "c"): 9}
    )
    assert frozenset("zb") in pairs_of(match(pool3, h3, random.Random(0)))


def test_intern_is_paired_with_a_colleague_before_a_peer():
    pool = [
        person("i1", Role.INTERN, "x"),
        person("i2", Role.INTERN, "y"),
        person("c1", Role.COLLEAGUE, "x"),
        person("m1", Role.MENTOR, "x"),
    ]
    for seed in range(20):
        m = match(pool, EMPTY, random.Random(seed))
        assert frozenset(("i1", "i2")) not in pairs_of(m)


def test_prefers_different_teams():
    pool = [person("a", team="x"), person("b", team="x"), person("c", team="y"), person("d", team="y")]
    for seed in range(20):
        assert pairs_of(match(pool, EMPTY, random.Random(seed))) <= {
            frozenset(p) for p in ["ac", "ad", "bc", "bd"]
        }


def met_teams(**teams: str) -> MatchingHistory:
    """A history where each named member has met people of the teams given as one letter each."""
    return MatchingHistory({}, frozenset(), {}, {u: frozenset(t) for u, t in teams.items()})


def test_intern_is_paired_with_a_team_they_have_not_met_even_across_time_zones():
    # Without the tier the clocks decide: i1 with cA, i2 with cB.
    pool = [
        person("i1", Role.INTERN, "X", tz=0),
        person("cA", Role.COLLEAGUE, "A", tz=0),
        person("i2", Role.INTERN, "X", tz=540),
        person("cB", Role.COLLEAGUE, "B", tz=540),
    ]
    for seed in range(20):
        m = match(pool, met_teams(i1="A", i2="B"), random.Random(seed))
        assert pairs_of(m) == {frozenset(("i1", "cB")), frozenset(("i2", "cA"))}


def test_an_intern_who_met_team_a_prefers_team_b():
    intern = person("i", Role.INTERN, "X")
    a, b = person("a", team="A"), person("b", team="B", tz=600)  # b's clock is far off
    h = met_teams(i="A")
    assert pair_score(intern, b, h) > pair_score(intern, a, h)
    assert pair_score(intern, b, EMPTY) < pair_score(intern, a, EMPTY)


def test_colleagues_prefer_teams_neither_has_met():
    # Clocks pair a-b and c-d; but each of those has already met the other's team.
    pool = [
        person("a", team="A", tz=0),
        person("b", team="B", tz=0),
        person("c", team="C", tz=540),
        person("d", team="D", tz=540),
    ]
    h = met_teams(a="B", b="A", c="D", d="C")
    for seed in range(20):
        assert not pairs_of(match(pool, h, random.Random(seed))) & {frozenset("ab"), frozenset("cd")}


def test_unmet_team_tier_sits_below_fresh_pairs_and_interns_with_colleagues():
    intern, colleague = person("i", Role.INTERN, "X"), person("c", team="X")
    other, peer = person("o", team="Y"), person("j", Role.INTERN, "Y")
    # an unmet team counts for an intern, and for a colleague a little less
    gain_intern = pair_score(intern, other, met_teams(o="X")) - pair_score(
        intern, other, met_teams(i="Y", o="X")
    )
    gain_peers = pair_score(colleague, other, EMPTY) - pair_score(colleague, other, met_teams(c="Y", o="X"))
    assert gain_intern > gain_peers > 0
    # ... but a colleague of a team already met beats an intern of an unmet one, and a fresh pair a repeat
    known = person("a", team="A")
    h = met_teams(i="A")
    assert pair_score(intern, known, h) > pair_score(intern, peer, h)
    repeat = MatchingHistory({frozenset("io"): 0}, frozenset(), {}, h.teams_met)
    assert pair_score(intern, known, repeat) > pair_score(intern, other, repeat)
    # ... and one's own team or an unknown one is never new
    for partner in (person("x", team="X"), person("n", team=None)):
        assert pair_score(intern, partner, EMPTY) == pair_score(intern, partner, met_teams(i="AB"))


def test_twelve_rounds_reach_every_team_for_an_intern_who_meets_every_week():
    # 4 interns of team X; colleagues in teams A..G, the first two teams much bigger.
    sizes = {"A": 12, "B": 10, "C": 2, "D": 2, "E": 2, "F": 2, "G": 2}
    pool = [person(f"i{k}", Role.INTERN, "X", tz=0) for k in range(4)]
    pool += [person(f"{t}{k:02d}", team=t, tz=0) for t, n in sizes.items() for k in range(n)]
    team = {c.user_id: c.team for c in pool}
    last: dict = {}
    seen: dict[str, set[str]] = {c.user_id: set() for c in pool}
    for r in range(8):
        h = MatchingHistory(dict(last), frozenset(), {}, {u: frozenset(t) for u, t in seen.items() if t})
        m = match(pool, h, random.Random(r))
        record(last, m, r)
        for g in m.groups:
            for u in g.members:
                seen[u].update(team[v] for v in g.members if v != u)
    assert all(seen[f"i{k}"] >= set(sizes) for k in range(4))


def test_prefers_overlapping_time_zones():
    pool = [person("a", tz=0), person("b", tz=60), person("c", tz=540), person("d", tz=600)]
    for seed in range(20):
        assert pairs_of(match(pool, EMPTY, random.Random(seed))) == {frozenset("ab"), frozenset("cd")}


def test_time_zones_wrap_around_the_date_line():
    a, b, c = person("a", tz=840), person("b", tz=-600), person("c", tz=0)
    assert pair_score(a, b, EMPTY) > pair_score(a, c, EMPTY)


def test_same_seed_gives_same_matching_whatever_the_input_order():
    pool = synthetic(60, 3)
    first = match(pool, EMPTY, random.Random(42))
    assert match(list(reversed(pool)), EMPTY, random.Random(42)) == first


def test_different_seeds_give_different_matchings():
    pool = synthetic(60, 3)
    assert len({match(pool, EMPTY, random.Random(s)) for s in range(5)}) > 1


def test_organiser_rotates_to_whoever_organised_least():
    pool = [person("a"), person("b")]
    m = match(pool, history(organiser_counts={"a": 3, "b": 1}), random.Random(0))
    assert m.groups[0].organiser == "b"
    ties = {match(pool, EMPTY, random.Random(s)).groups[0].organiser for s in range(20)}
    assert ties == {"a", "b"}


def test_21_member_pool_six_rounds_no_repeats_and_every_intern_meets_a_colleague():
    pool = [person(f"i{k}", Role.INTERN, f"t{k % 3}", 0) for k in range(8)]
    pool += [person(f"c{k:02d}", Role.COLLEAGUE, f"t{k % 4}", 60 * (k % 3)) for k in range(13)]
    interns = {c.user_id for c in pool if c.role == Role.INTERN}
    last: dict = {}
    for r in range(6):
        m = match(pool, MatchingHistory(dict(last), frozenset(), {}), random.Random(r))
        assert all(g.repeat_pairs == 0 for g in m.groups)
        assert len(grouped(m)) == 21
        for g in m.groups:
            if interns & set(g.members):
                assert set(g.members) - interns, f"intern group without colleague in round {r}: {g}"
        record(last, m, r)


def rounds_without_repeat(pool: list[Candidate], seed: int, limit: int) -> int:
    last: dict = {}
    for r in range(limit):
        m = match(pool, MatchingHistory(dict(last), frozenset(), {}), random.Random(seed * 1000 + r))
        if any(g.repeat_pairs for g in m.groups):
            return r
        record(last, m, r)
    return limit


def test_stable_40_pool_goes_many_rounds_without_repeat():
    pool = synthetic(40, 7)
    reached = rounds_without_repeat(pool, seed=7, limit=39)
    assert reached >= 30


def test_large_pool_uses_candidate_lists_and_still_matches_everyone():
    pool = synthetic(3001, 5)
    excluded = [(pool[i].user_id, pool[i + 1].user_id) for i in range(0, 3000, 50)]
    m = match(pool, history(exclusions=excluded), random.Random(5))
    assert sorted(grouped(m)) == sorted(c.user_id for c in pool)
    assert sum(len(g.members) == 3 for g in m.groups) == 1
    assert not pairs_of(m) & {frozenset(p) for p in excluded}
    # Speed at this size (the complete graph would be 4.5 million pairs) is measured by bench/pairing.py.


@pytest.mark.parametrize("n", [2, 3, 7])
def test_pool_smaller_than_everyone_met_still_matches_with_repeats(n):
    pool = synthetic(n, 2)
    h = MatchingHistory(
        {frozenset(p): 1 for p in combinations([c.user_id for c in pool], 2)}, frozenset(), {}
    )
    m = match(pool, h, random.Random(0))
    assert sorted(grouped(m)) == sorted(c.user_id for c in pool)
    assert all(g.repeat_pairs >= 1 for g in m.groups)


@pytest.mark.parametrize("n", [60, 900])  # small pools track closeness; large ones do not
def test_candidate_weights_are_the_same_sums_as_pair_weights(n):
    """Large pools score candidates in bulk (RoundMembers.fresh_weights); it must match weight() exactly."""
    from bot.domain.coffee.matching.round_members import RoundMembers

    pool = synthetic(n, 4)
    rng = random.Random(4)
    ids = [c.user_id for c in pool]
    met = {frozenset(rng.sample(ids, 2)): rng.randrange(1, 6) for _ in range(n * 3)}
    teams = {u: frozenset(rng.sample([f"t{k}" for k in range(6)], rng.randrange(4))) for u in ids}
    excluded = frozenset(frozenset(rng.sample(ids, 2)) for _ in range(n // 10))
    fresh = RoundMembers(pool, MatchingHistory(met, excluded, {}, teams), random.Random(1))
    scored = RoundMembers(pool, MatchingHistory(met, excluded, {}, teams), random.Random(1))
    checked = 0
    for i in range(0, n, 7):
        for w, j in fresh.fresh_weights(i, range(n)):
            assert w == scored.weight(i, j), (i, j)
            checked += 1
    assert checked > n  # and non-fresh pairs are left out:
    assert all(scored.fresh(0, j) for _, j in fresh.fresh_weights(0, range(n)))
    assert len(fresh.fresh_weights(0, range(n))) == sum(scored.fresh(0, j) for j in range(n))
